extension ConvexityVerifier {
    /// Random chords in the box: half with both ends uniform, half short (about 5% of the box) to catch local
    /// failures. Returns the chord with the largest gap above its rounding allowance, if any.
    func chords(lower: [Double], upper: [Double], using rng: inout SeededGenerator) -> [([Double], [Double])] {
        let d = lower.count
        return (0..<samples).map { s in
            let a = (0..<d).map { rng.nextUniform(in: lower[$0], upper[$0]) }
            let b = (0..<d).map { i in
                s % 2 == 0
                    ? rng.nextUniform(in: lower[i], upper[i])
                    : min(max(a[i] + 0.05 * (upper[i] - lower[i]) * rng.nextNormal(), lower[i]), upper[i])
            }
            return (a, b)
        }
    }

    /// The sampling falsifier on a ReLU network: every chord is screened by a batched Double forward pass, and
    /// the `verified` ones with the largest screened gaps are evaluated again one by one with rounding bounds.
    func sampleReLU(
        _ network: ReLUNetwork,
        lower: [Double],
        upper: [Double],
        context: String?,
        verified: Int = 64
    )
        -> VerificationReport
    {
        var rng = SeededGenerator(seed: seed)
        let pairs = chords(lower: lower, upper: upper, using: &rng)
        var points: [Double] = []
        points.reserveCapacity(3 * pairs.count * lower.count)
        for (a, b) in pairs {
            points += a
            points += b
            points += zip(a, b).map { ($0 + $1) / 2 }
        }
        let f = network.values(at: points)
        let screened = pairs.indices.map { i in (gap: f[3 * i + 2] - (f[3 * i] + f[3 * i + 1]) / 2, index: i) }
            .filter { $0.gap > 0 }
            .sorted { $0.gap > $1.gap }
            .prefix(verified)
        var best: ConvexityWitness?
        for (_, i) in screened {
            let (a, b) = pairs[i]
            let m = zip(a, b).map { ($0 + $1) / 2 }
            let (fa, ea) = network.evaluate(a), (fb, eb) = network.evaluate(b), (fm, em) = network.evaluate(m)
            let allowance = 2 * (em + (ea + eb) / 2)
            let gap = fm - (fa + fb) / 2
            if gap > allowance && gap > (best?.gap ?? 0) {
                best = ConvexityWitness(a: a, b: b, midpoint: m, values: (fa, fb, fm), allowance: allowance)
            }
        }
        return sampled(best, lower: lower, upper: upper, note: context.map { "exact check: " + $0 })
    }

    func sampled(
        _ witness: ConvexityWitness?,
        lower: [Double],
        upper: [Double],
        note: String?
    )
        -> VerificationReport
    {
        let boxText = Self.describe(lower, upper)
        var report: VerificationReport
        if let witness {
            report = VerificationReport(
                verdict: .notConvex,
                method: .sampling,
                claim: "not convex on the box \(boxText)",
                reason: note
            )
            report.witness = witness
        } else {
            report = VerificationReport(
                verdict: .undetermined,
                method: .sampling,
                claim: "no verdict on the box \(boxText)",
                reason: [note, "no Jensen violation in \(samples) chords; sampling cannot prove convexity"]
                    .compactMap { $0 }.joined(separator: "; ")
            )
        }
        report.samples = samples
        return report
    }
}
