/// The primitive operations the tape records. Each has one vector-Jacobian product (`Op+VJP.swift`) written with
/// tensor operations, so that it can itself be recorded and differentiated again.
@usableFromInline
enum Op<Scalar: TensorScalar> {
    /// An independent variable (`Tape.watch`).
    case leaf
    /// An elementwise function of one tensor.
    case unary(_UnaryKernel<Scalar>)
    /// softplus, with the sigmoid of its input (its derivative) computed in the same pass and kept for the VJP.
    case softplus(sigmoid: Tensor<Scalar>)
    /// The two-lane τ-log-sum-exp of same-shape operands, with its lane weight sigmoid((a − b)/τ) (the derivative
    /// in a) computed in the same pass and kept for the VJP.
    case logSumExp(temperature: Scalar, weight: Tensor<Scalar>)
    /// An elementwise function of two tensors with broadcasting.
    case binary(_BinaryKernel<Scalar>)
    /// op(A)·op(B) for rank-2 operands.
    case matmul(transposeA: Bool, transposeB: Bool)
    /// x·Wᵀ (+ addend): inputs x [B, in], W [out, in] and optionally an addend broadcast to [B, out].
    case linear
    /// Sum over the axes where the output shape (same rank as the input, or fewer leading axes) is 1.
    case sumToShape
    /// Repetition along axes of extent 1 (or new leading axes) up to the output shape.
    case broadcastToShape
    /// Same elements, another shape.
    case reshape
    /// Rank-2 transpose.
    case transpose
    /// Elements [start, start + length) along `axis`.
    case slice(axis: Int, start: Int)
    /// The input placed at [start, start + input extent) along `axis` of a zero tensor of the output's shape.
    case embed(axis: Int, start: Int)
    /// Concatenation along `axis`.
    case concatenate(axis: Int)
    /// Row-wise gather by a fixed index (`Tensor.gathered`).
    case gather(GatherIndex)
    /// Row-wise scatter-add by a fixed index, the adjoint of `gather` (`Tensor.scatterAdded`).
    case scatterAdd(GatherIndex)

    /// A short name for messages.
    var name: String {
        switch self {
        case .leaf: "leaf"
        case .unary(let k): "\(k)"
        case .softplus: "softplus"
        case .logSumExp: "logSumExp"
        case .binary(let k): "\(k)"
        case .matmul: "matmul"
        case .linear: "linear"
        case .sumToShape: "sum"
        case .broadcastToShape: "broadcast"
        case .reshape: "reshape"
        case .transpose: "transpose"
        case .slice: "slice"
        case .embed: "embed"
        case .concatenate: "concatenate"
        case .gather: "gather"
        case .scatterAdd: "scatterAdd"
        }
    }
}
