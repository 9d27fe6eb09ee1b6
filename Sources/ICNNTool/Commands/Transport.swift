import ArgumentParser

/// `icnn transport`: optimal transport maps between two point clouds.
struct Transport: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Learn an optimal transport map between two CSV point clouds, and apply it.",
        subcommands: [TransportFit.self, TransportApply.self]
    )
}
