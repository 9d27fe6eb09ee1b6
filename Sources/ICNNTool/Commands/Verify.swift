import ArgumentParser
import Foundation
import ICNN

/// `icnn verify`: is a network convex on a box, and if not, where does it fail?
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check whether a ReLU network (ours or PyTorch's) is convex on a box; show where it fails.",
        discussion: """
            Reads a .safetensors file: a model written by `icnn fit` (kind mlp: checked exactly, in the units of \
            its data; ficnn, picnn, hycnn, …: by their structural certificate), or a PyTorch nn.Sequential of \
            Linear and ReLU layers saved with safetensors (tensors `<N>.weight` [out, in] and `<N>.bias`, N the \
            module index, an optional common prefix such as `net.`; a ReLU is assumed between Linear layers; the \
            last layer must have one output).

            --method exact (default) answers `convex` only with a proof: all hidden-to-hidden and output weights \
            ≥ 0 (an ICNN: convex on R^d), the one-hidden-layer criterion (convex on R^d iff the equivalent ICNN \
            exists), or the exact check of Gagneux et al. (2025): the 1-skeleton of the linear regions inside the \
            box and every path coefficient c_ν(D) ≥ 0. It answers `not convex` only with a verified witness: a \
            chord (a, b) in the box with f(½(a+b)) > ½(f(a) + f(b)) beyond rounding, evaluated in Double, and the \
            offending neuron and activation pattern. Large skeletons are not built in vain: once the skeleton \
            passes 20000 vertices, 2000 random chords are tried first, and a verified violation among them \
            answers `not convex` (method: sampling). Zero first-layer biases (PyTorch bias=False), whose \
            hyperplanes all meet at the origin, are handled exactly. Otherwise (other degenerate arrangements, \
            too many vertices) it says `undetermined` and why. --method sample draws random chords (and Hessians of smooth models): it \
            can refute convexity, never prove it.

            The exit status is 0 for any completed check, whatever the verdict; non-zero for bad input.

            Examples:
              icnn verify --model net.safetensors --lower -1 --upper 1
              icnn verify --model net.safetensors --lower -2 --upper 2 --json
              icnn verify --model fitted.safetensors --method sample --samples 50000 --seed 7
            """
    )

    /// What to run.
    enum Method: String, ExpressibleByArgument, CaseIterable {
        case exact, sample
    }

    @Option(help: "The network: a .safetensors file (swift-icnn model or PyTorch nn.Sequential layout).")
    var model: String

    @Option(parsing: .unconditional, help: "Lower corner of the box, for every input (negative values allowed).")
    var lower: Double = -1

    @Option(parsing: .unconditional, help: "Upper corner of the box, for every input.")
    var upper: Double = 1

    @Option(help: "exact: proofs and verified witnesses; sample: random chords (refutes only).")
    var method: Method = .exact

    @Option(help: "Random chords for --method sample (and for witness search when the exact check cannot decide).")
    var samples: Int = 20_000

    @Option(help: "Seed of the random draws.")
    var seed: UInt64 = 0

    @Option(help: "Give up (verdict undetermined) when the skeleton exceeds this many vertices.")
    var maxVertices: Int = 3_000_000

    @Flag(help: "Print one JSON object (its `verdict` field is convex, not convex or undetermined).")
    var json = false

    func validate() throws {
        guard lower.isFinite && upper.isFinite else { throw ValidationError("--lower and --upper must be finite") }
        guard lower < upper else { throw ValidationError("--lower must be < --upper, got \(lower) ≥ \(upper)") }
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1, got \(samples)") }
        guard maxVertices >= 1 else { throw ValidationError("--max-vertices must be at least 1, got \(maxVertices)") }
    }

    func run() throws {
        let loaded = try VerifiableModel(contentsOf: model)
        var verifier = ConvexityVerifier(lower: [lower], upper: [upper])
        verifier.strategy = method == .exact ? .exact : .sample
        verifier.samples = samples
        verifier.seed = seed
        verifier.vertexLimit = maxVertices
        let clock = ContinuousClock()
        let started = clock.now
        var reporter: ProgressReporter?
        let report = try verifier.verify(loaded) { done, total, vertices in
            let elapsed = clock.now - started
            guard elapsed > .seconds(1) else { return }
            if reporter == nil { reporter = ProgressReporter(total: total, label: "skeleton") }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            reporter?.update(done: done, seconds: seconds, status: "\(vertices) vertices")
        }
        print(json ? Self.json(report) : Self.text(report))
    }

    static func vector(_ v: [Double]) -> String { "(" + v.map { "\($0)" }.joined(separator: ", ") + ")" }

    static func patternText(_ p: [Bool]) -> String {
        p.isEmpty ? "(none: last hidden layer)" : p.map { $0 ? "1" : "0" }.joined()
    }

    static func text(_ r: VerificationReport) -> String {
        var lines = [
            "verdict:  \(r.verdict.rawValue)",
            "claim:    \(r.claim)",
            "method:   \(r.method.rawValue)",
        ]
        if let reason = r.reason { lines.append("reason:   \(reason)") }
        if let v = r.vertices, let e = r.edges {
            var s = "skeleton: \(v) vertices, \(e) edges"
            if let regions = r.regions { s += ", \(regions) regions" }
            if let c = r.pathCoefficients { s += "; \(c) path coefficients checked" }
            lines.append(s)
        }
        if let n = r.samples { lines.append("samples:  \(n) chords") }
        if let h = r.smallestHessianEigenvalue { lines.append("hessian:  smallest eigenvalue seen \(h)") }
        lines.append("time:     \(String(format: "%.3f", r.seconds)) s")
        if let w = r.witness {
            if let n = w.neuron {
                lines.append("witness:  neuron \(n) (hidden layer, index), c = \(w.coefficient ?? .nan)")
                lines.append("          downstream pattern \(patternText(w.pattern ?? []))")
            } else {
                lines.append("witness:")
            }
            if let p = w.boundaryPoint { lines.append("          point on the boundary \(vector(p))") }
            lines.append("          a = \(vector(w.a))")
            lines.append("          b = \(vector(w.b))")
            lines.append(
                "          f(½(a+b)) = \(w.fMidpoint) > ½(f(a) + f(b)) = \((w.fa + w.fb) / 2) "
                    + "(gap \(w.gap), rounding allowance \(w.allowance))"
            )
        }
        if let icnn = r.equivalentICNN {
            lines.append("equivalent ICNN: width \(icnn.width), output weights ≥ 0, skip \(vector(icnn.skip))")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ r: VerificationReport) -> String {
        func number(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
        func int(_ x: Int?) -> String { x.map(String.init) ?? "null" }
        func array(_ v: [Double]?) -> String { v.map { "[" + $0.map(number).joined(separator: ", ") + "]" } ?? "null" }
        var witness = "null"
        if let w = r.witness {
            witness = """
                {"neuron": \(w.neuron.map { "[\($0.layer), \($0.index)]" } ?? "null"), \
                "pattern": \(w.pattern.map { "\"\(patternText($0))\"" } ?? "null"), \
                "coefficient": \(number(w.coefficient)), "boundary_point": \(array(w.boundaryPoint)), \
                "a": \(array(w.a)), "b": \(array(w.b)), "midpoint": \(array(w.midpoint)), \
                "f_a": \(number(w.fa)), "f_b": \(number(w.fb)), "f_midpoint": \(number(w.fMidpoint)), \
                "gap": \(number(w.gap)), "allowance": \(number(w.allowance))}
                """
        }
        var icnn = "null"
        if let e = r.equivalentICNN {
            icnn = """
                {"width": \(e.width), "hidden_weight": \(array(e.hiddenWeight)), "hidden_bias": \(array(e.hiddenBias)), \
                "output_weight": \(array(e.outputWeight)), "skip": \(array(e.skip)), "constant": \(number(e.constant))}
                """
        }
        return """
            {"verdict": \(quoted(r.verdict.rawValue)), "method": \(quoted(r.method.rawValue)), \
            "claim": \(quoted(r.claim)), "reason": \(r.reason.map(quoted) ?? "null"), \
            "vertices": \(int(r.vertices)), "edges": \(int(r.edges)), "regions": \(int(r.regions)), \
            "path_coefficients": \(int(r.pathCoefficients)), "samples": \(int(r.samples)), \
            "smallest_hessian_eigenvalue": \(number(r.smallestHessianEigenvalue)), "seconds": \(number(r.seconds)), \
            "witness": \(witness), "equivalent_icnn": \(icnn)}
            """
    }
}
