/// What `Minimizer` returns for a batch of problems: one minimiser, value and certificate per problem.
public struct ConvexMinimum: Sendable {
    /// What the per-row `gaps` measure.
    public enum Certificate: String, Sendable, Hashable {
        /// ‖P(y − ∇φ(y)) − y‖∞ for the minimised φ = f − εH: zero exactly at the minimiser of a smooth problem
        /// (for a non-smooth f, ∇ is the engine's subgradient and the measure need not vanish).
        case gradientMapping = "gradient-mapping"
        /// φ(y) minus a lower bound on min φ from the cutting-plane dual: an upper bound on the suboptimality.
        case dualityGap = "duality-gap"
    }

    /// Why the solve stopped.
    public enum Status: Sendable, Hashable, CustomStringConvertible {
        /// Every problem met the tolerance.
        case converged
        /// The iteration limit came first; `gaps` say how far each problem got.
        case iterationLimit
        /// The solver could not improve further (for example at Float rounding level); `gaps` are honest.
        case stalled(String)
        /// The objective decreased without bound (an iterate ran away or the value became non-finite).
        case unbounded(row: Int)

        public var description: String {
            switch self {
            case .converged: "converged"
            case .iterationLimit: "iteration limit reached"
            case .stalled(let why): "stalled: \(why)"
            case .unbounded(let row): "unbounded below (problem \(row + 1))"
            }
        }
    }

    /// The method that ran (never `.auto`).
    public var method: Minimizer.Method
    /// One minimiser per problem, n values each.
    public var argmin: [[Double]]
    /// f − εH at each minimiser (just f when ε = 0).
    public var values: [Double]
    /// The certificate per problem (see `certificate`).
    public var gaps: [Double]
    /// What `gaps` measure.
    public var certificate: Certificate
    /// Solver iterations (for batched methods, of the whole batch).
    public var iterations: Int
    /// Batched network evaluations (each one forward and one reverse pass over the batch or part of it).
    public var evaluations: Int
    /// Why the solve stopped.
    public var status: Status

    /// Whether every problem met the tolerance.
    public var isConverged: Bool { status == .converged }
}
