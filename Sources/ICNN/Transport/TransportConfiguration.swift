/// How the potentials start before the minimax training (any architecture: the potential is first regressed so
/// that its gradient matches a simple map on the pooled samples, mean ‖∇f(x) − T₀(x)‖², for
/// `initializationSteps` Adam steps).
public enum TransportInitialization: String, Sendable, Hashable, Codable, CaseIterable {
    /// The architecture's own initialiser, no regression.
    case random
    /// ∇f ≈ ∇g ≈ id (f ≈ ½‖x‖²): the map starts as the identity.
    case identity
    /// ∇f ≈ the Bures map fitted from the samples' means and covariances, ∇g ≈ its inverse.
    case gaussian
}

/// The settings of `NeuralTransport.fit`: the Makkuva et al. minimax recipe of papers.md §2 by default
/// (S = 5 inner critic steps, batch 256, Adam β = (0.5, 0.9), lr 1e-2 with cosine decay to 1 %, 1000 outer
/// iterations), except that checkpoints are chosen by the validation dual W₂² estimate (with solved conjugates)
/// rather than the Sinkhorn divergence with ε = 0.1 (`selection`). In high dimension a smaller rate is better: at d = 50
/// (HyCNN 48×4, τ = 10, one seed) lr 1e-3 gave map MSE 0.58 against 2.60 on the diagonal scaling and 0.46
/// against 0.61 on the identity, but 29.0 against 24.3 on 4x³.
public struct TransportConfiguration: Sendable, Hashable, Codable {
    /// Outer iterations (updates of f).
    public var iterations = 1000
    /// Critic (g) updates per outer iteration, S.
    public var innerSteps = 5
    /// Samples per side in each mini-batch.
    public var batchSize = 256
    /// The peak learning rate of both Adam optimisers.
    public var learningRate = 1e-2
    /// Adam's β₁ and β₂.
    public var beta1 = 0.5, beta2 = 0.9
    /// The cosine decay's final rate as a fraction of `learningRate`.
    public var finalLearningRateFraction = 0.01
    /// How f (the map's potential) is kept convex.
    public var potentialStrategy = ConstraintStrategy.softplus(fanInScaled: false)
    /// How g (the critic, the inverse map's potential) is kept convex; `.penalty` lets it leave the cone.
    public var criticStrategy = ConstraintStrategy.softplus(fanInScaled: false)
    /// The initialisation of both potentials.
    public var initialization = TransportInitialization.identity
    /// Adam steps of the initial regression (ignored for `.random`).
    public var initializationSteps = 300
    /// The (constant) Adam learning rate of the initial regression.
    public var initializationLearningRate = 1e-2
    /// Whether both clouds are mapped by one common affine change x ↦ (x − c)/s (pooled mean c, one scalar s
    /// with unit mean variance per coordinate) before training. A common translation and isotropic scaling leave
    /// the optimal map equivariant, so the map is exact in the original units.
    public var normalize = true
    /// The share of each cloud held out for validation.
    public var validationFraction = 0.1
    /// Validate every this many outer iterations (and after the last).
    public var validationEvery = 100
    /// At most this many held-out points per side enter the validation figures.
    public var validationPoints = 500
    /// The solver for the validation divergence (ε in normalised units when `normalize`).
    public var validationSinkhorn = Sinkhorn(epsilon: 0.1, tolerance: 1e-3, maximumIterations: 1000)
    /// Which validated weights are returned. Not the paper's Sinkhorn divergence: at d = 50 (HyCNN 48×4, τ = 10,
    /// x ↦ x + sign(x)) the same fit gave map MSE 46.4 when its checkpoint was chosen by S_ε and 13.5 by the
    /// energy distance; on the d = 50 identity map (same setting, unboxed search) the dual estimate kept map MSE 0.30
    /// where the energy distance kept 0.54 (docs/TRANSPORT.md).
    public var selection = TransportSelection.dual
    /// How the HyCNN gate temperature changes over the iterations (ignored by other architectures).
    public var temperatureSchedule = TemperatureSchedule.constant
    /// The amortised conjugate (OTT-JAX's W2NeuralDual): when > 0, the potential step and the W₂² estimate refine
    /// ∇g(y), the critic's guess of argmax_x ⟨x, y⟩ − f(x), by at most this many L-BFGS iterations on
    /// f(x) − ⟨x, y⟩ from that guess (`ConvexConjugate`); 0 uses ∇g(y) as it is (Makkuva et al.).
    public var conjugateIterations = 0
    /// L-BFGS iterations solving the conjugate f*(y) = max_x ⟨x, y⟩ − f(x) at each held-out target (from ∇g(y))
    /// for the validation W₂² estimate, which `TransportSelection.dual` ranks; 0 takes ∇g(y) as the maximiser,
    /// which makes the estimate depend on how well the critic is trained as much as on f.
    public var validationConjugateIterations = 20
    /// The seed of the initialisation, the split and the mini-batches.
    public var seed: UInt64 = 0

    /// The paper's defaults.
    public init() {}
}
