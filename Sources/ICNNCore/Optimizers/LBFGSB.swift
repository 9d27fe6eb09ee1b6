/// L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995): limited-memory BFGS for smooth minimisation under box constraints
/// l ≤ x ≤ u, per coordinate, with ±∞ for an unbounded side.
///
/// ```swift
/// // min (x − 3)² + (y + 2)² over [0, 1]²: the solution (1, 0) has both bounds active.
/// let result = LBFGSB().minimize(from: [0.5, 0.5], lower: [0, 0], upper: [1, 1]) { x in
///     ((x[0] - 3) * (x[0] - 3) + (x[1] + 2) * (x[1] + 2), [2 * (x[0] - 3), 2 * (x[1] + 2)])
/// }
/// ```
///
/// Each iteration, with the Hessian approximation B = θI − W·M·Wᵀ in compact form:
/// 1. the generalized Cauchy point xᶜ, the first minimiser of the quadratic model along the projected gradient
///    path P(x − t·∇f), which fixes the variables that will sit at a bound (`cauchyPoint`);
/// 2. subspace minimisation of the model over the remaining free variables, kept inside the box
///    (`subspaceMinimum`), giving a target x̄;
/// 3. a strong Wolfe line search along d = x̄ − x, with the step capped where the segment leaves the box (so every
///    trial point is feasible; it starts at 1, or at min(1, 1/‖d‖₂) when the memory is empty);
/// 4. the correction pair (s, y) is kept if sᵀy > ε·yᵀy.
/// If the model gives no descent direction or a line search fails, the memory is dropped and the iteration
/// repeated once from the plain projected-gradient model before `.lineSearchFailed` is reported.
///
/// Convergence is measured by the projected gradient ‖P(x − ∇f(x)) − x‖∞, which is zero exactly at a first-order
/// (KKT) point; the relative-decrease test is as for `LBFGS`. With every bound infinite this is a quasi-Newton
/// method with the same model as `LBFGS`, and reaches the same minimiser.
/// - Complexity: per iteration, O(m·n + m²·b + n log n) arithmetic, where b is the number of breakpoints visited
///   by the Cauchy search, plus the line-search evaluations.
public struct LBFGSB: Sendable {
    /// The settings: those of `LBFGS`, with `gradientTolerance` applied to the projected gradient.
    public typealias Configuration = LBFGS.Configuration

    /// The settings used by `minimize`.
    public var configuration: Configuration

    /// A minimiser with the given settings.
    /// - Parameter configuration: see `LBFGS.Configuration` for the defaults.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Minimises `objective` over the box lower ≤ x ≤ upper from `start`.
    ///
    /// Edge cases: a start outside the box is projected onto it first (an infinite entry lands on the finite
    /// bound of that side); the objective is only ever evaluated inside the box. Equal bounds fix a coordinate.
    /// Malformed input gives `.invalidInput` without evaluating the objective: bounds whose lengths differ from
    /// the start's, a NaN bound or start entry, lower > upper, a lower bound of +∞ or an upper bound of −∞.
    /// A non-finite value or gradient at the (projected) start gives `.nonFinite`.
    /// - Parameters:
    ///   - start: the initial point, n values.
    ///   - lower: n lower bounds, −∞ for none.
    ///   - upper: n upper bounds, +∞ for none.
    ///   - objective: f and ∇f; called only with points inside the box.
    /// - Returns: the final point, its value and (unprojected) gradient, the projected-gradient norm, counts, and
    ///   why the run stopped.
    /// - Precondition: the configuration is valid (memory ≥ 1, 0 < c₁ < c₂ < 1, non-negative limits).
    public func minimize(
        from start: [Double],
        lower: [Double],
        upper: [Double],
        _ objective: MinimizationObjective
    ) -> MinimizationResult {
        let settings = configuration
        settings.validate("LBFGSB")
        let n = start.count
        func rejected(_ reason: String) -> MinimizationResult {
            MinimizationResult(
                x: start,
                value: .nan,
                gradient: [],
                gradientNorm: .nan,
                iterations: 0,
                evaluations: 0,
                status: .invalidInput(reason)
            )
        }
        guard lower.count == n, upper.count == n else {
            return rejected("\(n) variables but \(lower.count) lower and \(upper.count) upper bounds")
        }
        for i in 0..<n {
            if lower[i].isNaN || upper[i].isNaN || start[i].isNaN { return rejected("NaN in coordinate \(i)") }
            if lower[i] > upper[i] || lower[i] == .infinity || upper[i] == -.infinity {
                return rejected("empty box in coordinate \(i): [\(lower[i]), \(upper[i])]")
            }
        }

        var evaluations = 0
        let x0 = Self.project(start, lower, upper)
        var current: EvaluatedPoint
        switch EvaluatedPoint.evaluateStart(objective, at: x0, evaluations: &evaluations) {
        case .success(let p): current = p
        case .failure(let failure): return failure.result
        }
        var iterations = 0
        func finish(_ status: MinimizationResult.Status) -> MinimizationResult {
            MinimizationResult(
                x: current.x,
                value: current.value,
                gradient: current.gradient,
                gradientNorm: Self.projectedGradientNorm(current.x, current.gradient, lower, upper),
                iterations: iterations,
                evaluations: evaluations,
                status: status
            )
        }
        if Self.projectedGradientNorm(current.x, current.gradient, lower, upper) <= settings.gradientTolerance {
            return finish(.converged(.gradient))
        }

        var memory = CompactMatrix(capacity: settings.memory)
        let lineSearch = StrongWolfeLineSearch(
            sufficientDecrease: settings.sufficientDecrease,
            curvature: settings.curvature,
            maxEvaluations: settings.maxLineSearchEvaluations
        )
        while true {
            if iterations >= settings.maxIterations { return finish(.maxIterations) }
            if evaluations >= settings.maxEvaluations { return finish(.maxEvaluations) }
            let x = current.x
            let g = current.gradient

            // Steps 1–2: Cauchy point, then subspace minimisation; d = x̄ − x.
            guard let cauchy = Self.cauchyPoint(x, g, lower: lower, upper: upper, memory: memory) else {
                if memory.isEmpty { return finish(.lineSearchFailed) }
                memory.removeAll()
                continue
            }
            let target = Self.subspaceMinimum(x, g, cauchy: cauchy, lower: lower, upper: upper, memory: memory)
            var direction = target
            for i in 0..<n { direction[i] -= x[i] }
            let slope = Vectors.dot(direction, g)
            guard slope < 0 else {
                if memory.isEmpty { return finish(.lineSearchFailed) }
                memory.removeAll()
                continue
            }

            // Step 3: line search on [0, maximumStep], where the segment leaves the box (≥ 1 up to rounding).
            var maximumStep = Double.infinity
            for i in 0..<n {
                if direction[i] > 0 && upper[i] < .infinity {
                    maximumStep = min(maximumStep, (upper[i] - x[i]) / direction[i])
                } else if direction[i] < 0 && lower[i] > -.infinity {
                    maximumStep = min(maximumStep, (lower[i] - x[i]) / direction[i])
                }
            }
            maximumStep = max(maximumStep, 1)
            let initialStep = memory.isEmpty ? min(1, 1 / Vectors.norm(direction)) : 1
            let outcome = lineSearch.search(
                objective,
                from: current,
                direction: direction,
                slope: slope,
                initialStep: initialStep,
                maximumStep: maximumStep,
                bounds: (lower, upper),
                evaluations: &evaluations,
                evaluationLimit: settings.maxEvaluations
            )
            let next: EvaluatedPoint
            switch outcome {
            case .accepted(let p, _, _):
                next = p
            case .failed, .nonFinite:
                if !memory.isEmpty {
                    memory.removeAll()
                    continue
                }
                if case .nonFinite = outcome { return finish(.nonFinite) }
                return finish(.lineSearchFailed)
            case .budgetExhausted:
                return finish(.maxEvaluations)
            case .wrongGradientCount(let c):
                return finish(.invalidInput(EvaluatedPoint.gradientCountMessage(c, variables: n)))
            }

            // Step 4: the correction pair.
            var s = next.x
            var y = next.gradient
            for i in 0..<n {
                s[i] -= x[i]
                y[i] -= g[i]
            }
            memory.append(s: s, y: y)
            let previousValue = current.value
            current = next
            iterations += 1
            if Self.projectedGradientNorm(current.x, current.gradient, lower, upper) <= settings.gradientTolerance {
                return finish(.converged(.gradient))
            }
            let decrease = (previousValue - current.value) / max(abs(previousValue), abs(current.value), 1)
            if settings.relativeDecreaseTolerance > 0 && decrease <= settings.relativeDecreaseTolerance {
                return finish(.converged(.relativeDecrease))
            }
        }
    }

    /// P(x): each coordinate clamped to [lower, upper].
    static func project(_ x: [Double], _ lower: [Double], _ upper: [Double]) -> [Double] {
        var out = x
        for i in out.indices { out[i] = min(max(out[i], lower[i]), upper[i]) }
        return out
    }

    /// ‖P(x − g) − x‖∞.
    static func projectedGradientNorm(_ x: [Double], _ g: [Double], _ lower: [Double], _ upper: [Double]) -> Double {
        var m = 0.0
        for i in x.indices {
            let moved = min(max(x[i] - g[i], lower[i]), upper[i])
            m = max(m, abs(moved - x[i]))
        }
        return m
    }
}
