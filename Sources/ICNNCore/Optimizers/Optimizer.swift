/// A first-order optimiser over a list of parameter tensors: `SGD`, `Adam`, `AdamW`.
///
/// An optimiser is a value holding its hyperparameters, a step counter and per-parameter state (momentum buffers,
/// moment estimates). The state is created on the first `update`, one entry per parameter *by position*; from then
/// on every call must pass the same number of parameters with the same shapes, in the same order. Use it as a
/// generic constraint (`some Optimizer<Float>`), not as an existential.
///
/// A training step:
/// ```swift
/// var optimizer = Adam<Float>()
/// for _ in 0..<steps {
///     let (loss, grads) = valueAndGradient(at: parameters) { loss(of: $0) }
///     optimizer.learningRate = schedule.learningRate(at: optimizer.step, base: 1e-3)
///     optimizer.update(&parameters, along: grads)
/// }
/// ```
public protocol Optimizer<Scalar> {
    /// The scalar type of the parameters.
    associatedtype Scalar: TensorScalar

    /// The learning rate used by the next `update`; a schedule may set it before each step.
    var learningRate: Double { get set }

    /// The number of updates applied so far (0 before the first). The bias corrections of Adam use `step + 1`.
    var step: Int { get }

    /// Applies one update to `parameters` in place, then increments `step`.
    ///
    /// A parameter whose storage is not shared is updated in its own buffer, and the state buffers are reused, so
    /// after the first step an update allocates nothing. A parameter that shares storage with another tensor (a
    /// copy held elsewhere) is copied first (copy-on-write). Updated parameters are no longer tracked by a tape.
    /// - Parameters:
    ///   - parameters: the tensors to update (any shapes).
    ///   - gradients: the gradient of the loss with respect to each parameter, in the same order and shapes.
    /// - Precondition: `gradients.count == parameters.count`, each gradient has its parameter's shape, and after
    ///   the first step the count and shapes equal those the state was created for. The messages name the
    ///   position and both shapes.
    mutating func update(_ parameters: inout [Tensor<Scalar>], along gradients: [Tensor<Scalar>])
}

extension Optimizer {
    /// Sets `learningRate` from `schedule` at the current `step`, then applies one update.
    /// - Parameters:
    ///   - parameters: the tensors to update.
    ///   - gradients: their gradients, as for `update(_:along:)`.
    ///   - schedule: the learning-rate schedule.
    ///   - baseLearningRate: the schedule's base rate.
    public mutating func update(
        _ parameters: inout [Tensor<Scalar>],
        along gradients: [Tensor<Scalar>],
        schedule: LearningRateSchedule,
        baseLearningRate: Double
    ) {
        learningRate = schedule.learningRate(at: step, base: baseLearningRate)
        update(&parameters, along: gradients)
    }
}

/// Checks the operands of an optimiser update against each other and, when the state exists, against the state.
/// - Parameters:
///   - state: the per-parameter state tensors (empty before they are created).
///   - optimizer: the optimiser's name, for the messages.
func checkUpdateOperands<Scalar: TensorScalar>(
    _ parameters: [Tensor<Scalar>],
    _ gradients: [Tensor<Scalar>],
    state: [Tensor<Scalar>],
    optimizer: String
) {
    require(
        gradients.count == parameters.count,
        "\(optimizer): \(gradients.count) gradients for \(parameters.count) parameters"
    )
    for i in parameters.indices {
        require(
            gradients[i].shape == parameters[i].shape,
            "\(optimizer): gradient \(i) has shape \(gradients[i].shape) but parameter \(i) has shape "
                + "\(parameters[i].shape)"
        )
    }
    guard !state.isEmpty else { return }
    require(
        state.count == parameters.count,
        "\(optimizer): \(parameters.count) parameters, but the state was created for \(state.count); the "
            + "parameters' count and shapes must not change between steps"
    )
    for i in parameters.indices {
        require(
            state[i].shape == parameters[i].shape,
            "\(optimizer): parameter \(i) has shape \(parameters[i].shape), but its state has shape "
                + "\(state[i].shape); the parameters' count and shapes must not change between steps"
        )
    }
}
