import Foundation
import Testing

/// Writes source.csv (a 2-D cloud with a label column) and target.csv (the same cloud shifted by (2, 1)).
func writeTransportClouds(_ w: Workspace, rows: Int = 200) throws {
    var source = ["x,y,label"], target = ["x,y"]
    for i in 0..<rows {
        let a = Double(i % 20) / 10 - 1, b = Double((i * 7) % 23) / 11 - 1
        source.append("\(a),\(b),cell\(i)")
        target.append("\(a + 2),\(b + 1)")
    }
    try w.write("source.csv", source.joined(separator: "\n") + "\n")
    try w.write("target.csv", target.joined(separator: "\n") + "\n")
}

@Suite("icnn transport fit / apply")
struct TransportCommandTests {
    @Test func helpTeaches() throws {
        let w = try Workspace()
        #expect(icnn(["--help"], in: w.path).stdout.contains("transport"))
        let fit = icnn(["transport", "fit", "--help"], in: w.path)
        #expect(fit.status == 0 && fit.stdout.contains("Examples:") && fit.stdout.contains("--inner-steps"))
        let apply = icnn(["transport", "apply", "--help"], in: w.path)
        #expect(apply.status == 0 && apply.stdout.contains("--inverse"))
    }

    @Test("fit → apply → apply --inverse on a shifted cloud")
    func fitApply() throws {
        let w = try Workspace()
        try writeTransportClouds(w)
        let fit = icnn(
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--model", "ficnn",
                "--width", "16", "--depth", "2", "--iterations", "60", "--batch-size", "64", "--validate-every", "20",
                "--plot", "map.svg",
                "--out", "map.safetensors",
            ],
            in: w.path
        )
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("columns:     x, y") && fit.stdout.contains("W2² (dual)"))
        #expect(w.exists("map.safetensors") && w.read("map.svg").contains("T(source)"))

        let apply = icnn(
            ["transport", "apply", "--map", "map.safetensors", "--data", "source.csv", "--out", "t.csv"],
            in: w.path
        )
        #expect(apply.status == 0, "\(apply.stderr)")
        let lines = w.read("t.csv").split(separator: "\n")
        #expect(lines.first == "x,y,label" && lines.count == 201)
        // The pushed cloud's mean moves toward the target's mean (2 − 0.05, 1 − 0.05) from the source's.
        let rows = lines.dropFirst().map { $0.split(separator: ",").prefix(2).compactMap { Double(String($0)) } }
        let meanX = rows.reduce(0) { $0 + $1[0] } / 200, meanY = rows.reduce(0) { $0 + $1[1] } / 200
        let before = (0.05 * 0.05 + 0.05 * 0.05).squareRoot() + (4.0 + 1).squareRoot()
        let after = ((meanX - 1.95) * (meanX - 1.95) + (meanY - 0.95) * (meanY - 0.95)).squareRoot()
        #expect(after < 0.5 * before, "pushed mean (\(meanX), \(meanY))")

        let back = icnn(
            ["transport", "apply", "--map", "map.safetensors", "--data", "target.csv", "--inverse"],
            in: w.path
        )
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.split(separator: "\n").count == 201)
    }

    @Test("--json report with every validation; --plot-columns picks the scatter's pair above the curves")
    func jsonAndPlot() throws {
        let w = try Workspace()
        try writeTransportClouds(w)
        let fit = icnn(
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--width", "8", "--depth", "2",
                "--iterations", "20", "--batch-size", "32", "--validate-every", "10", "--tau-schedule",
                "anneal:2:0.5", "--conjugate-iterations", "3", "--select", "last", "--plot", "p.svg", "--plot-columns",
                "y,x", "--json",
                "--out", "map.safetensors",
            ],
            in: w.path
        )
        #expect(fit.status == 0, "\(fit.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any]
        let report = try #require(object)
        #expect(report["tau_schedule"] as? String == "anneal:2:0.5" && report["certified_convex"] as? Bool == true)
        let validations = try #require(report["validations"] as? [[String: Any]])
        #expect(validations.map { $0["iteration"] as? Int } == [0, 10, 20])
        #expect(validations.allSatisfy { ($0["energy_distance"] as? Double).map { $0 >= 0 } ?? false })
        let selected = try #require(report["selected"] as? [String: Any])
        #expect(report["selection"] as? String == "last" && selected["iteration"] as? Int == 20)
        let svg = w.read("p.svg")
        #expect(svg.components(separatedBy: "<svg").count == 6, "one document holding four charts")
        #expect(svg.contains("Validation Sinkhorn divergence") && svg.contains("Dual estimate of W₂²"))
        #expect(svg.contains("Validation energy distance"))
    }

    /// (arguments, expected exit status, a fragment of the one-line message).
    static let badInputs: [([String], Int32, String)] = [
        (
            ["transport", "fit", "--source", "source.csv", "--target", "other.csv", "--out", "x.safetensors"], 1,
            "differ"
        ),
        (
            ["transport", "fit", "--source", "source.csv", "--target", "few.csv", "--out", "x.safetensors"], 1,
            "at least 10"
        ),
        (["transport", "fit", "--source", "nan.csv", "--target", "target.csv", "--out", "x.safetensors"], 1, "row 2"),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--columns", "x,z", "--out",
                "x.safetensors",
            ],
            1, "'z'"
        ),
        (
            ["transport", "fit", "--source", "missing.csv", "--target", "target.csv", "--out", "x.safetensors"], 1,
            "missing.csv"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--model", "ficnn", "--tau",
                "1", "--out", "x.safetensors",
            ],
            64, "--tau"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--tau", "-1", "--out",
                "x.safetensors",
            ], 64, "--tau"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--iterations", "0", "--out",
                "x.safetensors",
            ], 64, "--iterations"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--select", "best", "--out",
                "x.safetensors",
            ], 64, "--select"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--tau-schedule",
                "cyclic:10:1:5", "--out", "x.safetensors",
            ], 64, "--tau-schedule"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--model", "ficnn",
                "--tau-schedule", "anneal:10:1", "--out", "x.safetensors",
            ], 64, "--tau-schedule needs --model hycnn"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--plot-columns", "x,y",
                "--out", "x.safetensors",
            ], 64, "--plot-columns needs --plot"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--plot", "p.svg",
                "--plot-columns", "x,q", "--out", "x.safetensors",
            ], 1, "'q'"
        ),
        (
            [
                "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--conjugate-iterations=-1",
                "--out", "x.safetensors",
            ], 64, "--conjugate-iterations"
        ),
        (
            ["transport", "apply", "--map", "missing.safetensors", "--data", "source.csv", "--out", "x.safetensors"], 1,
            "missing.safetensors"
        ),
        (
            ["transport", "apply", "--map", "source.csv", "--data", "source.csv", "--out", "x.safetensors"], 1,
            "source.csv"
        ),
    ]

    @Test(
        "Bad input: one-line error naming the problem, exit status ≠ 0, nothing written",
        arguments: badInputs.indices
    )
    func badInput(_ index: Int) throws {
        let (arguments, status, fragment) = Self.badInputs[index]
        let w = try Workspace()
        try writeTransportClouds(w, rows: 30)
        try w.write("other.csv", "x,z\n" + (0..<30).map { "\($0),\($0 % 7)" }.joined(separator: "\n") + "\n")
        try w.write("few.csv", "x,y\n1,2\n3,4\n5,6\n")
        try w.write("nan.csv", "x,y\n" + (0..<30).map { $0 == 1 ? "nan,1" : "\($0),1" }.joined(separator: "\n") + "\n")
        let result = icnn(arguments, in: w.path)
        #expect(result.status == status, "\(arguments): status \(result.status), stderr \(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
        #expect(!w.exists("x.safetensors"))
    }
}
