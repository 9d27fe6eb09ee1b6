extension LBFGSB {
    /// The generalized Cauchy point: the first local minimiser of the quadratic model
    /// m(z) = f + gᵀ(z − x) + ½(z − x)ᵀB(z − x) along the projected steepest-descent path x(t) = P(x − t·g)
    /// (Byrd, Lu, Nocedal & Zhu 1995, §4).
    ///
    /// The path is piecewise linear, with a breakpoint where each coordinate reaches its bound:
    /// tᵢ = (xᵢ − uᵢ)/gᵢ if gᵢ < 0, (xᵢ − lᵢ)/gᵢ if gᵢ > 0, ∞ otherwise. Segments are visited in order of tᵢ. On a
    /// segment starting at z with direction d (dᵢ = −gᵢ for coordinates not yet at a bound), the model is
    /// m(z + Δt·d) with slope f′ = gᵀd + dᵀB(z − x) and curvature f″ = dᵀBd. With B = θI − WMWᵀ, p = Wᵀd and
    /// c = Wᵀ(z − x), these are f′ = gᵀd + θ·dᵀ(z − x) − pᵀMc and f″ = θ·dᵀd − pᵀMp. The model's minimiser on the
    /// segment is at Δt* = −f′/f″; if it lies before the next breakpoint we stop there. Otherwise coordinate b
    /// reaches its bound, z_b − x_b is fixed, d loses its b-th entry (d′ = d + g_b·e_b), and with w_b = row b of W:
    ///
    ///     c  ← c + Δt·p
    ///     f′ ← f′ + Δt·f″ + g_b² + θ·g_b·(z_b − x_b) − g_b·w_bᵀMc
    ///     f″ ← f″ − θ·g_b² − 2·g_b·w_bᵀMp − g_b²·w_bᵀMw_b
    ///     p  ← p + g_b·w_b
    ///
    /// (f′ uses the updated c, f″ the old p), which is O(k²) per breakpoint instead of O(nk).
    ///
    /// Returns nil if the model has no positive curvature along the steepest-descent direction (B not positive
    /// definite through rounding); the caller then drops the memory.
    static func cauchyPoint(
        _ x: [Double],
        _ g: [Double],
        lower: [Double],
        upper: [Double],
        memory: CompactMatrix
    ) -> [Double]? {
        let n = x.count
        var breakpoint = [Double](repeating: .infinity, count: n)
        var d = [Double](repeating: 0, count: n)
        for i in 0..<n {
            if g[i] < 0 && upper[i] < .infinity {
                breakpoint[i] = (x[i] - upper[i]) / g[i]
            } else if g[i] > 0 && lower[i] > -.infinity {
                breakpoint[i] = (x[i] - lower[i]) / g[i]
            }
            if breakpoint[i] > 0 { d[i] = -g[i] }
        }
        var cauchy = x
        var slope = 0.0
        for v in d { slope -= v * v }
        if slope == 0 { return cauchy }  // every coordinate is at a bound that the gradient pushes against

        let order = (0..<n).filter { breakpoint[$0] > 0 && breakpoint[$0] < .infinity }
            .sorted { (breakpoint[$0], $0) < (breakpoint[$1], $1) }
        let theta = memory.theta
        var p = memory.transposeTimes(d)
        var c = [Double](repeating: 0, count: memory.size)
        var curvature = -theta * slope - Vectors.dot(p, memory.middleTimes(p))
        guard curvature > 0, curvature.isFinite else { return nil }
        let minimumCurvature = Double.ulpOfOne * curvature
        var bestStep = -slope / curvature
        var segmentStart = 0.0
        for b in order {
            let length = breakpoint[b] - segmentStart
            if bestStep < length { break }
            // Coordinate b reaches its bound: move to the breakpoint and fix it there.
            let gb = g[b]
            cauchy[b] = d[b] > 0 ? upper[b] : lower[b]
            let zb = cauchy[b] - x[b]
            for j in c.indices { c[j] += length * p[j] }
            let wb = memory.row(b)
            let mw = memory.middleTimes(wb)  // M is symmetric: w_bᵀMv = (Mw_b)ᵀv
            slope += length * curvature + gb * gb + theta * gb * zb - gb * Vectors.dot(mw, c)
            curvature += -theta * gb * gb - 2 * gb * Vectors.dot(mw, p) - gb * gb * Vectors.dot(mw, wb)
            curvature = max(curvature, minimumCurvature)
            for j in p.indices { p[j] += gb * wb[j] }
            d[b] = 0
            bestStep = -slope / curvature
            segmentStart = breakpoint[b]
        }
        let t = segmentStart + max(bestStep, 0)
        for i in 0..<n where d[i] != 0 {
            cauchy[i] = min(max(x[i] + t * d[i], lower[i]), upper[i])
        }
        return cauchy
    }
}
