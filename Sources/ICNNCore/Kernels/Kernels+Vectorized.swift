// Placeholder until the vectorised C kernels land: handles nothing, so every kernel takes the scalar path.
/// Routes Float kernels to the vectorised C implementations.
enum Vectorized {
    static func handles<S>(_ kernel: _UnaryKernel<S>) -> Bool { false }
    static func apply<S>(_ kernel: _UnaryKernel<S>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {}
    static func logSumExp(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ tau: Float, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { out[i] = LogSumExpF<Float>.apply(a[i], b[i], tau) }
    }
    static func logSumExpWeight(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ tau: Float, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { out[i] = LogSumExpWeightF<Float>.apply(a[i], b[i], tau) }
    }
}
