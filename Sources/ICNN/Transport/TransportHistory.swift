/// What happened while fitting a transport map.
public struct TransportHistory: Sendable, Hashable, Codable {
    /// One validation: the held-out figures after a number of outer iterations.
    public struct Validation: Sendable, Hashable, Codable {
        /// The outer iterations completed (0: the initialised potentials, before any minimax step).
        public var iteration: Int
        /// S_ε(T̂#P_val, Q_val), in normalised units (see `TransportConfiguration.normalize`).
        public var sinkhornDivergence: Double
        /// The energy distance E(T̂#P_val, Q_val), in normalised units (`EnergyDistance`).
        public var energyDistance: Double
        /// The dual estimate of W₂²(P, Q) in original units:
        /// E‖x‖² + E‖y‖² − 2(E f(x) + E[⟨y, ∇g(y)⟩ − f(∇g(y))]) on the held-out points.
        public var squaredWassersteinEstimate: Double
    }

    /// Why fitting stopped.
    public enum Outcome: Sendable, Hashable, Codable, CustomStringConvertible {
        /// All iterations ran.
        case completed
        /// A loss or gradient became NaN or infinite at this outer iteration; the last finite weights were kept.
        case nonFinite(iteration: Int)

        public var description: String {
            switch self {
            case .completed: "completed"
            case .nonFinite(let i):
                "stopped: a loss became NaN/Inf at iteration \(i + 1); the last finite weights were kept"
            }
        }
    }

    /// The loss of f per outer iteration: mean f(x) − mean f(∇g(y)).
    public var potentialLoss: [Double] = []
    /// The critic loss of the last inner step per outer iteration: mean f(∇g(y)) − ⟨y, ∇g(y)⟩.
    public var criticLoss: [Double] = []
    /// The final mean ‖∇f − T₀‖² of the initial regression of f (nil for `.random`).
    public var initialPotentialLoss: Double?
    /// The final mean ‖∇g − T₀⁻¹‖² of the initial regression of g (nil for `.random`).
    public var initialCriticLoss: Double?
    /// The validations, in order.
    public var validations: [Validation] = []
    /// The validation whose weights were kept (by `TransportConfiguration.selection`), if any.
    public var selected: Validation?
    /// How fitting ended.
    public var outcome = Outcome.completed
    /// Wall-clock seconds.
    public var seconds = 0.0

    /// An empty history.
    public init() {}
}
