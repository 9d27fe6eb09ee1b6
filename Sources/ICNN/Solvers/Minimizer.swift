/// Global minimisation over the convex inputs of a convex model: ŷ(x) = argmin_{lower ≤ y ≤ upper} f(x, y) for a
/// batch of conditions x, with a certificate per problem (Amos et al. 2017, §5: inference is optimisation).
///
/// ```swift
/// let problem = try ConvexProblem(ConvexObjective(model), conditions: rows, lower: [0], upper: [1])
/// let result = try Minimizer().minimize(problem)              // .auto: L-BFGS-B here
/// print(result.argmin[0], result.values[0], result.gaps[0])   // gaps: gradient-mapping norms
/// ```
///
/// Every gradient method shares network evaluations across the batch: all problems' iterates are stacked into one
/// batch per evaluation. The methods:
/// - `.lp`: exact inference for piecewise-linear models (`ExactInference`: one linear program per condition row,
///   solved by the simplex method in Double, in the network's standardised variables); certified by the LP's
///   duality gap. Needs an objective built from a `Model<AnyArchitecture>` or `Regressor<AnyArchitecture>`.
/// - `.lbfgs`: L-BFGS-B (`LBFGSB` of ICNNCore) on Σ_b φ(x_b, y_b). The problems are separable, so the sum's
///   minimiser is every problem's minimiser and the sum's projected gradient is the stack of theirs; the
///   curvature memory is shared, which costs some iterations against separate runs but saves whole network
///   passes. An unbounded coordinate is searched inside ±`searchRadius`: a minimiser on that artificial face
///   means the problem is unbounded below. The shared line search judges decrease on the batch sum, whose Float
///   rounding grows with the batch, so problems left above the tolerance are finished by `.accelerated`.
/// - `.gradient`: projected gradient with per-problem backtracking (`ProjectedGradient`).
/// - `.accelerated`: FISTA with backtracking and function-value restart (`ProjectedGradient`).
/// - `.bundle`: the bundle entropy method for the entropy-regularised problem (ε > 0, bounded box;
///   `BundleEntropy`), certified by a duality gap.
/// Warm start by passing `start` (for example the previous solution of nearby conditions).
public struct Minimizer: Sendable {
    /// A minimisation method. `.auto` picks `.bundle` for an entropy-regularised problem, `.lp` for a
    /// piecewise-linear model whose linear programs are small and few (`exactInferenceLimit`,
    /// `exactInferenceRowLimit`), and `.lbfgs` otherwise.
    public enum Method: String, Sendable, Hashable, CaseIterable, Codable {
        case auto
        case lp
        case lbfgs
        case bundle
        case gradient
        case accelerated
    }

    /// Stop when every problem's certificate is at most this. Default 1e-5: above the Float rounding of the
    /// network's gradients (see `ConvexObjective`).
    public var tolerance: Double
    /// At most this many iterations (bundle: cutting planes per problem). Default 1000.
    public var maxIterations: Int
    /// How far an unbounded coordinate is searched (see `.lbfgs`). Default 1e6.
    public var searchRadius: Double
    /// The L-BFGS-B memory. Default 10.
    public var memory: Int

    /// A minimiser with the given settings.
    /// - Precondition: tolerance ≥ 0, maxIterations ≥ 1, searchRadius > 0, memory ≥ 1.
    public init(tolerance: Double = 1e-5, maxIterations: Int = 1000, searchRadius: Double = 1e6, memory: Int = 10) {
        precondition(tolerance >= 0 && maxIterations >= 1 && searchRadius > 0 && memory >= 1, "invalid settings")
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.searchRadius = searchRadius
        self.memory = memory
    }

    /// The largest linear program `.auto` hands to `.lp`, in variables (convex inputs plus hidden units): 400, a
    /// ReLU FICNN of width 128 × 3 on 16 inputs, whose LP took 0.23 s (636 simplex pivots) in `icnn bench
    /// minimize`; width 256 × 3 took 2.8 s.
    public static let exactInferenceLimit = 400
    /// The most condition rows `.auto` solves by `.lp` (one LP per row for a PICNN).
    public static let exactInferenceRowLimit = 64

    /// The method `.auto` resolves to for `problem`.
    public static func resolve(_ method: Method, for problem: ConvexProblem) -> Method {
        guard method == .auto else { return method }
        if problem.entropyWeight > 0 && problem.isBounded { return .bundle }
        if problem.entropyWeight == 0, problem.objective.supportsExactInference,
            let network = problem.objective.network, let size = linearProgramSize(network.model.architecture),
            size <= exactInferenceLimit,
            problem.objective.conditionInputs.isEmpty || problem.count <= exactInferenceRowLimit
        {
            return .lp
        }
        return .lbfgs
    }

    /// The variables of the exact-inference LP (convex inputs plus hidden units), or nil for other models.
    static func linearProgramSize(_ architecture: AnyArchitecture) -> Int? {
        switch architecture {
        case .ficnn(let a): a.inputs + a.widths.reduce(0, +)
        case .picnn(let a): a.convexIn.count + a.widths.reduce(0, +)
        case .hycnn(let a): a.inputs + a.widths.reduce(0, +)
        default: nil
        }
    }

    /// Minimises every problem of the batch.
    /// - Parameters:
    ///   - problem: the batch.
    ///   - method: the method; `.auto` by default.
    ///   - start: B × n starting values (row-major), projected onto the box; the box centre when nil.
    /// - Returns: minimisers, values, certificates and counts. An unbounded problem is reported in `status`.
    /// - Throws: `MinimizationError` when the method cannot handle the problem (bundle entropy without ε > 0 and
    ///   a bounded box) or `start` has the wrong length.
    public func minimize(
        _ problem: ConvexProblem,
        method: Method = .auto,
        start: [Double]? = nil
    ) throws
        -> ConvexMinimum
    {
        let n = problem.dimension, b = problem.count
        if let start, start.count != b * n {
            throw MinimizationError("the start has \(start.count) values, expected \(b) problems × \(n) inputs")
        }
        let x0 = start ?? problem.defaultStart
        switch Self.resolve(method, for: problem) {
        case .lp:
            return try exact(problem)
        case .auto, .lbfgs:
            return lbfgs(problem, from: x0)
        case .gradient:
            return ProjectedGradient(accelerated: false, tolerance: tolerance, maxIterations: maxIterations)
                .minimize(problem, from: x0, radius: searchRadius)
        case .accelerated:
            return ProjectedGradient(accelerated: true, tolerance: tolerance, maxIterations: maxIterations)
                .minimize(problem, from: x0, radius: searchRadius)
        case .bundle:
            guard problem.entropyWeight > 0 && problem.isBounded else {
                throw MinimizationError(
                    "the bundle entropy method needs finite bounds on every convex input and an entropy weight > 0"
                )
            }
            return BundleEntropy(tolerance: tolerance, maxIterations: min(maxIterations, 100))
                .minimize(problem, from: x0)
        }
    }

    /// Exact inference by linear programming (`ExactInference`), one LP per condition row, in the network's
    /// standardised variables; argmins and values mapped back to the objective's units.
    private func exact(_ problem: ConvexProblem) throws -> ConvexMinimum {
        guard let network = problem.objective.network, problem.objective.supportsExactInference else {
            throw MinimizationError(
                "exact inference (lp) needs a piecewise-linear model: a ReLU, leaky-ReLU or identity FICNN/PICNN "
                    + "or a hard-max HyCNN; use lbfgs"
            )
        }
        guard problem.entropyWeight == 0 else {
            throw MinimizationError("exact inference (lp) solves the plain problem; the entropy weight must be 0")
        }
        let objective = problem.objective, n = problem.dimension
        let convex = objective.convexInputs
        let scale = convex.map { network.inputScale[$0] }, mean = convex.map { network.inputMean[$0] }
        func standardised(_ v: Double, _ j: Int) -> Double? { v.isFinite ? (v - mean[j]) / scale[j] : nil }
        let rows = problem.conditions.map { condition -> [Double] in
            var row = [Double](repeating: 0, count: objective.inputCount)
            for (k, c) in objective.conditionInputs.enumerated() {
                row[c] = (Double(condition[k]) - network.inputMean[c]) / network.inputScale[c]
            }
            return row
        }
        let solutions = try ExactInference.minimize(
            network.model,
            rows: rows,
            lower: (0..<n).map { standardised(problem.lower[$0], $0) },
            upper: (0..<n).map { standardised(problem.upper[$0], $0) }
        )
        var status = ConvexMinimum.Status.converged
        for (r, s) in solutions.enumerated() where s.status != .optimal {
            if s.status == .unbounded {
                status = .unbounded(row: r)
                break
            }
            status = s.status == .iterationLimit ? .iterationLimit : .stalled("linear program: \(s.status)")
        }
        return ConvexMinimum(
            method: .lp,
            argmin: solutions.map { s in (0..<n).map { s.argmin[$0] * scale[$0] + mean[$0] } },
            values: solutions.map { $0.value * network.outputScale + network.outputMean },
            gaps: solutions.map { $0.dualityGap * network.outputScale },
            certificate: .dualityGap,
            iterations: solutions.reduce(0) { $0 + $1.iterations },
            evaluations: 0,
            status: status
        )
    }

    /// L-BFGS-B on the batch sum, inside ±searchRadius on unbounded sides.
    private func lbfgs(_ problem: ConvexProblem, from start: [Double]) -> ConvexMinimum {
        let b = problem.count
        let (lo, up) = Self.searchBox(problem, radius: searchRadius)
        let lower = Array((0..<b).map { _ in lo }.joined()), upper = Array((0..<b).map { _ in up }.joined())
        let rows = Array(0..<b)
        let solver = LBFGSB(
            configuration: .init(
                memory: memory,
                gradientTolerance: tolerance,
                relativeDecreaseTolerance: 0,
                maxIterations: maxIterations,
                maxEvaluations: 5 * maxIterations
            )
        )
        let run = solver.minimize(from: start, lower: lower, upper: upper) { y in
            let (values, gradients) = problem.evaluate(rows: rows, y: y)
            return (values.reduce(0, +), gradients)
        }
        // Per-problem values and certificates at the final point (one more batched evaluation).
        let (values, gradients) = problem.evaluate(rows: rows, y: run.x)
        var result = Self.assemble(problem, method: .lbfgs, y: run.x, values: values, gradients: gradients)
        result.iterations = run.iterations
        result.evaluations = run.evaluations + 1
        // The shared line search judges decrease on the batch sum, whose Float rounding grows with the batch:
        // problems it left above the tolerance are finished by accelerated projected gradient, whose per-problem
        // backtracking tolerates rounding (see `ProjectedGradient`).
        let unfinished = (0..<b).filter { result.gaps[$0] > tolerance }
        if !unfinished.isEmpty, run.iterations < maxIterations,
            let rest = try? ConvexProblem(
                problem.objective,
                conditions: unfinished.map { problem.conditions[$0] },
                lower: problem.lower,
                upper: problem.upper,
                entropyWeight: problem.entropyWeight
            )
        {
            let polish = ProjectedGradient(
                accelerated: true,
                tolerance: tolerance,
                maxIterations: maxIterations - run.iterations
            ).minimize(rest, from: Array(unfinished.map { result.argmin[$0] }.joined()), radius: searchRadius)
            for (k, r) in unfinished.enumerated() where polish.gaps[k] < result.gaps[r] {
                result.argmin[r] = polish.argmin[k]
                result.values[r] = polish.values[k]
                result.gaps[r] = polish.gaps[k]
            }
            result.iterations += polish.iterations
            result.evaluations += polish.evaluations
        }
        result.status = Self.status(result, problem, tolerance: tolerance, radius: searchRadius) {
            switch run.status {
            case .maxIterations, .maxEvaluations: .iterationLimit
            default: .stalled(run.status.description)
            }
        }
        return result
    }

    /// The box searched: the problem's, with infinite sides replaced by ±radius.
    static func searchBox(_ problem: ConvexProblem, radius: Double) -> (lower: [Double], upper: [Double]) {
        let (lo, up) = problem.searchBox
        return (lo.map { $0.isFinite ? $0 : -radius }, up.map { $0.isFinite ? $0 : radius })
    }

    /// A result with gradient-mapping certificates from the final point's values and gradients.
    static func assemble(
        _ problem: ConvexProblem,
        method: Method,
        y: [Double],
        values: [Double],
        gradients: [Double]
    ) -> ConvexMinimum {
        let n = problem.dimension
        return ConvexMinimum(
            method: method,
            argmin: (0..<problem.count).map { Array(y[$0 * n..<($0 + 1) * n]) },
            values: values,
            gaps: (0..<problem.count).map { r in
                problem.gradientMapping(y[r * n..<(r + 1) * n], gradients[r * n..<(r + 1) * n])
            },
            certificate: .gradientMapping,
            iterations: 0,
            evaluations: 0,
            status: .converged
        )
    }

    /// Converged when every certificate meets the tolerance; unbounded when a value is non-finite or a minimiser
    /// sits on the artificial face of an unbounded coordinate; otherwise what `otherwise` says.
    static func status(
        _ result: ConvexMinimum,
        _ problem: ConvexProblem,
        tolerance: Double,
        radius: Double,
        otherwise: () -> ConvexMinimum.Status
    ) -> ConvexMinimum.Status {
        for (r, y) in result.argmin.enumerated() {
            if !result.values[r].isFinite { return .unbounded(row: r) }
            for j in y.indices {
                let artificial =
                    (!problem.lower[j].isFinite && y[j] <= -radius * 0.999)
                    || (!problem.upper[j].isFinite && y[j] >= radius * 0.999)
                if artificial { return .unbounded(row: r) }
            }
        }
        return result.gaps.allSatisfy { $0 <= tolerance } ? .converged : otherwise()
    }
}
