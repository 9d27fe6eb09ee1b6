import ArgumentParser
import ICNN
import ICNNExperiments

/// `icnn bench transport`: milliseconds per neural-OT iteration beside a plain training step.
struct BenchTransport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport",
        abstract: "Time one neural-OT outer iteration (S critic steps + one potential step) against a training step.",
        discussion: """
            Configurations: 0, 1 = HyCNN 48×4 at d = 50, batch 256 (the issue's case), with the max gate and with the \
            smooth gate τ = 1 (the transport default); 2–5 = softplus FICNNs with the \
            shapes of `icnn bench engine` (d, width, depth, batch) ∈ {(2,64,3,256), (16,128,4,1024), \
            (64,512,4,1024), (128,1024,4,4096)}. Each row gives the median milliseconds of an outer iteration (S = 5), \
            of one critic step (a loss of ∇g: second-order gradients), of one potential step, and of a plain \
            regression training step (MSE, Adam) of the same network and batch. The four are timed in turn within \
            every sample, and the ratios are medians of the per-sample ratios, so a machine whose load drifts \
            moves them less than the times.

            Example: icnn bench transport --configs 0,1,2
            """
    )

    @Option(help: "Comma-separated indices (0–5) of the configurations to run.")
    var configs: String = "0,1,2,3"

    @Option(help: "Timed samples per measurement (the median is reported).")
    var samples: Int = 7

    func validate() throws {
        _ = try indices()
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1, got \(samples)") }
    }

    func indices() throws -> [Int] {
        try configs.split(separator: ",").map { part in
            guard let i = Int(part.filter { $0 != " " }), TransportBenchmark.Configuration.reference.indices.contains(i)
            else { throw ValidationError("--configs: '\(part)' is not one of 0 to 5") }
            return i
        }
    }

    func run() throws {
        var timing = Timing()
        timing.samples = samples
        var table = TextTable([
            "potentials", "batch", "iteration ms", "critic step ms", "potential step ms", "train step ms",
            "iteration / train", "critic / train",
        ])
        for i in try indices() {
            let c = TransportBenchmark.Configuration.reference[i]
            let m = TransportBenchmark.run(c, timing: timing)
            table.add([
                c.name, "\(c.batch)", fixed(m.iterationMilliseconds, 3), fixed(m.criticStepMilliseconds, 3),
                fixed(m.potentialStepMilliseconds, 3), fixed(m.trainStepMilliseconds, 3),
                fixed(m.iterationPerTrain, 2), fixed(m.criticPerTrain, 2),
            ])
        }
        print("Neural OT, S = 5 (median of \(samples) samples):")
        print(table.rendered)
    }
}
