extension LBFGSB {
    /// Subspace minimisation (Byrd, Lu, Nocedal & Zhu 1995, §5, direct primal method): minimise the quadratic model
    /// over the variables that are free at the Cauchy point xᶜ (strictly inside their bounds), the others fixed.
    ///
    /// With Z selecting the free variables, the reduced gradient at xᶜ is r = Zᵀ(g + θ(xᶜ − x) − W·M·Wᵀ(xᶜ − x))
    /// and the reduced Hessian B̂ = θI − ZᵀW·M·WᵀZ. By the Sherman–Morrison–Woodbury formula,
    ///
    ///     d̂ = −B̂⁻¹r = −r/θ + ZᵀW·N⁻¹·WᵀZ·r / θ²,   N = WᵀZZᵀW/θ − K   (2k × 2k, symmetric),
    ///
    /// so only a 2k × 2k system is solved. The step to xᶜ + d̂ is then kept inside the box as Morales & Nocedal
    /// (2011) suggest: project xᶜ + d̂ onto the box, and if x → that point is not a descent direction, fall back to
    /// the original rule, the longest step α ≤ 1 along d̂ that stays feasible.
    static func subspaceMinimum(
        _ x: [Double],
        _ g: [Double],
        cauchy: [Double],
        lower: [Double],
        upper: [Double],
        memory: CompactMatrix
    ) -> [Double] {
        let n = x.count
        let free = (0..<n).filter { lower[$0] < cauchy[$0] && cauchy[$0] < upper[$0] }
        if free.isEmpty || memory.isEmpty { return cauchy }
        let size = memory.size
        let theta = memory.theta

        var displacement = cauchy
        for i in 0..<n { displacement[i] -= x[i] }
        let mc = memory.middleTimes(memory.transposeTimes(displacement))
        let rows = free.map { memory.row($0) }
        var reduced = [Double](repeating: 0, count: free.count)
        for (k, i) in free.enumerated() {
            reduced[k] = g[i] + theta * displacement[i] - Vectors.dot(rows[k], mc)
        }

        // N = WᵀZZᵀW/θ − K and the right-hand side WᵀZ·r.
        var system = [Double](repeating: 0, count: size * size)
        var rhs = [Double](repeating: 0, count: size)
        for (k, w) in rows.enumerated() {
            for a in 0..<size {
                rhs[a] += w[a] * reduced[k]
                let wa = w[a] / theta
                if wa == 0 { continue }
                for b in 0..<size { system[a * size + b] += wa * w[b] }
            }
        }
        for a in 0..<(size * size) { system[a] -= memory.middleInverse[a] }
        guard case .success(let lu) = LUDecomposition.factor(entries: system, n: size) else { return cauchy }
        let v = lu.solve(rhs)
        var step = [Double](repeating: 0, count: free.count)
        for k in free.indices {
            step[k] = -reduced[k] / theta + Vectors.dot(rows[k], v) / (theta * theta)
        }

        var projected = cauchy
        for (k, i) in free.enumerated() { projected[i] = min(max(cauchy[i] + step[k], lower[i]), upper[i]) }
        var slope = 0.0
        for i in 0..<n { slope += g[i] * (projected[i] - x[i]) }
        if slope < 0 { return projected }

        var alpha = 1.0
        for (k, i) in free.enumerated() {
            if step[k] > 0 {
                alpha = min(alpha, (upper[i] - cauchy[i]) / step[k])
            } else if step[k] < 0 {
                alpha = min(alpha, (lower[i] - cauchy[i]) / step[k])
            }
        }
        var truncated = cauchy
        for (k, i) in free.enumerated() { truncated[i] = min(max(cauchy[i] + alpha * step[k], lower[i]), upper[i]) }
        return truncated
    }
}
