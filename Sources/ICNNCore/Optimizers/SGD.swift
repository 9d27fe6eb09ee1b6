/// Stochastic gradient descent, with optional momentum (heavy ball or Nesterov) and L2 weight decay, following
/// `torch.optim.SGD`.
///
/// Per element, with d = g + λ·x (λ = `weightDecay`):
/// - without momentum: x ← x − lr·d;
/// - with momentum μ: b ← d on the first step, else μ·b + (1 − dampening)·d; then x ← x − lr·b, or with Nesterov
///   x ← x − lr·(d + μ·b).
///
/// PyTorch's defaults: momentum 0, dampening 0, weight decay 0, Nesterov off (the learning rate has no default
/// here). With a constant gradient g and no dampening, the momentum buffer after t steps is g·(1 − μᵗ)/(1 − μ).
///
/// Edge cases: a weight decay of 0 adds 0·x, which is exact for finite x (an infinite parameter becomes NaN).
/// NaN in a gradient propagates to its parameter and buffer.
public struct SGD<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The step size lr ≥ 0.
    public var learningRate: Double
    /// The momentum factor μ ≥ 0 (0 turns momentum off and keeps no buffers).
    public var momentum: Double
    /// The dampening of the gradient in the momentum buffer, in [0, 1]; must be 0 with Nesterov.
    public var dampening: Double
    /// Whether to use Nesterov momentum (needs μ > 0 and no dampening).
    public var nesterov: Bool
    /// The L2 penalty λ ≥ 0, added to the gradient as λ·x.
    public var weightDecay: Double
    /// The number of updates applied so far.
    public private(set) var step: Int
    /// One momentum buffer per parameter, by position, with its shape; empty before the first step with momentum.
    public private(set) var momentumBuffers: [Tensor<Scalar>]

    /// An optimiser with the given hyperparameters, starting fresh or restoring a saved state.
    /// - Parameters:
    ///   - learningRate: lr ≥ 0.
    ///   - momentum: μ ≥ 0; default 0.
    ///   - dampening: in [0, 1]; default 0.
    ///   - nesterov: default false.
    ///   - weightDecay: λ ≥ 0; default 0.
    ///   - step: the number of updates already applied (restoring a checkpoint); default 0.
    ///   - momentumBuffers: saved buffers, one per parameter in order (restoring a checkpoint); default none. When
    ///     empty, buffers are created on the next update from that step's gradients.
    /// - Precondition: the hyperparameters are in range, `step ≥ 0`, and Nesterov has μ > 0 and no dampening.
    public init(
        learningRate: Double,
        momentum: Double = 0,
        dampening: Double = 0,
        nesterov: Bool = false,
        weightDecay: Double = 0,
        step: Int = 0,
        momentumBuffers: [Tensor<Scalar>] = []
    ) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        require(step >= 0, "SGD: negative step count \(step)")
        self.step = step
        self.momentumBuffers = momentumBuffers.map { $0.detached }
        checkHyperparameters()
    }

    func checkHyperparameters() {
        require(learningRate >= 0, "SGD: learning rate \(learningRate) is negative or NaN")
        require(momentum >= 0, "SGD: momentum \(momentum) is negative or NaN")
        require(dampening >= 0 && dampening <= 1, "SGD: dampening \(dampening) is outside [0, 1]")
        require(weightDecay >= 0, "SGD: weight decay \(weightDecay) is negative or NaN")
        require(
            !nesterov || (momentum > 0 && dampening == 0),
            "SGD: Nesterov momentum needs momentum > 0 and dampening 0, got \(momentum) and \(dampening)"
        )
    }

    /// Applies one update in place; see `Optimizer.update(_:along:)`.
    /// - Complexity: one pass over each parameter, its gradient and (with momentum) its buffer.
    public mutating func update(_ parameters: inout [Tensor<Scalar>], along gradients: [Tensor<Scalar>]) {
        checkHyperparameters()
        let lr = Scalar(learningRate), wd = Scalar(weightDecay)
        guard momentum > 0 else {
            checkUpdateOperands(parameters, gradients, state: [], optimizer: "SGD")
            for i in parameters.indices {
                gradients[i].withUnsafeBufferPointer { g in
                    parameters[i].withUnsafeMutableBufferPointer { x in
                        _ = Scalar._optimizerUpdate(
                            .sgd(learningRate: lr, weightDecay: wd),
                            x.baseAddress.unsafelyUnwrapped,
                            g.baseAddress,
                            nil,
                            nil,
                            x.count
                        )
                    }
                }
            }
            step += 1
            return
        }
        checkUpdateOperands(parameters, gradients, state: momentumBuffers, optimizer: "SGD")
        let firstStep = momentumBuffers.isEmpty
        if firstStep { momentumBuffers = parameters.map { Tensor(uninitialized: $0.shape) } }
        let rule = _UpdateRule<Scalar>.momentum(
            learningRate: lr,
            momentum: Scalar(momentum),
            dampening: Scalar(dampening),
            weightDecay: wd,
            nesterov: nesterov,
            firstStep: firstStep
        )
        for i in parameters.indices {
            gradients[i].withUnsafeBufferPointer { g in
                parameters[i].withUnsafeMutableBufferPointer { x in
                    momentumBuffers[i].withUnsafeMutableBufferPointer { b in
                        _ = Scalar._optimizerUpdate(
                            rule,
                            x.baseAddress.unsafelyUnwrapped,
                            g.baseAddress,
                            b.baseAddress,
                            nil,
                            x.count
                        )
                    }
                }
            }
        }
        step += 1
    }
}
