extension ConvexityVerifier {
    /// The exact check for a network whose first layer has zero biases (PyTorch `bias=False`), on a box holding
    /// the origin, where those hyperplanes all meet (a degenerate arrangement for the skeleton). nil when it
    /// does not apply or cannot decide.
    ///
    /// A continuous function on a convex set is convex iff it is convex on a relative neighbourhood of every
    /// point, so the box B is covered by pieces that each get a verdict:
    /// - the slabs B ∩ {x_i ≥ ρ} and B ∩ {x_i ≤ −ρ}, which miss the origin (so the arrangement is in general
    ///   position there): the exact check, each;
    /// - the core N = B ∩ [−2ρ, 2ρ]^d, where interval bounds show that every neuron but the zero-bias first-layer
    ///   ones keeps one sign: there f = Σ_k c_k relu(w_k · x) + affine, with c_k the path coefficient of
    ///   first-layer neuron k for N's fixed downstream pattern, and the one-hidden-layer criterion decides.
    /// If every hidden layer has zero biases (f(tx) = t·f(x)) and the origin is interior, N is not needed:
    /// local convexity on the slabs of the box [−r, r]^d inside B covers, by scaling, every x ≠ 0, and in
    /// d ≥ 2 that makes f convex on all of R^d (segments through 0 are limits of segments missing it).
    /// An undetermined part makes the whole undetermined, with that part's reason.
    func exactAroundOrigin(
        _ network: ReLUNetwork,
        lower: [Double],
        upper: [Double],
        progress: ((Int, Int, Int) -> Void)?
    ) -> VerificationReport? {
        let d = network.inputCount
        let first = network.layers[0]
        guard d >= 2, d <= maximumExactDimension, (0..<d).allSatisfy({ lower[$0] <= 0 && upper[$0] >= 0 }),
            first.bias.contains(0)
        else {
            return nil
        }
        let boxText = Self.describe(lower, upper)
        let hiddenBiasesZero = network.layers.dropLast().allSatisfy { $0.bias.allSatisfy { $0 == 0 } }
        let interior = (0..<d).allSatisfy { lower[$0] < 0 && upper[$0] > 0 }
        var pieces: [(lower: [Double], upper: [Double])] = []
        var core: String
        if hiddenBiasesZero && interior {
            let r = (0..<d).map { min(-lower[$0], upper[$0]) }.min() ?? 1
            for i in 0..<d {
                for side in [-1.0, 1.0] {
                    var lo = [Double](repeating: -r, count: d), hi = [Double](repeating: r, count: d)
                    if side > 0 { lo[i] = r / 4 } else { hi[i] = -r / 4 }
                    pieces.append((lo, hi))
                }
            }
            core =
                "f is positively homogeneous (all hidden biases 0), so by scaling the slabs |x_i| ≥ \(r / 4) of "
                + "[−\(r), \(r)]^\(d) cover every x ≠ 0"
        } else {
            let extents = (0..<d).flatMap { [-lower[$0], upper[$0]] }.filter { $0 > 0 }
            var rho = (extents.min() ?? 1) / 4
            var decided: (report: VerificationReport?, lower: [Double], upper: [Double])?
            for _ in 0..<40 {
                let lo = lower.map { max($0, -2 * rho) }, hi = upper.map { min($0, 2 * rho) }
                if let pattern = Self.fixedPattern(network, lower: lo, upper: hi) {
                    decided = (coreVerdict(network, pattern: pattern, lower: lo, upper: hi), lo, hi)
                    break
                }
                rho /= 2
            }
            guard let decided, let nearOrigin = decided.report else { return nil }
            if nearOrigin.verdict != .convex {
                var report = nearOrigin
                report.claim = "not convex on the box \(boxText)"
                return report
            }
            for i in 0..<d {
                if upper[i] > rho {
                    var lo = lower
                    lo[i] = rho
                    pieces.append((lo, upper))
                }
                if lower[i] < -rho {
                    var hi = upper
                    hi[i] = -rho
                    pieces.append((lower, hi))
                }
            }
            core =
                "near the origin (\(Self.describe(decided.lower, decided.upper))) every deeper neuron keeps "
                + "its sign and the zero-bias first-layer kinks have merged coefficients ≥ 0"
        }
        var vertices = 0, edges = 0, coefficients = 0
        for piece in pieces {
            let report = exact(network, lower: piece.lower, upper: piece.upper, progress: progress)
            vertices += report.vertices ?? 0
            edges += report.edges ?? 0
            coefficients += report.pathCoefficients ?? 0
            switch report.verdict {
            case .convex:
                continue
            case .notConvex:
                var found = report
                found.claim = "not convex on the box \(boxText)"
                found.reason = (report.reason ?? "") + " (in the part \(Self.describe(piece.lower, piece.upper)))"
                return found
            case .undetermined:
                var open = report
                open.claim = "no verdict on the box \(boxText)"
                open.reason =
                    "split off the origin, where the zero-bias first-layer hyperplanes meet, but on the part "
                    + "\(Self.describe(piece.lower, piece.upper)): \(report.reason ?? "no verdict")"
                return open
            }
        }
        var report = VerificationReport(
            verdict: .convex,
            method: .exact,
            claim: hiddenBiasesZero && interior ? "convex on R^\(d)" : "convex on the box \(boxText)",
            reason: "the zero-bias first-layer hyperplanes meet at the origin; checked exactly on \(pieces.count) "
                + "parts that miss it, and \(core)"
        )
        report.vertices = vertices
        report.edges = edges
        report.pathCoefficients = coefficients
        return report
    }

    /// The activation pattern of every neuron except the first layer's zero-bias ones, when interval bounds
    /// show it is the same on the whole box (one Bool per neuron, layer by layer; the zero-bias first-layer
    /// entries are false); nil when a bound comes within rounding of 0.
    static func fixedPattern(_ network: ReLUNetwork, lower: [Double], upper: [Double]) -> [Bool]? {
        let first = network.layers[0]
        let free = (0..<network.neuronCount).map { $0 < first.outputs && first.bias[$0] == 0 }
        let states = network.signBounds(lower: lower, upper: upper, free: free)
        guard zip(states, free).allSatisfy({ $0 != 0 || $1 }) else { return nil }
        return states.map { $0 > 0 }
    }

    /// The verdict on the core box, where f = Σ_k c_k relu(w_k · x) + affine over the zero-bias first-layer
    /// neurons k (the rest of the pattern fixed): the one-hidden-layer criterion on that sum, a witness checked
    /// on f itself.
    func coreVerdict(
        _ network: ReLUNetwork,
        pattern: [Bool],
        lower: [Double],
        upper: [Double]
    )
        -> VerificationReport?
    {
        let first = network.layers[0]
        let d = first.inputs
        let words = (pattern.count + 63) / 64
        var bits = [UInt64](repeating: 0, count: max(words, 1))
        for (g, on) in pattern.enumerated() where on { bits[g >> 6] |= UInt64(1) << UInt64(g & 63) }
        let skeleton = LinearRegionSkeleton(network: network, lower: lower, upper: upper)
        var rows: [Double] = [], weights: [Double] = []
        for k in 0..<first.outputs where first.bias[k] == 0 {
            let c: Double
            if network.layers.count == 2 {
                c = network.outputLayer.weight[k]
            } else {
                guard let exact = skeleton.exactCoefficient(layer: 0, index: k, pattern: bits) else { return nil }
                c = exact.value
                guard (c > 0) == (exact.sign > 0) && (c < 0) == (exact.sign < 0) else { return nil }
            }
            rows += first.weight[(k * d)..<((k + 1) * d)]
            weights.append(c)
        }
        let fan = ReLUNetwork(layers: [
            .init(inputs: d, outputs: weights.count, weight: rows, bias: [Double](repeating: 0, count: weights.count)),
            .init(inputs: weights.count, outputs: 1, weight: weights, bias: [0]),
        ])
        guard let local = oneHiddenLayer(fan, lower: lower, upper: upper) else { return nil }
        if local.verdict == .convex {
            return VerificationReport(verdict: .convex, method: .exact, claim: "convex near the origin")
        }
        guard let point = local.witness?.boundaryPoint else { return nil }
        var rng = SeededGenerator(seed: seed)
        guard
            var witness = ConvexityWitness.search(
                near: point,
                directions: (0..<d).map { i in (0..<d).map { $0 == i ? 1.0 : 0.0 } },
                lower: lower,
                upper: upper,
                using: &rng,
                evaluate: network.evaluate
            )
        else { return nil }
        witness.boundaryPoint = point
        var report = VerificationReport(
            verdict: .notConvex,
            method: .exact,
            claim: "not convex",
            reason: "near the origin, where the zero-bias first-layer hyperplanes meet, f = Σ c_k relu(w_k·x) + "
                + "affine and a merged c_k is < 0"
        )
        report.witness = witness
        return report
    }
}
