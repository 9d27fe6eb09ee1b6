import ICNN

/// How the exact convexity check (`ConvexityVerifier`, skeleton of the linear regions) grows with the width,
/// depth and input dimension of random ReLU networks.
///
/// Networks: PyTorch's `nn.Linear` initialisation (weights and biases uniform in ±1/√fan-in), seeded; box
/// [−1, 1]^d; fast paths off, so every row builds the whole skeleton and checks every path coefficient.
public enum VerificationBenchmark {
    /// One network shape.
    public struct Configuration: Sendable, Hashable {
        /// Input dimension d.
        public var inputs: Int
        /// Hidden widths.
        public var widths: [Int]

        /// A configuration.
        public init(inputs: Int, widths: [Int]) {
            self.inputs = inputs
            self.widths = widths
        }

        /// The sweeps: width (d = 2, two layers), depth (d = 2, width 32), input dimension (two layers of 32).
        public static let reference: [Configuration] =
            [8, 16, 32, 64, 128, 256, 512].map { Configuration(inputs: 2, widths: [$0, $0]) }
            + [1, 3, 4].map { Configuration(inputs: 2, widths: Array(repeating: 32, count: $0)) }
            + [1, 3, 4, 5, 6, 7, 8].map { Configuration(inputs: $0, widths: [32, 32]) }
    }

    /// One measurement.
    public struct Measurement: Sendable {
        /// The report of the check (verdict, skeleton size, seconds).
        public var report: VerificationReport
    }

    /// A random ReLU network of the given shape (uniform ±1/√fan-in weights and biases).
    public static func network(_ c: Configuration, seed: UInt64) -> ReLUNetwork {
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

    /// Runs the exact check once on the network of `c`.
    public static func run(_ c: Configuration, seed: UInt64 = 1, vertexLimit: Int = 3_000_000) throws -> Measurement {
        var verifier = ConvexityVerifier(lower: [-1], upper: [1])
        verifier.useFastPaths = false
        verifier.vertexLimit = vertexLimit
        verifier.samples = 2_000
        return Measurement(report: try verifier.verify(network(c, seed: seed)))
    }
}
