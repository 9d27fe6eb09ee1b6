import Foundation
import ICNN

/// The neural optimal transport study of issue 6 (papers.md §2), in four parts:
///
/// 1. `synthetic`: the HyCNN paper's maps (identity, diagonal scaling, x + sign(x), 4x³) at d ∈ {10, 20, 50},
///    HyCNN 48×{2,4,6} with τ ∈ {0.1, 1, 10} against four ICNN variants 64×{2,4,6} and entropic OT
///    (ε ∈ {0.1, 1, 10}); the map MSE of the configuration each family selects by validation (`TransportTable`).
/// 2. `gaussian`: Gaussian → Gaussian with random moments at d ∈ {2, 8, 32, 64}: L2-UVP and cosine against the
///    closed-form map, the dual W₂² estimate against the exact value, beside the fitted Bures map.
/// 3. `pictures`: 2-D pairs (`PlanarTransportPair`) with an SVG of every fit.
/// 4. `cells`: two pairs of cell types of pbmc68k (50 PCs), 80/20 split: held-out Sinkhorn divergence and MMD of
///    the pushed cells against the target cells, beside the identity, Bures and entropic maps.
///
/// Results go to a folder: `runs.csv` (one row per fit, rewritten atomically after each, so an interrupted study
/// resumes by skipping the runs already there), `table.md` (`TransportTable`) and the pictures' SVGs.
public enum TransportStudy {
    /// The parts of the study.
    public enum Part: String, Sendable, Hashable, CaseIterable, Codable {
        case synthetic, gaussian, pictures, cells
    }

    /// A bad configuration, a malformed results file or an unusable cell file (one line).
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// What to run. The defaults are the issue's protocol (the cells part needs `cellsPath`).
    public struct Configuration: Sendable {
        public var parts: [Part] = [.synthetic, .gaussian, .pictures]
        public var maps = SyntheticTransportMap.allCases
        public var syntheticDimensions = [10, 20, 50]
        public var gaussianDimensions = [2, 8, 32, 64]
        public var pictures = PlanarTransportPair.allCases
        /// Seeds firstSeed ..< firstSeed + seeds (fresh data and initialisation each).
        public var seeds = 1, firstSeed = 0
        /// Points per side: training, validation (for choosing a configuration), test.
        public var trainingCount = 5000, validationCount = 500, testCount = 1000
        public var hycnnWidth = 48, hycnnDepths = [2, 4, 6]
        public var taus: [Float] = [0.1, 1, 10]
        public var icnnWidth = 64, icnnDepths = [2, 4, 6]
        /// Names from `TransportMethod.icnnVariants`.
        public var icnnVariants = TransportMethod.icnnVariants
        /// ε of the entropic baseline, in normalised units (times s²).
        public var entropicEpsilons = [0.1, 1, 10]
        /// At most this many training points per side enter the entropic plan (its cost is n·m per iteration).
        public var entropicPoints = 2000
        /// The recipe of every neural fit (its `seed` is replaced by each problem's data seed).
        public var transport = TransportConfiguration()
        /// A grid over the peak learning rate: every neural method is fitted once at each of these (labels end in
        /// `-lr…`). Nil: once, at `transport.learningRate` (labels without a rate).
        public var learningRates: [Double]?
        /// The pbmc68k-style CSV: a label column and numeric feature columns.
        public var cellsPath: String?
        public var cellLabelColumn = "bulk_label"
        public var cellColumns = (1...50).map { "pc\($0)" }
        /// (source label, target label) pairs.
        public var cellPairs = [("CD14+ Monocyte", "Dendritic"), ("CD4+/CD25 T Reg", "CD8+ Cytotoxic T")]

        /// The issue's protocol.
        public init() {}

        /// A configuration that runs in seconds and still touches every part and every kind of method.
        public static var quick: Configuration {
            var c = Configuration()
            c.maps = [.identity, .sign]
            c.syntheticDimensions = [3]
            c.gaussianDimensions = [2]
            c.pictures = [.ring]
            c.trainingCount = 200
            c.validationCount = 60
            c.testCount = 80
            c.hycnnWidth = 8
            c.hycnnDepths = [2]
            c.taus = [1]
            c.icnnWidth = 8
            c.icnnDepths = [2]
            c.icnnVariants = ["icnnq-softplus"]
            c.entropicEpsilons = [1]
            c.transport.iterations = 20
            c.transport.innerSteps = 2
            c.transport.batchSize = 64
            c.transport.initializationSteps = 20
            c.transport.validationEvery = 10
            c.cellColumns = Array(c.cellColumns.prefix(5))
            return c
        }

        /// The methods run on every problem of `part`, baselines first.
        public func methods(for part: Part) -> [TransportMethod] {
            let hycnn = hycnnDepths.flatMap { depth in
                taus.map { TransportMethod.hycnn(width: hycnnWidth, depth: depth, tau: $0) }
            }
            let icnn = icnnVariants.flatMap { v in
                icnnDepths.compactMap { TransportMethod.icnn(v, width: icnnWidth, depth: $0) }
            }
            let rates: [Double?] = learningRates ?? [nil]
            let neural = { (methods: [TransportMethod]) in
                methods.flatMap { m in rates.map { m.at(learningRate: $0) } }
            }
            let entropic = entropicEpsilons.map { TransportMethod.entropic(epsilon: $0) }
            return switch part {
            case .synthetic: entropic + neural(hycnn) + neural(icnn)
            case .gaussian: [.gaussian] + neural(hycnn)
            case .pictures: entropic + neural(hycnn)
            case .cells: [.identity, .gaussian] + entropic + neural(hycnn)
            }
        }

        /// Checks the settings a user can pass.
        /// - Throws: `TransportStudy.Error` naming the setting.
        public func validate() throws {
            func require(_ ok: Bool, _ reason: String) throws { if !ok { throw Error(reason) } }
            try require(!parts.isEmpty, "no parts given")
            try require(syntheticDimensions.allSatisfy { $0 >= 1 }, "dimensions must be ≥ 1")
            try require(gaussianDimensions.allSatisfy { $0 >= 1 }, "Gaussian dimensions must be ≥ 1")
            try require(seeds >= 1, "seeds must be ≥ 1, got \(seeds)")
            try require(firstSeed >= 0, "the first seed must be ≥ 0, got \(firstSeed)")
            try require(trainingCount >= 20, "need ≥ 20 training points per side, got \(trainingCount)")
            try require(validationCount >= 2 && testCount >= 2, "need ≥ 2 validation and test points per side")
            try require(hycnnWidth >= 1 && icnnWidth >= 1, "widths must be ≥ 1")
            try require(
                (hycnnDepths + icnnDepths).allSatisfy { $0 >= 1 },
                "depths must be ≥ 1"
            )
            try require(taus.allSatisfy { $0 >= 0 && $0.isFinite }, "τ must be 0 (max gate) or positive")
            for v in icnnVariants where TransportMethod.icnn(v, width: 1, depth: 1) == nil {
                throw Error(
                    "unknown ICNN variant '\(v)'; known: \(TransportMethod.icnnVariants.joined(separator: ", "))"
                )
            }
            try require(entropicEpsilons.allSatisfy { $0 > 0 && $0.isFinite }, "ε must be positive")
            try require(entropicPoints >= 2, "the entropic plan needs ≥ 2 points")
            let t = transport
            try require(
                t.iterations >= 1 && t.innerSteps >= 1 && t.batchSize >= 1 && t.learningRate > 0,
                "iterations, inner steps, batch size and learning rate must be positive"
            )
            if let rates = learningRates {
                try require(!rates.isEmpty, "the learning-rate grid is empty")
                try require(rates.allSatisfy { $0 > 0 && $0.isFinite }, "learning rates must be positive")
                try require(Set(rates).count == rates.count, "the learning-rate grid repeats a rate")
            }
            if parts.contains(.cells) {
                try require(cellsPath != nil, "the cells part needs a cell file")
                try require(!cellPairs.isEmpty, "the cells part needs at least one pair of cell types")
            }
        }
    }

    /// Where the study stands, after each run.
    public struct Progress: Sendable {
        /// Runs finished in this invocation, runs to do in it, and runs skipped because the CSV had them.
        public var done: Int, total: Int, skipped: Int
        /// The run just finished.
        public var run: TransportRun
        /// Seconds since this invocation started, and a rough estimate of the seconds left.
        public var elapsedSeconds: Double, remainingSeconds: Double
    }

    /// The file names inside the output folder.
    public static let runsFile = "runs.csv", tableFile = "table.md"

    /// A problem to build on demand, with the methods to run on it.
    struct Task {
        /// Where the problem's data come from.
        enum Source {
            case synthetic(SyntheticTransportMap)
            case gaussian
            case planar(PlanarTransportPair)
            case populations(source: Tensor<Double>, target: Tensor<Double>)
        }

        var part: Part, problem: String, dimension: Int, seed: Int
        var methods: [TransportMethod]
        var source: Source

        func key(_ m: TransportMethod) -> TransportRun.Key {
            .init(part: part, problem: problem, dimension: dimension, seed: seed, method: m.label)
        }

        /// A seed that depends on the problem and the seed only (FNV-1a of the names), the same on every run.
        var dataSeed: UInt64 { Self.hash("\(part.rawValue)/\(problem)/\(dimension)/\(seed)") }

        /// Draws (or splits) the problem's data with the task's own seed.
        func build(_ c: Configuration) throws -> TransportProblem {
            var rng = SeededGenerator(seed: dataSeed)
            let counts = (training: c.trainingCount, validation: c.validationCount, test: c.testCount)
            return switch source {
            case .synthetic(let map): TransportProblem.synthetic(map, dimension: dimension, counts: counts, using: &rng)
            case .gaussian: try TransportProblem.gaussian(dimension: dimension, counts: counts, using: &rng)
            case .planar(let pair): TransportProblem.planar(pair, counts: counts, using: &rng)
            case .populations(let x, let y):
                TransportProblem.populations(name: problem, source: x, target: y, using: &rng)
            }
        }

        /// FNV-1a of a string.
        static func hash(_ text: String) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return h
        }

        /// The seed of a neural fit: FNV-1a of its key, so every method starts from its own stable seed.
        static func seed(_ key: TransportRun.Key) -> UInt64 {
            let method = TransportMethod.splitLearningRate(key.method).base
            return hash("\(key.part.rawValue)/\(key.problem)/\(key.dimension)/\(key.seed)/\(method)")
        }
    }

    /// Every problem of the configuration, in execution order.
    static func tasks(_ c: Configuration) throws -> [Task] {
        var tasks: [Task] = []
        for part in c.parts {
            let methods = c.methods(for: part)
            let populations = part == .cells ? try cellPopulations(c) : [:]
            for seed in c.firstSeed..<(c.firstSeed + c.seeds) {
                func add(_ problem: String, _ dimension: Int, _ source: Task.Source) {
                    tasks.append(
                        Task(
                            part: part,
                            problem: problem,
                            dimension: dimension,
                            seed: seed,
                            methods: methods,
                            source: source
                        )
                    )
                }
                switch part {
                case .synthetic:
                    for d in c.syntheticDimensions {
                        for map in c.maps { add(map.rawValue, d, .synthetic(map)) }
                    }
                case .gaussian:
                    for d in c.gaussianDimensions { add("gaussian", d, .gaussian) }
                case .pictures:
                    for pair in c.pictures { add(pair.rawValue, 2, .planar(pair)) }
                case .cells:
                    for (from, to) in c.cellPairs {
                        guard let x = populations[from], let y = populations[to] else { continue }
                        let name = "\(from) → \(to)".replacingOccurrences(of: ",", with: ";")
                        add(name, x.shape[1], .populations(source: x, target: y))
                    }
                }
            }
        }
        return tasks
    }

    /// The cells of every label named in `c.cellPairs`, `[n, features]` each.
    static func cellPopulations(_ c: Configuration) throws -> [String: Tensor<Double>] {
        guard let path = c.cellsPath else { throw Error("the cells part needs a cell file") }
        let table = try DataTable(contentsOf: path)
        let labels = try table.stringColumn(c.cellLabelColumn)
        let features: Tensor<Double> = try table.columns(c.cellColumns, as: Double.self)
        var out: [String: Tensor<Double>] = [:]
        for label in c.cellPairs.flatMap({ [$0.0, $0.1] }) where out[label] == nil {  // in order: stable errors
            let rows = labels.indices.filter { labels[$0] == label }
            guard rows.count >= TransportJob.minimumRows else {
                throw Error(
                    "\(path): column \(c.cellLabelColumn) has \(rows.count) rows labelled '\(label)'; a cell type "
                        + "needs at least \(TransportJob.minimumRows)"
                )
            }
            out[label] = features.rows(rows)
        }
        return out
    }

    /// Runs the study into `folder`, resuming from its `runs.csv` if there is one.
    /// - Returns: all runs in the folder's CSV (earlier and new).
    /// - Throws: `TransportStudy.Error` for a bad configuration, cell file or results file, `DataError` for an
    ///   unreadable cell file, `FileWriteError` when a result cannot be written. Nothing is overwritten before the
    ///   existing CSV has been read.
    public static func run(
        _ c: Configuration,
        folder: String,
        progress: ((Progress) -> Void)? = nil
    ) throws -> [TransportRun] {
        try c.validate()
        let tasks = try tasks(c)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let runsPath = folder + "/" + runsFile
        var runs = try readRuns(runsPath, mustExist: false)
        let existing = Set(runs.map(\.key))
        let total = tasks.reduce(0) { sum, task in sum + task.methods.filter { !existing.contains(task.key($0)) }.count
        }
        let planned = tasks.reduce(0) { $0 + $1.methods.count }
        let clock = ContinuousClock(), start = clock.now
        var done = 0
        for task in tasks {
            let todo = task.methods.filter { !existing.contains(task.key($0)) }
            if todo.isEmpty { continue }
            let problem = try task.build(c)
            for method in todo {
                let (run, push) = evaluate(method, on: problem, key: task.key(method), configuration: c)
                runs.append(run)
                try AtomicFile.write(TransportRun.csv(runs), to: runsPath)
                try AtomicFile.write(TransportTable.markdown(runs), to: folder + "/" + tableFile)
                if task.part == .pictures {
                    try TransportTable.picture(problem, pushed: push(problem.testSource), run: run)
                        .write(to: folder + "/" + TransportTable.pictureFile(run.key))
                }
                done += 1
                let elapsed = (clock.now - start) / .seconds(1)
                progress?(
                    Progress(
                        done: done,
                        total: total,
                        skipped: planned - total,
                        run: run,
                        elapsedSeconds: elapsed,
                        remainingSeconds: elapsed / Double(done) * Double(total - done)
                    )
                )
            }
        }
        if total == 0 { try AtomicFile.write(TransportTable.markdown(runs), to: folder + "/" + tableFile) }
        return runs
    }

    /// Rewrites `table.md` from the folder's `runs.csv` (for instance after merging the CSVs of two runs).
    /// - Returns: the runs.
    /// - Throws: `TransportStudy.Error` for a missing or malformed CSV, `FileWriteError`.
    public static func rewriteTable(folder: String) throws -> [TransportRun] {
        let runs = try readRuns(folder + "/" + runsFile)
        try AtomicFile.write(TransportTable.markdown(runs), to: folder + "/" + tableFile)
        return runs
    }

    /// The runs of a `runs.csv`; none if the file does not exist.
    static func readRuns(_ path: String, mustExist: Bool = true) throws -> [TransportRun] {
        guard FileManager.default.fileExists(atPath: path) else {
            if mustExist { throw Error("\(path) does not exist") }
            return []
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw Error("\(path) cannot be read as UTF-8 text") }
        return try TransportRun.parseCSV(text, file: path)
    }

    /// Fits (or solves) `method` on the problem's training clouds and measures it on the held-out clouds.
    /// - Returns: the run's record and the fitted map (rows of `[k, d]` in, the same shape out).
    public static func evaluate(
        _ method: TransportMethod,
        on problem: TransportProblem,
        key: TransportRun.Key,
        configuration c: Configuration
    ) -> (run: TransportRun, map: (Tensor<Double>) -> Tensor<Double>) {
        let clock = ContinuousClock(), start = clock.now
        let s2 = problem.scale * problem.scale
        var estimate = Double.nan, validationDual = Double.nan, completed = true
        let push: (Tensor<Double>) -> Tensor<Double>
        switch method {
        case .neural(let family, let activation, let width, let depth, let tau, let learningRate):
            let architecture = TransportJob.architecture(
                family,
                inputs: problem.dimension,
                width: width,
                depth: depth,
                tau: tau,
                activation: activation
            )
            var t = c.transport
            t.seed = TransportStudy.Task.seed(key)
            if let learningRate { t.learningRate = learningRate }
            let (map, history) = NeuralTransport.fit(
                architecture,
                source: problem.source.converted(to: Float.self),
                target: problem.target.converted(to: Float.self),
                configuration: t
            )
            estimate = history.selected?.squaredWassersteinEstimate ?? .nan
            completed = history.outcome == .completed
            validationDual =
                map.squaredWassersteinEstimate(
                    source: problem.validationSource.converted(to: Float.self),
                    target: problem.validationTarget.converted(to: Float.self),
                    conjugateIterations: t.validationConjugateIterations
                ) / s2
            push = { map($0.converted(to: Float.self)).converted(to: Double.self) }
        case .entropic(let epsilon):
            let n = min(c.entropicPoints, problem.source.shape[0]), m = min(c.entropicPoints, problem.target.shape[0])
            let plan = EntropicTransportMap(
                source: problem.source.sliced(axis: 0, start: 0, length: n),
                target: problem.target.sliced(axis: 0, start: 0, length: m),
                sinkhorn: Sinkhorn(epsilon: epsilon * s2, tolerance: 1e-3, maximumIterations: 2000)
            )
            completed = plan.converged
            push = { plan($0) }
        case .gaussian:
            // Eigenvalues floored at 1 % of the mean variance: with fewer samples than dimensions (the rarer cell
            // types) the sample covariance is singular and the unfloored map sends test points far away.
            let map = GaussianTransportMap(
                fittingSource: problem.source,
                target: problem.target,
                eigenvalueFloor: 0.01 * s2
            )
            push = { map($0) }
        case .identity:
            push = { $0 }
        }
        let seconds = (clock.now - start) / .seconds(1)
        let divergence = Sinkhorn(epsilon: 0.1 * s2, tolerance: 1e-3, maximumIterations: 1000)
        let pushedTest = push(problem.testSource), pushedValidation = push(problem.validationSource)
        let normalized = 1 / problem.scale
        /// A figure of pushed points, NaN when a diverged map sent some to ±∞ or NaN (Sinkhorn would trap on them).
        func score(_ pushed: Tensor<Double>, _ figure: (Tensor<Double>) -> Double) -> Double {
            pushed.scalars.allSatisfy(\.isFinite) ? figure(pushed) : .nan
        }
        var run = TransportRun(
            key: key,
            group: method.group,
            validationDivergence: score(pushedValidation) { divergence.divergence($0, problem.validationTarget) / s2 },
            validationEnergy: score(pushedValidation) {
                EnergyDistance()($0 * normalized, problem.validationTarget * normalized)
            },
            validationDual: score(pushedValidation) { _ in validationDual },
            testDivergence: score(pushedTest) { divergence.divergence($0, problem.testTarget) / s2 },
            testMMD: score(pushedTest) { MaximumMeanDiscrepancy()($0 * normalized, problem.testTarget * normalized) },
            mapMSE: .nan,
            unexplainedVariance: .nan,
            cosine: .nan,
            squaredWassersteinEstimate: estimate,
            squaredWasserstein: problem.squaredWasserstein ?? .nan,
            seconds: seconds,
            completed: completed
        )
        if let truth = problem.testTruth {
            run.mapMSE = MapMetrics.meanSquaredError(predicted: pushedTest, truth: truth)
            run.unexplainedVariance = MapMetrics.unexplainedVariancePercentage(
                predicted: pushedTest,
                truth: truth,
                targetVariance: problem.targetVariance
            )
            run.cosine = MapMetrics.displacementCosine(source: problem.testSource, predicted: pushedTest, truth: truth)
        }
        return (run, push)
    }
}
