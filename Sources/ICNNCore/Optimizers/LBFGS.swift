/// A smooth objective for `LBFGS` and `LBFGSB`: the value f(x) and the gradient ∇f(x) (as many values as x).
///
/// It may return NaN or ±∞ (for example outside its domain): the minimisers treat such points as "too far" in a
/// line search, and report `.nonFinite` if they cannot get away from them. A gradient of the wrong length ends the
/// run with `.invalidInput`.
public typealias MinimizationObjective = (_ x: [Double]) -> (value: Double, gradient: [Double])

/// Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) for smooth unconstrained minimisation over `[Double]`:
/// a quasi-Newton method that models the inverse Hessian from the last m steps and gradient changes, with a strong
/// Wolfe line search (Nocedal & Wright, *Numerical Optimization*, Algorithms 3.5–3.6 and 7.4–7.5). Near a
/// minimiser where f's changes drop below its rounding error, the line search judges decrease by slopes instead
/// (Hager & Zhang's approximate Wolfe conditions), so tight gradient tolerances stay reachable when f* ≠ 0.
///
/// ```swift
/// let result = LBFGS().minimize(from: [-1.2, 1]) { x in
///     let (a, b) = (1 - x[0], x[1] - x[0] * x[0])
///     return (a * a + 100 * b * b, [-2 * a - 400 * x[0] * b, 200 * b])
/// }
/// if result.isConverged { use(result.x) } else { print(result.status) }
/// ```
///
/// Runs are warm-startable: start from any point, such as the previous solution of a nearby problem. Nothing is
/// kept between runs; a `LBFGS` value is just its configuration.
///
/// Each iteration: the direction p = −H·g from the two-loop recursion with H₀ = γI, γ = sᵀy/yᵀy of the newest
/// pair; a line search from step 1 (the first iteration, or after a reset, from min(1, 1/‖g‖₂) along −g); a new
/// pair (s, y) kept only if sᵀy > ε·yᵀy, so that H stays positive definite. If a line search fails, the memory is
/// dropped and steepest descent is tried once before giving up with `.lineSearchFailed`.
///
/// Convergence: superlinear near a minimiser with a positive definite Hessian; on a strictly convex quadratic with
/// m ≥ n and exact line searches it is the conjugate gradient method (n iterations).
/// - Complexity: per iteration, O(m·n) arithmetic plus the evaluations of the line search (usually one).
public struct LBFGS: Sendable {
    /// The settings used by `minimize`.
    public var configuration: Configuration

    /// A minimiser with the given settings.
    /// - Parameter configuration: see `LBFGS.Configuration` for the defaults.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Minimises `objective` from `start`.
    ///
    /// Edge cases: an empty `start` returns at once (converged); a non-finite value or gradient at `start` gives
    /// `.nonFinite` after one evaluation, with `value` NaN and an empty `gradient`.
    /// - Parameters:
    ///   - start: the initial point, n values.
    ///   - objective: f and ∇f; called with arrays of n values.
    /// - Returns: the final point, its value and gradient, counts, and why the run stopped.
    /// - Precondition: the configuration is valid (memory ≥ 1, 0 < c₁ < c₂ < 1, non-negative limits).
    public func minimize(from start: [Double], _ objective: MinimizationObjective) -> MinimizationResult {
        let settings = configuration
        settings.validate("LBFGS")
        let n = start.count
        var evaluations = 0
        var current: EvaluatedPoint
        switch EvaluatedPoint.evaluateStart(objective, at: start, evaluations: &evaluations) {
        case .success(let p): current = p
        case .failure(let failure): return failure.result
        }
        var iterations = 0
        func finish(_ status: MinimizationResult.Status) -> MinimizationResult {
            MinimizationResult(
                x: current.x,
                value: current.value,
                gradient: current.gradient,
                gradientNorm: Vectors.infinityNorm(current.gradient),
                iterations: iterations,
                evaluations: evaluations,
                status: status
            )
        }
        if Vectors.infinityNorm(current.gradient) <= settings.gradientTolerance { return finish(.converged(.gradient)) }

        var memory = InverseHessianMemory(capacity: settings.memory)
        let lineSearch = StrongWolfeLineSearch(
            sufficientDecrease: settings.sufficientDecrease,
            curvature: settings.curvature,
            maxEvaluations: settings.maxLineSearchEvaluations
        )
        while true {
            if iterations >= settings.maxIterations { return finish(.maxIterations) }
            if evaluations >= settings.maxEvaluations { return finish(.maxEvaluations) }
            var direction = memory.direction(for: current.gradient)
            var slope = Vectors.dot(direction, current.gradient)
            if !(slope < 0) {
                // Rounding can spoil the model far from a minimiser: fall back to steepest descent.
                memory.removeAll()
                direction = memory.direction(for: current.gradient)
                slope = Vectors.dot(direction, current.gradient)
                guard slope < 0 else { return finish(.lineSearchFailed) }
            }
            let initialStep = memory.isEmpty ? min(1, 1 / Vectors.norm(current.gradient)) : 1
            let outcome = lineSearch.search(
                objective,
                from: current,
                direction: direction,
                slope: slope,
                initialStep: initialStep,
                maximumStep: .infinity,
                bounds: nil,
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
            var s = next.x
            var y = next.gradient
            for i in 0..<n {
                s[i] -= current.x[i]
                y[i] -= current.gradient[i]
            }
            memory.append(s: s, y: y)
            let previousValue = current.value
            current = next
            iterations += 1
            if Vectors.infinityNorm(current.gradient) <= settings.gradientTolerance {
                return finish(.converged(.gradient))
            }
            let decrease = (previousValue - current.value) / max(abs(previousValue), abs(current.value), 1)
            if settings.relativeDecreaseTolerance > 0 && decrease <= settings.relativeDecreaseTolerance {
                return finish(.converged(.relativeDecrease))
            }
        }
    }
}
