import ArgumentParser
import ICNN
import ICNNExperiments

/// `icnn experiment transport`: the neural optimal transport study of issue 6.
struct ExperimentTransport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport",
        abstract: "The neural OT study: synthetic maps, Gaussians, 2-D pictures and single cells.",
        discussion: """
            Parts (--parts): synthetic — the HyCNN paper's maps identity, scaling (x_i ↦ (1 + sin(i)/2)x_i), sign \
            (x + sign(x)) and cube (4x³) at --dims, n = 5000 per side, 500 validation and 1000 test points; \
            gaussian — N(m₁, Σ₁) → N(m₂, Σ₂) with random moments at --gaussian-dims, scored against the closed \
            form; pictures — 2-D pairs with an SVG per fit; cells — pairs of cell types of a pbmc68k-style CSV \
            (--cells FILE; label column bulk_label, features pc1..pc50), split 80/20 by a seeded shuffle.

            Methods: HyCNN --hycnn-width × --hycnn-depths with gate τ in --taus; the ICNN variants \
            (--icnn-variants) at --icnn-width × --icnn-depths; entropic OT with ε in --epsilons (normalised \
            units); the Bures (Gaussian) map and the identity where they apply. Every neural fit is `icnn \
            transport fit`'s recipe (Makkuva minimax, S = --inner-steps, batch 256, Adam β = (0.5, 0.9), \
            --lr cosine-decayed to 1 %, --iterations, identity start, checkpoint by validation, --select). Within \
            each group the configuration with the highest validation dual W₂² estimate (neural maps) or the \
            lowest validation energy distance (baselines) is reported.

            Writes into --out: runs.csv (one row per fit, rewritten atomically after each; run the same command \
            again to resume), table.md, and the pictures' SVGs. Progress and an ETA go to stderr.

            Examples:
              icnn experiment transport --quick --out /tmp/transport-quick
              icnn experiment transport --parts synthetic --dims 50 --hycnn-depths 4 --icnn-depths 4 --out ot-d50
              icnn experiment transport --parts cells --cells ../shared/data/pbmc68k/pbmc68k_pca50.csv --out cells
            """
    )

    @Option(help: "Comma-separated parts: synthetic, gaussian, pictures, cells (cells needs --cells).")
    var parts: String?

    @Option(help: "Comma-separated synthetic maps: identity, scaling, sign, cube.")
    var maps: String = SyntheticTransportMap.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Comma-separated dimensions of the synthetic maps.")
    var dims: String = "10,20,50"

    @Option(help: "Comma-separated dimensions of the Gaussian part.")
    var gaussianDims: String = "2,8,32,64"

    @Option(help: "Comma-separated 2-D pairs: gaussian-to-ring, gaussian-to-moons, checkerboard.")
    var pictures: String = PlanarTransportPair.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Number of seeds (first-seed ..< first-seed + seeds): fresh data and initialisation each.")
    var seeds: Int = 1

    @Option(help: "The first seed; two processes can split seeds between them (merge their runs.csv after).")
    var firstSeed: Int = 0

    @Option(help: "Comma-separated HyCNN depths (width 48), or none.")
    var hycnnDepths: String = "2,4,6"

    @Option(help: "Comma-separated HyCNN gate temperatures τ (0: the max gate).")
    var taus: String = "0.1,1,10"

    @Option(help: "Comma-separated ICNN depths (width 64).")
    var icnnDepths: String = "2,4,6"

    @Option(help: "Comma-separated ICNN variants: \(TransportMethod.icnnVariants.joined(separator: ", ")), or none.")
    var icnnVariants: String = TransportMethod.icnnVariants.joined(separator: ",")

    @Option(help: "Comma-separated ε of the entropic OT baseline (normalised units), or none.")
    var epsilons: String = "0.1,1,10"

    @Option(help: "Outer iterations of every neural fit.")
    var iterations: Int = TransportConfiguration().iterations

    @Option(
        help: """
            Peak Adam learning rate of every neural fit; several, comma-separated, make the rate one more axis of \
            the grid (every neural method once per rate, labels ending in -lrX, chosen by validation like the \
            other axes; the fits of one method at different rates share data, initialisation and mini-batches).
            """
    )
    var lr: String = "\(TransportConfiguration().learningRate)"

    @Option(
        help: """
            Which checkpoint of each neural fit is kept: sinkhorn (lowest validation Sinkhorn divergence, the \
            paper's), energy (lowest energy distance; better in high dimension), dual (highest dual W₂² estimate \
            with solved conjugates: the potential's own semi-dual value) or last (the final weights).
            """
    )
    var select: TransportSelection = TransportConfiguration().selection

    @Option(
        help: """
            L-BFGS-B iterations of the conjugate search f*(y) = max_x ⟨x,y⟩ − f(x) at each validation target, for \
            the dual W₂² estimate that picks checkpoints and configurations (0: take ∇g(y) as the maximiser).
            """
    )
    var conjugateSearch: Int = TransportConfiguration().validationConjugateIterations

    @Option(help: "The cell CSV (e.g. ../shared/data/pbmc68k/pbmc68k_pca50.csv); adds the cells part.")
    var cells: String?

    @Option(help: "Output folder (created if needed; an existing runs.csv there is resumed).")
    var out: String = "transport"

    @Flag(
        help: """
            A seconds-long check of every part: d = 3, widths 8, 200 points, 20 iterations (ignores the grid \
            flags and --iterations).
            """
    )
    var quick = false

    @Flag(help: "Rewrite table.md from the runs.csv in --out and stop (no fitting).")
    var tableOnly = false

    func validate() throws {
        _ = try configuration()
    }

    func configuration() throws -> TransportStudy.Configuration {
        var c = quick ? TransportStudy.Configuration.quick : TransportStudy.Configuration()
        func list<T>(_ text: String, _ flag: String, allowNone: Bool = false, _ parse: (String) -> T?) throws -> [T] {
            if allowNone && text == "none" { return [] }
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !items.isEmpty else { throw ValidationError("--\(flag) is empty") }
            return try items.map { item in
                guard let v = parse(item) else { throw ValidationError("--\(flag): '\(item)' is not valid") }
                return v
            }
        }
        let positive: (String) -> Int? = { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
        if let parts {
            c.parts = try list(parts, "parts") { TransportStudy.Part(rawValue: $0) }
        } else if cells != nil {
            c.parts.append(.cells)
        }
        c.maps = try list(maps, "maps") { SyntheticTransportMap(rawValue: $0) }
        c.pictures = try list(pictures, "pictures") { PlanarTransportPair(rawValue: $0) }
        if !quick {
            c.syntheticDimensions = try list(dims, "dims", positive)
            c.gaussianDimensions = try list(gaussianDims, "gaussian-dims", positive)
            c.hycnnDepths = try list(hycnnDepths, "hycnn-depths", allowNone: true, positive)
            c.taus = try list(taus, "taus") { Float($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }
            c.icnnDepths = try list(icnnDepths, "icnn-depths", positive)
            c.icnnVariants = try list(icnnVariants, "icnn-variants", allowNone: true) {
                TransportMethod.icnnVariants.contains($0) ? $0 : nil
            }
            c.entropicEpsilons = try list(epsilons, "epsilons", allowNone: true) {
                Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            }
            guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1, got \(iterations)") }
            c.transport.iterations = iterations
            guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
            c.seeds = seeds
            guard firstSeed >= 0 else { throw ValidationError("--first-seed must be ≥ 0, got \(firstSeed)") }
            c.firstSeed = firstSeed
        }
        let rates = try list(lr, "lr") { Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }
        guard Set(rates).count == rates.count else { throw ValidationError("--lr repeats a rate: \(lr)") }
        c.transport.learningRate = rates[0]
        c.learningRates = rates.count > 1 ? rates : nil
        c.transport.selection = select
        guard conjugateSearch >= 0 else {
            throw ValidationError("--conjugate-search must be ≥ 0, got \(conjugateSearch)")
        }
        c.transport.validationConjugateIterations = conjugateSearch
        c.cellsPath = cells
        if c.parts.contains(.cells) && cells == nil {
            throw ValidationError("--parts cells needs --cells FILE (e.g. ../shared/data/pbmc68k/pbmc68k_pca50.csv)")
        }
        return c
    }

    func run() throws {
        if tableOnly {
            let runs = try TransportStudy.rewriteTable(folder: out)
            print("\(runs.count) runs in \(out)/\(TransportStudy.runsFile); table: \(out)/\(TransportStudy.tableFile)")
            return
        }
        let c = try configuration()
        var announced = false
        let runs = try TransportStudy.run(c, folder: out) { p in
            if !announced, p.skipped > 0 { writeError("resuming: \(p.skipped) runs already in \(out)/runs.csv\n") }
            announced = true
            let r = p.run, k = p.run.key
            let figure = r.mapMSE.isNaN ? "test S_ε \(fixed(r.testDivergence, 4))" : "map MSE \(fixed(r.mapMSE, 4))"
            let criterion =
                r.validationDual.isNaN
                ? "energy \(fixed(r.validationEnergy, 4))" : "dual W₂² \(fixed(r.validationDual, 4))"
            writeError(
                "transport \(p.done)/\(p.total)  \(k.part) \(k.problem) d=\(k.dimension) seed \(k.seed) \(k.method): "
                    + "\(figure), validation \(criterion) (\(fixed(r.seconds, 1)) s)  "
                    + "elapsed \(formatSeconds(p.elapsedSeconds))  ETA \(formatSeconds(p.remainingSeconds))\n"
            )
        }
        print("\(runs.count) runs in \(out)/\(TransportStudy.runsFile); table: \(out)/\(TransportStudy.tableFile)")
    }
}
