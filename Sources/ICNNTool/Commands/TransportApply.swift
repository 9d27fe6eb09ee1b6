import ArgumentParser
import ICNN

/// `icnn transport apply`: push the rows of a CSV file through a saved map.
struct TransportApply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Transport the rows of a CSV file with a map from `icnn transport fit`.",
        discussion: """
            Reads the map's columns (by name), applies T = ∇f (or, with --inverse, the inverse map ∇g) and writes a \
            CSV with the map's columns transported, followed by the file's other columns unchanged.

            Example: icnn transport apply --map map.safetensors --data new_control_cells.csv --out predicted.csv
            """
    )

    @Option(help: "A map file written by `icnn transport fit`.")
    var map: String

    @Option(help: "CSV file with a header row containing the map's columns.")
    var data: String

    @Flag(help: "Apply the inverse map (target → source).")
    var inverse = false

    @Option(help: "Output CSV file (written atomically). Default: standard output.")
    var out: String?

    func run() throws {
        let result = try TransportJob.apply(mapPath: map, dataPath: data, inverse: inverse)
        if let out { try result.write(to: out) } else { print(result.csvString(), terminator: "") }
    }
}
