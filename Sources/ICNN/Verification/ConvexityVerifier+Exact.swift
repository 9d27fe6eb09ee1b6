extension ConvexityVerifier {
    /// The exact check: skeleton, path coefficients, and a verified witness for a negative one.
    func exact(
        _ network: ReLUNetwork,
        lower: [Double],
        upper: [Double],
        progress: ((Int, Int, Int) -> Void)?
    ) -> VerificationReport {
        let d = network.inputCount
        let boxText = Self.describe(lower, upper)
        guard d <= maximumExactDimension else {
            return undecided(
                network,
                lower: lower,
                upper: upper,
                reason: "the exact check stops at \(maximumExactDimension) inputs (the box alone has 2^\(d) vertices)"
            )
        }
        var skeleton = LinearRegionSkeleton(network: network, lower: lower, upper: upper)
        func counted(_ r: VerificationReport) -> VerificationReport {
            var r = r
            r.vertices = skeleton.vertexCount
            r.edges = skeleton.edgeCount
            return r
        }
        var rng = SeededGenerator(seed: seed)
        var falsifierRan = false
        var refutation: VerificationReport?
        building: while true {
            // With the fast paths on: pause for a short sampling pass once the skeleton is no longer small, and
            // at a last-layer neuron with a negative output weight whose boundary crosses the box.
            let outcome = skeleton.build(
                vertexLimit: vertexLimit,
                stopAtNegativeLastLayer: useFastPaths,
                progress: progress
            ) { vertices in
                guard useFastPaths && !falsifierRan && vertices > falsifierVertices else { return true }
                falsifierRan = true
                var quick = self
                quick.samples = falsifierChords
                let sampled = quick.sampleReLU(network, lower: lower, upper: upper, context: nil)
                guard sampled.verdict == .notConvex else { return true }
                refutation = sampled
                return false
            }
            switch outcome {
            case .degenerate(let why):
                let resolved = exactAroundOrigin(network, lower: lower, upper: upper, progress: progress)
                if let resolved, resolved.verdict != .undetermined { return resolved }
                let reason = ["degenerate arrangement: " + why, resolved?.reason].compactMap { $0 }
                return counted(undecided(network, lower: lower, upper: upper, reason: reason.joined(separator: "; ")))
            case .tooLarge(let why):
                return counted(undecided(network, lower: lower, upper: upper, reason: why))
            case .paused:
                guard var report = refutation else { continue building }
                report.reason =
                    "\(falsifierChords) random chords, sampled once the skeleton passed \(falsifierVertices) "
                    + "vertices (\(skeleton.nextNeuron) of \(network.neuronCount) neurons inserted), found this "
                    + "verified violation; the exact check stopped there"
                return counted(report)
            case .negativeLastLayerBoundary(let g, let cell):
                let (l, k) = skeleton.neuron(g)
                let negative = LinearRegionSkeleton.PathCoefficient(
                    neuron: g,
                    pattern: [],
                    value: network.outputLayer.weight[k],
                    errorBound: 0,
                    cell: cell
                )
                guard
                    let witness = Self.confirm(negative, on: skeleton, lower: lower, upper: upper, using: &rng)
                else { continue building }
                var report = VerificationReport(
                    verdict: .notConvex,
                    method: .exact,
                    claim: "not convex on the box \(boxText)",
                    reason:
                        "neuron (\(l), \(k)) of the last hidden layer has output weight \(negative.value) < 0 "
                        + "and a boundary in the box (c_ν = w_out[ν] whatever the pattern); found while building "
                        + "the skeleton, which stopped there"
                )
                report.witness = witness
                return counted(report)
            case .complete:
                break building
            }
        }
        let summary = skeleton.checkPathCoefficients()
        for negative in summary.negative {
            let (l, k) = skeleton.neuron(negative.neuron)
            guard let witness = Self.confirm(negative, on: skeleton, lower: lower, upper: upper, using: &rng) else {
                continue
            }
            var report = VerificationReport(
                verdict: .notConvex,
                method: .exact,
                claim: "not convex on the box \(boxText)",
                reason: "path coefficient c = \(negative.value) < 0 on neuron (\(l), \(k))'s boundary"
            )
            report.witness = witness
            report.regions = skeleton.regionCount()
            report.pathCoefficients = summary.checked
            return counted(report)
        }
        var report: VerificationReport
        if let negative = summary.negative.first {
            let (l, k) = skeleton.neuron(negative.neuron)
            report = VerificationReport(
                verdict: .undetermined,
                method: .exact,
                claim: "no verdict on the box \(boxText)",
                reason:
                    "path coefficient c = \(negative.value) < 0 on neuron (\(l), \(k))'s boundary, but no Jensen "
                    + "violation above rounding could be found to confirm it"
            )
        } else if let unresolved = summary.unresolved.first {
            let (l, k) = skeleton.neuron(unresolved.neuron)
            report = VerificationReport(
                verdict: .undetermined,
                method: .exact,
                claim: "no verdict on the box \(boxText)",
                reason:
                    "path coefficient c = \(unresolved.value) on neuron (\(l), \(k))'s boundary is within rounding "
                    + "(±\(unresolved.errorBound)) of 0"
            )
        } else if summary.skipped > 0 {
            report = VerificationReport(
                verdict: .undetermined,
                method: .exact,
                claim: "no verdict on the box \(boxText)",
                reason: "\(summary.skipped) edges lie on more than 12 deeper boundaries at once"
            )
        } else {
            report = VerificationReport(
                verdict: .convex,
                method: .exact,
                claim: "convex on the box \(boxText)",
                reason: "all \(summary.checked) path coefficients c_ν(D) on the neurons' boundaries are ≥ 0"
            )
        }
        report.regions = skeleton.regionCount()
        report.pathCoefficients = summary.checked
        return counted(report)
    }

    /// A verified Jensen violation near the cell where a negative path coefficient was found, annotated with
    /// the neuron, the pattern, c and the boundary point; nil when no chord beats rounding.
    static func confirm(
        _ negative: LinearRegionSkeleton.PathCoefficient,
        on skeleton: LinearRegionSkeleton,
        lower: [Double],
        upper: [Double],
        using rng: inout SeededGenerator
    ) -> ConvexityWitness? {
        let d = skeleton.dimension
        let point = skeleton.cellMidpoint(negative.cell)
        guard
            var witness = ConvexityWitness.search(
                near: point,
                directions: (0..<d).map { i in (0..<d).map { $0 == i ? 1.0 : 0.0 } },
                lower: lower,
                upper: upper,
                using: &rng,
                evaluate: skeleton.network.evaluate
            )
        else { return nil }
        let (l, k) = skeleton.neuron(negative.neuron)
        witness.neuron = .init(layer: l, index: k)
        witness.pattern = negative.pattern
        witness.coefficient = negative.value
        witness.boundaryPoint = point
        return witness
    }

    /// "undetermined" from the exact check, unless the sampling falsifier finds a verified violation.
    func undecided(_ network: ReLUNetwork, lower: [Double], upper: [Double], reason: String) -> VerificationReport {
        let sampled = sampleReLU(network, lower: lower, upper: upper, context: reason)
        if sampled.verdict == .notConvex { return sampled }
        return VerificationReport(
            verdict: .undetermined,
            method: .exact,
            claim: "no verdict on the box \(Self.describe(lower, upper))",
            reason: reason + "; \(sampled.samples ?? 0) sampled chords found no violation"
        )
    }
}

extension LinearRegionSkeleton {
    /// The midpoint of an edge (d ≥ 2) or the vertex itself (d = 1): the cells `checkPathCoefficients` reports.
    func cellMidpoint(_ cell: Int) -> [Double] {
        let d = dimension
        if d == 1 { return [positions[cell]] }
        let a = Int(edges[2 * cell]), b = Int(edges[2 * cell + 1])
        return (0..<d).map { (positions[a * d + $0] + positions[b * d + $0]) / 2 }
    }
}
