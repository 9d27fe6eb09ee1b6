/// The gradient of `y` with respect to each tensor of `xs`, by reverse-mode differentiation over `y`'s tape.
///
/// Computes ∂⟨seed, y⟩/∂x for each x (seed = ones, so for a scalar `y` this is ∇y). With `createGraph: true` the
/// backward pass is itself recorded on the tape, so the returned tensors are tracked and may appear in a further
/// loss: gradients of gradients (∇ₓf inside a loss, input-gradient penalties, Hessian-vector products, unrolled
/// optimisation). With `false` (the default) nothing new is recorded and the results are plain tensors.
///
/// Only records on a path from some x to `y` are visited.
/// - Parameters:
///   - y: a tensor tracked by a tape (any shape).
///   - xs: tensors tracked by the same tape (leaves or intermediate results). A tensor that `y` does not depend
///     on, or that is not tracked, gets zeros of its shape.
///   - seed: the upstream gradient, of `y`'s shape; ones when omitted.
///   - createGraph: whether to record the backward pass for higher-order derivatives.
/// - Returns: one tensor per x, with x's shape.
/// - Precondition: `seed`, when given, has `y`'s shape; every tracked x is on `y`'s tape.
@_specialize(where Scalar == Float)
public func gradient<Scalar: TensorScalar>(
    of y: Tensor<Scalar>,
    wrt xs: [Tensor<Scalar>],
    seed: Tensor<Scalar>? = nil,
    createGraph: Bool = false
) -> [Tensor<Scalar>] {
    if let seed { require(seed.shape == y.shape, "seed shape \(seed.shape) differs from output shape \(y.shape)") }
    guard let tape = y.tape else { return xs.map { Tensor(zeros: $0.shape) } }
    for x in xs where x.tape != nil {
        require(x.tape === tape, "gradient with respect to a tensor (shape \(x.shape)) tracked by another tape")
    }
    let targets = xs.compactMap { $0.tape == nil ? nil : $0.tapeIndex }
    guard let first = targets.min(), first <= y.tapeIndex else { return xs.map { Tensor(zeros: $0.shape) } }
    let last = y.tapeIndex

    // Forward sweep: which records depend on some target.
    var reaches = [Bool](repeating: false, count: last - first + 1)
    var isTarget = reaches
    for t in targets where t <= last {
        reaches[t - first] = true
        isTarget[t - first] = true
    }
    if first < last {
        for i in (first + 1)...last {
            for j in tape.records[i].inputIndices where j >= first && reaches[j - first] {
                reaches[i - first] = true
                break
            }
        }
    }

    // Backward sweep in reverse tape order; gradients accumulate where a tensor feeds several consumers.
    var grads = [Tensor<Scalar>?](repeating: nil, count: last - first + 1)
    let start = seed ?? Tensor(ones: y.shape)
    grads[last - first] = createGraph ? start : start.detached
    for i in stride(from: last, through: first, by: -1) {
        guard reaches[i - first], let g = grads[i - first] else { continue }
        let record = tape.records[i]
        if case .leaf = record.op { continue }
        let inputs: [Tensor<Scalar>]
        let output: Tensor<Scalar>
        if createGraph {
            inputs = zip(record.inputs, record.inputIndices).map { value, index in
                index < 0 ? value : Tensor(shape: value.shape, storage: value.storage, tape: tape, tapeIndex: index)
            }
            output = Tensor(shape: record.output.shape, storage: record.output.storage, tape: tape, tapeIndex: i)
        } else {
            inputs = record.inputs
            output = record.output
        }
        let needed = record.inputIndices.map { j in j >= first && reaches[j - first] }
        let inputGrads = record.op.vjp(g, inputs: inputs, output: output, needed: needed)
        for (k, j) in record.inputIndices.enumerated() where j >= first && reaches[j - first] {
            guard let gj = inputGrads[k] else { continue }
            if grads[j - first] == nil {
                grads[j - first] = gj
            } else if createGraph {
                grads[j - first] = grads[j - first]! + gj
            } else {
                grads[j - first]!.add(gj)
            }
        }
        // A consumed gradient is no longer needed: free it early (activations can be large).
        if !isTarget[i - first] { grads[i - first] = nil }
    }
    return xs.map { x in
        guard x.tape != nil, x.tapeIndex >= first, x.tapeIndex <= last, let g = grads[x.tapeIndex - first] else {
            return Tensor(zeros: x.shape)
        }
        return g
    }
}

/// The value of `f` at `xs` and its gradient with respect to each of them, on a fresh tape.
/// - Parameters:
///   - xs: the points (untracked tensors; any tape they carry is ignored).
///   - f: a function of tensors to a tensor (for a gradient, usually a scalar).
/// - Returns: `f(xs)` (untracked) and ∂⟨1, f⟩/∂xᵢ for each i.
public func valueAndGradient<Scalar: TensorScalar>(
    at xs: [Tensor<Scalar>],
    of f: ([Tensor<Scalar>]) -> Tensor<Scalar>
) -> (value: Tensor<Scalar>, gradients: [Tensor<Scalar>]) {
    let tape = Tape<Scalar>()
    let watched = xs.map { tape.watch($0.detached) }
    let y = f(watched)
    return (y.detached, gradient(of: y, wrt: watched))
}
