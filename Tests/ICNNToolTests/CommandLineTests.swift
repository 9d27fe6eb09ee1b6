import Foundation
import Testing

/// Runs the built `icnn` binary (next to the test bundle) with `arguments` in `folder`.
func icnn(_ arguments: [String], in folder: String) -> (status: Int32, stdout: String, stderr: String) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("icnn")
    let process = Process()
    process.executableURL =
        FileManager.default.fileExists(atPath: binary.path)
        ? binary : Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("icnn")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return (-1, "", "cannot start \(binary.path): \(error)") }
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// A fresh folder with a small CSV: y = a² + b² (+ a text column), removed afterwards.
final class Workspace {
    let path = NSTemporaryDirectory() + "icnn-cli-\(UUID().uuidString)"
    init() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var lines = ["a,b,label,y"]
        for i in 0..<300 {
            let a = Double(i % 20) / 10 - 1, b = Double((i * 7) % 23) / 11 - 1
            lines.append("\(a),\(b),row\(i),\(a * a + b * b)")
        }
        try write("data.csv", lines.joined(separator: "\n") + "\n")
    }
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }
    func read(_ name: String) -> String { (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? "" }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("The icnn command line, end to end")
struct CommandLineTests {
    @Test func helpTeaches() throws {
        let w = try Workspace()
        let root = icnn(["--help"], in: w.path)
        #expect(root.status == 0)
        for command in ["fit", "predict", "info", "bench"] { #expect(root.stdout.contains(command)) }
        let fit = icnn(["fit", "--help"], in: w.path)
        #expect(fit.stdout.contains("Examples:") && fit.stdout.contains("--convex-in"))
    }

    @Test("fit → info → predict on a small CSV")
    func fitInfoPredict() throws {
        let w = try Workspace()
        let fit = icnn(
            [
                "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--model", "ficnn",
                "--width", "16", "--depth", "2", "--epochs", "20", "--batch-size", "32", "--plot", "fit.svg",
                "--out", "m.safetensors",
            ],
            in: w.path
        )
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("certificate: convex in inputs [0, 1]"))
        #expect(w.exists("m.safetensors") && w.read("fit.svg").contains("<svg"))

        let info = icnn(["info", "--model", "m.safetensors", "--json"], in: w.path)
        #expect(info.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any]
        #expect(object?["model"] as? String == "ficnn")
        #expect((object?["certificate"] as? [String: Any])?["holds"] as? Bool == true)

        try w.write("points.csv", "b,a\n0,0\n0.5,-0.5\n")
        let predict = icnn(
            [
                "predict", "--model", "m.safetensors", "--data", "points.csv", "--gradient",
                "--out", "p.csv",
            ],
            in: w.path
        )
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = w.read("p.csv").split(separator: "\n")
        #expect(lines.first == "a,b,prediction,grad_a,grad_b")
        #expect(lines.count == 3)
    }

    @Test func picnnWithConvexColumns() throws {
        let w = try Workspace()
        let fit = icnn(
            [
                "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--model", "picnn",
                "--convex-in", "b", "--width", "8", "--depth", "2", "--epochs", "3", "--out", "p.safetensors",
            ],
            in: w.path
        )
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("convex in inputs [1]"))
    }

    /// (arguments, expected exit status, a fragment of the one-line message).
    static let badInputs: [([String], Int32, String)] = [
        (["fit", "--data", "missing.csv", "--out", "x.safetensors"], 1, "missing.csv"),
        (["fit", "--data", "data.csv", "--target", "z", "--out", "x.safetensors"], 1, "'z'"),
        (["fit", "--data", "data.csv", "--target", "y", "--inputs", "a,label", "--out", "x.safetensors"], 1, "label"),
        (["fit", "--data", "nan.csv", "--target", "y", "--out", "x.safetensors"], 1, "row 2"),
        (["fit", "--data", "ragged.csv", "--target", "y", "--out", "x.safetensors"], 1, "row 2"),
        (
            [
                "fit", "--data", "data.csv", "--target", "y", "--inputs", "a", "--batch-size", "1000",
                "--out", "x.safetensors",
            ], 1, "batch size"
        ),
        (["fit", "--model", "transformer", "--out", "x.safetensors"], 64, "transformer"),
        (["fit", "--width", "-3", "--out", "x.safetensors"], 64, "--width"),
        (
            [
                "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--convex-in", "a",
                "--out", "x.safetensors",
            ], 1, "--convex-in"
        ),
        (["predict", "--model", "missing.safetensors", "--data", "data.csv"], 1, "missing.safetensors"),
        (["info", "--model", "data.csv"], 1, "data.csv"),
    ]

    @Test(
        "Bad input: one-line error naming the problem, exit status ≠ 0, nothing written",
        arguments: badInputs.indices
    )
    func badInput(_ index: Int) throws {
        let (arguments, status, fragment) = Self.badInputs[index]
        let w = try Workspace()
        try w.write("nan.csv", "a,y\n1,2\nnan,3\n4,5\n")
        try w.write("ragged.csv", "a,y\n1,2\n3\n4,5\n")
        let result = icnn(arguments, in: w.path)
        #expect(result.status == status, "\(arguments): status \(result.status), stderr \(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
        #expect(!w.exists("x.safetensors"))
    }
}
