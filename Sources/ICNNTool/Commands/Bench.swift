import ArgumentParser
import ICNNExperiments

/// `icnn bench`: speed measurements of the engine and the models.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure speed: GFLOP/s of the kernels, milliseconds per training step.",
        subcommands: [BenchCores.self, BenchEngine.self, BenchMinimize.self, BenchTransport.self, BenchVerify.self]
    )
}
