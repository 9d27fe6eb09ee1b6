import Foundation
import Testing

@Suite("icnn experiment regression")
struct ExperimentRegressionTests {
    @Test("--quick end to end: CSV, table and plots, then a resume that trains nothing")
    func quick() throws {
        let w = try Workspace()
        let first = icnn(["experiment", "regression", "--quick", "--out", "study"], in: w.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("ETA") && first.stdout.contains("96 runs"))
        let csv = w.read("study/runs.csv").split(separator: "\n")
        #expect(csv.count == 97 && csv[0].hasPrefix("target,d,noise,family,width,depth,seed"))
        for family in ["mlp", "icnn", "groupmax", "hycnn"] { #expect(csv.contains { $0.contains(",\(family),") }) }
        #expect(w.exists("study/table.md") && w.exists("study/mse-depth-f1-d3-sigma1.svg"))
        let again = icnn(["experiment", "regression", "--quick", "--out", "study"], in: w.path)
        #expect(again.status == 0 && again.stdout.contains("96 runs") && !again.stderr.contains("ETA"))
    }

    @Test func helpTeaches() throws {
        let w = try Workspace()
        let help = icnn(["experiment", "regression", "--help"], in: w.path)
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stdout.contains("--quick"))
        #expect(icnn(["experiment", "--help"], in: w.path).stdout.contains("regression"))
    }

    @Test(arguments: [
        (["--targets", "f9"], "--targets: 'f9'"), (["--dims", "0"], "--dims: '0'"),
        (["--seeds", "0"], "--seeds must be at least 1"), (["--families", "resnet"], "--families: 'resnet'"),
        (["--noise=-1"], "--noise must be"),
    ])
    func badInputFailsWithAReason(arguments: [String], message: String) throws {
        let w = try Workspace()
        let r = icnn(["experiment", "regression", "--out", "never"] + arguments, in: w.path)
        #expect(r.status == 64 && r.stderr.contains(message), "\(r.stderr)")
        #expect(!w.exists("never"))
    }
}
