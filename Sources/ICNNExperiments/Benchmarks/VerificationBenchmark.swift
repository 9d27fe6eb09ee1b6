import ICNN

/// How the exact convexity check (`ConvexityVerifier`, skeleton of the linear regions) grows with the width,
/// depth and input dimension of random ReLU networks.
///
/// Networks: PyTorch's `nn.Linear` initialisation (weights and biases uniform in ±1/√fan-in), seeded; box
/// [−1, 1]^d; fast paths off, so every row builds the whole skeleton and checks every path coefficient.
public enum VerificationBenchmark {
    /// Which networks.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        /// PyTorch's `nn.Linear` initialisation (almost always not convex).
        case random
        /// Convex but not an ICNN, and not decided by any shortcut (`convexNetwork`): only the complete
        /// skeleton can prove it, so it measures the exact check's full cost.
        case convex
    }

    /// One network shape.
    public struct Configuration: Sendable, Hashable {
        /// Input dimension d.
        public var inputs: Int
        /// Hidden widths.
        public var widths: [Int]
        /// Which networks.
        public var family: Family

        /// A configuration.
        public init(inputs: Int, widths: [Int], family: Family = .random) {
            self.inputs = inputs
            self.widths = widths
            self.family = family
        }

        /// The sweeps: width (d = 2, two layers), depth (d = 2, width 32), input dimension (two layers of 32),
        /// then convex networks in 8-D with two layers of 4, 6, 8, 12, 16 and in 2-D with two layers of 512.
        public static let reference: [Configuration] =
            [8, 16, 32, 64, 128, 256, 512].map { Configuration(inputs: 2, widths: [$0, $0]) }
            + [1, 3, 4].map { Configuration(inputs: 2, widths: Array(repeating: 32, count: $0)) }
            + [1, 3, 4, 5, 6, 7, 8].map { Configuration(inputs: $0, widths: [32, 32]) }
            + [4, 6, 8, 12, 16].map { Configuration(inputs: 8, widths: [$0, $0], family: .convex) }
            + [Configuration(inputs: 2, widths: [512, 512], family: .convex)]
    }

    /// One measurement.
    public struct Measurement: Sendable {
        /// The report of the check (verdict, skeleton size, seconds).
        public var report: VerificationReport
    }

    /// The network of configuration `c`.
    public static func network(_ c: Configuration, seed: UInt64) -> ReLUNetwork {
        c.family == .random ? randomNetwork(c, seed: seed) : convexNetwork(c, seed: seed)
    }

    /// A random ReLU network of the given shape (uniform ±1/√fan-in weights and biases).
    public static func randomNetwork(_ c: Configuration, seed: UInt64) -> ReLUNetwork {
        var rng = SeededGenerator(seed: seed)
        let sizes = [c.inputs] + c.widths + [1]
        var layers: [ReLUNetwork.Layer] = []
        for k in 0..<(sizes.count - 1) {
            let bound = 1 / Double(sizes[k]).squareRoot()
            layers.append(
                ReLUNetwork.Layer(
                    inputs: sizes[k],
                    outputs: sizes[k + 1],
                    weight: (0..<(sizes[k] * sizes[k + 1])).map { _ in rng.nextUniform(in: -bound, bound) },
                    bias: (0..<sizes[k + 1]).map { _ in rng.nextUniform(in: -bound, bound) }
                )
            )
        }
        return ReLUNetwork(layers: layers)
    }

    /// A convex ReLU network with two or more hidden layers that is not an ICNN and that no shortcut decides:
    /// a random one with the hidden-to-hidden and output weights made non-negative and first-layer units 0, 1
    /// through the origin, except that hidden unit 1 of the second layer becomes m₁ = relu(n₁ − n₀ − 0.1) (weight −1 from n₀) and unit 0 becomes always active
    /// with weight ≥ 1 from n₀ and an output weight ≥ m₁'s: every path coefficient of n₀ is then ≥ 0, but the
    /// negative weight leaves a crossing neuron into a crossing one, so only the complete skeleton proves it.
    /// - Precondition: at least two hidden layers, the first two at least 2 wide.
    public static func convexNetwork(_ c: Configuration, seed: UInt64) -> ReLUNetwork {
        precondition(c.widths.count >= 2 && c.widths[0] >= 2 && c.widths[1] >= 2, "two layers of 2 or more")
        var layers = randomNetwork(c, seed: seed).layers
        for l in 1..<layers.count { layers[l].weight = layers[l].weight.map(abs) }
        // n₀ and n₁ through the origin, so that both cross the box and m₁ comes alive.
        layers[0].bias[0] = 0
        layers[0].bias[1] = 0
        let w0 = c.widths[0]
        layers[1].weight[0] += 1
        layers[1].bias[0] = 1
        for j in 0..<w0 { layers[1].weight[w0 + j] = j == 0 ? -1 : j == 1 ? 1 : 0 }
        layers[1].bias[1] = -0.1
        if c.widths.count == 2 {
            layers[2].weight[0] += layers[2].weight[1]
        } else {
            // Deeper: m₀ and m₁ feed the next layer's unit 0 alike; make m₀'s weight the larger.
            let next = c.widths[1]
            for r in 0..<c.widths[2] { layers[2].weight[r * next] += layers[2].weight[r * next + 1] }
        }
        return ReLUNetwork(layers: layers)
    }

    /// Runs the exact check once on the network of `c`.
    /// - Parameter shortcuts: let the verifier's fast paths answer (structural and one-layer criteria, the
    ///   last-layer rule, the early sampling pass); off, every row builds the whole skeleton.
    public static func run(
        _ c: Configuration,
        seed: UInt64 = 1,
        vertexLimit: Int = 3_000_000,
        shortcuts: Bool = false
    ) throws -> Measurement {
        var verifier = ConvexityVerifier(lower: [-1], upper: [1])
        verifier.useFastPaths = shortcuts
        verifier.vertexLimit = vertexLimit
        verifier.samples = 2_000
        return Measurement(report: try verifier.verify(network(c, seed: seed)))
    }
}
