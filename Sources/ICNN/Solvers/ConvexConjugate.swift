/// The convex conjugate f*(y) = max_x ⟨x, y⟩ − f(x) of a function convex in all its inputs, and its maximiser
/// x*(y) = ∇f*(y) (Fenchel–Young: f(x*) + f*(y) = ⟨x*, y⟩ and ∇f(x*) = y).
///
/// Each point y is one problem min_x f(x) − ⟨x, y⟩ of a `ConvexProblem` whose conditions are the points, solved
/// by `Minimizer` with L-BFGS (`.lbfgs`, unbounded) from a warm start, the whole batch sharing each network pass.
/// Used by optimal transport (the semi-dual's E_Q f*) and by convex-potential flows (inverting ∇F).
///
/// Edge cases: when y lies outside the domain of f* (the sup is +∞, e.g. |y| beyond the largest slope of a
/// piecewise-linear f) the maximiser runs away; one beyond `searchRadius` is reported with value +∞.
public struct ConvexConjugate: Sendable {
    /// The conjugates of a batch.
    public struct Result: Sendable {
        /// f*(y) per point (+∞ where the search ran away).
        public var values: [Double]
        /// The maximisers x*(y) = ∇f*(y), n values each.
        public var maximizers: [[Double]]
        /// ‖∇f(x*) − y‖∞ per point: the stationarity residual (zero at the exact maximiser).
        public var residuals: [Double]
        /// Solver iterations and batched network evaluations.
        public var iterations: Int
        public var evaluations: Int
    }

    /// The function; convex in every input.
    public let objective: ConvexObjective
    /// The solver (its tolerance bounds the residuals; default 1e-5, see `ConvexObjective` on Float rounding).
    public var minimizer: Minimizer

    /// A conjugate evaluator.
    /// - Precondition: `objective` is convex in all its inputs (it has no condition columns).
    public init(_ objective: ConvexObjective, tolerance: Double = 1e-5, maxIterations: Int = 1000) {
        precondition(objective.conditionInputs.isEmpty, "the conjugate needs a function convex in all its inputs")
        self.objective = objective
        self.minimizer = Minimizer(tolerance: tolerance, maxIterations: maxIterations)
    }

    /// f*(y) and ∇f*(y) for each point, or, with a box, the conjugate of f restricted to the box,
    /// max over lower ≤ x ≤ upper of ⟨x, y⟩ − f(x): finite for every y, and equal to f*(y) wherever f*'s maximiser
    /// lies in the box.
    /// - Parameters:
    ///   - points: B points y, n values each.
    ///   - start: B warm starts x (n values each), for example the maximisers of nearby points or ∇g(y) from an
    ///     amortising network; y itself when nil (exact when f = ½‖x‖²). Starts outside the box are clipped into it.
    ///   - lower, upper: the box, n values each (nil: unbounded).
    /// - Precondition: every point (and start) has n finite values; the box has n finite values per side, lower ≤
    ///   upper.
    public func callAsFunction(
        _ points: [[Double]],
        start: [[Double]]? = nil,
        lower: [Double]? = nil,
        upper: [Double]? = nil
    ) -> Result {
        let n = objective.convexCount
        precondition(points.allSatisfy { $0.count == n }, "conjugate points need \(n) values each")
        var x0 = start ?? points
        precondition(x0.count == points.count && x0.allSatisfy { $0.count == n }, "warm starts need n values each")
        precondition((lower == nil) == (upper == nil), "the conjugate's box needs both sides or neither")
        if let lower, let upper {
            precondition(
                lower.count == n && upper.count == n
                    && zip(lower, upper).allSatisfy { $0.isFinite && $1.isFinite && $0 <= $1 },
                "the conjugate's box needs n finite bounds per side with lower ≤ upper"
            )
            x0 = x0.map { x in x.indices.map { min(max(x[$0], lower[$0]), upper[$0]) } }
        }
        // g(y, x) = f(x) − ⟨x, y⟩ with y as conditions (columns 0..<n) and x convex (columns n..<2n).
        let f = objective
        let shifted = ConvexObjective(inputCount: 2 * n, convexInputs: Array(n..<(2 * n))) { rows in
            let y = rows.sliced(axis: 1, start: 0, length: n), x = rows.sliced(axis: 1, start: n, length: n)
            return f(x) - (x * y).sum(alongAxes: [1], keepingDimensions: true)
        }
        let problem: ConvexProblem
        do {
            problem = try ConvexProblem(
                shifted,
                conditions: points.map { $0.map(Float.init) },
                lower: lower,
                upper: upper
            )
        } catch {
            preconditionFailure("conjugate points: \(error)")
        }
        // Only `minimize`'s start-length and bundle checks can throw, and neither applies here.
        guard let result = try? minimizer.minimize(problem, method: .lbfgs, start: Array(x0.joined())) else {
            preconditionFailure("conjugate: the minimiser rejected a well-formed problem")
        }
        let radius = minimizer.searchRadius * 0.999
        return Result(
            values: result.argmin.indices.map { r in
                result.argmin[r].contains { abs($0) >= radius } ? .infinity : -result.values[r]
            },
            maximizers: result.argmin,
            residuals: result.gaps,
            iterations: result.iterations,
            evaluations: result.evaluations
        )
    }
}
