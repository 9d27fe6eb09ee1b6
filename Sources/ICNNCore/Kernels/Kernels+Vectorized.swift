/// Routes Float kernels to the vectorised C implementations (`VectorMath`, `Gemm`); the generic loops in
/// `Kernels` remain the Double path and the reference.
enum Vectorized {
    /// Whether `kernel` has a vectorised Float implementation.
    @inline(__always)
    static func handles<S>(_ kernel: _UnaryKernel<S>) -> Bool {
        switch kernel {
        case .exp, .log, .tanh, .softplus, .sigmoid: true
        default: false
        }
    }

    static func apply<S>(
        _ kernel: _UnaryKernel<S>,
        _ x: UnsafePointer<Float>,
        _ y: UnsafeMutablePointer<Float>,
        _ n: Int
    ) {
        switch kernel {
        case .exp: VectorMath.exp(x, into: y, count: n)
        case .log: VectorMath.log(x, into: y, count: n)
        case .tanh: VectorMath.tanh(x, into: y, count: n)
        case .softplus: VectorMath.softplus(x, into: y, count: n)
        case .sigmoid: VectorMath.sigmoid(x, into: y, count: n)
        default: require(false, "no vectorised kernel for \(kernel)")
        }
    }

    static func logSumExp(
        _ a: UnsafePointer<Float>,
        _ b: UnsafePointer<Float>,
        _ tau: Float,
        _ out: UnsafeMutablePointer<Float>,
        _ n: Int
    ) {
        VectorMath.logSumExp(a, b, temperature: tau, into: out, weight: nil, count: n)
    }

    /// sigmoid((a − b)/τ).
    static func logSumExpWeight(
        _ a: UnsafePointer<Float>,
        _ b: UnsafePointer<Float>,
        _ tau: Float,
        _ out: UnsafeMutablePointer<Float>,
        _ n: Int
    ) {
        for i in 0..<n { out[i] = a[i] - b[i] }
        VectorMath.sigmoid(out, temperature: tau, into: out, count: n)
    }

    /// a·sigmoid(b); `out` must not alias `a`.
    static func multiplySigmoid(
        _ a: UnsafePointer<Float>,
        _ b: UnsafePointer<Float>,
        _ out: UnsafeMutablePointer<Float>,
        _ n: Int
    ) {
        VectorMath.sigmoid(b, into: out, count: n)
        for i in 0..<n { out[i] *= a[i] }
    }
}
