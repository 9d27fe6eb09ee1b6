import ArgumentParser
import ICNN
import ICNNExperiments

/// `icnn bench minimize`: solves per second of the minimisation methods on a batch of conditions.
struct BenchMinimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimize",
        abstract: "Time the minimisers: solves per second for a batch of conditions on a PICNN, per method.",
        discussion: """
            Draws a softplus PICNN with 32 conditioning and 16 convex inputs, widths 128-128-128 (default \
            initialisation, seed --seed) and --count conditions x ~ N(0, I), then solves \
            argmin_{y ∈ [0,1]^16} f(x, y) for all of them in one batch with each method: lbfgs, gradient and \
            accelerated on the plain problem (ε = 0), lbfgs and bundle on the entropy-regularised one (ε = 1). \
            Reports wall-clock and process CPU time for the batch (one run each), solves per (wall-clock) second, the largest certificate \
            and the share of problems within --tolerance, iterations, batched network evaluations, and the \
            largest value difference from L-BFGS-B on the same problem. Then, for ReLU FICNNs (d = 16, depth 3, \
            widths --lp-widths), the size of the exact-inference linear program, simplex iterations and the time \
            of one solve.

            Examples:
              icnn bench minimize
              icnn bench minimize --count 100 --lp-widths 64,128 --json
            """
    )

    @Option(help: "The number of conditions in the batch.")
    var count: Int = 1000

    @Option(help: "The certificate tolerance.")
    var tolerance: Double = 1e-4

    @Option(help: "Seed of the network and the conditions.")
    var seed: UInt64 = 4

    @Option(help: "Comma-separated hidden widths of the ReLU FICNNs for the exact-inference (LP) table; empty to skip.")
    var lpWidths: String = "64,128,256,512"

    @Flag(help: "Print one JSON object per method (one per line) instead of a table.")
    var json = false

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        guard tolerance > 0 && tolerance.isFinite else {
            throw ValidationError("--tolerance must be a positive number, got \(tolerance)")
        }
    }

    func run() throws {
        let results = try Experiments.MinimizeBenchmark.run(count: count, tolerance: tolerance, seed: seed)
        var table = TextTable([
            "method", "ε", "seconds", "CPU s", "solves/s", "max gap", "certificate", "within tol", "iterations",
            "evaluations", "max |Δvalue| vs lbfgs",
        ])
        for m in results {
            if json {
                print(
                    """
                    {"method": \(quoted(m.method.rawValue)), "entropy": \(m.entropyWeight), "count": \(count), \
                    "seconds": \(m.seconds), "cpu_seconds": \(m.cpuSeconds), "solves_per_second": \(m.solvesPerSecond), "max_gap": \(m.maxGap), \
                    "certificate": \(quoted(m.certificate.rawValue)), "converged_share": \(m.convergedShare), \
                    "iterations": \(m.iterations), "evaluations": \(m.evaluations), \
                    "max_value_difference": \(m.maxValueDifference)}
                    """
                )
            } else {
                table.add([
                    m.method.rawValue, fixed(m.entropyWeight, 1), fixed(m.seconds, 3), fixed(m.cpuSeconds, 3),
                    fixed(m.solvesPerSecond, 1),
                    "\(m.maxGap)", m.certificate.rawValue, fixed(100 * m.convergedShare, 1) + " %",
                    "\(m.iterations)", "\(m.evaluations)", "\(m.maxValueDifference)",
                ])
            }
        }
        if !json {
            print("PICNN x ∈ R^32, y ∈ [0,1]^16, widths 128-128-128, \(count) conditions in one batch:")
            print(table.rendered)
        }
        let widths = try lpWidths.split(separator: ",").map { part in
            guard let w = Int(part.filter { $0 != " " }), w >= 1 else {
                throw ValidationError("--lp-widths: '\(part)' is not a positive integer")
            }
            return w
        }
        guard !widths.isEmpty else { return }
        var lp = TextTable([
            "width", "depth", "d", "LP rows", "LP columns", "non-zeros", "iterations", "seconds", "gap",
        ])
        for row in ExactInferenceBenchmark.run(widths: widths) {
            if json {
                print(
                    """
                    {"kind": "lp", "width": \(row.width), "depth": \(row.depth), "inputs": \(row.inputs), \
                    "rows": \(row.rows), "columns": \(row.columns), "non_zeros": \(row.nonZeros), \
                    "iterations": \(row.iterations), "seconds": \(row.seconds), "status": \(quoted(row.status.rawValue)), \
                    "duality_gap": \(row.dualityGap)}
                    """
                )
            } else {
                lp.add([
                    "\(row.width)", "\(row.depth)", "\(row.inputs)", "\(row.rows)", "\(row.columns)", "\(row.nonZeros)",
                    "\(row.iterations)", fixed(row.seconds, 3), "\(row.dualityGap)",
                ])
            }
        }
        if !json {
            print("\nExact inference (one LP, simplex in Double) for ReLU FICNNs over [−1, 1]^16, depth 3:")
            print(lp.rendered)
        }
    }
}
