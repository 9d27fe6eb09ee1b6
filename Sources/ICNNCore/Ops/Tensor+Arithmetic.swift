/// Elementwise functions of two tensors, with numpy broadcasting: shapes are aligned at their last axis, and an
/// axis of extent 1 (or a missing leading axis) repeats to match the other operand.
extension Tensor {
    /// The broadcast shape of two shapes and each operand's element strides over it (0 along repeated axes).
    /// - Precondition: the shapes are compatible; the message names both.
    @usableFromInline
    static func broadcastLayout(_ a: [Int], _ b: [Int]) -> (shape: [Int], aStrides: [Int], bStrides: [Int]) {
        let rank = Swift.max(a.count, b.count)
        var shape = [Int](repeating: 1, count: rank)
        for k in 0..<rank {
            let da = k < rank - a.count ? 1 : a[k - (rank - a.count)]
            let db = k < rank - b.count ? 1 : b[k - (rank - b.count)]
            require(da == db || da == 1 || db == 1, "shapes \(a) and \(b) cannot be broadcast together")
            shape[k] = da == 1 ? db : da
        }
        return (shape, strides(of: a, over: shape), strides(of: b, over: shape))
    }

    /// Element strides of a contiguous tensor of shape `s` read over the broadcast shape `target`.
    @usableFromInline
    static func strides(of s: [Int], over target: [Int]) -> [Int] {
        var result = [Int](repeating: 0, count: target.count)
        var step = 1
        var k = s.count - 1
        for axis in stride(from: target.count - 1, through: 0, by: -1) {
            if k >= 0 {
                result[axis] = s[k] == 1 ? 0 : step
                step *= s[k]
                k -= 1
            }
        }
        return result
    }

    @usableFromInline
    static func binaryValue(_ kernel: _BinaryKernel<Scalar>, _ a: Tensor, _ b: Tensor) -> Tensor {
        if a.shape == b.shape {
            let out = Tensor(uninitialized: a.shape)
            let contiguous = [1]
            Scalar._binary(
                kernel,
                a.storage.base,
                contiguous,
                b.storage.base,
                contiguous,
                out.storage.base,
                [a.count]
            )
            return out
        }
        let (shape, sa, sb) = broadcastLayout(a.shape, b.shape)
        let out = Tensor(uninitialized: shape)
        Scalar._binary(kernel, a.storage.base, sa, b.storage.base, sb, out.storage.base, shape)
        return out
    }

    @inline(__always) @usableFromInline
    static func binary(_ kernel: _BinaryKernel<Scalar>, _ a: Tensor, _ b: Tensor) -> Tensor {
        recording(.binary(kernel), a, b, binaryValue(kernel, a, b))
    }

    /// An untracked elementwise function of two tensors (masks, weights).
    @usableFromInline
    static func constant(_ kernel: _BinaryKernel<Scalar>, _ a: Tensor, _ b: Tensor) -> Tensor {
        binaryValue(kernel, a, b)
    }

    /// a + b, broadcasting.
    @_specialize(where Scalar == Float)
    public static func + (a: Tensor, b: Tensor) -> Tensor { binary(.add, a, b) }

    /// a − b, broadcasting.
    @_specialize(where Scalar == Float)
    public static func - (a: Tensor, b: Tensor) -> Tensor { binary(.subtract, a, b) }

    /// a·b elementwise (Hadamard product), broadcasting.
    @_specialize(where Scalar == Float)
    public static func * (a: Tensor, b: Tensor) -> Tensor { binary(.multiply, a, b) }

    /// a/b elementwise, broadcasting.
    @_specialize(where Scalar == Float)
    public static func / (a: Tensor, b: Tensor) -> Tensor { binary(.divide, a, b) }

    /// The two-lane maximum max(a, b) elementwise (maxout), broadcasting. Convex and non-decreasing in each lane.
    /// Tie rule: where a = b the value and the whole gradient go to `a` (so the derivative is that of `a`).
    @_specialize(where Scalar == Float)
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor { binary(.maximum, a, b) }

    /// The two-lane τ-log-sum-exp τ·log(e^(a/τ) + e^(b/τ)) elementwise, a smooth maximum (max(a,b) ≤ value ≤
    /// max(a,b) + τ·log 2), computed as max(a, b) + τ·log1p(e^(−|a−b|/τ)). Convex and non-decreasing in each lane,
    /// smooth; → `maximum` as τ → 0. Its gradient splits as w = sigmoid((a−b)/τ) to `a` and 1 − w to `b`.
    /// - Precondition: τ > 0.
    @_specialize(where Scalar == Float)
    public static func logSumExp(_ a: Tensor, _ b: Tensor, temperature tau: Scalar) -> Tensor {
        require(tau > 0, "log-sum-exp temperature must be positive, got \(tau)")
        guard a.isTracked || b.isTracked, a.shape == b.shape else { return binary(.logSumExp(tau), a, b) }
        // On a tape the lane weight is computed in the same pass and kept for the backward pass.
        let out = Tensor(uninitialized: a.shape), weight = Tensor(uninitialized: a.shape)
        Kernels.logSumExpAndWeight(a.storage.base, b.storage.base, tau, out.storage.base, weight.storage.base, a.count)
        return recording(.logSumExp(temperature: tau, weight: weight), a, b, out)
    }

    /// sigmoid((a − b)/τ): the lane weight of `logSumExp(a, b, temperature: τ)` (its derivative in `a`).
    /// Differentiable: with tracked operands it is recorded as one op whose VJP is w(1 − w)/τ to `a` and its
    /// negative to `b`.
    @_specialize(where Scalar == Float)
    public static func logSumExpWeight(_ a: Tensor, _ b: Tensor, temperature tau: Scalar) -> Tensor {
        binary(.logSumExpWeight(tau), a, b)
    }

    /// Adds `other` in place (same shape), reusing this tensor's storage when it is not shared. Untracks `self`.
    /// - Precondition: the shapes are equal.
    public mutating func add(_ other: Tensor) {
        require(shape == other.shape, "in-place add of shape \(other.shape) to shape \(shape)")
        makeUnique()
        let contiguous = [1]
        Scalar._binary(.add, storage.base, contiguous, other.storage.base, contiguous, storage.base, [count])
    }
}
