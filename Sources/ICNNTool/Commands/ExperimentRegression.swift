import ArgumentParser
import ICNN
import ICNNExperiments

extension RegressionTarget: ExpressibleByArgument {}
extension RegressionFamily: ExpressibleByArgument {}
extension RegressionStudy.MLPInitialization: ExpressibleByArgument {}

/// `icnn experiment regression`: the HyCNN paper's convex regression / interpolation study.
struct ExperimentRegression: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regression",
        abstract: "The HyCNN convex regression study: MLP, ICNN, GroupMax, HyCNN on six targets, depths 2–32.",
        discussion: """
            For each dimension d, target, seed, family and depth: draw X ~ Unif[−1,1]^d (n = 5000) with \
            Y = f(X) + N(0, σ²), standardise x and y, train with Adam (lr 1e-2, batch 1000, 100 epochs), and \
            measure the MSE on 1000 noiseless test points after de-standardising. Targets: f1 ‖x‖², f2 ‖x‖₄⁴, \
            f3 ‖x‖² + 0.25 sin(20‖x‖) (not convex; always σ = 0), f4 ‖x‖₁, f5 exp(‖x‖₁/√d), \
            f6 max(‖x−μ‖², ‖x+μ‖²) with μ ~ N(0, I/d) drawn from each seed's data generator. Families: MLP and \
            ICNN (ReLU, Hoedt–Klambauer init) at width 64, GroupMax and HyCNN (hard max, HyCNN init) at width 48; \
            the convex families keep their weights non-negative by softplus reparametrisation.

            Writes into --out: runs.csv (one row per run, rewritten atomically after every run; run the same \
            command again to resume an interrupted study: runs already in the CSV are skipped), profiles.csv, \
            table.md (mean ± standard error of MSE×10², the paper's figures beside ours) and SVG plots (MSE \
            against depth; rotational profiles t ↦ f̂(t·v) of ICNN and HyCNN). Progress and an ETA go to stderr.

            Examples:
              icnn experiment regression --quick --out /tmp/regression-quick
              icnn experiment regression --dims 50 --targets f1 --seeds 10 --out results/regression/d50
              icnn experiment regression --dims 50 --targets f1 --noise 0 --seeds 3 --out results/regression/interp
            """
    )

    @Option(help: "Comma-separated input dimensions d.")
    var dims: String = "1,2,5,10,20,50"

    @Option(help: "Comma-separated targets: \(RegressionTarget.allCases.map(\.rawValue).joined(separator: ", ")).")
    var targets: String = RegressionTarget.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Comma-separated families: \(RegressionFamily.allCases.map(\.rawValue).joined(separator: ", ")).")
    var families: String = RegressionFamily.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Comma-separated depths (hidden layers or blocks).")
    var depths: String = "2,4,8,16,32"

    @Option(help: "Number of seeds (0 ..< seeds); each seed draws fresh data and a fresh initialisation.")
    var seeds: Int = 10

    @Option(help: "σ of the training noise: 1 (regression) or 0 (interpolation). f3 always uses 0.")
    var noise: Double = 1

    @Option(
        help: """
            MLP initialisation: kaiming (the library's MLP) or pytorch (nn.Linear's uniform ±1/√fan-in). Not part \
            of runs.csv: use a separate --out folder for each.
            """
    )
    var mlpInit: RegressionStudy.MLPInitialization = .kaiming

    @Option(help: "Output folder (created if needed; an existing runs.csv there is resumed).")
    var out: String = "regression"

    @Flag(
        help: """
            A seconds-long check: d = 3, width 8, depths 2 and 3, 200 points, 3 epochs, 2 seeds (ignores --dims, \
            --depths, --seeds).
            """
    )
    var quick = false

    func validate() throws {
        _ = try configuration()
    }

    func configuration() throws -> RegressionStudy.Configuration {
        var c = quick ? RegressionStudy.Configuration.quick : RegressionStudy.Configuration()
        func list<T>(_ text: String, _ flag: String, _ parse: (String) -> T?) throws -> [T] {
            let parts = text.split(separator: ",").map { $0.filter { $0 != " " } }
            guard !parts.isEmpty else { throw ValidationError("--\(flag) is empty") }
            return try parts.map { part in
                guard let v = parse(part) else { throw ValidationError("--\(flag): '\(part)' is not valid") }
                return v
            }
        }
        if !quick {
            c.dimensions = try list(dims, "dims") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
            c.depths = try list(depths, "depths") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
            c.seeds = seeds
        }
        c.targets = try list(targets, "targets") { RegressionTarget(rawValue: $0) }
        c.families = try list(families, "families") { RegressionFamily(rawValue: $0) }
        c.noise = noise
        c.mlpInitialization = mlpInit
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
        guard noise >= 0, noise.isFinite else { throw ValidationError("--noise must be a finite σ ≥ 0, got \(noise)") }
        return c
    }

    func run() throws {
        let c = try configuration()
        var announced = false
        let runs = try RegressionStudy.run(c, folder: out) { p in
            if !announced, p.skipped > 0 { writeError("resuming: \(p.skipped) runs already in \(out)/runs.csv\n") }
            announced = true
            let r = p.run, k = p.run.key
            writeError(
                "regression \(p.done)/\(p.total)  \(k.target) d=\(k.dimension) σ=\(k.noise) \(k.family) "
                    + "\(k.width)×\(k.depth) seed \(k.seed): MSE \(fixed(r.testMSE, 4)) "
                    + "(\(fixed(r.trainingSeconds, 1)) s)  elapsed \(formatSeconds(p.elapsedSeconds))  "
                    + "ETA \(formatSeconds(p.remainingSeconds))\n"
            )
        }
        print("\(runs.count) runs in \(out)/\(RegressionStudy.runsFile); table: \(out)/\(RegressionStudy.tableFile)")
    }
}
