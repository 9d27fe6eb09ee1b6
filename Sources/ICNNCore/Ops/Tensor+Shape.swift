/// Reshaping, transposition, slicing and concatenation.
extension Tensor {
    /// The same elements with another shape (no copy). One extent may be −1, inferred from the others.
    /// - Precondition: the element counts agree.
    @_specialize(where Scalar == Float)
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            require(known > 0 && count % known == 0, "cannot reshape shape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        require(Self.elementCount(resolved) == count, "cannot reshape shape \(shape) to \(newShape)")
        if resolved == shape { return self }
        return recording(.reshape, Tensor(shape: resolved, storage: storage))
    }

    /// The transpose of a rank-2 tensor.
    /// - Precondition: rank 2.
    @_specialize(where Scalar == Float)
    public func transposed() -> Tensor {
        require(rank == 2, "transpose of a tensor of shape \(shape): rank 2 required")
        let (r, c) = (shape[0], shape[1])
        let out = Tensor(uninitialized: [c, r])
        let src = storage.base, dst = out.storage.base
        // Blocked so that both reads and writes stay within a few cache lines.
        let block = 32
        for i0 in stride(from: 0, to: r, by: block) {
            for j0 in stride(from: 0, to: c, by: block) {
                for i in i0..<Swift.min(i0 + block, r) {
                    for j in j0..<Swift.min(j0 + block, c) { dst[j * r + i] = src[i * c + j] }
                }
            }
        }
        return recording(.transpose, out)
    }

    /// Elements [start, start + length) along `axis`.
    /// - Precondition: the range lies within the axis.
    @_specialize(where Scalar == Float)
    public func sliced(axis: Int, start: Int, length: Int) -> Tensor {
        require(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        require(
            start >= 0 && length >= 0 && start + length <= shape[axis],
            "slice \(start)..<\(start + length) out of range for axis \(axis) of shape \(shape)"
        )
        var outShape = shape
        outShape[axis] = length
        let out = Tensor(uninitialized: outShape)
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        let n = shape[axis]
        for o in 0..<outer {
            (out.storage.base + o * length * inner).update(
                from: storage.base + (o * n + start) * inner,
                count: length * inner
            )
        }
        return recording(.slice(axis: axis, start: start), out)
    }

    /// This tensor placed at [start, start + extent along axis) of a zero tensor whose `axis` has `extent`
    /// (the adjoint of `sliced`).
    func embedded(axis: Int, start: Int, extent: Int) -> Tensor {
        require(start >= 0 && start + shape[axis] <= extent, "embedding out of range")
        var outShape = shape
        outShape[axis] = extent
        let out = Tensor(zeros: outShape)
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        let length = shape[axis]
        for o in 0..<outer {
            (out.storage.base + (o * extent + start) * inner).update(
                from: storage.base + o * length * inner,
                count: length * inner
            )
        }
        return recording(.embed(axis: axis, start: start), out)
    }

    /// The concatenation of `tensors` along `axis`.
    /// - Precondition: at least one tensor; all shapes agree except along `axis`.
    @_specialize(where Scalar == Float)
    public static func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
        require(!tensors.isEmpty, "concatenation of no tensors")
        let first = tensors[0].shape
        require(axis >= 0 && axis < first.count, "axis \(axis) out of range for shape \(first)")
        var total = 0
        for t in tensors {
            var a = t.shape, b = first
            require(a.count == b.count, "cannot concatenate shapes \(first) and \(t.shape)")
            a[axis] = 0
            b[axis] = 0
            require(a == b, "cannot concatenate shapes \(first) and \(t.shape) along axis \(axis)")
            total += t.shape[axis]
        }
        var outShape = first
        outShape[axis] = total
        let out = Tensor(uninitialized: outShape)
        let outer = first[..<axis].reduce(1, *), inner = first[(axis + 1)...].reduce(1, *)
        var offset = 0
        for t in tensors {
            let length = t.shape[axis]
            for o in 0..<outer {
                (out.storage.base + (o * total + offset) * inner).update(
                    from: t.storage.base + o * length * inner,
                    count: length * inner
                )
            }
            offset += length
        }
        return recording(.concatenate(axis: axis), tensors, out)
    }

    /// The rows (first-axis entries) at `indices`, in that order, untracked: for assembling mini-batches.
    /// - Precondition: every index is in 0..<shape[0].
    public func rows(_ indices: [Int]) -> Tensor {
        require(rank >= 1, "rows of a scalar")
        let inner = count / Swift.max(shape[0], 1)
        var outShape = shape
        outShape[0] = indices.count
        let out = Tensor(uninitialized: outShape)
        for (r, i) in indices.enumerated() {
            require(i >= 0 && i < shape[0], "row \(i) out of range for shape \(shape)")
            (out.storage.base + r * inner).update(from: storage.base + i * inner, count: inner)
        }
        return out
    }
}
