/// The few vector operations on `[Double]` the minimisers need.
enum Vectors {
    /// Σ aᵢbᵢ.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        assert(a.count == b.count, "dot of \(a.count) and \(b.count) values")
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    /// max |aᵢ| (0 when empty).
    static func infinityNorm(_ a: [Double]) -> Double {
        var m = 0.0
        for v in a { m = max(m, abs(v)) }
        return m
    }

    /// The Euclidean norm, scaled so that it neither over- nor underflows.
    static func norm(_ a: [Double]) -> Double {
        let scale = infinityNorm(a)
        guard scale > 0, scale.isFinite else { return scale }
        var s = 0.0
        for v in a {
            let t = v / scale
            s += t * t
        }
        return scale * s.squareRoot()
    }
}
