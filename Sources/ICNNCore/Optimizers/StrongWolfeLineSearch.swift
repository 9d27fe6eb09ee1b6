/// A line search for the strong Wolfe conditions along a descent direction p from x:
///
///     φ(α) ≤ φ(0) + c₁·α·φ′(0)        (sufficient decrease)
///     |φ′(α)| ≤ c₂·|φ′(0)|            (curvature)
///
/// where φ(α) = f(x + α·p). This is the bracketing-and-zoom scheme of Nocedal & Wright, *Numerical Optimization*
/// (2nd ed.), Algorithms 3.5 and 3.6: expand the step until an interval is known to contain an acceptable one,
/// then shrink it by safeguarded cubic interpolation (bisection when the cubic's minimiser is not well inside).
///
/// Extensions for the minimisers here:
/// - a maximum step (the distance to the box in `LBFGSB`); a step at the maximum that still decreases f is
///   accepted on sufficient decrease alone;
/// - trial points may be projected onto a box, to absorb rounding at the boundary;
/// - a non-finite value or gradient at a trial point is treated as "too far": the step shrinks towards the last
///   good one and never grows past the bad one again;
/// - when the interval collapses or the evaluation allowance runs out, the best point with sufficient decrease,
///   if any, is returned (without the curvature guarantee);
/// - near a minimiser with f* ≠ 0 the decrease c₁·α·φ′(0) falls below the rounding error of f, and comparing
///   values stops working. For trial points whose value is within `valueNoise`·max(|f(x)|, 1) of f(x), values
///   are therefore judged by slopes, as in the approximate Wolfe conditions of Hager & Zhang (2005): sufficient
///   decrease becomes φ′(α) ≤ (2c₁ − 1)·φ′(0), φ(b) < φ(a) becomes (φ′(a) + φ′(b))·(b − a) < 0, and the cubic
///   interpolant becomes the secant of φ′. For a quadratic φ each replacement is exact; elsewhere the error is
///   O(α²·φ‴), negligible at such small decreases.
struct StrongWolfeLineSearch {
    /// The relative size of value changes treated as rounding noise: well above the rounding error of sums of
    /// up to about 10⁵ terms (10⁵·ε ≈ 2e-11), far below any decrease that matters.
    static let valueNoise = 1e-10

    var sufficientDecrease: Double
    var curvature: Double
    var maxEvaluations: Int

    enum Outcome {
        /// A point with sufficient decrease; `curvature` says whether the curvature condition holds too.
        case accepted(EvaluatedPoint, step: Double, curvature: Bool)
        /// No acceptable point was found.
        case failed
        /// Every trial point gave a non-finite value or gradient.
        case nonFinite
        /// The caller's evaluation limit was reached before any acceptable point.
        case budgetExhausted
        /// The objective returned a gradient of this (wrong) length.
        case wrongGradientCount(Int)
    }

    /// A step tried: φ(α) and φ′(α), or a non-finite evaluation (`point` nil, φ = +∞).
    private struct Trial {
        var step: Double
        var value: Double
        var slope: Double
        var point: EvaluatedPoint?
    }

    /// Searches from `start` along `direction`.
    /// - Parameters:
    ///   - slope: φ′(0) = ∇f(x)ᵀp, negative.
    ///   - initialStep: the first step tried (capped at `maximumStep`), positive.
    ///   - maximumStep: the largest step allowed (may be +∞).
    ///   - bounds: if given, trial points are projected onto the box [lower, upper].
    ///   - evaluations: the caller's running count of objective calls; the search stops at `evaluationLimit`.
    func search(
        _ objective: MinimizationObjective,
        from start: EvaluatedPoint,
        direction: [Double],
        slope: Double,
        initialStep: Double,
        maximumStep: Double,
        bounds: (lower: [Double], upper: [Double])?,
        evaluations: inout Int,
        evaluationLimit: Int
    ) -> Outcome {
        assert(slope < 0 && initialStep > 0 && maximumStep > 0)
        let f0 = start.value
        var used = 0
        var sawFinite = false
        var outOfBudget = false
        var wrongCount: Int?

        func evaluate(_ step: Double) -> Trial? {
            if evaluations >= evaluationLimit {
                outOfBudget = true
                return nil
            }
            guard used < maxEvaluations else { return nil }
            used += 1
            var x = start.x
            for i in x.indices { x[i] += step * direction[i] }
            if let (lower, upper) = bounds {
                for i in x.indices { x[i] = min(max(x[i], lower[i]), upper[i]) }
            }
            switch EvaluatedPoint.evaluate(objective, at: x, evaluations: &evaluations) {
            case .finite(let p):
                sawFinite = true
                return Trial(step: step, value: p.value, slope: Vectors.dot(p.gradient, direction), point: p)
            case .nonFinite:
                return Trial(step: step, value: .infinity, slope: .nan, point: nil)
            case .wrongGradientCount(let c):
                wrongCount = c
                return nil
            }
        }
        let noise = Self.valueNoise * max(abs(f0), 1)
        func inNoise(_ t: Trial) -> Bool { t.point != nil && abs(t.value - f0) <= noise }
        func decreases(_ t: Trial) -> Bool {
            if t.value <= f0 + sufficientDecrease * t.step * slope { return true }
            return inNoise(t) && t.slope <= (2 * sufficientDecrease - 1) * slope
        }
        // Whether φ(t) < φ(reference), by values or, when both are within rounding of φ(0), by slopes.
        func lower(_ t: Trial, than reference: Trial) -> Bool {
            if inNoise(t) && inNoise(reference) {
                return (t.slope + reference.slope) * (t.step - reference.step) < 0
            }
            return t.value < reference.value
        }
        func flatEnough(_ t: Trial) -> Bool { abs(t.slope) <= -curvature * slope }
        func accept(_ t: Trial, curvature: Bool) -> Outcome {
            guard let p = t.point else { return .failed }
            return .accepted(p, step: t.step, curvature: curvature)
        }
        // The outcome when evaluation stops without a strong Wolfe point; `best` has sufficient decrease.
        func giveUp(best: Trial) -> Outcome {
            if let c = wrongCount { return .wrongGradientCount(c) }
            if best.step > 0 { return accept(best, curvature: false) }
            if outOfBudget { return .budgetExhausted }
            return sawFinite ? .failed : .nonFinite
        }

        // Zoom: `low` has sufficient decrease and the lowest value so far, φ′(low)·(high − low) < 0.
        func zoom(low startLow: Trial, high startHigh: Trial) -> Outcome {
            var low = startLow
            var high = startHigh
            while true {
                let a = min(low.step, high.step)
                let b = max(low.step, high.step)
                let width = b - a
                if width <= 4 * Double.ulpOfOne * b { return giveUp(best: low) }
                var step = 0.5 * (a + b)
                if high.point != nil,
                    let model = inNoise(low) && inNoise(high)
                        ? Self.secantMinimizer(low, high) : Self.cubicMinimizer(low, high),
                    model >= a + 0.1 * width, model <= b - 0.1 * width
                {
                    step = model
                }
                guard let current = evaluate(step) else { return giveUp(best: low) }
                if current.point == nil || !decreases(current) || !lower(current, than: low) {
                    high = current
                } else {
                    if flatEnough(current) { return accept(current, curvature: true) }
                    if current.slope * (high.step - low.step) >= 0 { high = low }
                    low = current
                }
            }
        }

        // Bracketing: grow the step until [previous, current] must contain an acceptable step.
        var previous = Trial(step: 0, value: f0, slope: slope, point: start)
        var step = min(initialStep, maximumStep)
        var limit = maximumStep
        var limitIsNonFinite = false
        while true {
            guard let current = evaluate(step) else { return giveUp(best: previous) }
            if current.point == nil {
                // Too far: retreat towards the last good step, and never come back here.
                limit = step
                limitIsNonFinite = true
                step = previous.step + 0.25 * (step - previous.step)
                if step - previous.step <= Double.ulpOfOne * step { return giveUp(best: previous) }
                continue
            }
            if !decreases(current) || !lower(current, than: previous) {
                return zoom(low: previous, high: current)
            }
            if flatEnough(current) { return accept(current, curvature: true) }
            if current.slope >= 0 { return zoom(low: current, high: previous) }
            if step >= limit { return accept(current, curvature: false) }  // at the maximum step, still descending
            previous = current
            step = limitIsNonFinite ? step + 0.5 * (limit - step) : min(4 * step, limit)
        }
    }

    /// The zero of the secant of φ′ through two steps: the minimiser of the quadratic matching φ′ at both, or nil
    /// when φ′ does not increase between them.
    private static func secantMinimizer(_ p: Trial, _ q: Trial) -> Double? {
        let curvature = (q.slope - p.slope) / (q.step - p.step)
        guard curvature > 0 else { return nil }
        let t = p.step - p.slope / curvature
        return t.isFinite ? t : nil
    }

    /// The minimiser of the cubic matching φ and φ′ at two steps, or nil when it has none (or it is not finite).
    private static func cubicMinimizer(_ p: Trial, _ q: Trial) -> Double? {
        let d1 = p.slope + q.slope - 3 * (p.value - q.value) / (p.step - q.step)
        let discriminant = d1 * d1 - p.slope * q.slope
        guard discriminant >= 0 else { return nil }
        let d2 = (q.step > p.step ? 1.0 : -1.0) * discriminant.squareRoot()
        let t = q.step - (q.step - p.step) * (q.slope + d2 - d1) / (q.slope - p.slope + 2 * d2)
        return t.isFinite ? t : nil
    }
}
