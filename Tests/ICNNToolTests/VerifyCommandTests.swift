import Foundation
import Testing

/// Writes a safetensors file of little-endian F32 tensors by hand (the tool tests do not link the library).
func writeSafeTensors(_ path: String, _ tensors: [(name: String, shape: [Int], values: [Float])]) throws {
    var header: [String] = []
    var data: [UInt8] = []
    for t in tensors {
        let begin = data.count
        for v in t.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        header.append(
            "\"\(t.name)\": {\"dtype\": \"F32\", \"shape\": \(t.shape), \"data_offsets\": [\(begin), \(data.count)]}"
        )
    }
    var json = Array(("{" + header.joined(separator: ", ") + "}").utf8)
    while json.count % 8 != 0 { json.append(0x20) }
    var bytes: [UInt8] = []
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
    try Data(bytes + json + data).write(to: URL(fileURLWithPath: path))
}

/// The two-layer network n = relu(x), m₁ = relu(n₁ + n₂ + 1/8), m₂ = relu(n₂ − n₁ − 1/2), f = m₁ + a·m₂ in
/// PyTorch nn.Sequential layout: convex on [-1, 1]² iff a ≤ 1.
func writeCompensated(_ path: String, a: Float, prefix: String = "") throws {
    try writeSafeTensors(
        path,
        [
            ("\(prefix)0.weight", [2, 2], [1, 0, 0, 1]), ("\(prefix)0.bias", [2], [0, 0]),
            ("\(prefix)2.weight", [2, 2], [1, 1, -1, 1]), ("\(prefix)2.bias", [2], [0.125, -0.5]),
            ("\(prefix)4.weight", [1, 2], [1, a]), ("\(prefix)4.bias", [1], [0]),
        ]
    )
}

func jsonObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}

@Suite("icnn verify, end to end")
struct VerifyCommandTests {
    @Test func helpTeaches() throws {
        let w = try Workspace()
        #expect(icnn(["--help"], in: w.path).stdout.contains("verify"))
        let help = icnn(["verify", "--help"], in: w.path)
        #expect(help.status == 0)
        for fragment in ["Examples:", "--method", "nn.Sequential", "undetermined", "--json"] {
            #expect(help.stdout.contains(fragment), "\(fragment)")
        }
        #expect(icnn(["bench", "verify", "--help"], in: w.path).stdout.contains("Examples:"))
    }

    @Test("a non-convex PyTorch-layout network: verdict, skeleton, witness; exit 0")
    func notConvexText() throws {
        let w = try Workspace()
        try writeCompensated(w.path + "/net.safetensors", a: 2, prefix: "net.")
        let r = icnn(["verify", "--model", "net.safetensors"], in: w.path)
        #expect(r.status == 0, "\(r.stderr)")
        for fragment in [
            "verdict:  not convex", "method:   exact", "skeleton:", "regions", "witness:  neuron (0, 0)",
            "downstream pattern 11", "f(½(a+b))",
        ] {
            #expect(r.stdout.contains(fragment), "\(fragment) missing from\n\(r.stdout)")
        }
    }

    @Test("a convex network that is not an ICNN, as JSON")
    func convexJSON() throws {
        let w = try Workspace()
        try writeCompensated(w.path + "/net.safetensors", a: 1)
        let r = icnn(["verify", "--model", "net.safetensors", "--lower", "-1", "--upper", "1", "--json"], in: w.path)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(jsonObject(r.stdout), "\(r.stdout)")
        #expect(object["verdict"] as? String == "convex")
        #expect((object["method"] as? String)?.hasPrefix("exact") == true)
        #expect((object["vertices"] as? Int ?? 0) > 4 && (object["regions"] as? Int ?? 0) >= 4)
        #expect(object["witness"] is NSNull)
    }

    @Test("--method sample refutes with a chord, and never says convex")
    func sample() throws {
        let w = try Workspace()
        try writeCompensated(w.path + "/bad.safetensors", a: 2)
        try writeCompensated(w.path + "/good.safetensors", a: 1)
        let bad = icnn(["verify", "--model", "bad.safetensors", "--method", "sample", "--json"], in: w.path)
        let good = icnn(
            ["verify", "--model", "good.safetensors", "--method", "sample", "--samples", "500"],
            in: w.path
        )
        #expect(bad.status == 0 && good.status == 0)
        let object = try #require(jsonObject(bad.stdout))
        #expect(object["verdict"] as? String == "not convex")
        let witness = try #require(object["witness"] as? [String: Any])
        #expect((witness["gap"] as? Double ?? 0) > (witness["allowance"] as? Double ?? 1))
        #expect(good.stdout.contains("verdict:  undetermined") && good.stdout.contains("500 chords"))
    }

    @Test("models fitted by icnn fit: an MLP is checked exactly, a FICNN by its certificate")
    func fittedModels() throws {
        let w = try Workspace()
        for (kind, method) in [("mlp", "exact"), ("ficnn", "structural")] {
            let fit = icnn(
                [
                    "fit", "--data", "data.csv", "--target", "y", "--inputs", "a,b", "--model", kind, "--width", "8",
                    "--depth", "2", "--epochs", "5", "--batch-size", "64", "--out", "\(kind).safetensors",
                ],
                in: w.path
            )
            #expect(fit.status == 0, "\(fit.stderr)")
            let r = icnn(["verify", "--model", "\(kind).safetensors", "--json"], in: w.path)
            #expect(r.status == 0, "\(r.stderr)")
            let object = try #require(jsonObject(r.stdout), "\(r.stdout)")
            #expect(["convex", "not convex", "undetermined"].contains(object["verdict"] as? String ?? ""))
            #expect((object["method"] as? String)?.hasPrefix(method) == true, "\(kind): \(r.stdout)")
            if kind == "ficnn" { #expect(object["claim"] as? String == "convex on R^2") }
        }
    }

    @Test("bad input: one line naming the problem, exit status ≠ 0")
    func badInput() throws {
        let w = try Workspace()
        try writeCompensated(w.path + "/net.safetensors", a: 1)
        try writeSafeTensors(
            w.path + "/wide.safetensors",
            [
                ("0.weight", [2, 2], [1, 0, 0, 1]), ("0.bias", [2], [0, 0]), ("2.weight", [3, 2], [1, 1, 1, 1, 1, 1]),
            ]
        )
        try writeSafeTensors(
            w.path + "/norm.safetensors",
            [("0.weight", [2, 2], [1, 0, 0, 1]), ("1.running_mean", [2], [0, 0])]
        )
        try w.write("junk.safetensors", "this is not a safetensors file")
        let cases: [([String], String)] = [
            (["--model", "missing.safetensors"], "missing.safetensors"),
            (["--model", "junk.safetensors"], "junk.safetensors"),
            (["--model", "wide.safetensors"], "scalar output"),
            (["--model", "norm.safetensors"], "1.running_mean"),
            (["--model", "net.safetensors", "--lower", "1", "--upper", "1"], "--lower must be < --upper"),
            (["--model", "net.safetensors", "--lower", "2", "--upper", "-2"], "--lower must be < --upper"),
            (["--model", "net.safetensors", "--method", "guess"], "guess"),
        ]
        for (arguments, fragment) in cases {
            let r = icnn(["verify"] + arguments, in: w.path)
            #expect(r.status != 0, "\(arguments)")
            #expect(r.stderr.contains(fragment), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(arguments): \(r.stdout)")
        }
    }

    @Test("a bias=False first layer (hyperplanes through the origin) gets an exact verdict", arguments: [0.5, 2])
    func zeroFirstLayerBias(a: Float) throws {
        // n = relu(W x) with three lines through the origin; m₁ = relu(n₁ + n₂ + n₃ + 0.1) is always active,
        // m₂ = relu(n₁ − n₃ + 0.2); f = m₁ + a·m₂: c for n₃ is 1 − a where m₂ is active, convex iff a ≤ 1.
        let w = try Workspace()
        try writeSafeTensors(
            w.path + "/net.safetensors",
            [
                ("0.weight", [3, 2], [1, 0, 0, 1, 1, 2]),
                ("2.weight", [2, 3], [1, 1, 1, 1, 0, -1]), ("2.bias", [2], [0.1, 0.2]),
                ("4.weight", [1, 2], [1, a]), ("4.bias", [1], [0]),
            ]
        )
        let r = icnn(["verify", "--model", "net.safetensors", "--json"], in: w.path)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(jsonObject(r.stdout), "\(r.stdout)")
        #expect(object["verdict"] as? String == (a <= 1 ? "convex" : "not convex"), "\(r.stdout)")
        #expect((object["method"] as? String)?.hasPrefix("exact") == true, "\(r.stdout)")
    }

    @Test("icnn bench verify prints the skeleton sizes")
    func bench() throws {
        let w = try Workspace()
        let r = icnn(["bench", "verify", "--configs", "0,10", "--json"], in: w.path)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        for line in lines {
            let object = try #require(jsonObject(line), "\(line)")
            #expect((object["vertices"] as? Int ?? 0) > 0 && object["verdict"] != nil)
        }
    }
}
