import ICNN
import Testing

/// The network with the first layer's biases (or every hidden bias) set to 0, as PyTorch's `bias=False` makes
/// them: every first-layer hyperplane passes through the origin.
func withZeroBiases(_ network: ReLUNetwork, allHidden: Bool) -> ReLUNetwork {
    var layers = network.layers
    for l in 0..<(allHidden ? layers.count - 1 : 1) {
        layers[l].bias = [Double](repeating: 0, count: layers[l].outputs)
    }
    return ReLUNetwork(layers: layers)
}

@Suite("Convexity verification: zero biases, box certificate, early answers")
struct ConvexityVerifierOriginTests {
    let box = ConvexityVerifier(lower: [-1], upper: [1])

    @Test(
        "zero first-layer biases (hyperplanes through the origin): exact verdicts that agree with a dense grid",
        arguments: [false, true]
    )
    func zeroBiases(allHidden: Bool) throws {
        var verdicts: [VerificationReport.Verdict: Int] = [:]
        for seed in UInt64(0)..<12 {
            let network = withZeroBiases(
                mostlyPositiveNetwork(widths: [6, 5], negativeShare: 0.15, seed: 200 + seed),
                allHidden: allHidden
            )
            var verifier = box
            verifier.useFastPaths = false
            let report = try verifier.verify(network)
            let grid = gridConvexityViolation(network, lo: -1, hi: 1, n: 81)
            verdicts[report.verdict, default: 0] += 1
            switch report.verdict {
            case .convex:
                #expect(grid <= 0, "seed \(seed): exact says convex, the grid finds a gap \(grid)")
                #expect(report.reason?.contains("meet at the origin") == true, "\(report.reason ?? "")")
                #expect(report.claim == (allHidden ? "convex on R^2" : "convex on the box [-1.0, 1.0]^2"))
            case .notConvex:
                #expect(witnessHolds(try #require(report.witness), network, lo: -1, hi: 1), "seed \(seed)")
            case .undetermined:
                Issue.record("seed \(seed): undetermined (\(report.reason ?? ""))")
            }
            if grid > 1e-9 { #expect(report.verdict == .notConvex, "seed \(seed): the grid finds a gap \(grid)") }
        }
        #expect(verdicts[.convex, default: 0] > 0 && verdicts[.notConvex, default: 0] > 0, "\(verdicts)")
    }

    @Test("zero first-layer biases in 3-D: exact verdicts consistent with sampling")
    func zeroBiases3D() throws {
        var convex = 0
        for seed in UInt64(0)..<8 {
            // Homogeneous ones get 16 first-layer planes: with few, a cone where all of them are off is likely
            // (Wendel: 23% for 8 random planes in 3-D, 0.4% for 16), and there every second-layer
            // pre-activation is identically 0, a degeneracy that stays "undetermined".
            let homogeneous = seed % 2 == 0
            let network = withZeroBiases(
                mostlyPositiveNetwork(
                    widths: [homogeneous ? 16 : 5, 4],
                    inputs: 3,
                    negativeShare: 0.15,
                    seed: 300 + seed
                ),
                allHidden: homogeneous
            )
            if try exactAgreesWithSampling(network, on: box, seed: seed) { convex += 1 }
        }
        #expect(convex > 0)
    }

    @Test("three lines through the origin of a convex network: resolved exactly, not undetermined")
    func threeLinesThroughOrigin() throws {
        let network = reluNetwork([
            ([[1, 0], [0, 1], [1, 2]], [0, 0, 0]),
            ([[1, 1, 1]], [0.1]),
            ([[1]], [0]),
        ])
        var verifier = box
        verifier.useFastPaths = false
        let report = try verifier.verify(network)
        #expect(report.verdict == .convex && report.method == .exact, "\(report.reason ?? "")")
        #expect(report.claim == "convex on the box [-1.0, 1.0]^2")
        // A concave kink through the origin: n₃'s weight −1 is not compensated near the origin.
        let bad = reluNetwork([
            ([[1, 0], [0, 1], [1, 2]], [0, 0, 0]),
            ([[1, 1, -1]], [0.1]),
            ([[1]], [0]),
        ])
        let refuted = try verifier.verify(bad)
        #expect(refuted.verdict == .notConvex, "\(refuted.reason ?? "")")
        #expect(witnessHolds(try #require(refuted.witness), bad, lo: -1, hi: 1))
    }

    @Test("negative weights only around neurons dead or affine on the box: convex by the box certificate")
    func boxCertificate() throws {
        // n₃ = x₁ + 5 is active (affine) on the box, m₂ = relu(n₁ − 10) is dead there.
        let network = reluNetwork([
            ([[1, 0], [0, 1], [1, 0]], [0, 0, 5]),
            ([[1, 1, -1], [1, 0, 0]], [6, -10]),
            ([[1, -3]], [0]),
        ])
        #expect(network.firstNonICNNWeight != nil)
        let report = try box.verify(network)
        #expect(report.verdict == .convex && report.method == .structural, "\(report.reason ?? "")")
        #expect(report.claim == "convex on the box [-1.0, 1.0]^2")
        #expect(gridConvexityViolation(network, lo: -1, hi: 1, n: 41) <= 0)
        // On a box where m₂ comes alive, its output weight −3 makes a concave kink.
        let wide = try ConvexityVerifier(lower: [-20], upper: [20]).verify(network)
        #expect(wide.verdict == .notConvex && wide.method != .structural, "\(wide.reason ?? "")")
        #expect(witnessHolds(try #require(wide.witness), network, lo: -20, hi: 20))
    }

    @Test("a last-layer neuron with a negative output weight crossing the box stops the build early")
    func negativeLastLayer() throws {
        let network = reluNetwork([
            ([[1, 0], [0, 1]], [0.1, -0.2]),
            ([[1, 1], [-1, 1]], [0.125, -0.5]),
            ([[1, -1]], [0]),
        ])
        let report = try box.verify(network)
        #expect(report.verdict == .notConvex && report.method == .exact)
        #expect(report.reason?.contains("last hidden layer") == true, "\(report.reason ?? "")")
        let witness = try #require(report.witness)
        #expect(witness.neuron == .init(layer: 1, index: 1) && witness.coefficient == -1)
        #expect(witnessHolds(witness, network, lo: -1, hi: 1))
        var full = box
        full.useFastPaths = false
        let complete = try full.verify(network)
        #expect(complete.verdict == .notConvex && complete.regions != nil)
    }

    @Test("8-D, two layers of 32, not convex: the sampling pass answers before the skeleton is finished")
    func falsifierFirst() throws {
        var network = mostlyPositiveNetwork(widths: [32, 32], inputs: 8, negativeShare: 0.5, seed: 7)
        network.layers[2].weight = network.layers[2].weight.map(abs)  // no last-layer shortcut
        var verifier = box
        verifier.vertexLimit = 400_000
        let report = try verifier.verify(network)
        #expect(report.verdict == .notConvex && report.method == .sampling, "\(report.reason ?? "")")
        #expect(report.reason?.contains("sampled once the skeleton passed") == true, "\(report.reason ?? "")")
        #expect((report.vertices ?? 0) > verifier.falsifierVertices)
        #expect(witnessHolds(try #require(report.witness), network, lo: -1, hi: 1))
    }
}
