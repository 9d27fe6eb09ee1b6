/// A function f(x, y) convex in some of its input columns y (the *convex inputs*) and arbitrary in the others x
/// (the *conditions*), evaluated in Float on batches: what the solvers minimise over y for fixed x.
///
/// The solvers work in Double (iterates, step sizes, curvature pairs, certificates) while the network runs in
/// Float: f and ∇_y f are computed by one batched Float forward pass and one reverse pass of the engine, then
/// widened. So values and gradients carry Float rounding, about 1e-7 relative to their size; certificates
/// (gradient-mapping norms, gaps) below that level are not meaningful, which is why the solvers' default
/// tolerances are 1e-5 rather than Double-level ones. A Double evaluation would need a Double forward pass of
/// every architecture and would not make a Float model more accurate.
public struct ConvexObjective: Sendable {
    /// The number of input columns of f.
    public let inputCount: Int
    /// The columns f is convex in (sorted), y.
    public let convexInputs: [Int]
    /// The other columns, x (sorted).
    public let conditionInputs: [Int]
    /// f on full rows [B, inputCount] → [B, 1], recorded when its input is tracked.
    let function: @Sendable (Tensor<Float>) -> Tensor<Float>
    /// The network behind f, for exact inference: f(v) = outputScale·g((v − inputMean)/inputScale) + outputMean
    /// with g the model (identity standardisation for a bare model); nil for a closure objective.
    let network: Network?

    /// A model with the affine change of variables a `Regressor` applies around it (positive scales).
    struct Network: Sendable {
        var model: Model<AnyArchitecture>
        var inputMean: [Double], inputScale: [Double]
        var outputMean: Double, outputScale: Double
    }

    /// An objective from any differentiable function of full input rows.
    /// - Parameters:
    ///   - inputCount: the number of input columns.
    ///   - convexInputs: the columns f is convex in; distinct and below `inputCount`.
    ///   - function: f for a batch [B, inputCount], returning [B, 1]; written with tensor ops so that the engine
    ///     can differentiate it (twice, for argmin differentiation).
    /// - Precondition: at least one convex input, all distinct and in range.
    public init(
        inputCount: Int,
        convexInputs: [Int],
        _ function: @escaping @Sendable (Tensor<Float>) -> Tensor<Float>
    ) {
        precondition(!convexInputs.isEmpty, "a convex objective needs at least one convex input")
        precondition(
            Set(convexInputs).count == convexInputs.count && convexInputs.allSatisfy { (0..<inputCount).contains($0) },
            "convex inputs \(convexInputs) must be distinct indices below \(inputCount)"
        )
        self.inputCount = inputCount
        self.convexInputs = convexInputs.sorted()
        self.conditionInputs = (0..<inputCount).filter { !convexInputs.contains($0) }
        self.function = function
        self.network = nil
    }

    private init(_ network: Network) {
        let a = network.model.architecture
        precondition(!a.convexInputs.isEmpty, "a convex objective needs at least one convex input")
        self.inputCount = a.inputCount
        self.convexInputs = a.convexInputs.sorted()
        self.conditionInputs = (0..<a.inputCount).filter { !a.convexInputs.contains($0) }
        self.network = network
        let mean = Tensor(network.inputMean.map(Float.init)), inverse = Tensor(network.inputScale.map { Float(1 / $0) })
        self.function = { x in
            network.model((x - mean) * inverse) * Float(network.outputScale) + Float(network.outputMean)
        }
    }

    /// The model f(x, y) on its own (standardised) variables.
    /// - Precondition: the architecture is convex in at least one input.
    public init<A: Architecture>(_ model: Model<A>) {
        self.init(inputCount: model.architecture.inputCount, convexInputs: model.architecture.convexInputs) { x in
            model(x)
        }
    }

    /// A model that `Minimizer` can also solve exactly (`.lp`) when `ExactInference.supports` its architecture.
    /// - Precondition: the architecture is convex in at least one input.
    public init(_ model: Model<AnyArchitecture>) {
        let d = model.architecture.inputCount
        self.init(
            Network(
                model: model,
                inputMean: Array(repeating: 0, count: d),
                inputScale: Array(repeating: 1, count: d),
                outputMean: 0,
                outputScale: 1
            )
        )
    }

    /// A fitted regressor in the user's units (standardisation included; it keeps convexity).
    /// - Precondition: the architecture is convex in at least one input.
    public init<A: Architecture>(_ regressor: Regressor<A>) {
        self.init(
            inputCount: regressor.model.architecture.inputCount,
            convexInputs: regressor.model.architecture.convexInputs
        ) { x in regressor.predict(x) }
    }

    /// A fitted regressor in the user's units, which `Minimizer` can also solve exactly (`.lp`) when
    /// `ExactInference.supports` its architecture.
    /// - Precondition: the architecture is convex in at least one input.
    public init(_ regressor: Regressor<AnyArchitecture>) {
        self.init(
            Network(
                model: regressor.model,
                inputMean: regressor.inputStandardization.mean.map(Double.init),
                inputScale: regressor.inputStandardization.scale.map(Double.init),
                outputMean: Double(regressor.targetStandardization.mean[0]),
                outputScale: Double(regressor.targetStandardization.scale[0])
            )
        )
    }

    /// Whether `Minimizer` can solve this objective exactly by a linear program (`ExactInference.supports`).
    public var supportsExactInference: Bool { network.map { ExactInference.supports($0.model.architecture) } ?? false }

    /// f for full rows [B, inputCount] → [B, 1] (recorded when the rows are tracked).
    public func callAsFunction(_ rows: Tensor<Float>) -> Tensor<Float> { function(rows) }

    /// The number of convex inputs n.
    public var convexCount: Int { convexInputs.count }

    /// Full rows [rows.count, inputCount] with condition row `rows[r]` of `conditions` and y from `y`.
    /// - Parameters:
    ///   - conditions: one array of `conditionInputs.count` values per problem.
    ///   - rows: which problems.
    ///   - y: rows.count × n values, row-major.
    func inputRows(_ conditions: [[Float]], rows: [Int], y: [Double]) -> Tensor<Float> {
        let n = convexCount, d = inputCount
        var flat = [Float](repeating: 0, count: rows.count * d)
        for (r, row) in rows.enumerated() {
            for (k, c) in conditionInputs.enumerated() { flat[r * d + c] = conditions[row][k] }
            for (k, c) in convexInputs.enumerated() { flat[r * d + c] = Float(y[r * n + k]) }
        }
        return Tensor(shape: [rows.count, d], scalars: flat)
    }

    /// f and ∇_y f for the problems `rows` at the points `y` (rows.count × n values): one batched forward and
    /// reverse pass.
    /// - Returns: one value per row, and rows.count × n gradient entries (row-major).
    func evaluate(_ conditions: [[Float]], rows: [Int], y: [Double]) -> (values: [Double], gradients: [Double]) {
        guard !rows.isEmpty else { return ([], []) }
        let input = inputRows(conditions, rows: rows, y: y)
        let (value, grads) = valueAndGradient(at: [input]) { t in function(t[0]) }
        let n = convexCount, d = inputCount
        let full = grads[0].scalars
        var g = [Double](repeating: 0, count: rows.count * n)
        for r in 0..<rows.count {
            for (k, c) in convexInputs.enumerated() { g[r * n + k] = Double(full[r * d + c]) }
        }
        return (value.scalars.map(Double.init), g)
    }
}
