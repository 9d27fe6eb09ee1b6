/// The answer of `ConvexityVerifier`: a verdict, what exactly it claims, how it was reached, and the evidence.
public struct VerificationReport: Sendable {
    /// The verdict. "convex" is only ever given with a proof (structural, one-hidden-layer or exact skeleton);
    /// "not convex" only with a witness verified by evaluation.
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        case convex = "convex"
        case notConvex = "not convex"
        case undetermined = "undetermined"
    }

    /// How the verdict was reached.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Every hidden-to-hidden and output weight ≥ 0 (or the library model's certificate): convex on R^d; or the
        /// same on the box once neurons dead or affine there (interval bounds) are set aside.
        case structural = "structural ICNN certificate"
        /// One hidden layer: convex iff the kinks' summed output weights are ≥ 0 where they cross the box.
        case oneHiddenLayer = "one hidden layer (equivalent ICNN)"
        /// The linear-region skeleton and the path coefficients (papers.md §4).
        case exact = "exact (linear-region skeleton)"
        /// Jensen gaps on random chords and Hessian eigenvalues: refutes, never certifies.
        case sampling = "sampling (Jensen gaps)"
    }

    /// The verdict.
    public var verdict: Verdict
    /// The method that decided it.
    public var method: Method
    /// What the verdict says, precisely (e.g. "convex on R^2", "convex on the box [-1, 1]^2").
    public var claim: String
    /// Why the verdict is "undetermined", or a note on the proof.
    public var reason: String?
    /// Skeleton size (exact method).
    public var vertices: Int?
    /// Skeleton size (exact method).
    public var edges: Int?
    /// Linear regions meeting the skeleton (exact method).
    public var regions: Int?
    /// Distinct (neuron, downstream pattern) pairs checked (exact method).
    public var pathCoefficients: Int?
    /// Chords evaluated (sampling).
    public var samples: Int?
    /// Smallest Hessian eigenvalue seen (sampling, smooth models).
    public var smallestHessianEigenvalue: Double?
    /// Wall-clock seconds.
    public var seconds: Double = 0
    /// The evidence for "not convex".
    public var witness: ConvexityWitness?
    /// For a convex one-hidden-layer network: the same function as an ICNN.
    public var equivalentICNN: OneHiddenLayerICNN?

    /// A report.
    public init(verdict: Verdict, method: Method, claim: String, reason: String? = nil) {
        self.verdict = verdict
        self.method = method
        self.claim = claim
        self.reason = reason
    }
}
