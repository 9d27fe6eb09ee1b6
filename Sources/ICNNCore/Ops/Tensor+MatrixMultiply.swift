/// The matrix product op(a)·op(b) of rank-2 tensors, where op transposes when asked: a is m×k (or k×m with
/// `transposeA`), b is k×n (or n×k with `transposeB`); the result is m×n. A dense layer with weights W stored
/// [out, in] is `matmul(x, w, transposeB: true)`. Runs on the fast multi-threaded GEMM; recorded when an operand
/// is tracked (its gradient is again a pair of products, so it is differentiable to any order).
/// - Precondition: both operands have rank 2 and their inner extents agree; the message gives both shapes.
@_specialize(where Scalar == Float)
public func matmul<Scalar: TensorScalar>(
    _ a: Tensor<Scalar>,
    _ b: Tensor<Scalar>,
    transposeA: Bool = false,
    transposeB: Bool = false
) -> Tensor<Scalar> {
    require(a.rank == 2 && b.rank == 2, "matmul of shapes \(a.shape) and \(b.shape): rank 2 required")
    let (m, ka) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    require(
        ka == kb,
        "matmul inner extents differ: shapes \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "")"
    )
    let out = Tensor<Scalar>(uninitialized: [m, n])
    if m > 0 && n > 0 {
        Scalar._gemm(
            transposeA: transposeA,
            transposeB: transposeB,
            m: m,
            n: n,
            k: ka,
            alpha: 1,
            a: a.storage.base,
            lda: a.shape[1],
            b: b.storage.base,
            ldb: b.shape[1],
            beta: 0,
            addend: nil,
            ldAddend: 0,
            c: out.storage.base,
            ldc: n
        )
    }
    return Tensor.recording(.matmul(transposeA: transposeA, transposeB: transposeB), a, b, out)
}
