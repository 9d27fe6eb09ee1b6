/// Elementwise functions of one tensor. Each returns a tensor of the input's shape and is recorded when the input
/// is tracked. Edge-case behaviour follows IEEE arithmetic unless stated.
extension Tensor {
    @inline(__always) @usableFromInline
    func unary(_ kernel: _UnaryKernel<Scalar>) -> Tensor {
        let out = Tensor(uninitialized: shape)
        Scalar._unary(kernel, storage.base, out.storage.base, count)
        return recording(.unary(kernel), out)
    }

    /// An untracked elementwise function (masks and other piecewise-constant factors).
    @usableFromInline
    func constant(_ kernel: _UnaryKernel<Scalar>) -> Tensor {
        let out = Tensor(uninitialized: shape)
        Scalar._unary(kernel, storage.base, out.storage.base, count)
        return out
    }

    /// eˣ. Convex, increasing, smooth. Overflows to +∞ above about 88.7 (Float).
    @_specialize(where Scalar == Float)
    public func exp() -> Tensor { unary(.exp) }

    /// The natural logarithm. Concave, increasing, smooth on x > 0; log 0 = −∞, log of a negative number is NaN.
    @_specialize(where Scalar == Float)
    public func log() -> Tensor { unary(.log) }

    /// x². Convex, smooth.
    @_specialize(where Scalar == Float)
    public func squared() -> Tensor { unary(.square) }

    /// √x. Smooth on x > 0; its derivative is infinite at 0.
    @_specialize(where Scalar == Float)
    public func squareRoot() -> Tensor { unary(.squareRoot) }

    /// 1/x. Smooth away from 0.
    @_specialize(where Scalar == Float)
    public func reciprocal() -> Tensor { unary(.reciprocal) }

    /// |x|. Convex; its derivative at 0 is taken as 0.
    @_specialize(where Scalar == Float)
    public func absolute() -> Tensor { unary(.absolute) }

    /// tanh x. Increasing, smooth, neither convex nor concave.
    @_specialize(where Scalar == Float)
    public func tanh() -> Tensor { unary(.tanh) }

    /// max(x, 0). Convex, non-decreasing, piecewise linear; relu′(0) = 0, relu″ = 0 almost everywhere.
    @_specialize(where Scalar == Float)
    public func relu() -> Tensor { unary(.relu) }

    /// x for x > 0, `slope`·x otherwise. Convex and non-decreasing for 0 ≤ slope ≤ 1; derivative at 0 is `slope`.
    @_specialize(where Scalar == Float)
    public func leakyRelu(slope: Scalar = 0.01) -> Tensor { unary(.leakyRelu(slope)) }

    /// log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|): no overflow for large x, full relative precision for
    /// very negative x. Convex, increasing, smooth; its derivative is the sigmoid.
    /// On a tape the sigmoid is computed in the same pass and kept for the backward pass.
    @_specialize(where Scalar == Float)
    public func softplus() -> Tensor {
        guard isTracked else { return unary(.softplus) }
        let out = Tensor(uninitialized: shape), sigmoid = Tensor(uninitialized: shape)
        Kernels.softplusAndSigmoid(storage.base, out.storage.base, sigmoid.storage.base, count)
        return recording(.softplus(sigmoid: sigmoid), out)
    }

    /// τ·softplus(x/τ): a smooth ReLU whose sharpness is set by the temperature τ > 0 (→ ReLU as τ → 0).
    /// Convex, increasing, smooth.
    /// - Precondition: τ > 0.
    @_specialize(where Scalar == Float)
    public func softplus(temperature tau: Scalar) -> Tensor {
        require(tau > 0, "softplus temperature must be positive, got \(tau)")
        if tau == 1 { return softplus() }
        return (self * (1 / tau)).softplus() * tau
    }

    /// 1/(1 + e^−x), computed without overflow for either sign. Increasing, smooth, in (0, 1).
    @_specialize(where Scalar == Float)
    public func sigmoid() -> Tensor { unary(.sigmoid) }

    /// Each element limited to [low, high] (NaN stays NaN). Its derivative is 1 strictly inside and 0 outside
    /// (and at the bounds).
    /// - Precondition: low ≤ high.
    @_specialize(where Scalar == Float)
    public func clamped(min low: Scalar = -.infinity, max high: Scalar = .infinity) -> Tensor {
        require(low <= high, "clamp bounds \(low) > \(high)")
        return unary(.clamp(low, high))
    }

    /// Limits every element to [low, high] in place, without allocating when the storage is not shared (the
    /// projection step of a constrained optimiser). Untracks `self`.
    /// - Precondition: low ≤ high.
    public mutating func clamp(min low: Scalar = -.infinity, max high: Scalar = .infinity) {
        require(low <= high, "clamp bounds \(low) > \(high)")
        makeUnique()
        Scalar._unary(.clamp(low, high), storage.base, storage.base, count)
    }

    /// −x.
    @_specialize(where Scalar == Float)
    public static prefix func - (x: Tensor) -> Tensor { x.unary(.negate) }

    /// x·c.
    @_specialize(where Scalar == Float)
    public static func * (x: Tensor, c: Scalar) -> Tensor { x.unary(.scale(c)) }

    /// c·x.
    @_specialize(where Scalar == Float)
    public static func * (c: Scalar, x: Tensor) -> Tensor { x.unary(.scale(c)) }

    /// x/c.
    @_specialize(where Scalar == Float)
    public static func / (x: Tensor, c: Scalar) -> Tensor { x.unary(.scale(1 / c)) }

    /// x + c.
    @_specialize(where Scalar == Float)
    public static func + (x: Tensor, c: Scalar) -> Tensor { x.unary(.shift(c)) }

    /// c + x.
    @_specialize(where Scalar == Float)
    public static func + (c: Scalar, x: Tensor) -> Tensor { x.unary(.shift(c)) }

    /// x − c.
    @_specialize(where Scalar == Float)
    public static func - (x: Tensor, c: Scalar) -> Tensor { x.unary(.shift(-c)) }

    /// c − x.
    @_specialize(where Scalar == Float)
    public static func - (c: Scalar, x: Tensor) -> Tensor { (-x).unary(.shift(c)) }
}
