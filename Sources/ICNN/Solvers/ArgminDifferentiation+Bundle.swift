#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ArgminDifferentiation {
    /// Differentiation through the bundle entropy method's solution by the KKT system of its active planes
    /// (Amos et al. 2017, §5.2), in unit coordinates t = (y − l)/(u − l).
    ///
    /// The final model problem min_{t,s} s − εH(t) s.t. G_A t + h_A ≤ s·1 has, with multipliers λ_A > 0 on the
    /// active planes, the KKT conditions ε·logit(t) + G_Aᵀλ = 0, G_A t + h_A = s·1, 1ᵀλ = 1. Their Jacobian in
    /// (t, λ, s) is J = [[ε·diag(1/(t(1−t))), G_Aᵀ, 0], [G_A, 0, −1], [0, 1ᵀ, 0]]; one solve Jᵀz = (∂L/∂t, 0, 0) gives
    /// ∂L/∂G_kj = −(z_j λ_k + z_{n+k} t_j) and ∂L/∂h_k = −z_{n+k}. Each plane depends on θ and x through f and ∇f
    /// at its point yᵏ (G_k = (u − l)∘∇f(yᵏ), h_k = f(yᵏ) − G_k·tᵏ), so one reverse pass over all planes' points,
    /// with ∇f recorded, carries these to θ and x.
    ///
    /// Copies of one plane (a piecewise-linear f repeats its pieces) are merged. When the merged active planes are
    /// still dependent ([G_A, 1] without full row rank, e.g. more than n + 1 of them), J is singular and that
    /// problem contributes no gradient.
    ///
    /// This is the derivative of the model problem's solution: exact for a piecewise-linear f once every linear
    /// piece active at the solution has a plane (then the model equals f near it), an approximation for a
    /// smooth f, whose Hessian the planes do not see (use `implicit` with the entropy in the objective there).
    /// - Parameters:
    ///   - model: f(x, y; θ).
    ///   - conditions: B rows of condition values.
    ///   - bundles: the planes of each problem, from `BundleEntropy.solve`.
    ///   - lower, upper: the finite box (n values each).
    ///   - entropyWeight: ε > 0, as solved.
    ///   - upstream: B rows of ∂L/∂ŷ.
    /// - Returns: the model problem's solution ŷ (B rows) and ∂L/∂θ, ∂L/∂x.
    /// - Precondition: consistent counts, a finite box with positive widths, ε > 0, every bundle non-empty.
    public static func bundle<A: Architecture>(
        _ model: Model<A>,
        conditions: [[Float]],
        bundles: [BundleEntropy.Bundle],
        lower: [Double],
        upper: [Double],
        entropyWeight epsilon: Double,
        upstream: [[Double]]
    ) -> (argmin: [[Double]], gradients: Gradients) {
        let objective = ConvexObjective(model)
        let n = objective.convexCount, m = objective.conditionInputs.count, b = bundles.count
        precondition(conditions.count == b && upstream.count == b, "one condition and upstream row per bundle")
        precondition(epsilon > 0 && bundles.allSatisfy { !$0.points.isEmpty }, "need ε > 0 and non-empty bundles")
        let width = (0..<n).map { upper[$0] - lower[$0] }
        precondition(width.allSatisfy { $0 > 0 && $0.isFinite }, "the box must be finite with positive widths")

        // f and ∇f at every plane point of every problem, in one batch; ∇f recorded for the second pass.
        var owner: [Int] = [], points: [Double] = [], xs: [Float] = []
        for (r, bundle) in bundles.enumerated() {
            for p in bundle.points {
                owner.append(r)
                points += p
                xs += conditions[r]
            }
        }
        let count = owner.count
        let tape = Tape<Float>()
        let weights = tape.watch(model.weights)
        let x = tape.watch(Tensor(shape: [count, m], scalars: xs))
        let y = tape.watch(Tensor(shape: [count, n], scalars: points.map(Float.init)))
        let f = model.architecture.forward(assemble(objective, x: x, y: y), weights: weights)
        let g = gradient(of: f.sum(), wrt: [y], createGraph: true)[0]
        let fValues = f.scalars.map(Double.init), gValues = g.scalars.map(Double.init)

        var seedF = [Float](repeating: 0, count: count), seedG = [Float](repeating: 0, count: count * n)
        var argmin: [[Double]] = []
        var first = 0
        for (r, bundle) in bundles.enumerated() {
            let planes = Array(first..<(first + bundle.points.count))
            first += bundle.points.count
            let largest = bundle.multipliers.max() ?? 1
            let pointsT = planes.map { p in (0..<n).map { (points[p * n + $0] - lower[$0]) / width[$0] } }
            let allSlopes = planes.map { p in (0..<n).map { gValues[p * n + $0] * width[$0] } }
            let offsets = planes.indices.map { a in
                fValues[planes[a]] - zip(allSlopes[a], pointsT[a]).reduce(0) { $0 + $1.0 * $1.1 }
            }
            // Active planes, with duplicates merged (a piecewise-linear f gives the same plane at every point of
            // one linear piece; both copies would make the KKT matrix singular). The first copy represents them.
            var active: [Int] = [], lambda: [Double] = []
            for a in planes.indices where bundle.multipliers[a] > 1e-8 * largest {
                let scale = 1 + abs(offsets[a]) + allSlopes[a].reduce(0) { $0 + abs($1) }
                if let q = active.firstIndex(where: { c in
                    abs(offsets[c] - offsets[a]) + zip(allSlopes[c], allSlopes[a]).reduce(0) { $0 + abs($1.0 - $1.1) }
                        <= 1e-5 * scale
                }) {
                    lambda[q] += bundle.multipliers[a]
                } else {
                    active.append(a)
                    lambda.append(bundle.multipliers[a])
                }
            }
            let k = active.count
            let pointT = active.map { pointsT[$0] }
            let slopes = active.map { allSlopes[$0] }
            // t* = σ(−G_Aᵀλ/ε).
            let t = (0..<n).map { j -> Double in
                let s = -(0..<k).reduce(0) { $0 + lambda[$1] * slopes[$1][j] } / epsilon
                return s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
            }
            argmin.append((0..<n).map { lower[$0] + width[$0] * t[$0] })
            // Jᵀ z = (w∘∂L/∂y, 0, 0).
            let size = n + k + 1
            var jt = [Double](repeating: 0, count: size * size)
            for j in 0..<n {
                jt[j * size + j] = epsilon / max(t[j] * (1 - t[j]), 1e-300)
                for q in 0..<k {
                    jt[j * size + n + q] = slopes[q][j]
                    jt[(n + q) * size + j] = slopes[q][j]
                }
            }
            for q in 0..<k {
                jt[(n + q) * size + n + k] = 1
                jt[(n + k) * size + n + q] = -1
            }
            var rhs = [Double](repeating: 0, count: size)
            for j in 0..<n { rhs[j] = upstream[r][j] * width[j] }
            guard case .success(let lu) = LUDecomposition.factor(Tensor(shape: [size, size], scalars: jt)) else {
                continue  // degenerate: more than n + 1 distinct active planes, or dependent ones; no gradient
            }
            let z = lu.solve(rhs)
            for (q, a) in active.enumerated() {
                let dh = -z[n + q]
                seedF[planes[a]] = Float(dh)
                for j in 0..<n {
                    let dG = -(z[j] * lambda[q] + z[n + q] * t[j])
                    seedG[planes[a] * n + j] = Float(width[j] * (dG - dh * pointT[q][j]))
                }
            }
        }
        let total =
            (f * Tensor(shape: [count, 1], scalars: seedF)).sum()
            + (g * Tensor(shape: [count, n], scalars: seedG)).sum()
        let grads = gradient(of: total, wrt: weights + [x])
        let perPlane = grads[grads.count - 1].scalars
        var dx = [Float](repeating: 0, count: b * m)
        for (row, r) in owner.enumerated() { for c in 0..<m { dx[r * m + c] += perPlane[row * m + c] } }
        return (
            argmin,
            Gradients(weights: Array(grads.dropLast()), conditions: Tensor(shape: [b, m], scalars: dx), steps: 1)
        )
    }
}
