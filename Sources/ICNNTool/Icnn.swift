import ArgumentParser

/// The `icnn` command: input-convex neural networks from the command line.
@main
struct Icnn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icnn",
        abstract: "Input-convex neural networks: fit, minimise, transport, verify, benchmark.",
        version: "0.1.0",
        subcommands: [
            Fit.self, Predict.self, Info.self, Minimize.self, Transport.self, Verify.self, Experiment.self, Bench.self,
        ]
    )
}
