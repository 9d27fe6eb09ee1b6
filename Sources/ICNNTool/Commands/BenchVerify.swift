import ArgumentParser
import Foundation
import ICNN
import ICNNExperiments

/// `icnn bench verify`: how the exact convexity check scales.
struct BenchVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Time the exact convexity check on random ReLU networks of growing width, depth and dimension.",
        discussion: """
            For each configuration, builds a random ReLU network (PyTorch's nn.Linear initialisation, seeded), \
            runs the exact check of `icnn verify` on [-1, 1]^d with the shortcuts off (unless --shortcuts), and \
            prints the skeleton's vertices, edges and regions, the path coefficients checked, the verdict and the \
            seconds. Configurations: 0–6 width 8…512 (d = 2, two layers), 7–9 depth 1, 3, 4 (d = 2, width 32), \
            10–16 d = 1, 3…8 (two layers of 32); then convex networks that are not ICNNs and that only the whole \
            skeleton can prove convex: 17–21 d = 8 with two layers of 4, 6, 8, 12, 16, and 22 d = 2 with two \
            layers of 512.

            Examples:
              icnn bench verify
              icnn bench verify --configs 0,1,2 --json
              icnn bench verify --configs 16 --shortcuts
            """
    )

    @Option(help: "Comma-separated indices of the configurations to run (default: all).")
    var configs: String?

    @Option(help: "Seed of the random networks.")
    var seed: UInt64 = 1

    @Flag(help: "Let the verifier's shortcuts answer (last-layer rule, early sampling pass), as icnn verify does.")
    var shortcuts = false

    @Flag(help: "Print one JSON object per configuration instead of a table.")
    var json = false

    func indices() throws -> [Int] {
        let all = VerificationBenchmark.Configuration.reference
        guard let configs else { return Array(all.indices) }
        return try configs.split(separator: ",").map { part in
            guard let i = Int(part.filter { $0 != " " }), all.indices.contains(i) else {
                throw ValidationError("--configs: '\(part)' is not an index from 0 to \(all.count - 1)")
            }
            return i
        }
    }

    func validate() throws { _ = try indices() }

    func run() throws {
        var table = TextTable([
            "#", "d", "widths", "family", "vertices", "edges", "regions", "c_ν(D)", "verdict", "seconds",
        ])
        for i in try indices() {
            let c = VerificationBenchmark.Configuration.reference[i]
            let r = try VerificationBenchmark.run(c, seed: seed, shortcuts: shortcuts).report
            let widths = c.widths.map(String.init).joined(separator: "×")
            if json {
                print(
                    """
                    {"config": \(i), "d": \(c.inputs), "widths": [\(c.widths.map(String.init).joined(separator: ", "))], \
                    "family": "\(c.family.rawValue)", "method": "\(r.method.rawValue)", \
                    "vertices": \(r.vertices ?? 0), "edges": \(r.edges ?? 0), "regions": \(r.regions ?? 0), \
                    "path_coefficients": \(r.pathCoefficients ?? 0), "verdict": "\(r.verdict.rawValue)", \
                    "seconds": \(r.seconds)}
                    """
                )
            } else {
                table.add([
                    "\(i)", "\(c.inputs)", widths, c.family.rawValue, "\(r.vertices ?? 0)", "\(r.edges ?? 0)",
                    "\(r.regions ?? 0)",
                    "\(r.pathCoefficients ?? 0)", r.verdict.rawValue + (r.method == .sampling ? " (sampling)" : ""),
                    String(format: "%.3f", r.seconds),
                ])
                writeError("config \(i) done in \(String(format: "%.3f", r.seconds)) s\n")
            }
        }
        if !json { print(table.rendered) }
    }
}
