import Foundation

/// Is a network convex on a box, and if not, where does it fail? (issue 7; Gagneux et al. 2025, papers.md §4.)
///
/// For a ReLU MLP f(x) = w_out·relu(W_L ⋯ relu(W_1 x + b_1) ⋯) + b_out, in this order:
/// 1. no hidden layer, or every hidden-to-hidden and output weight ≥ 0: convex on R^d (structural ICNN);
/// 2. one hidden layer: merge neurons with the same kink hyperplane; convex on R^d iff every merged output weight
///    is ≥ 0 (the equivalent ICNN is returned), else convex on the box iff no negative kink crosses its interior;
/// 3. the structural certificate on the box: negative weights only out of neurons that interval bounds show
///    dead or affine on the box, or into dead ones (`ReLUNetwork.firstWeightBreakingBoxCertificate`);
/// 4. otherwise the exact check: the linear-region skeleton inside the box and every path coefficient
///    c_ν(D) ≥ 0 (`LinearRegionSkeleton`).
/// "convex" is only answered with such a proof; "not convex" only with a Jensen violation verified by
/// evaluating the network in Double (`ConvexityWitness`); anything else is "undetermined" with the reason
/// (degenerate arrangement, skeleton too large, coefficient within rounding of 0).
///
/// `.sample` runs the falsifier only: Jensen gaps on random chords in the box (and Hessian eigenvalues for
/// smooth library models). It can refute convexity, never certify it.
///
/// ```swift
/// let network = try ReLUNetwork(safeTensors: SafeTensorsFile(contentsOf: "net.safetensors"))
/// let report = try ConvexityVerifier(lower: [-1, -1], upper: [1, 1]).verify(network)
/// print(report.verdict, report.claim, report.witness?.gap ?? 0)
/// ```
public struct ConvexityVerifier: Sendable {
    /// What to run.
    public enum Strategy: String, Sendable, Hashable, CaseIterable {
        /// Fast paths, then the exact skeleton check (sampling only to find a witness when it cannot decide).
        case exact
        /// The sampling falsifier only.
        case sample
    }

    /// Lower corner of the box: one value per input, or one value for all.
    public var lower: [Double]
    /// Upper corner of the box: one value per input, or one value for all.
    public var upper: [Double]
    /// What to run.
    public var strategy: Strategy = .exact
    /// Random chords of the sampling falsifier.
    public var samples = 20_000
    /// Seed of every random draw (chords, witness search).
    public var seed: UInt64 = 0
    /// The exact check gives up ("undetermined") beyond this many skeleton vertices.
    public var vertexLimit = 3_000_000
    /// Whether the shortcuts may answer before the skeleton is complete (switch off to measure the exact check
    /// itself): the structural and one-hidden-layer criteria, a last-layer neuron with a negative output weight
    /// whose boundary crosses the box, and the short sampling pass (`falsifierVertices`).
    public var useFastPaths = true
    /// With the fast paths on, once the skeleton passes this many vertices (so first, for all but small
    /// problems), `falsifierChords` random chords are sampled; a verified Jensen violation among them ends the
    /// check with "not convex" (method: sampling) instead of finishing the skeleton.
    public var falsifierVertices = 20_000
    /// Random chords of that sampling pass.
    public var falsifierChords = 2_000
    /// The exact check gives up beyond this input dimension (the box alone has 2^d vertices).
    public var maximumExactDimension = 16

    /// A verifier for the box [lower, upper].
    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// The box for `d` inputs.
    /// - Throws: `VerificationError.Code.invalidBox` when a bound is not finite, lower ≥ upper, or the number of
    ///   bounds is neither 1 nor d.
    public func box(dimension d: Int) throws -> (lower: [Double], upper: [Double]) {
        func expand(_ v: [Double], _ name: String) throws -> [Double] {
            if v.count == 1 { return Array(repeating: v[0], count: d) }
            guard v.count == d else {
                throw VerificationError(
                    code: .invalidBox,
                    reason: "--\(name) has \(v.count) values; the model has \(d) inputs (give 1 or \(d))"
                )
            }
            return v
        }
        let lo = try expand(lower, "lower"), hi = try expand(upper, "upper")
        for i in 0..<d {
            guard lo[i].isFinite && hi[i].isFinite else {
                throw VerificationError(code: .invalidBox, reason: "the box bounds must be finite numbers")
            }
            guard lo[i] < hi[i] else {
                throw VerificationError(
                    code: .invalidBox,
                    reason: "--lower must be < --upper, got \(lo[i]) ≥ \(hi[i]) for input \(i)"
                )
            }
        }
        return (lo, hi)
    }

    /// Checks a model read from a file.
    /// - Parameter progress: called after each neuron of the exact check with (neurons done, total, vertices).
    /// - Throws: `VerificationError` for a bad box.
    public func verify(
        _ model: VerifiableModel,
        progress: ((Int, Int, Int) -> Void)? = nil
    ) throws
        -> VerificationReport
    {
        switch model {
        case .reluNetwork(let network): return try verify(network, progress: progress)
        case .library(let file): return try verifyLibraryModel(file)
        }
    }

    /// Checks a ReLU MLP on the box.
    /// - Parameter progress: called after each neuron of the exact check with (neurons done, total, vertices).
    /// - Throws: `VerificationError` for a bad box.
    public func verify(
        _ network: ReLUNetwork,
        progress: ((Int, Int, Int) -> Void)? = nil
    ) throws
        -> VerificationReport
    {
        let clock = ContinuousClock()
        let started = clock.now
        let d = network.inputCount
        let (lo, hi) = try box(dimension: d)
        var report: VerificationReport
        if strategy == .sample {
            report = sampleReLU(network, lower: lo, upper: hi, context: nil)
        } else if !useFastPaths && !network.hiddenWidths.isEmpty {
            report = exact(network, lower: lo, upper: hi, progress: progress)
        } else if network.hiddenWidths.isEmpty {
            report = VerificationReport(verdict: .convex, method: .structural, claim: "convex on R^\(d) (affine)")
        } else if network.firstNonICNNWeight == nil {
            report = VerificationReport(
                verdict: .convex,
                method: .structural,
                claim: "convex on R^\(d)",
                reason: "every hidden-to-hidden and output weight is ≥ 0 (a ReLU ICNN)"
            )
        } else if network.hiddenWidths.count == 1, let decided = oneHiddenLayer(network, lower: lo, upper: hi) {
            report = decided
        } else if network.firstWeightBreakingBoxCertificate(lower: lo, upper: hi) == nil {
            report = VerificationReport(
                verdict: .convex,
                method: .structural,
                claim: "convex on the box \(Self.describe(lo, hi))",
                reason: "every negative hidden-to-hidden or output weight leaves a neuron that is dead or affine on "
                    + "the box (interval bounds), or enters a dead one"
            )
        } else {
            report = exact(network, lower: lo, upper: hi, progress: progress)
        }
        report.seconds = Self.seconds(clock.now - started)
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func describe(_ lo: [Double], _ hi: [Double]) -> String {
        if Set(lo).count == 1 && Set(hi).count == 1 { return "[\(lo[0]), \(hi[0])]^\(lo.count)" }
        return zip(lo, hi).map { "[\($0), \($1)]" }.joined(separator: "×")
    }
}
