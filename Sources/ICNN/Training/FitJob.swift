import Foundation

/// What `icnn fit` asks for, as typed values: which data, which model, how to train, where to write.
public struct FitJob: Sendable {
    /// The model families the job can build.
    public enum Family: String, Sendable, CaseIterable, Codable {
        case ficnn, icnnq, picnn, hycnn, groupmax, mlp
        case convolutionalFICNN = "conv-ficnn"
        case convolutionalPICNN = "conv-picnn"

        var isConvolutional: Bool { self == .convolutionalFICNN || self == .convolutionalPICNN }
        var isPartiallyConvex: Bool { self == .picnn || self == .convolutionalPICNN }
    }

    /// A CSV file with a header, or nil for the built-in demo (y = ‖x‖² + noise, two inputs).
    public var dataPath: String?
    /// The target column (default: the last column).
    public var target: String?
    /// The input columns (default: every numeric column but the target).
    public var inputs: [String]?
    /// For a PICNN, the inputs the model is convex in (default: all but the first input).
    public var convexIn: [String]?
    public var family: Family = .hycnn
    /// Hidden width (channels per map for the convolutional families).
    public var width = 48
    /// For the convolutional families: the image [height, width] or [height, width, channels] that the input
    /// columns hold, channels-last ((h·W + w)·C + c).
    public var image: [Int]?
    public var depth = 4
    public var strategy = ConstraintStrategy.softplus(fanInScaled: false)
    public var training = TrainingConfiguration()
    /// Rows per mini-batch; nil for min(256, training rows). An explicit size above the training rows is an error.
    public var batchSize: Int?
    public var outputPath: String
    public var plotPath: String?

    /// A job writing its model to `outputPath`, with every other setting at its default.
    public init(outputPath: String) { self.outputPath = outputPath }

    /// The outcome: figures for the final report.
    public struct Report: Sendable {
        public var history: TrainingHistory
        public var trainingMSE: Double
        public var validationMSE: Double?
        public var parameterCount: Int
        public var certificate: ConvexityCertificate
        public var rows: Int
        public var inputs: [String]
        public var target: String
        public var dataDescription: String
    }

    /// Validates the request, loads the data, trains, writes the model (and the plot), and reports.
    /// - Throws: `DataError` (file, row, column), `FitJob.Error` (inconsistent request), `FileWriteError`.
    public func run(progress: ((Trainer.EpochReport) -> Void)? = nil) throws -> Report {
        guard width >= 1 else { throw Error("width must be a positive integer, got \(width)") }
        guard depth >= 1 else { throw Error("depth must be a positive integer, got \(depth)") }
        guard training.epochs >= 1 else { throw Error("epochs must be at least 1, got \(training.epochs)") }
        if let batchSize, batchSize < 1 { throw Error("batch size must be at least 1, got \(batchSize)") }
        guard training.learningRate > 0, training.learningRate.isFinite else {
            throw Error("learning rate must be positive, got \(training.learningRate)")
        }
        guard (0..<1).contains(training.validationFraction) else {
            throw Error("validation fraction must be in [0, 1), got \(training.validationFraction)")
        }

        let (x, y, inputNames, targetName, source) = try loadData()
        let architecture = try makeArchitecture(inputNames)
        let rows = x.shape[0]
        let trainingRows = rows - Int((Double(rows) * training.validationFraction).rounded())
        var training = training
        training.batchSize = batchSize ?? min(256, trainingRows)
        guard trainingRows >= max(training.batchSize, 1) else {
            throw Error(
                "\(source) has \(rows) rows, leaving \(trainingRows) for training after the validation split: fewer than the batch size \(training.batchSize); lower --batch-size or --validation"
            )
        }
        let (regressor, history) = try Trainer.fit(
            architecture,
            strategy: strategy,
            x: x,
            y: y,
            configuration: training,
            progress: progress
        )
        let file = ModelFile(
            regressor,
            inputs: inputNames,
            target: targetName,
            strategy: "\(strategy)",
            training: [
                "epochs": "\(training.epochs)", "batch_size": "\(training.batchSize)",
                "learning_rate": "\(training.learningRate)", "seed": "\(training.seed)",
                "validation": "\(training.validationFraction)", "data": source,
                "outcome": "\(history.outcome)",
            ]
        )
        try file.write(to: outputPath)
        if let plotPath { try plot(history, regressor, x: x, y: y, inputNames, targetName).write(to: plotPath) }

        let scale = Double(regressor.targetStandardization.scale[0])
        return Report(
            history: history,
            trainingMSE: (history.trainingLoss.last ?? .nan) * scale * scale,
            validationMSE: history.validationLoss.last.map { $0 * scale * scale },
            parameterCount: regressor.model.parameterCount,
            certificate: regressor.model.certificate,
            rows: rows,
            inputs: inputNames,
            target: targetName,
            dataDescription: source
        )
    }

    /// An inconsistent request (what `icnn fit` prints as a one-line error).
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    func loadData() throws -> (Tensor<Float>, Tensor<Float>, [String], String, String) {
        guard let dataPath else {
            var rng = SeededGenerator(seed: training.seed ^ 0x5EED)
            let x = Tensor<Float>(uniform: [2000, 2], low: -1, high: 1, using: &rng)
            let y =
                x.squared().sum(alongAxes: [1], keepingDimensions: true)
                + Tensor(normal: [2000, 1], standardDeviation: 0.05, using: &rng)
            return (x, y, ["x1", "x2"], "y", "built-in demo: y = x1² + x2² + N(0, 0.05²)")
        }
        let table = try DataTable(contentsOf: dataPath)
        let targetName = target ?? table.numericColumnNames.last ?? table.columnNames.last ?? ""
        let inputNames = inputs ?? table.numericColumnNames.filter { $0 != targetName }
        guard !inputNames.isEmpty else {
            throw Error("\(dataPath): no input columns besides the target '\(targetName)'")
        }
        guard !inputNames.contains(targetName) else {
            throw Error("the target '\(targetName)' is also listed as an input")
        }
        let x: Tensor<Float> = try table.columns(inputNames)
        let y: Tensor<Float> = try table.columns([targetName])
        return (x, y, inputNames, targetName, dataPath)
    }

    func makeArchitecture(_ inputNames: [String]) throws -> AnyArchitecture {
        let d = inputNames.count
        let widths = Array(repeating: width, count: depth)
        if !family.isPartiallyConvex, let convexIn, Set(convexIn) != Set(inputNames) {
            throw Error("--convex-in applies to a PICNN; a \(family.rawValue) is convex in all its inputs")
        }
        if !family.isConvolutional, image != nil {
            throw Error("--image applies to conv-ficnn and conv-picnn, not to a \(family.rawValue)")
        }
        switch family {
        case .ficnn: return .ficnn(FICNN(inputs: d, widths: widths))
        case .icnnq: return .ficnn(FICNN(inputs: d, widths: widths, quadraticFirstLayer: true))
        case .hycnn: return .hycnn(HyCNN(inputs: d, widths: widths))
        case .groupmax: return .hycnn(HyCNN.groupMax(inputs: d, widths: widths))
        case .mlp: return .mlp(MLP(inputs: d, widths: widths))
        case .picnn: return .picnn(PICNN(inputs: d, convexIn: try convexIndices(inputNames), widths: widths))
        case .convolutionalFICNN:
            let (h, w, c) = try imageShape(d)
            return .convolutionalFICNN(ConvolutionalFICNN(height: h, width: w, channels: c, filters: widths))
        case .convolutionalPICNN:
            let (h, w, c) = try imageShape(d)
            return .convolutionalPICNN(
                ConvolutionalPICNN(
                    height: h,
                    width: w,
                    channels: c,
                    convexIn: try convexIndices(inputNames),
                    filters: widths
                )
            )
        }
    }

    /// The positions of the `--convex-in` columns among the inputs (default: all but the first).
    func convexIndices(_ inputNames: [String]) throws -> [Int] {
        let names = convexIn ?? Array(inputNames.dropFirst())
        let indices = try names.map { name -> Int in
            guard let i = inputNames.firstIndex(of: name) else {
                throw Error("--convex-in: '\(name)' is not one of the inputs \(inputNames)")
            }
            return i
        }
        guard !indices.isEmpty, indices.count < inputNames.count, Set(indices).count == indices.count else {
            throw Error(
                "a \(family.rawValue) needs at least one convex and one non-convex input, each named once (inputs \(inputNames), convex in \(names))"
            )
        }
        return indices
    }

    /// The image (height, width, channels) of a convolutional family, checked against the input count.
    func imageShape(_ inputCount: Int) throws -> (Int, Int, Int) {
        guard let image, image.count == 2 || image.count == 3, image.allSatisfy({ $0 >= 1 }) else {
            throw Error("--model \(family.rawValue) needs --image HxW or HxWxC (positive sizes) for its input columns")
        }
        let (h, w, c) = (image[0], image[1], image.count == 3 ? image[2] : 1)
        guard h * w * c == inputCount else {
            throw Error("--image \(h)x\(w)x\(c) holds \(h * w * c) values, but there are \(inputCount) input columns")
        }
        return (h, w, c)
    }

    func plot(
        _ history: TrainingHistory,
        _ regressor: Regressor<AnyArchitecture>,
        x: Tensor<Float>,
        y: Tensor<Float>,
        _ inputNames: [String],
        _ targetName: String
    ) -> PlotDocument {
        let epochs = history.trainingLoss.indices.map { Double($0 + 1) }
        var series = [LineChart.Series(name: "training", x: epochs, y: history.trainingLoss)]
        if !history.validationLoss.isEmpty {
            series.append(LineChart.Series(name: "validation", x: epochs, y: history.validationLoss, dashed: true))
        }
        let losses = LineChart(
            title: "Loss (standardised MSE)",
            xLabel: "epoch",
            yLabel: "MSE",
            logScaleY: true,
            series: series
        )
        guard inputNames.count <= 2 else { return PlotDocument([losses]) }
        // The fitted function along the first input (the second, if any, held at its quartiles).
        let column = x.sliced(axis: 1, start: 0, length: 1).scalars.map(Double.init)
        let lo = column.min() ?? -1, hi = column.max() ?? 1
        var others: [Float] = [0]
        if inputNames.count == 2 {
            let second = x.sliced(axis: 1, start: 1, length: 1).scalars.sorted()
            others = [0.25, 0.5, 0.75].map { second[Int(Double(second.count - 1) * $0)] }
        }
        let curves = others.enumerated().map { k, other -> LineChart.Series in
            let name =
                inputNames.count == 2
                ? "f(\(inputNames[0]), \(inputNames[1]) = \(String(format: "%.3g", Double(other))))" : "fit"
            return FunctionPlot.curve(
                name: name,
                over: lo...max(hi, lo + 1e-9),
                samples: 200,
                color: PlotPalette.color(at: k + 1)
            ) { t in
                let row = inputNames.count == 2 ? [Float(t), other] : [Float(t)]
                return Double(regressor.predict(Tensor(shape: [1, row.count], scalars: row)).scalar)
            }
        }
        let sample = Array(0..<min(x.shape[0], 500))
        let fit = FunctionPlot(
            title: "Fitted \(targetName)",
            xLabel: inputNames[0],
            yLabel: targetName,
            dataX: sample.map { Double(x[$0, 0]) },
            dataY: sample.map { Double(y[$0, 0]) },
            curves: curves
        )
        return PlotDocument([losses, fit])
    }
}
