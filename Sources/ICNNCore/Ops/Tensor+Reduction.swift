/// Sums and means, and their adjoint, broadcasting.
extension Tensor {
    /// The sum of all elements, as a rank-0 tensor.
    @_specialize(where Scalar == Float)
    public func sum() -> Tensor { summed(toShape: []) }

    /// The mean of all elements, as a rank-0 tensor.
    /// - Precondition: the tensor is not empty.
    @_specialize(where Scalar == Float)
    public func mean() -> Tensor {
        require(count > 0, "mean of an empty tensor of shape \(shape)")
        return sum() * (1 / Scalar(count))
    }

    /// Sums over `axes`; with `keepingDimensions` the summed axes stay with extent 1.
    /// - Precondition: every axis is in 0..<rank.
    @_specialize(where Scalar == Float)
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        var kept = shape
        for axis in axes {
            require(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
            kept[axis] = 1
        }
        let s = summed(toShape: kept)
        if keepingDimensions { return s }
        return s.reshaped(shape.enumerated().filter { !axes.contains($0.offset) }.map { $0.element })
    }

    /// Means over `axes`; with `keepingDimensions` the averaged axes stay with extent 1.
    @_specialize(where Scalar == Float)
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let n = axes.reduce(1) { $0 * shape[$1] }
        require(n > 0, "mean over empty axes \(axes) of shape \(shape)")
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions) * (1 / Scalar(n))
    }

    /// Sums down to `target`, a shape this tensor's shape broadcasts from (the adjoint of `broadcast(to:)`):
    /// missing leading axes and axes where `target` has extent 1 are summed.
    /// - Precondition: `target` broadcasts to `shape`.
    @_specialize(where Scalar == Float)
    public func summed(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        require(target.count <= rank, "cannot sum shape \(shape) to shape \(target)")
        let padded = [Int](repeating: 1, count: rank - target.count) + target
        for axis in 0..<rank {
            require(padded[axis] == shape[axis] || padded[axis] == 1, "cannot sum shape \(shape) to shape \(target)")
        }
        // Reduce each run of consecutive summed axes in one pass over [outer, reduced, inner].
        var dims = shape
        var current = storage
        var axis = 0
        while axis < rank {
            guard padded[axis] == 1 && dims[axis] != 1 else { axis += 1; continue }
            var end = axis
            while end < rank && padded[end] == 1 { end += 1 }
            let outer = dims[..<axis].reduce(1, *)
            let reduced = dims[axis..<end].reduce(1, *)
            let inner = dims[end...].reduce(1, *)
            let next = TensorStorage<Scalar>(uninitializedCount: outer * inner)
            Scalar._sum(current.base, outer: outer, reduced: reduced, inner: inner, next.base)
            current = next
            for k in axis..<end { dims[k] = 1 }
            axis = end
        }
        if current === storage { current = storage.copy() }  // only unit axes were "summed"
        return recording(.sumToShape, Tensor(shape: target, storage: current))
    }

    /// Repeats along axes of extent 1 and new leading axes up to `target` (numpy broadcasting).
    /// - Precondition: this shape broadcasts to `target`.
    @_specialize(where Scalar == Float)
    public func broadcast(to target: [Int]) -> Tensor {
        if target == shape { return self }
        let (result, strides, _) = Self.broadcastLayout(shape, target)
        require(result == target, "cannot broadcast shape \(shape) to shape \(target)")
        let out = Tensor(uninitialized: target)
        var zero = Scalar(0)
        withUnsafePointer(to: &zero) { z in
            Scalar._binary(
                .add,
                storage.base,
                strides,
                z,
                [Int](repeating: 0, count: target.count),
                out.storage.base,
                target
            )
        }
        return recording(.broadcastToShape, out)
    }
}
