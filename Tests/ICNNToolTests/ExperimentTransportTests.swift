import Foundation
import Testing

@Suite("icnn experiment transport")
struct ExperimentTransportTests {
    @Test("--quick with cells end to end: CSV, table, pictures, then a resume that fits nothing")
    func quick() throws {
        let w = try Workspace()
        var rows = ["cell,bulk_label,pc1,pc2,pc3,pc4,pc5"]
        var rng = 7
        func next() -> Double {
            rng = (rng &* 1_103_515_245 &+ 12345) & 0x7fff_ffff
            return Double(rng) / Double(0x7fff_ffff) - 0.5
        }
        for i in 0..<120 {
            let label = ["CD14+ Monocyte", "Dendritic", "CD4+/CD25 T Reg", "CD8+ Cytotoxic T"][i % 4]
            rows.append(
                "c\(i),\(label)," + (0..<5).map { k in "\(next() + Double(i % 4 == k ? 2 : 0))" }.joined(separator: ",")
            )
        }
        try w.write("cells.csv", rows.joined(separator: "\n") + "\n")
        let first = icnn(["experiment", "transport", "--quick", "--cells", "cells.csv", "--out", "ot"], in: w.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("ETA") && first.stdout.contains("28 runs"), "\(first.stdout)")
        let table = w.read("ot/table.md")
        for heading in ["## Synthetic maps", "## Gaussian → Gaussian", "## 2-D pairs", "## Single cells"] {
            #expect(table.contains(heading))
        }
        #expect(table.contains("CD14+ Monocyte → Dendritic | identity map"))
        #expect(w.exists("ot/checkerboard-seed0-hycnn-8x2-tau1.svg"))
        let again = icnn(["experiment", "transport", "--quick", "--cells", "cells.csv", "--out", "ot"], in: w.path)
        #expect(again.status == 0 && again.stdout.contains("28 runs") && !again.stderr.contains("ETA"))
        try w.write("ot/table.md", "stale")
        let rewrite = icnn(["experiment", "transport", "--table-only", "--out", "ot"], in: w.path)
        #expect(
            rewrite.status == 0 && rewrite.stdout.contains("28 runs") && w.read("ot/table.md").hasPrefix("# Neural")
        )
        let none = icnn(["experiment", "transport", "--table-only", "--out", "nowhere"], in: w.path)
        #expect(none.status != 0 && none.stderr.contains("nowhere/runs.csv does not exist"), "\(none.stderr)")
    }

    @Test(arguments: [
        (["--parts", "cells"], "--parts cells needs --cells"), (["--dims", "0"], "--dims: '0'"),
        (["--taus=-1"], "--taus: '-1'"), (["--icnn-variants", "icnn-tanh"], "--icnn-variants: 'icnn-tanh'"),
        (["--maps", "swirl"], "--maps: 'swirl'"), (["--lr", "0"], "--lr: '0'"),
        (["--lr", "0.01,1e-2"], "--lr repeats a rate"), (["--conjugate-search=-1"], "--conjugate-search must be ≥ 0"),
        (["--hycnn-depths", "none,2"], "--hycnn-depths: 'none'"), (["--first-seed=-1"], "--first-seed must be ≥ 0"),
    ])
    func badInputFailsWithAReason(arguments: [String], message: String) throws {
        let w = try Workspace()
        let r = icnn(["experiment", "transport", "--out", "never"] + arguments, in: w.path)
        #expect(r.status == 64 && r.stderr.contains(message), "\(r.stderr)")
        #expect(!w.exists("never"))
    }

    @Test("A cell file without enough cells of a type is refused with the file, column and label")
    func tooFewCells() throws {
        let w = try Workspace()
        let header = "bulk_label," + (1...50).map { "pc\($0)" }.joined(separator: ",")
        let rows = (0..<14).map { i in
            (i < 3 ? "Dendritic," : "CD14+ Monocyte,") + (1...50).map { "\(i * $0 % 7)" }.joined(separator: ",")
        }
        try w.write("few.csv", ([header] + rows).joined(separator: "\n") + "\n")
        let r = icnn(
            ["experiment", "transport", "--parts", "cells", "--cells", "few.csv", "--out", "never"],
            in: w.path
        )
        #expect(r.status != 0 && r.stderr.contains("few.csv") && r.stderr.contains("'Dendritic'"), "\(r.stderr)")
    }
}
