/// Adam (Kingma & Ba, 2015) with bias correction and optional coupled L2 weight decay, following `torch.optim.Adam`
/// (without AMSGrad).
///
/// Per element at step t (1-based), with d = g + λ·x (λ = `weightDecay`):
/// m ← β₁·m + (1 − β₁)·d, v ← β₂·v + (1 − β₂)·d², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), x ← x − lr·m̂/(√v̂ + ε).
/// The bias corrections are computed in Double and folded into two per-step scalars, so the kernel makes one pass
/// over x, g, m and v with no temporaries. The first step moves each element by lr·g/(|g| + ε) ≈ lr·sign(g).
///
/// PyTorch's defaults, used here: lr = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, weight decay 0. For weight decay
/// that is not rescaled by v̂, use `AdamW`.
///
/// Edge cases: with ε = 0 a zero gradient on the first step gives 0/0 = NaN. NaN in a gradient propagates to its
/// parameter and moments.
public struct Adam<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The step size lr ≥ 0.
    public var learningRate: Double
    /// The decay rate β₁ ∈ [0, 1) of the first moment.
    public var beta1: Double
    /// The decay rate β₂ ∈ [0, 1) of the second moment.
    public var beta2: Double
    /// ε ≥ 0, added to √v̂ in the denominator.
    public var epsilon: Double
    /// The L2 penalty λ ≥ 0, added to the gradient as λ·x before the moments.
    public var weightDecay: Double
    /// The step count and moment estimates (for checkpoints).
    public private(set) var state: AdamState<Scalar>

    /// The number of updates applied so far.
    public var step: Int { state.step }

    /// An optimiser with the given hyperparameters, starting fresh or from a saved state.
    /// - Parameters:
    ///   - learningRate: default 1e-3.
    ///   - beta1: default 0.9.
    ///   - beta2: default 0.999.
    ///   - epsilon: default 1e-8.
    ///   - weightDecay: coupled L2 penalty; default 0.
    ///   - state: a saved state to resume from; default a fresh one.
    /// - Precondition (checked here and at every update): the hyperparameters are in the ranges above.
    public init(
        learningRate: Double = 1e-3,
        beta1: Double = 0.9,
        beta2: Double = 0.999,
        epsilon: Double = 1e-8,
        weightDecay: Double = 0,
        state: AdamState<Scalar> = AdamState()
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.state = state
        AdamState<Scalar>.checkHyperparameters(
            learningRate: learningRate,
            beta1: beta1,
            beta2: beta2,
            epsilon: epsilon,
            weightDecay: weightDecay,
            optimizer: "Adam"
        )
    }

    /// Applies one update in place; see `Optimizer.update(_:along:)`.
    /// - Complexity: one pass over each parameter, its gradient and its two moments.
    public mutating func update(_ parameters: inout [Tensor<Scalar>], along gradients: [Tensor<Scalar>]) {
        state.apply(
            &parameters,
            along: gradients,
            learningRate: learningRate,
            beta1: beta1,
            beta2: beta2,
            epsilon: epsilon,
            l2: weightDecay,
            decoupled: 0,
            optimizer: "Adam"
        )
    }
}
