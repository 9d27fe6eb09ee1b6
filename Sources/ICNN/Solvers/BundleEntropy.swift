#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bundle entropy method (Amos, Xu & Kolter 2017, §5.2) for φ(y) = f(y) − ε·Σⱼ H(tⱼ) on a bounded box, in the
/// unit coordinates t = (y − l)/(u − l) ∈ [0, 1]ⁿ, batched over problems.
///
/// Each iteration evaluates f and ∇f at every problem's current point in one network pass and adds the cutting
/// plane ℓₖ(t) = gₖᵀt + hₖ (G has rows gₖᵀ, hₖ = f(tᵏ) − gₖᵀtᵏ). The next point solves the model problem
///
///     min_{t, s}  s − ε·H(t)   s.t.  G t + h ≤ s·1,
///
/// through its smooth dual over the simplex,
///
///     D(λ) = hᵀλ + Σⱼ (aⱼ − ε·softplus(aⱼ/ε)),  a = Gᵀλ,   t(λ) = σ(−a/ε),
///
/// maximised by a log-barrier Newton method on {λ ≥ 0, 1ᵀλ = 1} (`BundleEntropy.Dual`). ∇D(λ) = G t(λ) + h are the
/// planes' values at t(λ), so an exact maximiser puts weight only on the planes active at t(λ). Planes whose
/// multiplier falls below 1e-9 of the largest are dropped. By weak duality every D(λ) is a lower bound on the
/// model's minimum, hence on min φ (the planes under-estimate the convex f); the reported gap is
/// φ(best point) − D(λ) ≥ φ(best) − min φ, a certificate.
/// - Complexity: per iteration, one batched evaluation plus O(K²n + K³) per problem per Newton step, K ≤ the
///   number of planes kept.
public struct BundleEntropy: Sendable {
    /// Stop a problem when its gap is at most this.
    public var tolerance: Double
    /// At most this many planes per problem (iterations).
    public var maxIterations: Int

    /// A solver with the given settings.
    public init(tolerance: Double = 1e-5, maxIterations: Int = 50) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// One problem's final cutting planes, for differentiating through the solution
    /// (`ArgminDifferentiation.bundle`).
    public struct Bundle: Sendable {
        /// The points yᵏ (n values each, in the problem's units) where the kept planes touch f.
        public var points: [[Double]]
        /// The planes' multipliers λ (on the simplex).
        public var multipliers: [Double]
    }

    /// Minimises every problem of the batch from `start` (B × n values, moved strictly inside the box).
    /// - Precondition: the problem has an entropy weight > 0 and finite bounds.
    public func minimize(_ problem: ConvexProblem, from start: [Double]) -> ConvexMinimum {
        solve(problem, from: start).result
    }

    /// As `minimize`, also returning each problem's final planes and multipliers.
    /// - Precondition: the problem has an entropy weight > 0 and finite bounds.
    public func solve(_ problem: ConvexProblem, from start: [Double]) -> (result: ConvexMinimum, bundles: [Bundle]) {
        let n = problem.dimension, b = problem.count, epsilon = problem.entropyWeight
        precondition(epsilon > 0 && problem.isBounded, "bundle entropy needs ε > 0 and a bounded box")
        let width = (0..<n).map { problem.upper[$0] - problem.lower[$0] }
        func toY(_ t: [Double]) -> [Double] { (0..<n).map { problem.lower[$0] + width[$0] * t[$0] } }
        var points = (0..<b).map { r in
            (0..<n).map { j in
                width[j] > 0 ? min(max((start[r * n + j] - problem.lower[j]) / width[j], 1e-6), 1 - 1e-6) : 0.5
            }
        }
        var planes = [Dual](repeating: Dual(dimension: n, weight: epsilon), count: b)
        var best = [Double](repeating: .infinity, count: b), bestT = points
        var bound = [Double](repeating: -.infinity, count: b)
        var done = [Bool](repeating: false, count: b)
        var iterations = 0, evaluations = 0
        while iterations < maxIterations, done.contains(false) {
            iterations += 1
            let active = (0..<b).filter { !done[$0] }
            let (f, g) = problem.objective.evaluate(
                problem.conditions,
                rows: active,
                y: Array(active.map { toY(points[$0]) }.joined())
            )
            evaluations += 1
            for (k, r) in active.enumerated() {
                let t = points[r]
                let slope = (0..<n).map { g[k * n + $0] * width[$0] }
                var phi = f[k]
                for j in 0..<n where width[j] > 0 { phi += epsilon * negativeEntropy(t[j]) }
                if phi < best[r] {
                    best[r] = phi
                    bestT[r] = t
                }
                guard f[k].isFinite else {
                    done[r] = true
                    continue
                }
                planes[r].append(
                    slope: slope,
                    offset: f[k] - zip(slope, t).reduce(0) { $0 + $1.0 * $1.1 },
                    point: t
                )
                let (next, lowerBound) = planes[r].solve(tolerance: tolerance)
                bound[r] = max(bound[r], lowerBound)
                points[r] = next.map { min(max($0, 1e-12), 1 - 1e-12) }
                if best[r] - bound[r] <= tolerance { done[r] = true }
            }
        }
        let gaps = (0..<b).map { best[$0] - bound[$0] }
        let bundles = planes.map { Bundle(points: $0.points.map(toY), multipliers: $0.multipliers) }
        let result = ConvexMinimum(
            method: .bundle,
            argmin: bestT.map(toY),
            values: best,
            gaps: gaps,
            certificate: .dualityGap,
            iterations: iterations,
            evaluations: evaluations,
            status: gaps.allSatisfy { $0 <= tolerance }
                ? .converged : (best.allSatisfy(\.isFinite) ? .iterationLimit : .stalled("f is not finite"))
        )
        return (result, bundles)
    }
}
