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
        let outcome = skeleton.build(vertexLimit: vertexLimit, progress: progress)
        func counted(_ r: VerificationReport) -> VerificationReport {
            var r = r
            r.vertices = skeleton.vertexCount
            r.edges = skeleton.edgeCount
            return r
        }
        switch outcome {
        case .degenerate(let why):
            return counted(undecided(network, lower: lower, upper: upper, reason: "degenerate arrangement: " + why))
        case .tooLarge(let why):
            return counted(undecided(network, lower: lower, upper: upper, reason: why))
        case .complete:
            break
        }
        let summary = skeleton.checkPathCoefficients()
        var rng = SeededGenerator(seed: seed)
        for negative in summary.negative {
            let (l, k) = skeleton.neuron(negative.neuron)
            let point = skeleton.cellMidpoint(negative.cell)
            guard
                var witness = ConvexityWitness.search(
                    near: point,
                    directions: (0..<d).map { i in (0..<d).map { $0 == i ? 1.0 : 0.0 } },
                    lower: lower,
                    upper: upper,
                    using: &rng,
                    evaluate: network.evaluate
                )
            else { continue }
            witness.neuron = .init(layer: l, index: k)
            witness.pattern = negative.pattern
            witness.coefficient = negative.value
            witness.boundaryPoint = point
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
