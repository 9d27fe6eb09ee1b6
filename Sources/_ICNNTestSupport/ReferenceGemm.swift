/// The naive triple-loop matrix multiply the GEMM kernels are tested against, evaluated in Double.
public enum ReferenceGemm {
    /// C = α·op(A)·op(B) + β·C in Double, with op(A) m×k and op(B) k×n stored as for ``Gemm`` (row-major, A
    /// stored k×m when `transposeA`, B stored n×k when `transposeB`). β = 0 ignores C.
    /// With `rowStride` > 1 only every rowStride-th row is computed (the others stay 0), for products too large
    /// to check whole.
    /// - Returns: `value` (m·n, row-major, dense) and `magnitude`, the per-element Σₚ|α·aᵢₚ·bₚⱼ| + |β·cᵢⱼ|
    ///   that error bounds scale with.
    public static func multiply<S: BinaryFloatingPoint>(
        transposeA: Bool,
        transposeB: Bool,
        m: Int,
        n: Int,
        k: Int,
        alpha: Double,
        a: [S],
        lda: Int,
        b: [S],
        ldb: Int,
        beta: Double,
        c: [S],
        ldc: Int,
        rowStride: Int = 1
    ) -> (value: [Double], magnitude: [Double]) {
        var value = [Double](repeating: 0, count: m * n)
        var magnitude = [Double](repeating: 0, count: m * n)
        for i in stride(from: 0, to: m, by: rowStride) {
            for j in 0..<n {
                var sum = 0.0, size = 0.0
                for p in 0..<k {
                    let x = Double(transposeA ? a[p * lda + i] : a[i * lda + p])
                    let y = Double(transposeB ? b[j * ldb + p] : b[p * ldb + j])
                    sum += x * y
                    size += abs(x * y)
                }
                let old = beta == 0 ? 0 : beta * Double(c[i * ldc + j])
                value[i * n + j] = alpha * sum + old
                magnitude[i * n + j] = abs(alpha) * size + abs(old)
            }
        }
        return (value, magnitude)
    }
}
