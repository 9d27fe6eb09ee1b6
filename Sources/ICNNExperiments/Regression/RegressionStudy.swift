import Foundation
import ICNN

/// The HyCNN paper's convex regression / interpolation study (papers.md §2, "Convex regression / interpolation
/// protocol"): for every dimension, target, seed, family and depth, draw fresh data (`RegressionData`), fit the
/// standardised data with Adam, and record the test MSE after de-standardising.
///
/// Results go to a folder: `runs.csv` (one row per run, rewritten atomically after every run, so an interrupted
/// study resumes by skipping the runs already there), `profiles.csv` (rotational profiles of the convex families'
/// first seed), `table.md` (`RegressionTable`) and SVG plots (`RegressionPlots`); the table and plots are
/// rewritten at the end and at most once a minute while the study runs.
public enum RegressionStudy {
    /// What to run. The defaults are the paper's protocol.
    public struct Configuration: Sendable, Hashable {
        /// Input dimensions d.
        public var dimensions = [1, 2, 5, 10, 20, 50]
        public var targets = RegressionTarget.allCases
        public var families = RegressionFamily.allCases
        /// Depths (hidden layers or blocks).
        public var depths = [2, 4, 8, 16, 32]
        /// Seeds 0..<seeds.
        public var seeds = 10
        /// σ of the training noise (f3 always uses 0).
        public var noise = 1.0
        /// n training points and m test points.
        public var trainingCount = 5000, testCount = 1000
        public var epochs = 100
        public var learningRate = 1e-2
        /// The batch size is min(n, batchSize).
        public var batchSize = 1000
        /// A width for every family instead of the paper's (64 for MLP/ICNN, 48 for GroupMax/HyCNN).
        public var width: Int? = nil
        /// How the convex families keep their weights non-negative: the HyCNN paper's softplus
        /// reparametrisation V = softplus(R), R initialised at softplus⁻¹ of the initial weights.
        public var constraint = ConstraintStrategy.softplus(fanInScaled: false)
        /// How the MLP baseline is initialised (the other families have their papers' schemes).
        public var mlpInitialization = MLPInitialization.kaiming
        /// Rotational profiles recorded for ICNN and HyCNN runs of the first seed.
        public var profileDirections = 2, profilePoints = 25

        /// The paper's protocol.
        public init() {}

        /// A configuration that runs in seconds and still exercises every target and family.
        public static var quick: Configuration {
            var c = Configuration()
            c.dimensions = [3]
            c.depths = [2, 3]
            c.seeds = 2
            c.trainingCount = 200
            c.testCount = 100
            c.epochs = 3
            c.batchSize = 100
            c.width = 8
            c.profilePoints = 9
            return c
        }

        /// The width of `family` under this configuration.
        public func width(of family: RegressionFamily) -> Int { width ?? family.paperWidth }

        /// σ for `target` (0 for f3).
        public func noise(for target: RegressionTarget) -> Double { target.isAlwaysNoiseless ? 0 : noise }

        /// Every run, in execution order: dimension, target, seed, family, depth.
        public var plannedKeys: [RegressionRun.Key] {
            var keys: [RegressionRun.Key] = []
            for d in dimensions {
                for target in targets {
                    for seed in 0..<seeds {
                        for family in families {
                            for depth in depths {
                                keys.append(
                                    RegressionRun.Key(
                                        target: target,
                                        dimension: d,
                                        noise: noise(for: target),
                                        family: family,
                                        width: width(of: family),
                                        depth: depth,
                                        seed: seed
                                    )
                                )
                            }
                        }
                    }
                }
            }
            return keys
        }

        /// Checks the settings a user can pass.
        /// - Throws: `RegressionError` naming the setting.
        public func validate() throws {
            func require(_ ok: Bool, _ reason: String) throws { if !ok { throw RegressionError(reason: reason) } }
            try require(!dimensions.isEmpty && dimensions.allSatisfy { $0 >= 1 }, "dimensions must be ≥ 1")
            try require(!targets.isEmpty, "no targets given")
            try require(!families.isEmpty, "no families given")
            try require(!depths.isEmpty && depths.allSatisfy { $0 >= 1 }, "depths must be ≥ 1")
            try require(seeds >= 1, "seeds must be ≥ 1, got \(seeds)")
            try require(noise >= 0 && noise.isFinite, "noise must be a finite σ ≥ 0, got \(noise)")
            try require(trainingCount >= 2 && testCount >= 1, "need ≥ 2 training and ≥ 1 test points")
            try require(epochs >= 1 && batchSize >= 1 && learningRate > 0, "epochs, batch size, rate must be > 0")
            try require((width ?? 1) >= 1, "width must be ≥ 1")
        }
    }

    /// The MLP baseline's initialisation.
    public enum MLPInitialization: String, Sendable, Hashable, CaseIterable {
        /// The library's MLP default: Kaiming normal N(0, 2/fan-in) hidden layers, LeCun output, zero biases.
        case kaiming
        /// PyTorch's `nn.Linear` default: weights and biases uniform on ±1/√fan-in.
        case pytorch
    }

    /// Where the study stands, after each run.
    public struct Progress: Sendable {
        /// Runs finished in this invocation, runs to do in it, and runs skipped because the CSV had them.
        public var done: Int, total: Int, skipped: Int
        /// The run just finished.
        public var run: RegressionRun
        /// Seconds since this invocation started, and the estimated seconds left (weighted by model size).
        public var elapsedSeconds: Double, remainingSeconds: Double
    }

    /// The file names inside the output folder.
    public static let runsFile = "runs.csv", profilesFile = "profiles.csv", tableFile = "table.md"

    /// Trains one run on given data.
    /// - Returns: the run's record and the fitted regressor (in the data's units).
    public static func train(
        _ key: RegressionRun.Key,
        data: RegressionData,
        configuration c: Configuration
    ) throws -> (run: RegressionRun, regressor: Regressor<AnyArchitecture>) {
        let architecture = key.family.architecture(inputs: key.dimension, width: key.width, depth: key.depth)
        var t = TrainingConfiguration()
        t.epochs = c.epochs
        t.batchSize = min(c.trainingCount, c.batchSize)
        t.learningRate = c.learningRate
        t.validationFraction = 0
        t.standardize = true
        t.seed = UInt64(key.seed) &* 0x9E37_79B9 &+ UInt64(key.depth)
        let strategy = key.family.isConvex ? c.constraint : .projection  // MLP: no non-negative slots
        let regressor: Regressor<AnyArchitecture>, history: TrainingHistory
        if case .mlp(let mlp) = architecture, c.mlpInitialization == .pytorch {
            let (r, h) = try Trainer.fit(
                PyTorchInitializedMLP(base: mlp),
                strategy: strategy,
                x: data.trainX,
                y: data.trainY,
                configuration: t
            )
            regressor = Regressor(
                model: Model(architecture, weights: r.model.weights),
                inputStandardization: r.inputStandardization,
                targetStandardization: r.targetStandardization
            )
            history = h
        } else {
            (regressor, history) = try Trainer.fit(
                architecture,
                strategy: strategy,
                x: data.trainX,
                y: data.trainY,
                configuration: t
            )
        }
        let error = (regressor.predict(data.testX) - data.testY).squared().scalars
        let mse = error.reduce(0.0) { $0 + Double($1) } / Double(error.count)
        let completed: Bool
        if case .completed = history.outcome { completed = true } else { completed = false }
        let run = RegressionRun(
            key: key,
            parameters: regressor.model.parameterCount,
            testMSE: mse,
            trainingSeconds: history.seconds,
            completed: completed
        )
        return (run, regressor)
    }

    /// Runs the study into `folder`, resuming from its `runs.csv` (and `profiles.csv`) if they exist.
    /// - Returns: all runs in the folder's CSV (earlier and new).
    /// - Throws: `RegressionError` for a bad configuration or a malformed CSV in the folder, `FileWriteError`
    ///   when a result cannot be written. Nothing is overwritten before the existing CSVs have been read.
    public static func run(
        _ c: Configuration,
        folder: String,
        progress: ((Progress) -> Void)? = nil
    ) throws -> [RegressionRun] {
        try c.validate()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let runsPath = folder + "/" + runsFile, profilesPath = folder + "/" + profilesFile
        var runs = try read(runsPath) { try RegressionRun.parseCSV($0, file: runsPath) }
        var profiles = try read(profilesPath) { try RegressionProfile.parseCSV($0, file: profilesPath) }
        let existing = Set(runs.map(\.key))
        let planned = c.plannedKeys
        let todo = planned.filter { !existing.contains($0) }
        func cost(_ k: RegressionRun.Key) -> Double {
            let a = k.family.architecture(inputs: k.dimension, width: k.width, depth: k.depth)
            return Double(a.slots.reduce(0) { $0 + $1.shape.reduce(1, *) })
        }
        let totalCost = todo.reduce(0) { $0 + cost($1) }
        var doneCost = 0.0
        let clock = ContinuousClock(), start = clock.now
        var lastReport = start
        var cached: (key: RegressionRun.Key, data: RegressionData)? = nil
        for (i, key) in todo.enumerated() {
            // Runs that differ only in family, width and depth share their data (keys are ordered that way).
            var dataKey = key.cell
            (dataKey.family, dataKey.width, dataKey.depth, dataKey.seed) = (.mlp, 1, 1, key.seed)
            let data: RegressionData
            if let cached, cached.key == dataKey {
                data = cached.data
            } else {
                data = RegressionData(
                    target: key.target,
                    dimension: key.dimension,
                    trainingCount: c.trainingCount,
                    testCount: c.testCount,
                    noise: key.noise,
                    seed: key.seed
                )
                cached = (dataKey, data)
            }
            let (run, regressor) = try train(key, data: data, configuration: c)
            if key.seed == 0, key.family == .icnn || key.family == .hycnn, c.profileDirections > 0 {
                profiles += RegressionProfile.measure(
                    regressor,
                    key: key,
                    shift: data.shift,
                    directions: c.profileDirections,
                    points: c.profilePoints
                )
                try AtomicFile.write(RegressionProfile.csv(profiles), to: profilesPath)
            }
            runs.append(run)
            try AtomicFile.write(RegressionRun.csv(runs), to: runsPath)
            if i + 1 == todo.count || clock.now - lastReport > .seconds(60) {
                try writeReports(runs: runs, profiles: profiles, folder: folder)
                lastReport = clock.now
            }
            doneCost += cost(key)
            let elapsed = (clock.now - start) / .seconds(1)
            progress?(
                Progress(
                    done: i + 1,
                    total: todo.count,
                    skipped: planned.count - todo.count,
                    run: run,
                    elapsedSeconds: elapsed,
                    remainingSeconds: elapsed / max(doneCost, 1) * (totalCost - doneCost)
                )
            )
        }
        if todo.isEmpty { try writeReports(runs: runs, profiles: profiles, folder: folder) }
        return runs
    }

    /// Writes `table.md` and the SVG plots from the runs and profiles.
    static func writeReports(runs: [RegressionRun], profiles: [RegressionProfile], folder: String) throws {
        try AtomicFile.write(RegressionTable.markdown(runs), to: folder + "/" + tableFile)
        for plot in RegressionPlots.all(runs: runs, profiles: profiles) {
            try plot.chart.write(to: folder + "/" + plot.fileName)
        }
    }

    private static func read<T>(_ path: String, _ parse: (String) throws -> [T]) throws -> [T] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw RegressionError(file: path, reason: "cannot be read as UTF-8 text") }
        return try parse(text)
    }
}
