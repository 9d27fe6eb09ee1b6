import ArgumentParser
import ICNNExperiments

/// `icnn bench engine`: the reference FICNN benchmark.
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Time the engine on the reference FICNN (train step, forward, ∇f, double backward).",
        discussion: """
            Runs the fully input-convex network of shared/bench (softplus layers, non-negative W_z kept by \
            clamping after each Adam step, target ‖y‖² + noise) at the four reference configurations and prints \
            the median milliseconds per step. Compare with shared/bench/torch_ficnn.py and jax_ficnn.py run in \
            the same sitting.

            Example: icnn bench engine --configs 0,1 --json
            """
    )

    @Option(help: "Comma-separated indices of the configurations to run (0–3).")
    var configs: String = "0,1,2,3"

    @Flag(help: "Print one JSON object per measurement instead of a table.")
    var json = false

    @Option(help: "Timed samples per measurement (the median is reported).")
    var samples: Int = 7

    func run() throws {
        let indices = try configs.split(separator: ",").map { part -> Int in
            guard let i = Int(part.filter { $0 != " " }), i >= 0, i < 4 else {
                throw ValidationError("--configs: '\(part)' is not an index in 0...3")
            }
            return i
        }
        var timing = Timing()
        timing.samples = samples
        for i in indices {
            let c = EngineBenchmark.Configuration.reference[i]
            let m = EngineBenchmark.run(c, timing: timing)
            if json {
                print("""
                    {"d": \(c.inputs), "width": \(c.width), "depth": \(c.depth), "batch": \(c.batch), \
                    "train_ms": \(m.trainMilliseconds), "forward_ms": \(m.forwardMilliseconds), \
                    "grad_ms": \(m.gradientMilliseconds), "double_backward_ms": \(m.doubleBackwardMilliseconds), \
                    "train_gflops": \(m.trainGflops)}
                    """)
            } else {
                print("\(c): train \(m.trainMilliseconds) ms, forward \(m.forwardMilliseconds) ms, ∇f \(m.gradientMilliseconds) ms, double backward \(m.doubleBackwardMilliseconds) ms, loss \(m.lossBefore) → \(m.lossAfter)")
            }
        }
    }
}
