/// A Wengert list: the operations applied to tracked tensors, in the order they ran.
///
/// Create a tape for one computation, `watch` the tensors you want gradients with respect to (inputs or
/// parameters), compute with ordinary tensor operations, then call `gradient(of:wrt:createGraph:)`. Operations on
/// tensors that no tape watches are not recorded, so inference costs nothing extra. The tape is freed with the
/// last tensor that refers to it; there is no global state.
///
/// Order of recording is a topological order, so the backward pass is a reverse loop over an array: no recursion,
/// however deep the graph (unrolled solvers). Records hold their inputs and output *detached* (without a tape
/// reference), so a tape and its tensors never form a reference cycle.
///
/// A tape is not thread-safe: record on it from one thread at a time.
public final class Tape<Scalar: TensorScalar>: @unchecked Sendable {
    @usableFromInline
    struct Record {
        @usableFromInline let op: Op<Scalar>
        /// Input values (detached) and their positions on this tape (−1 for untracked constants).
        @usableFromInline let inputs: [Tensor<Scalar>]
        @usableFromInline let inputIndices: [Int]
        /// The output value (detached).
        @usableFromInline let output: Tensor<Scalar>
    }

    @usableFromInline var records: [Record] = []

    /// An empty tape.
    public init() {}

    /// The number of recorded operations (leaves included).
    public var count: Int { records.count }

    /// The same values as `x`, tracked by this tape as a leaf (an independent variable).
    /// - Precondition: `x` is not tracked by another tape.
    @_specialize(where Scalar == Float)
    public func watch(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        require(x.tape == nil || x.tape === self, "tensor of shape \(x.shape) is tracked by another tape")
        return append(.leaf, inputs: [], indices: [], output: x.detached)
    }

    /// Watches every tensor of `xs`.
    @_specialize(where Scalar == Float)
    public func watch(_ xs: [Tensor<Scalar>]) -> [Tensor<Scalar>] { xs.map { watch($0) } }

    @usableFromInline
    func append(_ op: Op<Scalar>, inputs: [Tensor<Scalar>], indices: [Int], output: Tensor<Scalar>) -> Tensor<Scalar> {
        records.append(Record(op: op, inputs: inputs, inputIndices: indices, output: output))
        return Tensor(shape: output.shape, storage: output.storage, tape: self, tapeIndex: records.count - 1)
    }
}

extension Tensor {
    /// The tape shared by the tracked operands, if any.
    @inline(__always) @usableFromInline
    static func commonTape(_ a: Tensor, _ b: Tensor) -> Tape<Scalar>? {
        guard let ta = a.tape else { return b.tape }
        if let tb = b.tape {
            require(ta === tb, "operands of shapes \(a.shape) and \(b.shape) are tracked by different tapes")
        }
        return ta
    }

    /// Returns `output`, recorded as `op(self)` when `self` is tracked.
    @inline(__always) @usableFromInline
    func recording(_ op: Op<Scalar>, _ output: Tensor) -> Tensor {
        guard let tape else { return output }
        return tape.append(op, inputs: [detached], indices: [tapeIndex], output: output)
    }

    /// Returns `output`, recorded as `op(a, b)` when an operand is tracked.
    @inline(__always) @usableFromInline
    static func recording(_ op: Op<Scalar>, _ a: Tensor, _ b: Tensor, _ output: Tensor) -> Tensor {
        guard let tape = commonTape(a, b) else { return output }
        return tape.append(
            op,
            inputs: [a.detached, b.detached],
            indices: [a.tape == nil ? -1 : a.tapeIndex, b.tape == nil ? -1 : b.tapeIndex],
            output: output
        )
    }

    /// Returns `output`, recorded as `op(inputs...)` when an input is tracked.
    @usableFromInline
    static func recording(_ op: Op<Scalar>, _ inputs: [Tensor], _ output: Tensor) -> Tensor {
        var tape: Tape<Scalar>? = nil
        for x in inputs where x.tape != nil {
            if let t = tape { require(t === x.tape, "operands are tracked by different tapes") }
            tape = x.tape
        }
        guard let tape else { return output }
        return tape.append(
            op,
            inputs: inputs.map { $0.detached },
            indices: inputs.map { $0.tape == nil ? -1 : $0.tapeIndex },
            output: output
        )
    }
}
