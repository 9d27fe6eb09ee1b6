/// The affine map of a dense layer, x·Wᵀ + b, in one pass: the GEMM adds the addend (a bias row or a full
/// [B, out] tensor, read where it is) as it stores its first depth block, so no separate sum, bias or copy pass is
/// made.
///
/// Weights are stored [out, in], as in PyTorch's `nn.Linear` and in the model files. The addend may be a bias
/// row [out], a full [B, out] tensor (e.g. another layer's output: the input skip of an ICNN layer
/// W^z z + W^y y + b is `linear(z, weight: wz, adding: linear(y, weight: wy, adding: b))`), or anything that
/// broadcasts to [B, out]. Differentiable to any order (its VJP is made of products and a sum).
/// - Parameters:
///   - x: [B, in].
///   - w: [out, in].
///   - addend: broadcastable to [B, out], or nil for none.
/// - Returns: [B, out].
/// - Precondition: shapes agree; the message gives them.
@_specialize(where Scalar == Float)
public func linear<Scalar: TensorScalar>(
    _ x: Tensor<Scalar>,
    weight w: Tensor<Scalar>,
    adding addend: Tensor<Scalar>? = nil
) -> Tensor<Scalar> {
    require(
        x.rank == 2 && w.rank == 2 && x.shape[1] == w.shape[1],
        "linear: input shape \(x.shape) does not match weight shape \(w.shape) ([out, in])"
    )
    let (b, n, k) = (x.shape[0], w.shape[0], x.shape[1])
    let out = Tensor<Scalar>(uninitialized: [b, n])
    // The GEMM reads a full [b, n] addend or a bias row where it is (its first depth block adds it), so no
    // separate pass copies it into the output; other broadcasts are expanded into the output first.
    var beta: Scalar = 0
    var source: Tensor<Scalar>? = nil
    var rowStride = 0
    if let addend {
        let (shape, strides, _) = Tensor<Scalar>.broadcastLayout(addend.shape, [b, n])
        require(shape == [b, n], "linear: addend shape \(addend.shape) does not broadcast to [\(b), \(n)]")
        if strides == [n, 1] || strides == [0, 1] {
            source = addend
            rowStride = strides[0]
        } else {
            var zero = Scalar(0)
            withUnsafePointer(to: &zero) { z in
                Scalar._binary(.add, addend.storage.base, strides, z, [0, 0], out.storage.base, [b, n])
            }
        }
        beta = 1
    }
    if b > 0 && n > 0 {
        Scalar._gemm(
            transposeA: false,
            transposeB: true,
            m: b,
            n: n,
            k: k,
            alpha: 1,
            a: x.storage.base,
            lda: k,
            b: w.storage.base,
            ldb: k,
            beta: beta,
            addend: source.map { UnsafePointer($0.storage.base) },
            ldAddend: rowStride,
            c: out.storage.base,
            ldc: n
        )
    }
    if let addend { return Tensor.recording(.linear, [x, w, addend], out) }
    return Tensor.recording(.linear, x, w, out)
}
