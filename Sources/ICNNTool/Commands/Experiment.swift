import ArgumentParser

/// `icnn experiment`: the papers' experiments as reproducible runs with result tables.
struct Experiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reproduce the papers' experiments: result tables, CSVs and plots.",
        subcommands: [ExperimentRegression.self, ExperimentTransport.self]
    )
}
