/// How the non-negative weights of a convex model are kept non-negative during training. Every strategy yields
/// *effective* weights that are exactly non-negative where they must be (except `penalty`, which reports whether
/// it ended inside the cone), and a model is always exported with its effective weights.
public enum ConstraintStrategy: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Train the weights directly and clamp them at 0 after each optimiser step (projected gradient).
    case projection
    /// Train R and use V = softplus(R) (divided by the fan-in when `fanInScaled`).
    case softplus(fanInScaled: Bool)
    /// Train the weights directly with the loss term λ·Σ relu(−W)² (for a critic that may leave the cone).
    case penalty(weight: Float)
    /// Emit the non-negative weights from a hypernetwork: W = softplus(Θ·h(X) + b), h a mean-pooled per-sample
    /// MLP summary of the gradient-stopped conditioning batch X (the training batch), b a slack bias of the
    /// weight's shape. At evaluation the emission is pinned to the summary of the whole training set.
    case lift(LiftConfiguration)

    public var description: String {
        switch self {
        case .projection: "projection"
        case .softplus(let scaled): scaled ? "softplus (fan-in scaled)" : "softplus"
        case .penalty(let lambda): "penalty (λ = \(lambda))"
        case .lift: "lift"
        }
    }
}
