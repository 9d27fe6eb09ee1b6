#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Projected gradient with backtracking on a box, plain or accelerated (FISTA, Beck & Teboulle 2009, with the
/// gradient restart of O'Donoghue & Candès 2015), batched: each problem keeps its own step 1/L and
/// momentum, and every round evaluates all pending points of all problems in one network pass.
///
/// One step from z: y⁺ = P(z − ∇φ(z)/L), accepted when φ(y⁺) ≤ φ(z) + ∇φ(z)ᵀ(y⁺ − z) + (L/2)‖y⁺ − z‖² (the
/// descent lemma) or ‖∇φ(y⁺) − ∇φ(z)‖ ≤ L‖y⁺ − z‖ (L bounds the local Lipschitz constant of ∇φ), else L doubles.
/// The second test uses no values: near a minimiser the Float rounding of φ hides the decrease the first one
/// looks for, and backtracking on values alone would stall. Plain: z = y and L shrinks by 1.5 after an accepted
/// step. Accelerated: z = P(y⁺ + ((tₖ − 1)/tₖ₊₁)(y⁺ − y)), tₖ₊₁ = (1 + √(1 + 4tₖ²))/2, restarted (t = 1, z = y⁺)
/// when (z − y⁺)ᵀ(y⁺ − y) > 0 (the gradient restart, which also needs no values).
/// A problem stops when ‖P(y − ∇φ(y)) − y‖∞ ≤ tolerance.
/// - Complexity: per round, one batched evaluation of the pending problems (accelerated: two).
public struct ProjectedGradient: Sendable {
    /// Whether to use FISTA momentum with restart.
    public var accelerated: Bool
    /// The gradient-mapping tolerance.
    public var tolerance: Double
    /// At most this many rounds.
    public var maxIterations: Int

    /// A solver with the given settings.
    public init(accelerated: Bool, tolerance: Double = 1e-5, maxIterations: Int = 1000) {
        self.accelerated = accelerated
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Per-problem state.
    private struct Row {
        var y: [Double], fy: Double, gy: [Double]
        var z: [Double], fz: Double, gz: [Double]
        var lipschitz = 1.0
        var momentum = 1.0
        var zPending = false
        var done = false
    }

    /// Minimises every problem from `start` (B × n values), searching unbounded sides inside ±radius.
    public func minimize(_ problem: ConvexProblem, from start: [Double], radius: Double = 1e6) -> ConvexMinimum {
        let n = problem.dimension, b = problem.count
        let (lo, up) = Minimizer.searchBox(problem, radius: radius)
        func project(_ v: [Double]) -> [Double] { (0..<n).map { min(max(v[$0], lo[$0]), up[$0]) } }
        let y0 = (0..<b).map { project(Array(start[$0 * n..<($0 + 1) * n])) }
        let (f0, g0) = problem.evaluate(rows: Array(0..<b), y: Array(y0.joined()))
        var evaluations = 1
        var rows = (0..<b).map { r -> Row in
            let g = Array(g0[r * n..<(r + 1) * n])
            return Row(y: y0[r], fy: f0[r], gy: g, z: y0[r], fz: f0[r], gz: g)
        }
        // Initial step: 1/L with L from the gradient's size (one unit move along the gradient at most).
        for r in 0..<b {
            rows[r].lipschitz = max(rows[r].gy.map(abs).max() ?? 1, 1e-8)
            rows[r].done = problem.gradientMapping(rows[r].y[...], rows[r].gy[...]) <= tolerance
        }
        var iterations = 0
        while iterations < maxIterations && rows.contains(where: { !$0.done }) {
            iterations += 1
            // Accelerated: evaluate the extrapolated points first.
            let pendingZ = (0..<b).filter { !rows[$0].done && rows[$0].zPending }
            if !pendingZ.isEmpty {
                let (fz, gz) = problem.evaluate(rows: pendingZ, y: Array(pendingZ.map { rows[$0].z }.joined()))
                evaluations += 1
                for (k, r) in pendingZ.enumerated() {
                    rows[r].fz = fz[k]
                    rows[r].gz = Array(gz[k * n..<(k + 1) * n])
                    rows[r].zPending = false
                }
            }
            let active = (0..<b).filter { !rows[$0].done }
            let trials = active.map { r in
                project((0..<n).map { rows[r].z[$0] - rows[r].gz[$0] / rows[r].lipschitz })
            }
            let (ft, gt) = problem.evaluate(rows: active, y: Array(trials.joined()))
            evaluations += 1
            for (k, r) in active.enumerated() {
                let trial = trials[k]
                let g = Array(gt[k * n..<(k + 1) * n])
                var linear = 0.0, square = 0.0, change = 0.0
                for j in 0..<n {
                    let d = trial[j] - rows[r].z[j]
                    linear += rows[r].gz[j] * d
                    square += d * d
                    change += (g[j] - rows[r].gz[j]) * (g[j] - rows[r].gz[j])
                }
                let sufficient = ft[k] <= rows[r].fz + linear + rows[r].lipschitz / 2 * square
                let smooth = change <= rows[r].lipschitz * rows[r].lipschitz * square
                guard ft[k].isFinite, sufficient || smooth else {
                    rows[r].lipschitz *= 2
                    if rows[r].lipschitz > 1e15 { rows[r].done = true }
                    continue
                }
                let previous = rows[r].y
                rows[r].y = trial
                rows[r].fy = ft[k]
                rows[r].gy = g
                if problem.gradientMapping(trial[...], g[...]) <= tolerance || square == 0 {
                    rows[r].done = true
                    continue
                }
                // Gradient restart: the step (z → y⁺) points against the momentum (y → y⁺).
                var against = 0.0
                for j in 0..<n { against += (rows[r].z[j] - trial[j]) * (trial[j] - previous[j]) }
                if !accelerated || against > 0 {
                    if !accelerated { rows[r].lipschitz /= 1.5 }
                    rows[r].momentum = 1
                    (rows[r].z, rows[r].fz, rows[r].gz) = (trial, ft[k], g)
                } else {
                    let t = rows[r].momentum, next = (1 + (1 + 4 * t * t).squareRoot()) / 2
                    let beta = (t - 1) / next
                    rows[r].momentum = next
                    if beta == 0 {
                        (rows[r].z, rows[r].fz, rows[r].gz) = (trial, ft[k], g)
                    } else {
                        rows[r].z = project((0..<n).map { trial[$0] + beta * (trial[$0] - previous[$0]) })
                        rows[r].zPending = true
                    }
                }
            }
        }
        let y = Array(rows.map(\.y).joined())
        var result = Minimizer.assemble(
            problem,
            method: accelerated ? .accelerated : .gradient,
            y: y,
            values: rows.map(\.fy),
            gradients: Array(rows.map(\.gy).joined())
        )
        result.iterations = iterations
        result.evaluations = evaluations
        result.status = Minimizer.status(result, problem, tolerance: tolerance, radius: radius) {
            iterations >= maxIterations ? .iterationLimit : .stalled("the backtracking step fell below 1e-15")
        }
        return result
    }
}
