#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BundleEntropy {
    /// One problem's cutting planes and the dual of its entropy-regularised model problem (see `BundleEntropy`):
    /// maximise D(λ) = hᵀλ + Σⱼ (aⱼ − ε·softplus(aⱼ/ε)), a = Gᵀλ, over the simplex, by Newton's method on
    /// D(λ) + μ·Σₖ log λₖ with the equality 1ᵀλ = 1 eliminated through the KKT system, for μ decreasing tenfold
    /// from 1e-2 (times the planes' scale) until K·μ ≤ 1e-2·tolerance. ∇D = G t + h and ∇²D = −G·diag(t(1 − t)/ε)·Gᵀ with t = σ(−a/ε).
    struct Dual: Sendable {
        /// The number of coordinates n.
        let dimension: Int
        /// ε > 0.
        let weight: Double
        /// Plane slopes gₖ (n values each) and offsets hₖ, and the points tᵏ where they touch f.
        private(set) var slopes: [[Double]] = []
        private(set) var offsets: [Double] = []
        private(set) var points: [[Double]] = []
        /// The multipliers of the last solve, aligned with the planes.
        private(set) var multipliers: [Double] = []

        init(dimension: Int, weight: Double) {
            self.dimension = dimension
            self.weight = weight
        }

        /// Adds the plane gᵀt + h that touches f at `point`.
        mutating func append(slope: [Double], offset: Double, point: [Double]) {
            slopes.append(slope)
            offsets.append(offset)
            points.append(point)
            // Warm start: the old multipliers scaled down, a share for the new plane.
            let k = slopes.count
            multipliers =
                multipliers.isEmpty ? [1] : multipliers.map { $0 * (1 - 1 / Double(k)) } + [1 / Double(k)]
        }

        /// Solves A·x = b and A·x = c for a symmetric positive definite k×k A (row-major, overwritten by its
        /// Cholesky factor), or nil when a pivot is not positive. The systems are tiny (k ≤ the planes kept), so
        /// this avoids the allocations of the general `Cholesky`.
        private static func choleskySolve(
            _ a: inout [Double],
            _ k: Int,
            _ b: [Double],
            _ c: [Double]
        )
            -> ([Double], [Double])?
        {
            for j in 0..<k {
                var d = a[j * k + j]
                for p in 0..<j { d -= a[j * k + p] * a[j * k + p] }
                guard d > 0 else { return nil }
                let l = d.squareRoot()
                a[j * k + j] = l
                for i in (j + 1)..<k {
                    var s = a[i * k + j]
                    for p in 0..<j { s -= a[i * k + p] * a[j * k + p] }
                    a[i * k + j] = s / l
                }
            }
            func solve(_ v: [Double]) -> [Double] {
                var x = v
                for i in 0..<k {
                    for p in 0..<i { x[i] -= a[i * k + p] * x[p] }
                    x[i] /= a[i * k + i]
                }
                for i in stride(from: k - 1, through: 0, by: -1) {
                    for p in (i + 1)..<k { x[i] -= a[p * k + i] * x[p] }
                    x[i] /= a[i * k + i]
                }
                return x
            }
            return (solve(b), solve(c))
        }

        /// t(λ) = σ(−Gᵀλ/ε) and a = Gᵀλ.
        func primal(_ lambda: [Double]) -> (t: [Double], a: [Double]) {
            var a = [Double](repeating: 0, count: dimension)
            for (k, g) in slopes.enumerated() { for j in 0..<dimension { a[j] += lambda[k] * g[j] } }
            let t = a.map { v -> Double in
                let s = -v / weight
                return s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
            }
            return (t, a)
        }

        /// D(λ).
        private func value(_ lambda: [Double]) -> Double {
            let (_, a) = primal(lambda)
            var d = zip(offsets, lambda).reduce(0) { $0 + $1.0 * $1.1 }
            for v in a {
                let s = v / weight
                d += v - weight * (max(s, 0) + log1p(exp(-abs(s))))
            }
            return d
        }

        /// Maximises D over the simplex, drops planes with negligible multipliers, and returns the primal point
        /// t(λ) with the lower bound D(λ).
        /// - Parameter tolerance: the barrier path is followed until K·μ (the central point's suboptimality) is
        ///   below 1e-2·tolerance, so the dual bound costs at most 1 % of the gap tolerance.
        mutating func solve(tolerance: Double) -> (t: [Double], lowerBound: Double) {
            var lambda = multipliers
            let k = slopes.count
            let scale = max(1, offsets.map(abs).max() ?? 1)
            var mu = 1e-2 * scale
            func barrier(_ l: [Double]) -> Double { value(l) + mu * l.reduce(0) { $0 + log($1) } }
            while true {
                for _ in 0..<30 {
                    let (t, _) = primal(lambda)
                    // Gradient r = G t + h + μ/λ and negated Hessian A = G diag(t(1−t)/ε) Gᵀ + μ diag(1/λ²).
                    var r = [Double](repeating: 0, count: k)
                    var a = [Double](repeating: 0, count: k * k)
                    let w = t.map { $0 * (1 - $0) / weight }
                    for p in 0..<k {
                        var s = offsets[p]
                        for j in 0..<dimension { s += slopes[p][j] * t[j] }
                        r[p] = s + mu / lambda[p]
                        for q in 0...p {
                            var s = 0.0
                            for j in 0..<dimension { s += slopes[p][j] * w[j] * slopes[q][j] }
                            a[p * k + q] = s
                            a[q * k + p] = s
                        }
                        a[p * k + p] += mu / (lambda[p] * lambda[p])
                    }
                    // Maximise: Δ = A⁻¹(r − ν1) with 1ᵀΔ = 0.
                    guard let (ar, a1) = Self.choleskySolve(&a, k, r, [Double](repeating: 1, count: k)) else { break }
                    let nu = ar.reduce(0, +) / a1.reduce(0, +)
                    let step = (0..<k).map { ar[$0] - nu * a1[$0] }
                    let decrement = zip(step, r).reduce(0) { $0 + $1.0 * $1.1 }
                    if decrement < 1e-14 * scale { break }
                    var alpha = 1.0
                    for p in 0..<k where step[p] < 0 { alpha = min(alpha, -0.99 * lambda[p] / step[p]) }
                    let current = barrier(lambda)
                    var accepted = false
                    for _ in 0..<40 {
                        let trial = (0..<k).map { lambda[$0] + alpha * step[$0] }
                        if barrier(trial) >= current + 1e-4 * alpha * decrement {
                            lambda = trial
                            accepted = true
                            break
                        }
                        alpha /= 2
                    }
                    if !accepted { break }
                }
                if Double(k) * mu <= 1e-2 * tolerance || mu <= 1e-12 * scale { break }
                mu /= 10
            }
            let bound = value(lambda)
            let (t, _) = primal(lambda)
            // Drop planes with negligible weight (always keep the newest, which the next iterate will test).
            let largest = lambda.max() ?? 1
            let keep = (0..<k).filter { lambda[$0] > 1e-9 * largest || $0 == k - 1 }
            slopes = keep.map { slopes[$0] }
            offsets = keep.map { offsets[$0] }
            points = keep.map { points[$0] }
            let total = keep.reduce(0) { $0 + lambda[$1] }
            multipliers = keep.map { lambda[$0] / total }
            return (t, bound)
        }
    }
}
