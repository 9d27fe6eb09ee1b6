import ICNN

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `icnn bench minimize`: batched solves per second on a randomly initialised PICNN (issue 4's configuration:
/// x ∈ R³², y ∈ R¹⁶, width 128, depth 3, softplus), for each method on the box [0, 1]¹⁶.
extension Experiments {
    public enum MinimizeBenchmark {
        /// One method's measurement.
        public struct Measurement: Sendable {
            /// The method.
            public var method: Minimizer.Method
            /// The entropy weight ε of the problem solved.
            public var entropyWeight: Double
            /// Wall-clock seconds for the whole batch (one run).
            public var seconds: Double
            /// CPU seconds of the process for the same run (on a loaded machine, closer to the solver's own cost).
            public var cpuSeconds: Double
            /// Problems solved per second.
            public var solvesPerSecond: Double
            /// The largest certificate over the batch, and its kind.
            public var maxGap: Double
            public var certificate: ConvexMinimum.Certificate
            /// The share of problems whose certificate met the tolerance.
            public var convergedShare: Double
            /// Batch iterations and batched network evaluations.
            public var iterations: Int
            public var evaluations: Int
            /// The largest |φ(ŷ) − φ(ŷ_lbfgs)| over the batch against L-BFGS-B on the same problem.
            public var maxValueDifference: Double
        }

        /// The benchmark network and `count` conditions drawn from N(0, 1), from `seed`.
        public static func problem(count: Int, entropyWeight: Double, seed: UInt64) throws -> ConvexProblem {
            var rng = SeededGenerator(seed: seed)
            let picnn = PICNN(inputs: 48, convexIn: Array(32..<48), widths: [128, 128, 128])
            let model = Model(picnn, using: &rng)
            let x = Tensor<Float>(normal: [count, 32], standardDeviation: 1, using: &rng).scalars
            let conditions = (0..<count).map { Array(x[$0 * 32..<($0 + 1) * 32]) }
            return try ConvexProblem(
                ConvexObjective(model),
                conditions: conditions,
                lower: [0],
                upper: [1],
                entropyWeight: entropyWeight
            )
        }

        /// Solves the batch once per (method, ε) and reports speed and accuracy.
        /// - Parameters:
        ///   - count: the number of conditions (1000 in the README).
        ///   - tolerance: the certificate tolerance.
        ///   - seed: the model and condition seed.
        public static func run(count: Int = 1000, tolerance: Double = 1e-4, seed: UInt64 = 4) throws -> [Measurement] {
            let timing = Timing()
            var out: [Measurement] = []
            for epsilon in [0.0, 1.0] {
                let problem = try problem(count: count, entropyWeight: epsilon, seed: seed)
                let solver = Minimizer(tolerance: tolerance, maxIterations: 2000)
                let methods: [Minimizer.Method] =
                    epsilon > 0 ? [.lbfgs, .bundle] : [.lbfgs, .gradient, .accelerated]
                var reference: [Double] = []
                for method in methods {
                    var result: ConvexMinimum?
                    let cpuStart = clock()
                    let seconds = timing.seconds { result = try? solver.minimize(problem, method: method) }
                    let cpuSeconds = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
                    guard let result else { throw MinimizationError("\(method) failed on the benchmark problem") }
                    if method == .lbfgs { reference = result.values }
                    out.append(
                        Measurement(
                            method: method,
                            entropyWeight: epsilon,
                            seconds: seconds,
                            cpuSeconds: cpuSeconds,
                            solvesPerSecond: Double(count) / seconds,
                            maxGap: result.gaps.max() ?? 0,
                            certificate: result.certificate,
                            convergedShare: Double(result.gaps.filter { $0 <= tolerance }.count) / Double(count),
                            iterations: result.iterations,
                            evaluations: result.evaluations,
                            maxValueDifference: zip(result.values, reference).map { abs($0 - $1) }.max() ?? 0
                        )
                    )
                }
            }
            return out
        }
    }
}
