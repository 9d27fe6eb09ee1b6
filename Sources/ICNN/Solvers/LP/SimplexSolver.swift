/// A bounded-variable revised primal simplex method for `LinearProgram`s, in Double.
///
/// Why this method: the programs we solve (exact inference for piecewise-linear ICNNs, `ExactInference`) have a
/// few thousand rows at most and a known structure, and the caller wants a *vertex*: the exact minimiser of a
/// piecewise-linear network sits on one, and a vertex comes with an exact basis, exact duals and a zero duality
/// gap. A simplex method delivers it directly; an interior-point method would need a crossover step on top.
/// Bounds (including infinite and fixed ones) are handled by the bounded-variable form, so box constraints cost no
/// rows, and free variables simply stay nonbasic at 0 until they enter.
///
/// How it works:
/// - Every row gets a slack, aᵢᵀx + sᵢ = bᵢ with sᵢ ∈ [0, ∞) (≤), (−∞, 0] (≥) or [0, 0] (=); the first basis is
///   the slacks, nonbasic variables start at a finite bound (or 0 when free).
/// - Phase 1 minimises the sum of bound violations of the basic variables (a piecewise-linear cost recomputed each
///   iteration, the textbook composite method), so it starts from any basis and needs no artificial columns; the
///   ratio test stops an infeasible variable at the bound it violates, so the infeasibility never increases.
///   Phase 2 minimises cᵀx from the feasible basis found.
/// - The basis inverse is kept explicitly (dense, column-major) and updated by one elementary row transformation
///   per pivot (product form); every `refactorizationInterval` pivots (default max(100, m/2)), and before any verdict is returned, it is
///   rebuilt from the slack basis by pivoting the basic columns back in with the largest available pivot
///   (partial pivoting), and the basic values are recomputed from the nonbasic ones. A column that has become
///   numerically dependent is replaced by a slack and phase 1 repairs any infeasibility this causes.
/// - Pricing is Dantzig's rule (largest reduced cost); the ratio test is Harris's two-pass test (a bound
///   tolerance in the first pass, the largest pivot among the candidates in the second), and an entering variable
///   whose own bound comes first is flipped to it without a basis change.
/// - Anti-cycling: after `degenerateLimit` consecutive pivots without progress the solver switches to Bland's
///   rule (smallest eligible index enters, smallest index leaves on ties) until the objective moves again.
///
/// - Complexity: O(m²) per pivot (update of the m×m inverse, forward transformation of the entering column) plus
///   O(nnz(A)) for pricing; a refactorisation costs O(k·m²) for k basic structural columns.
public struct SimplexSolver: Sendable {
    /// Tolerances and limits.
    public struct Options: Sendable, Hashable {
        /// A basic variable may violate a bound by this much (absolute) before it counts as infeasible.
        public var primalTolerance = 1e-9
        /// A reduced cost must be below −this (or above) for its variable to enter.
        public var dualTolerance = 1e-9
        /// Entries of a transformed column below this magnitude are never pivots.
        public var pivotTolerance = 1e-9
        /// Pivots between refactorisations of the basis inverse; nil for max(100, m/2). A refactorisation costs
        /// as much as O(k) pivots, so large programs refactor less often; the verdict is always re-checked on a
        /// fresh inverse, so drift can cost iterations but not correctness.
        public var refactorizationInterval: Int? = nil
        /// Consecutive degenerate pivots after which Bland's rule takes over.
        public var degenerateLimit = 50
        /// The iteration limit; nil for max(10 000, 20·(m + n)).
        public var maximumIterations: Int? = nil

        /// The default options.
        public init() {}
    }

    /// A starting point and basis, e.g. from a forward pass: the solver starts from it instead of the slack
    /// basis, which skips phase 1 when the basis is feasible and shortens phase 2 when it is near the optimum.
    public struct WarmStart: Sendable, Hashable {
        /// Starting values of the n variables, used for the nonbasic ones (clamped into their bounds; a value
        /// strictly inside the bounds is allowed and may move either way).
        public var values: [Double]
        /// The variables to make basic: j < n a variable, n + i the slack of row i. At most m, distinct; slacks
        /// fill the rest, and a column that turns out dependent is left nonbasic.
        public var basic: [Int]

        /// A warm start.
        public init(values: [Double], basic: [Int]) {
            self.values = values
            self.basic = basic
        }
    }

    /// The options.
    public var options: Options

    /// A solver with the given options.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Solves `problem`, from the slack basis or from `start`.
    /// - Precondition: `start`, when given, has n values and at most m distinct basic indices below n + m.
    /// - Returns: the status, the last point, its row duals and reduced costs, and the residuals and duality gap
    ///   computed afresh from `problem` (so they also certify the answer against rounding in the solver).
    ///   For `.infeasible` the point is the one with the least infeasibility found; for `.unbounded` it is the
    ///   feasible vertex from which the unbounded ray starts.
    public func solve(_ problem: LinearProgram, start: WarmStart? = nil) -> LinearProgramSolution {
        let m = problem.constraintCount
        if let start {
            precondition(
                start.values.count == problem.variableCount,
                "SimplexSolver: warm start of \(start.values.count) values for \(problem.variableCount) variables"
            )
            precondition(
                start.basic.count <= m && Set(start.basic).count == start.basic.count
                    && start.basic.allSatisfy { (0..<(problem.variableCount + m)).contains($0) },
                "SimplexSolver: a warm-start basis needs at most \(m) distinct indices below \(problem.variableCount + m)"
            )
        }
        if zip(problem.lower, problem.upper).contains(where: { $0 > $1 }) {
            return Self.certify(
                problem,
                status: .infeasible,
                x: problem.lower.map { $0.isFinite ? $0 : 0 },
                rowDuals: Array(repeating: 0, count: m),
                iterations: 0
            )
        }
        var engine = Engine(problem, options: options, start: start)
        let status = engine.run()
        let (x, duals) = engine.solution()
        return Self.certify(problem, status: status, x: x, rowDuals: duals, iterations: engine.iterations)
    }

    /// Fills in the reduced costs, residuals and gap of (x, y) for `problem`.
    static func certify(
        _ problem: LinearProgram,
        status: LinearProgramStatus,
        x: [Double],
        rowDuals y: [Double],
        iterations: Int
    ) -> LinearProgramSolution {
        let n = problem.variableCount
        var d = problem.objective
        for i in 0..<problem.constraintCount where y[i] != 0 {
            for k in problem.rowStarts[i]..<problem.rowStarts[i + 1] {
                d[problem.columnIndices[k]] -= problem.values[k] * y[i]
            }
        }
        var dualValue = 0.0, dualResidual = 0.0
        for i in 0..<problem.constraintCount {
            dualValue += problem.rightHandSides[i] * y[i]
            switch problem.relations[i] {
            case .lessOrEqual: dualResidual = max(dualResidual, y[i])
            case .greaterOrEqual: dualResidual = max(dualResidual, -y[i])
            case .equal: break
            }
        }
        for j in 0..<n {
            let (l, u) = (problem.lower[j], problem.upper[j])
            if d[j] > 0 {
                if l.isFinite { dualValue += d[j] * l } else { dualResidual = max(dualResidual, d[j]) }
            } else if d[j] < 0 {
                if u.isFinite { dualValue += d[j] * u } else { dualResidual = max(dualResidual, -d[j]) }
            }
        }
        let primal = problem.objectiveValue(x)
        return LinearProgramSolution(
            status: status,
            x: x,
            objective: primal,
            rowDuals: y,
            reducedCosts: d,
            iterations: iterations,
            primalResidual: problem.maximumViolation(x),
            dualResidual: dualResidual,
            dualityGap: abs(primal - dualValue)
        )
    }
}
