import ArgumentParser
import ICNN

extension TransportJob.Family: ExpressibleByArgument {}
extension TransportInitialization: ExpressibleByArgument {}
extension TransportJob.Activation: ExpressibleByArgument {}
extension TransportSelection: ExpressibleByArgument {}

/// `icnn transport fit`: learn the map between two CSV point clouds and save it.
struct TransportFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Learn the optimal transport map from the rows of one CSV file to those of another.",
        discussion: """
            Trains two convex potentials with the minimax semi-dual of Makkuva et al.: the map is T = ∇f (source → \
            target) and ∇g its inverse, for the squared Euclidean cost. Each iteration makes --inner-steps updates \
            of g and one of f (Adam β = (0.5, 0.9), cosine-decayed learning rate). Every --validate-every \
            iterations, 10 % held-out source rows are pushed through the map and compared with held-out target \
            rows by the Sinkhorn divergence (ε = 0.1 on the jointly normalised data) and the energy distance, and \
            the dual estimate of W₂²(source, target) is computed with f*'s maximiser searched from ∇g at every \
            held-out target row; the weights that --select prefers are kept (the initial potentials included). The \
            default, dual, keeps the highest estimate, i.e. the potential with the lowest semi-dual value: it \
            judges the potential itself, where the Sinkhorn divergence, with a few hundred held-out points in \
            tens of columns, is mostly sampling noise and prefers maps that contract. A hugely negative estimate \
            means ∇f cannot reach some target rows (their conjugate search runs away). Progress shows all three.

            Examples:
              icnn transport fit --source control.csv --target treated.csv --plot map.svg --out map.safetensors
              icnn transport fit --source a.csv --target b.csv --columns pc1,pc2 --model ficnn --out map.safetensors
            """
    )

    @Option(help: "CSV file of source points (one row per point, with a header).")
    var source: String

    @Option(help: "CSV file of target points, with the same columns.")
    var target: String

    @Option(help: "Comma-separated columns to transport. Default: every numeric column (both files must have them).")
    var columns: String?

    @Option(help: "Potential family: \(TransportJob.Family.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: TransportJob.Family = .hycnn

    @Option(help: "Hidden width of every layer.")
    var width: Int = 48

    @Option(help: "Number of hidden layers (blocks).")
    var depth: Int = 4

    @Option(
        help:
            "HyCNN gate temperature τ of the smooth gate τ·log(e^(a/τ) + e^(b/τ)), or 0 for the max gate (whose map ∇f is piecewise constant). Default: 1."
    )
    var tau: Float?

    @Option(
        help: """
            Activation of the ficnn and icnnq potentials: softplus, relu, leaky-relu (slope 0.2); relu and \
            leaky-relu give a piecewise-constant map. Default: softplus.
            """
    )
    var activation: TransportJob.Activation?

    @Option(help: "Outer iterations (updates of the map's potential f).")
    var iterations: Int = 1000

    @Option(help: "Updates of the critic g per iteration.")
    var innerSteps: Int = 5

    @Option(help: "Points per side in each mini-batch.")
    var batchSize: Int = 256

    @Option(help: "Peak Adam learning rate (cosine decay to 1 %; in high dimension try 1e-3).")
    var lr: Double = TransportConfiguration().learningRate

    @Option(
        help:
            "Initial potentials: \(TransportInitialization.allCases.map(\.rawValue).joined(separator: ", ")) (identity: the map starts as x ↦ x; gaussian: as the fitted Gaussian map)."
    )
    var initialization: TransportInitialization = .identity

    @Option(
        help: """
            How the HyCNN gate temperature changes: constant (the --tau), cyclic:LOW:HIGH:PERIOD (geometric cosine \
            cycles from HIGH down to LOW and back) or anneal:FROM:TO (geometric decay over the iterations).
            """
    )
    var tauSchedule: String = "constant"

    @Option(
        help: """
            Amortised conjugate: refine the critic's guess ∇g(y) of argmax_x ⟨x,y⟩ − f(x) by at most this many \
            L-BFGS iterations in each update of f and in the W₂² estimate (0: off, the plain minimax).
            """
    )
    var conjugateIterations: Int = 0

    @Option(help: "Iterations between validations.")
    var validateEvery: Int = 100

    @Option(
        help: """
            Which validated weights to keep: sinkhorn (lowest Sinkhorn divergence, the paper's), energy (lowest \
            energy distance), dual (highest dual W₂² estimate with the conjugate solved at each held-out target) \
            or last (the final weights).
            """
    )
    var select: TransportSelection = TransportConfiguration().selection

    @Option(help: "Seed of every random choice (initialisation, split, mini-batches).")
    var seed: UInt64 = 0

    @Option(
        help: """
            Write an SVG: source, target and transported source in two columns (--plot-columns; default the \
            first two), above the validation Sinkhorn divergence, energy distance and W₂² estimate against the \
            iteration.
            """
    )
    var plot: String?

    @Option(help: "The two columns the --plot scatter shows, comma-separated (e.g. pc1,pc2).")
    var plotColumns: String?

    @Flag(help: "Print the report as one JSON object (with every validation) instead of text.")
    var json = false

    @Option(help: "Where to write the map (.safetensors).")
    var out: String

    func validate() throws {
        guard width >= 1 else { throw ValidationError("--width must be a positive integer, got \(width)") }
        guard depth >= 1 else { throw ValidationError("--depth must be a positive integer, got \(depth)") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1, got \(iterations)") }
        guard innerSteps >= 1 else { throw ValidationError("--inner-steps must be at least 1, got \(innerSteps)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard lr > 0 && lr.isFinite else { throw ValidationError("--lr must be positive, got \(lr)") }
        guard validateEvery >= 1 else {
            throw ValidationError("--validate-every must be at least 1, got \(validateEvery)")
        }
        if let tau, !(tau >= 0 && tau.isFinite) { throw ValidationError("--tau must be 0 or positive, got \(tau)") }
        if tau != nil && model != .hycnn {
            throw ValidationError("--tau sets the HyCNN gate; --model \(model.rawValue) has none")
        }
        guard let schedule = TemperatureSchedule(parsing: tauSchedule) else {
            throw ValidationError(
                "--tau-schedule: '\(tauSchedule)' is not constant, cyclic:LOW:HIGH:PERIOD (0 < LOW ≤ HIGH) or anneal:FROM:TO"
            )
        }
        if schedule != .constant && (model != .hycnn || tau == 0) {
            throw ValidationError("--tau-schedule needs --model hycnn with the smooth gate (τ > 0)")
        }
        guard conjugateIterations >= 0 else {
            throw ValidationError("--conjugate-iterations must be ≥ 0, got \(conjugateIterations)")
        }
        if plotColumns != nil && plot == nil { throw ValidationError("--plot-columns needs --plot FILE.svg") }
        if activation != nil && model == .hycnn {
            throw ValidationError("--activation sets the ficnn and icnnq activation; hycnn has a gate (--tau)")
        }
    }

    func run() throws {
        var job = TransportJob(sourcePath: source, targetPath: target, outputPath: out)
        job.columns = columns.map(splitList)
        job.family = model
        job.width = width
        job.depth = depth
        job.tau = tau ?? 1
        job.activation = activation ?? .softplus
        job.configuration.iterations = iterations
        job.configuration.innerSteps = innerSteps
        job.configuration.batchSize = batchSize
        job.configuration.learningRate = lr
        job.configuration.initialization = initialization
        job.configuration.validationEvery = validateEvery
        job.configuration.selection = select
        job.configuration.seed = seed
        job.configuration.temperatureSchedule = TemperatureSchedule(parsing: tauSchedule) ?? .constant
        job.configuration.conjugateIterations = conjugateIterations
        job.plotPath = plot
        job.plotColumns = plotColumns.map(splitList)
        let progress = ProgressReporter(total: iterations, label: "iteration")
        let report = try job.run { r in
            progress.update(
                done: r.iteration,
                seconds: r.seconds,
                status:
                    "Sinkhorn \(fixed(r.validation.sinkhornDivergence, 4)), energy \(fixed(r.validation.energyDistance, 4)), W2² ≈ \(fixed(r.validation.squaredWassersteinEstimate, 4))"
            )
        }
        let h = report.history
        if json {
            print(jsonReport(report, job: job))
            return
        }
        print("data:        \(source) (\(report.sourceRows) rows) → \(target) (\(report.targetRows) rows)")
        print("columns:     \(report.columns.joined(separator: ", "))")
        print(
            "potentials:  \(model.rawValue) \(width)×\(depth)\(model == .hycnn ? " (gate τ = \(tau ?? 1))" : " (\(job.activation.rawValue))"), \(report.parameterCount) parameters (f and g), seed \(seed)"
        )
        print("training:    \(h.outcome), \(h.potentialLoss.count) iterations in \(formatSeconds(h.seconds))")
        if let s = h.selected {
            print(
                "selected:    iteration \(s.iteration) (by \(select.rawValue)): validation Sinkhorn divergence \(fixed(s.sinkhornDivergence, 5)), energy distance \(fixed(s.energyDistance, 5))"
            )
            print("W2² (dual):  \(fixed(s.squaredWassersteinEstimate, 5))")
        }
        print("certificate: f \(report.certificate), g \(report.criticCertificate)")
        print("saved:       \(out)\(plot.map { ", plot \($0)" } ?? "")")
    }

    /// The report as one JSON object.
    func jsonReport(_ report: TransportJob.Report, job: TransportJob) -> String {
        func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
        func validation(_ v: TransportHistory.Validation) -> String {
            """
            {"iteration": \(v.iteration), "sinkhorn_divergence": \(number(v.sinkhornDivergence)), \
            "energy_distance": \(number(v.energyDistance)), "w2_estimate": \(number(v.squaredWassersteinEstimate))}
            """
        }
        let h = report.history
        let potential =
            model == .hycnn
            ? "\"gate_tau\": \(job.tau), \"tau_schedule\": \(quoted(tauSchedule))"
            : "\"activation\": \(quoted(job.activation.rawValue))"
        return """
            {"source": \(quoted(source)), "target": \(quoted(target)), "source_rows": \(report.sourceRows), \
            "target_rows": \(report.targetRows), "columns": [\(report.columns.map(quoted).joined(separator: ", "))], \
            "model": \(quoted(model.rawValue)), "width": \(width), "depth": \(depth), \(potential), \
            "parameters": \(report.parameterCount), "seed": \(seed), "selection": \(quoted(select.rawValue)), "outcome": \(quoted(h.outcome.description)), \
            "iterations": \(h.potentialLoss.count), "seconds": \(number(h.seconds)), \
            "selected": \(h.selected.map(validation) ?? "null"), \
            "validations": [\(h.validations.map(validation).joined(separator: ", "))], \
            "certified_convex": \(report.certificate.holds && report.criticCertificate.holds), "map": \(quoted(out))}
            """
    }
}
