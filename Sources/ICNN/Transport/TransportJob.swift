import Foundation

/// What `icnn transport fit` and `icnn transport apply` ask for, as typed values: which data, which potentials,
/// how to train, where to write. Every user error is thrown with one line naming the file, row, column or flag.
public struct TransportJob: Sendable {
    /// The potential families the job can build (all convex in every input).
    public enum Family: String, Sendable, CaseIterable, Codable {
        case hycnn, ficnn, icnnq
    }

    /// The activation of the FICNN / ICNNq potentials (HyCNN has its gate instead).
    public enum Activation: String, Sendable, CaseIterable, Codable {
        /// Smooth: ∇f is continuous.
        case softplus
        /// Piecewise linear: ∇f is piecewise constant.
        case relu
        /// max(x, 0.2x), the slope of Makkuva et al.'s ICNN potentials.
        case leakyRelu = "leaky-relu"

        /// The model activation.
        public var activation: ICNN.Activation {
            switch self {
            case .softplus: .softplus
            case .relu: .relu
            case .leakyRelu: .leakyRelu(slope: 0.2)
            }
        }
    }

    /// The fewest rows per side: the validation split holds out max(2, 10 %) and training needs more.
    public static let minimumRows = 10

    /// The source (P) CSV file, with a header.
    public var sourcePath: String
    /// The target (Q) CSV file, with a header.
    public var targetPath: String
    /// The columns to transport (default: every numeric column of the source, which the target must share).
    public var columns: [String]?
    public var family = Family.hycnn
    public var width = 48
    public var depth = 4
    /// The temperature τ of the HyCNN gate, τ·log(e^{a/τ} + e^{b/τ}); 0 for the max gate, whose ∇f is piecewise
    /// constant (measured on a 2-D Gaussian problem: L2-UVP 7.5 % with the max gate, 1.0 % with τ = 1).
    /// Ignored by the other families.
    public var tau: Float = 1
    /// The activation of the FICNN and ICNNq families (ignored by HyCNN).
    public var activation = Activation.softplus
    public var configuration = TransportConfiguration()
    public var outputPath: String
    /// Where to write an SVG: a scatter plot of two columns (source, target and pushed source, at most 1000
    /// points each) above the training curves (validation Sinkhorn divergence, energy distance, W₂² estimate);
    /// nil for none.
    public var plotPath: String?
    /// The two columns of the scatter plot (default: the first two transported columns).
    public var plotColumns: [String]?

    /// A job with every setting at its default.
    public init(sourcePath: String, targetPath: String, outputPath: String) {
        self.sourcePath = sourcePath
        self.targetPath = targetPath
        self.outputPath = outputPath
    }

    /// The outcome: figures for the final report.
    public struct Report: Sendable {
        public var history: TransportHistory
        public var columns: [String]
        public var sourceRows: Int
        public var targetRows: Int
        public var parameterCount: Int
        /// The certificate of the map's potential f (and of the critic g).
        public var certificate: ConvexityCertificate, criticCertificate: ConvexityCertificate
    }

    /// An inconsistent request (printed as a one-line error).
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Validates the request, loads both files, fits the map, writes it, and reports.
    /// - Throws: `DataError` (file, row, column), `TransportJob.Error`, `FileWriteError`.
    public func run(progress: ((NeuralTransport.Report) -> Void)? = nil) throws -> Report {
        let c = configuration
        guard width >= 1, depth >= 1 else { throw Error("width and depth must be positive, got \(width) and \(depth)") }
        guard c.iterations >= 1, c.innerSteps >= 1, c.batchSize >= 1 else {
            throw Error("iterations, inner steps and batch size must be at least 1")
        }
        guard c.learningRate > 0, c.learningRate.isFinite else {
            throw Error("learning rate must be positive, got \(c.learningRate)")
        }
        guard tau >= 0, tau.isFinite else { throw Error("tau must be 0 (max gate) or positive, got \(tau)") }
        if let violation = c.temperatureSchedule.violation { throw Error(violation) }
        if c.temperatureSchedule != .constant && (family != .hycnn || tau == 0) {
            throw Error("a τ schedule needs HyCNN potentials with the smooth gate (τ > 0)")
        }
        guard c.conjugateIterations >= 0 else {
            throw Error("conjugate iterations must be ≥ 0, got \(c.conjugateIterations)")
        }

        let sourceTable = try DataTable(contentsOf: sourcePath)
        let targetTable = try DataTable(contentsOf: targetPath)
        let names: [String]
        if let columns {
            guard !columns.isEmpty else { throw Error("--columns lists no column") }
            names = columns
        } else {
            names = sourceTable.numericColumnNames
            guard !names.isEmpty else { throw Error("\(sourcePath): no numeric column to transport") }
            let targetNames = targetTable.numericColumnNames
            guard Set(names) == Set(targetNames) else {
                throw Error(
                    "the numeric columns differ: \(sourcePath) has \(names.joined(separator: ",")), \(targetPath) has "
                        + "\(targetNames.joined(separator: ",")); choose them with --columns"
                )
            }
        }
        let x: Tensor<Float> = try sourceTable.columns(names)
        let y: Tensor<Float> = try targetTable.columns(names)
        for (path, rows) in [(sourcePath, x.shape[0]), (targetPath, y.shape[0])] where rows < Self.minimumRows {
            throw Error("\(path) has \(rows) rows; transport needs at least \(Self.minimumRows) per side")
        }
        var plotted: [Int] = []
        if plotPath != nil {
            if let plotColumns {
                guard plotColumns.count == 2 else {
                    throw Error("--plot-columns names two columns, got \(plotColumns.count)")
                }
                for name in plotColumns {
                    guard let k = names.firstIndex(of: name) else {
                        throw Error(
                            "--plot-columns: '\(name)' is not a transported column (\(names.joined(separator: ",")))"
                        )
                    }
                    plotted.append(k)
                }
            } else {
                guard names.count >= 2 else { throw Error("--plot draws two columns; there is only '\(names[0])'") }
                plotted = [0, 1]
            }
        }

        let (map, history) = NeuralTransport.fit(
            Self.architecture(
                family,
                inputs: names.count,
                width: width,
                depth: depth,
                tau: tau,
                activation: activation
            ),
            source: x,
            target: y,
            configuration: c,
            progress: progress
        )
        let file = TransportFile(
            map,
            columns: names,
            potentialStrategy: "\(c.potentialStrategy)",
            criticStrategy: "\(c.criticStrategy)",
            training: [
                "iterations": "\(c.iterations)", "inner_steps": "\(c.innerSteps)", "batch_size": "\(c.batchSize)",
                "learning_rate": "\(c.learningRate)", "seed": "\(c.seed)", "initialization": c.initialization.rawValue,
                "tau_schedule": "\(c.temperatureSchedule)", "conjugate_iterations": "\(c.conjugateIterations)",
                "source": sourcePath, "target": targetPath, "outcome": "\(history.outcome)",
                "selected_iteration": history.selected.map { "\($0.iteration)" } ?? "none",
            ]
        )
        try file.write(to: outputPath)
        if let plotPath {
            try Self.plot(x: x, y: y, map: map, history: history, columns: plotted, names: names).write(to: plotPath)
        }
        return Report(
            history: history,
            columns: names,
            sourceRows: x.shape[0],
            targetRows: y.shape[0],
            parameterCount: map.potential.parameterCount + map.critic.parameterCount,
            certificate: map.potential.certificate,
            criticCertificate: map.critic.certificate
        )
    }

    /// The scatter plot of two columns (source, target, pushed source; at most 1000 points each) above the
    /// validation Sinkhorn divergence, the energy distance and the W₂² estimate against the iteration.
    static func plot<A: Architecture>(
        x: Tensor<Float>,
        y: Tensor<Float>,
        map: TransportMap<A>,
        history: TransportHistory,
        columns: [Int],
        names: [String]
    ) -> PlotDocument {
        func pick(_ t: Tensor<Float>) -> Tensor<Float> {
            PICNN.columns(t.sliced(axis: 0, start: 0, length: min(1000, t.shape[0])), columns)
        }
        let head = x.sliced(axis: 0, start: 0, length: min(1000, x.shape[0]))
        let scatter = ScatterPlot(
            title: "Source, target and transported source",
            xLabel: names[columns[0]],
            yLabel: names[columns[1]],
            sets: [
                .init(name: "source", points: pick(x), color: "#999999", opacity: 0.4, radius: 2),
                .init(name: "target", points: pick(y), opacity: 0.5, radius: 2),
                .init(name: "T(source)", points: PICNN.columns(map(head), columns), opacity: 0.5, radius: 2),
            ]
        )
        let iterations = history.validations.map { Double($0.iteration) }
        /// One validation figure against the iteration.
        func curve(
            _ title: String,
            _ axis: String,
            _ name: String,
            _ value: (TransportHistory.Validation) -> Double
        )
            -> LineChart
        {
            LineChart(
                title: title,
                xLabel: "iteration",
                yLabel: axis,
                series: [.init(name: name, x: iterations, y: history.validations.map(value))],
                width: 640,
                height: 300
            )
        }
        let divergence = curve("Validation Sinkhorn divergence (normalised units)", "S_ε", "S_ε(T#P, Q)") {
            $0.sinkhornDivergence
        }
        let energy = curve("Validation energy distance (normalised units)", "energy distance", "E(T#P, Q)") {
            $0.energyDistance
        }
        let estimate = curve("Dual estimate of W₂²(source, target)", "W₂²", "W₂² (dual)") {
            $0.squaredWassersteinEstimate
        }
        return PlotDocument([scatter, divergence, energy, estimate])
    }

    /// A potential of `family` with `depth` hidden layers of `width` on `inputs` inputs: HyCNN with the gate
    /// τ·log(e^{a/τ} + e^{b/τ}) (the max gate for τ = 0), FICNN or ICNNq (quadratic first layer) with `activation`.
    /// Convex in every input.
    public static func architecture(
        _ family: Family,
        inputs: Int,
        width: Int,
        depth: Int,
        tau: Float = 1,
        activation: Activation = .softplus
    ) -> AnyArchitecture {
        let widths = Array(repeating: width, count: depth)
        return switch family {
        case .hycnn: .hycnn(HyCNN(inputs: inputs, widths: widths, gate: tau > 0 ? .logSumExp(temperature: tau) : .max))
        case .ficnn: .ficnn(FICNN(inputs: inputs, widths: widths, activation: activation.activation))
        case .icnnq:
            .ficnn(FICNN(inputs: inputs, widths: widths, activation: activation.activation, quadraticFirstLayer: true))
        }
    }

    /// Transports the map's columns of a CSV file: T̂ (or T̂⁻¹ with `inverse`). The result holds the map's columns
    /// first, transported, then every other column of the file unchanged (as text).
    /// - Throws: `ModelFileError` for the map file, `DataError` for the data (a missing column, a bad cell).
    public static func apply(mapPath: String, dataPath: String, inverse: Bool = false) throws -> DataTable {
        let file = try TransportFile(contentsOf: mapPath)
        let table = try DataTable(contentsOf: dataPath)
        let names = file.description.columns
        let x: Tensor<Float> = try table.columns(names)
        let moved = inverse ? file.map.inverse(x) : file.map(x)
        var out = try DataTable(columnNames: names, values: moved)
        for name in table.columnNames where !names.contains(name) {
            try out.appendColumn(name, strings: try table.stringColumn(name))
        }
        return out
    }
}
