/// Row-wise gathers and their adjoints: the memory half of a convolution (im2col and col2im).
extension Tensor {
    /// y[b, j] = x[b, index.indices[j]] (0 where the index is −1), for x of shape [B, index.sourceCount]; the
    /// result has shape [B, index.count]. Linear in x; its adjoint is `scatterAdded(_:)`.
    /// - Precondition: rank 2 with index.sourceCount columns.
    public func gathered(_ index: GatherIndex) -> Tensor {
        require(
            rank == 2 && shape[1] == index.sourceCount,
            "gather of shape \(shape) with an index over rows of \(index.sourceCount)"
        )
        let rows = shape[0], n = index.sourceCount, m = index.count
        let out = Tensor(uninitialized: [rows, m])
        let src = storage.base, dst = out.storage.base
        index.indices.withUnsafeBufferPointer { idx in
            for r in 0..<rows {
                let s = src + r * n, d = dst + r * m
                for j in 0..<m {
                    let i = Int(idx[j])
                    d[j] = i >= 0 ? s[i] : 0
                }
            }
        }
        return recording(.gather(index), out)
    }

    /// The adjoint of `gathered(_:)`: y[b, index.indices[j]] += x[b, j], for x of shape [B, index.count]; the
    /// result has shape [B, index.sourceCount] (zero where nothing lands).
    /// - Precondition: rank 2 with index.count columns.
    public func scatterAdded(_ index: GatherIndex) -> Tensor {
        require(
            rank == 2 && shape[1] == index.count,
            "scatter of shape \(shape) with an index over rows of \(index.count)"
        )
        let rows = shape[0], n = index.sourceCount, m = index.count
        let out = Tensor(zeros: [rows, n])
        let src = storage.base, dst = out.storage.base
        index.indices.withUnsafeBufferPointer { idx in
            for r in 0..<rows {
                let s = src + r * m, d = dst + r * n
                for j in 0..<m {
                    let i = Int(idx[j])
                    if i >= 0 { d[i] += s[j] }
                }
            }
        }
        return recording(.scatterAdd(index), out)
    }
}
