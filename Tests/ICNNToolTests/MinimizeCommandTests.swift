import Foundation
import Testing

/// Parses CSV text into a header and rows of numbers.
private func parseCSV(_ text: String) -> (header: [String], rows: [[Double]]) {
    let lines = text.split(separator: "\n").map(String.init)
    guard let first = lines.first else { return ([], []) }
    let rows = lines.dropFirst().map { $0.split(separator: ",").map { Double($0) ?? .nan } }
    return (first.split(separator: ",").map(String.init), rows)
}

@Suite("icnn minimize, end to end")
struct MinimizeCommandTests {
    /// A workspace with a FICNN and a PICNN (convex in b) fitted briefly to y = a² + b².
    static func fitted() throws -> Workspace {
        let w = try Workspace()
        for (kind, extra) in [("ficnn", [String]()), ("picnn", ["--convex-in", "b"])] {
            let fit = icnn(
                [
                    "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--model", kind, "--width", "16",
                    "--depth", "2", "--epochs", "30", "--out", "\(kind).safetensors",
                ] + extra,
                in: w.path
            )
            #expect(fit.status == 0, "\(fit.stderr)")
        }
        return w
    }

    @Test("a FICNN: the reported minimum is below the model on a grid over the box, with a small certificate")
    func ficnn() throws {
        let w = try Self.fitted()
        let run = icnn(["minimize", "--model", "ficnn.safetensors", "--lower", "-1", "--upper", "1,0.5"], in: w.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("minimize: 1 problem(s), method lbfgs, converged"))
        let (header, rows) = parseCSV(run.stdout)
        #expect(header == ["argmin_a", "argmin_b", "value", "gap"])
        try #require(rows.count == 1 && rows[0].count == 4)
        let (a, b, value, gap) = (rows[0][0], rows[0][1], rows[0][2], rows[0][3])
        #expect((-1...1).contains(a) && (-1...0.5).contains(b) && gap <= 1e-5)

        // Brute force: the model's predictions on a 21 × 21 grid of the box are never below the minimum.
        var grid = ["a,b"]
        for i in 0...20 { for j in 0...20 { grid.append("\(-1 + Double(i) / 10),\(-1 + 1.5 * Double(j) / 20)") } }
        try w.write("grid.csv", grid.joined(separator: "\n") + "\n")
        let predict = icnn(["predict", "--model", "ficnn.safetensors", "--data", "grid.csv"], in: w.path)
        let predictions = parseCSV(predict.stdout).rows.map { $0[2] }
        #expect(predictions.count == 441)
        // 1e-5: the Float rounding of the O(1) predictions, printed in Float's shortest form.
        #expect(predictions.min()! >= value - 1e-5, "grid minimum \(predictions.min()!) below \(value)")
    }

    @Test("a PICNN: one minimiser per condition row, in CSV and JSON, all methods")
    func picnn() throws {
        let w = try Self.fitted()
        try w.write("conditions.csv", "a,label\n-0.5,x\n0,y\n0.75,z\n")
        for method in ["auto", "lbfgs", "gradient", "accelerated", "bundle"] {
            let run = icnn(
                [
                    "minimize", "--model", "picnn.safetensors", "--data", "conditions.csv", "--lower", "-1", "--upper",
                    "1", "--method", method, "--out", "out-\(method).csv",
                ],
                in: w.path
            )
            #expect(run.status == 0, "\(method): \(run.stderr)")
            let (header, rows) = parseCSV(w.read("out-\(method).csv"))
            #expect(header == ["a", "argmin_b", "value", "gap"])
            #expect(rows.map { $0[0] } == [-0.5, 0, 0.75])
            #expect(rows.allSatisfy { (-1...1).contains($0[1]) && $0[3] <= 1e-5 }, "\(method): \(rows)")
        }
        let json = icnn(
            [
                "minimize", "--model", "picnn.safetensors", "--data", "conditions.csv", "--lower=-1", "--upper=1",
                "--json",
            ],
            in: w.path
        )
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["method"] as? String == "lbfgs" && object?["certificate"] as? String == "gradient-mapping")
        let rows = object?["rows"] as? [[String: Any]]
        #expect(rows?.count == 3 && rows?[0]["a"] as? Double == -0.5 && rows?[0]["argmin_b"] is Double)
    }

    @Test("bad requests fail with one line, exit status ≠ 0, and write nothing")
    func errors() throws {
        let w = try Self.fitted()
        try w.write("conditions.csv", "a\n0\n")
        try w.write("wrong.csv", "c\n0\n")
        let mlp = icnn(
            [
                "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--model", "mlp", "--width", "8",
                "--depth", "1", "--epochs", "2", "--out", "mlp.safetensors",
            ],
            in: w.path
        )
        #expect(mlp.status == 0, "\(mlp.stderr)")
        let cases: [(arguments: [String], status: Int32, message: String)] = [
            (["--model", "ficnn.safetensors", "--lower", "1", "--upper", "0"], 1, "exceeds upper bound"),
            (["--model", "ficnn.safetensors", "--lower", "0,0,0"], 1, "has 3 values but the model has 2"),
            (["--model", "ficnn.safetensors", "--lower", "abc"], 64, "--lower: 'abc' is not a number"),
            (["--model", "ficnn.safetensors", "--method", "bundle"], 1, "finite bounds"),
            (["--model", "ficnn.safetensors", "--data", "conditions.csv"], 1, "convex in every input"),
            (["--model", "picnn.safetensors"], 1, "pass --data with the conditioning columns a"),
            (["--model", "picnn.safetensors", "--data", "wrong.csv"], 1, "wrong.csv"),
            (["--model", "mlp.safetensors"], 1, "convex in none of its inputs"),
            (["--model", "missing.safetensors"], 1, "missing.safetensors"),
        ]
        for c in cases {
            let run = icnn(["minimize"] + c.arguments + ["--out", "never.csv"], in: w.path)
            #expect(run.status == c.status, "\(c.arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains(c.message), "\(c.arguments): \(run.stderr)")
            #expect(!w.exists("never.csv"))
        }
    }

    @Test("a model unbounded below is an error until bounds are given")
    func unbounded() throws {
        let w = try Workspace()
        var lines = ["a,b,y"]
        for i in 0..<300 {
            let a = Double(i % 20) / 10 - 1, b = Double((i * 7) % 23) / 11 - 1
            lines.append("\(a),\(b),\(a + 2 * b)")
        }
        try w.write("linear.csv", lines.joined(separator: "\n") + "\n")
        // A FICNN fitted to a plane (seed 0, 200 epochs) is itself close to that plane: unbounded below.
        let fit = icnn(
            [
                "fit", "--data", "linear.csv", "--target", "y", "--inputs", "a,b", "--model", "ficnn", "--width", "8",
                "--depth", "2", "--epochs", "200", "--out", "plane.safetensors",
            ],
            in: w.path
        )
        #expect(fit.status == 0, "\(fit.stderr)")
        let free = icnn(["minimize", "--model", "plane.safetensors", "--out", "never.csv"], in: w.path)
        #expect(free.status == 1 && free.stderr.contains("unbounded below"), "\(free.stderr)")
        #expect(!w.exists("never.csv"))
        let boxed = icnn(["minimize", "--model", "plane.safetensors", "--lower", "-1", "--upper", "1"], in: w.path)
        #expect(boxed.status == 0, "\(boxed.stderr)")
        // The plane a + 2b is smallest at the corner (−1, −1).
        let row = parseCSV(boxed.stdout).rows.first ?? []
        #expect(row.count == 4 && row[0] == -1 && row[1] == -1, "\(row)")
    }

    @Test("help teaches the command, and bench minimize runs")
    func help() throws {
        let w = try Workspace()
        let help = icnn(["minimize", "--help"], in: w.path)
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stdout.contains("argmin_<input>"))
        let bench = icnn(["bench", "minimize", "--count", "4", "--lp-widths", "16", "--json"], in: w.path)
        #expect(bench.status == 0, "\(bench.stderr)")
        #expect(bench.stdout.split(separator: "\n").count == 6)  // five methods and one LP row
    }
}
