/// One finished fit of the transport study: which problem and method, and what it measured.
public struct TransportRun: Sendable, Hashable {
    /// What identifies a run (a run with the same key is not repeated when a study resumes).
    public struct Key: Sendable, Hashable {
        public var part: TransportStudy.Part
        /// A synthetic map, `gaussian`, a 2-D pair or a cell-type pair.
        public var problem: String
        public var dimension: Int
        public var seed: Int
        /// `TransportMethod.label`.
        public var method: String

        public init(part: TransportStudy.Part, problem: String, dimension: Int, seed: Int, method: String) {
            (self.part, self.problem, self.dimension, self.seed, self.method) = (part, problem, dimension, seed, method)
        }
    }

    public var key: Key
    /// `TransportMethod.group`: the table row the run competes in.
    public var group: String
    /// S_ε(T̂#P_val, Q_val)/s² (ε = 0.1·s², s the pair's common scale; i.e. ε = 0.1 on data normalised as
    /// `NeuralTransport` normalises it): the selection criterion within a group when the energy distance is
    /// missing.
    public var validationDivergence: Double
    /// The energy distance between T̂#P_val and Q_val, both divided by s (`EnergyDistance`): the selection
    /// criterion when every run of a group has it (NaN in runs written before it existed).
    public var validationEnergy: Double
    /// The neural map's dual W₂² estimate on the validation clouds divided by s², its conjugate solved at each
    /// validation target (`TransportMap.squaredWassersteinEstimate`): the selection criterion (the highest wins)
    /// within a group where some run has it; NaN for baselines and for runs written before it existed.
    public var validationDual: Double
    /// S_ε(T̂#P_test, Q_test)/s², on held-out clouds.
    public var testDivergence: Double
    /// The RBF-MMD² (biased, γ ∈ {2, 1, 0.5, 0.1, 0.01, 0.005}) between T̂#P_test and Q_test, both divided by s.
    public var testMMD: Double
    /// mean ‖T̂(x) − T(x)‖² on the test source (NaN without a known map).
    public var mapMSE: Double
    /// L2-UVP (%) and the cosine of displacements against the known map (NaN without one).
    public var unexplainedVariance: Double, cosine: Double
    /// The neural fit's dual W₂² estimate (NaN for baselines) and the exact value (NaN when unknown).
    public var squaredWassersteinEstimate: Double, squaredWasserstein: Double
    /// Seconds to fit (and, for entropic OT, to solve the plan).
    public var seconds: Double
    /// Whether a neural fit ran every iteration (false: it stopped on a non-finite loss, keeping the best
    /// weights validated before).
    public var completed: Bool

    /// A record (NaN for the figures that do not apply).
    public init(
        key: Key,
        group: String,
        validationDivergence: Double,
        validationEnergy: Double = .nan,
        validationDual: Double = .nan,
        testDivergence: Double,
        testMMD: Double,
        mapMSE: Double = .nan,
        unexplainedVariance: Double = .nan,
        cosine: Double = .nan,
        squaredWassersteinEstimate: Double = .nan,
        squaredWasserstein: Double = .nan,
        seconds: Double,
        completed: Bool
    ) {
        self.key = key
        self.group = group
        self.validationDivergence = validationDivergence
        self.validationEnergy = validationEnergy
        self.validationDual = validationDual
        self.testDivergence = testDivergence
        self.testMMD = testMMD
        self.mapMSE = mapMSE
        self.unexplainedVariance = unexplainedVariance
        self.cosine = cosine
        self.squaredWassersteinEstimate = squaredWassersteinEstimate
        self.squaredWasserstein = squaredWasserstein
        self.seconds = seconds
        self.completed = completed
    }
}
