extension ConvexityVerifier {
    /// The exact answer for one hidden layer, or nil when rounding leaves it open (near-coinciding kinks, a
    /// merged weight or a kink's position within rounding of 0): the exact check then takes over.
    func oneHiddenLayer(_ network: ReLUNetwork, lower: [Double], upper: [Double]) -> VerificationReport? {
        let hidden = network.layers[0], output = network.outputLayer
        let d = hidden.inputs
        var icnn = OneHiddenLayerICNN(
            hiddenWeight: [],
            hiddenBias: [],
            outputWeight: [],
            skip: [Double](repeating: 0, count: d),
            constant: output.bias[0]
        )
        // Group neurons by kink hyperplane: rows that are exact multiples of each other (checked with exact
        // products), found by sorting on the normalised row.
        var rows: [(key: [Double], j: Int)] = []
        for j in 0..<hidden.outputs {
            let a = output.weight[j]
            let w = Array(hidden.weight[(j * d)..<((j + 1) * d)])
            if a == 0 { continue }
            guard let pivot = w.firstIndex(where: { $0 != 0 }) else {
                icnn.constant += a * max(hidden.bias[j], 0)  // constant neuron
                continue
            }
            let norm = (w.reduce(0) { $0 + $1 * $1 }).squareRoot() * (w[pivot] > 0 ? 1 : -1)
            rows.append((w.map { $0 / norm } + [hidden.bias[j] / norm], j))
        }
        rows.sort { $0.key.lexicographicallyPrecedes($1.key) }
        var groups: [[Int]] = []
        for (index, row) in rows.enumerated() {
            if index > 0, zip(row.key, rows[index - 1].key).allSatisfy({ abs($0 - $1) <= 1e-9 * (1 + abs($1)) }) {
                groups[groups.count - 1].append(row.j)
            } else {
                groups.append([row.j])
            }
        }
        var negative: [Int] = []  // representatives of kinks with a negative merged weight
        for group in groups {
            let r = group[0]
            let wr = Array(hidden.weight[(r * d)..<((r + 1) * d)]) + [hidden.bias[r]]
            let pivot = wr.indices.max { abs(wr[$0]) < abs(wr[$1]) } ?? 0
            var merged = 0.0, magnitude = 0.0
            for j in group {
                let wj = Array(hidden.weight[(j * d)..<((j + 1) * d)]) + [hidden.bias[j]]
                guard j == r || Self.exactlyProportional(wr, wj, pivot: pivot) else { return nil }
                let mu = wj[pivot] / wr[pivot]
                let a = output.weight[j]
                merged += a * abs(mu)
                magnitude += abs(a * mu)
                if mu < 0 {
                    for i in 0..<d { icnn.skip[i] += a * mu * wr[i] }
                    icnn.constant += a * mu * wr[d]
                }
            }
            let bound = 4 * Double(group.count + 1) * Double.ulpOfOne * magnitude
            if group.count > 1 && abs(merged) <= bound && merged != 0 { return nil }
            if merged < 0 { negative.append(r) }
            icnn.hiddenWeight += wr[0..<d]
            icnn.hiddenBias.append(wr[d])
            icnn.outputWeight.append(max(merged, 0))
        }
        let boxText = Self.describe(lower, upper)
        if negative.isEmpty {
            var report = VerificationReport(
                verdict: .convex,
                method: .oneHiddenLayer,
                claim: "convex on R^\(d)",
                reason: "every kink's merged output weight is ≥ 0; the equivalent ICNN has width \(icnn.width)"
            )
            report.equivalentICNN = icnn
            return report
        }
        // Not convex on R^d; on the box iff a negative kink crosses its interior.
        var rng = SeededGenerator(seed: seed)
        for r in negative {
            let w = Array(hidden.weight[(r * d)..<((r + 1) * d)]), b = hidden.bias[r]
            var low = lower, high = upper
            var minimum = b, maximum = b, magnitude = abs(b)
            for i in 0..<d {
                if w[i] == 0 {
                    (low[i], high[i]) = ((lower[i] + upper[i]) / 2, (lower[i] + upper[i]) / 2)
                } else if w[i] < 0 {
                    (low[i], high[i]) = (upper[i], lower[i])
                }
                minimum += w[i] * low[i]
                maximum += w[i] * high[i]
                magnitude += abs(w[i]) * max(abs(lower[i]), abs(upper[i]))
            }
            let tolerance = 4 * Double(d + 2) * Double.ulpOfOne * magnitude
            if maximum < -tolerance || minimum > tolerance { continue }  // misses the box
            guard minimum < -tolerance && maximum > tolerance else { return nil }  // within rounding of its edge
            let t = -minimum / (maximum - minimum)
            let point = (0..<d).map { low[$0] + t * (high[$0] - low[$0]) }
            if var witness = ConvexityWitness.search(
                near: point,
                directions: [w],
                lower: lower,
                upper: upper,
                using: &rng,
                evaluate: network.evaluate
            ) {
                witness.neuron = .init(layer: 0, index: r)
                witness.pattern = []
                witness.coefficient = output.weight[r]
                witness.boundaryPoint = point
                var report = VerificationReport(
                    verdict: .notConvex,
                    method: .oneHiddenLayer,
                    claim: "not convex on the box \(boxText)",
                    reason: "neuron (0, \(r))'s kink crosses the box with a negative merged output weight"
                )
                report.witness = witness
                return report
            }
            return nil
        }
        return VerificationReport(
            verdict: .convex,
            method: .oneHiddenLayer,
            claim: "convex on the box \(boxText) (not on R^\(d))",
            reason: "the kinks with a negative merged output weight (\(negative.count)) do not cross the box"
        )
    }

    /// Whether y = μ·x exactly, comparing the exact products x_i·y_p and y_i·x_p (two-product: p + e).
    static func exactlyProportional(_ x: [Double], _ y: [Double], pivot p: Int) -> Bool {
        func product(_ a: Double, _ b: Double) -> (Double, Double) {
            let high = a * b
            return (high, (-high).addingProduct(a, b))
        }
        guard x[p] != 0 && y[p] != 0 else { return false }
        for i in x.indices {
            let (h1, l1) = product(x[i], y[p]), (h2, l2) = product(y[i], x[p])
            if h1 != h2 || l1 != l2 { return false }
        }
        return true
    }
}
