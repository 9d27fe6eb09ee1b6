/// AdamW (Loshchilov & Hutter, 2019): Adam with decoupled weight decay, following `torch.optim.AdamW` (without
/// AMSGrad).
///
/// Per element at step t (1-based): x ← (1 − lr·λ)·x, then the Adam step on the raw gradient g:
/// m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², x ← x − lr·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ),
/// v̂ = v/(1 − β₂ᵗ). Unlike Adam's L2 penalty, the decay is not divided by √v̂, so every weight shrinks at the same
/// relative rate lr·λ per step. One fused pass over x, g, m and v.
///
/// PyTorch's defaults, used here: lr = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, weight decay λ = 1e-2.
///
/// Edge cases: as for `Adam`; lr·λ > 1 flips signs (a decay factor below 0) and is allowed, as in PyTorch.
public struct AdamW<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The step size lr ≥ 0; it also scales the decay.
    public var learningRate: Double
    /// The decay rate β₁ ∈ [0, 1) of the first moment.
    public var beta1: Double
    /// The decay rate β₂ ∈ [0, 1) of the second moment.
    public var beta2: Double
    /// ε ≥ 0, added to √v̂ in the denominator.
    public var epsilon: Double
    /// The decoupled decay λ ≥ 0: each step multiplies the parameters by 1 − lr·λ.
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
    ///   - weightDecay: decoupled decay λ; default 1e-2.
    ///   - state: a saved state to resume from; default a fresh one.
    /// - Precondition (checked here and at every update): the hyperparameters are in the ranges above.
    public init(
        learningRate: Double = 1e-3,
        beta1: Double = 0.9,
        beta2: Double = 0.999,
        epsilon: Double = 1e-8,
        weightDecay: Double = 1e-2,
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
            optimizer: "AdamW"
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
            l2: 0,
            decoupled: weightDecay,
            optimizer: "AdamW"
        )
    }
}
