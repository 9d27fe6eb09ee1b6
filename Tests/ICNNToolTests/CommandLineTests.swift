import Foundation
import Testing

/// The built `icnn` binary (next to the test bundle).
func icnnBinary() -> URL {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("icnn")
    return FileManager.default.fileExists(atPath: binary.path)
        ? binary : Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("icnn")
}

/// Runs `executable` (default: the built `icnn`) with `arguments` in `folder`.
func icnn(
    _ arguments: [String],
    in folder: String,
    executable: URL = icnnBinary()
) -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return (-1, "", "cannot start \(executable.path): \(error)") }
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

    @Test("conv-ficnn and conv-picnn fit images given by --image")
    func convolutionalModels() throws {
        let w = try Workspace()
        for (model, extra, convex) in [
            ("conv-ficnn", [String](), "[0, 1]"), ("conv-picnn", ["--convex-in", "b"], "[1]"),
        ] {
            let fit = icnn(
                [
                    "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--model", model, "--image",
                    "1x2", "--width", "4", "--depth", "2", "--epochs", "3", "--out", "c.safetensors",
                ] + extra,
                in: w.path
            )
            #expect(fit.status == 0, "\(model): \(fit.stderr)")
            #expect(fit.stdout.contains("convex in inputs \(convex)"), "\(model): \(fit.stdout)")
            let info = icnn(["info", "--model", "c.safetensors"], in: w.path)
            #expect(info.status == 0 && info.stdout.contains(model), "\(info.stdout)")
        }
    }

    @Test(
        "On a terminal, fit draws an in-place bar with the loss and an ETA; in a pipe, plain lines",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
            "needs util-linux `script` for a pty"
        )
    )
    func progressBarOnTerminal() throws {
        let w = try Workspace()
        // `script` runs the command under a pseudo-terminal and copies what it prints to our pipe.
        let command = "'\(icnnBinary().path)' fit --epochs 5 --out t.safetensors"
        let terminal = icnn(
            ["-qec", command, "/dev/null"],
            in: w.path,
            executable: URL(fileURLWithPath: "/usr/bin/script")
        )
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(terminal.stdout.contains("\r") && terminal.stdout.contains("█"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("ETA") && terminal.stdout.contains("5/5"))
        let piped = icnn(["fit", "--epochs", "5", "--out", "p.safetensors"], in: w.path)
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("█") && piped.stderr.contains("ETA"))
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
        (
            ["fit", "--data", "data.csv", "--target", "y", "--model", "conv-ficnn", "--out", "x.safetensors"], 1,
            "--image"
        ),
        (
            [
                "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--model", "conv-ficnn",
                "--image", "3x3", "--out", "x.safetensors",
            ], 1, "9 values"
        ),
        (["fit", "--model", "conv-ficnn", "--image", "8by8", "--out", "x.safetensors"], 64, "--image"),
        (["fit", "--model", "ficnn", "--image", "1x2", "--out", "x.safetensors"], 1, "--image"),
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
