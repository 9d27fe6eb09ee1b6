import Foundation

extension ConvexityVerifier {
    /// Rounding allowance of a Jensen gap evaluated in Float: gaps below 1e-4 of the values' size are ignored.
    static let floatGapTolerance = 1e-4
    /// Hessians are computed (d backward passes) only up to this input dimension.
    static let maximumHessianDimension = 64

    /// A FICNN / PICNN / HyCNN model file: its structural certificate, else the sampling falsifier.
    func verifyLibraryModel(_ file: ModelFile) throws -> VerificationReport {
        let clock = ContinuousClock()
        let started = clock.now
        let architecture = file.description.architecture
        let d = architecture.inputCount
        let (lo, hi) = try box(dimension: d)
        let certificate = file.regressor.model.certificate
        let targetScale = file.regressor.targetStandardization.scale[0]
        var report: VerificationReport
        if strategy == .exact && certificate.holds && targetScale > 0 {
            let names = certificate.convexInputs.map { file.description.inputs[$0] }
            let claim =
                certificate.convexInputs.count == d
                ? "convex on R^\(d)"
                : "convex in \(names.joined(separator: ", ")) on all of their values, for every value of the "
                    + "other inputs (joint convexity not claimed)"
            report = VerificationReport(
                verdict: .convex,
                method: .structural,
                claim: claim,
                reason: "\(architecture.kind) certificate: \(certificate)"
            )
        } else {
            let note =
                strategy == .sample
                ? nil
                : certificate.holds
                    ? "the target scale \(targetScale) is not positive"
                    : "\(architecture.kind) certificate fails: \(certificate)"
            report = sampleLibraryModel(file, lower: lo, upper: hi, note: note)
        }
        report.seconds = Self.seconds(clock.now - started)
        return report
    }

    /// Jensen gaps (jointly in all inputs) evaluated with the model's Float forward pass, and, for smooth
    /// models with at most `maximumHessianDimension` inputs, Hessian eigenvalues at 64 random points (a negative
    /// one is confirmed by a chord along its eigenvector).
    func sampleLibraryModel(_ file: ModelFile, lower: [Double], upper: [Double], note: String?) -> VerificationReport {
        let regressor = file.regressor
        let d = lower.count
        func evaluate(_ points: [[Double]]) -> [Double] {
            let x = Tensor<Float>(shape: [points.count, d], scalars: points.flatMap { $0.map { Float($0) } })
            return regressor.predict(x).scalars.map(Double.init)
        }
        func allowance(_ values: (Double, Double, Double)) -> Double {
            Self.floatGapTolerance * (abs(values.0) + abs(values.1) + 2 * abs(values.2)) + 1e-6
        }
        var rng = SeededGenerator(seed: seed)
        let pairs = chords(lower: lower, upper: upper, using: &rng)
        var best: ConvexityWitness?
        let batch = 2048
        for start in stride(from: 0, to: pairs.count, by: batch) {
            let part = pairs[start..<min(start + batch, pairs.count)]
            let mids = part.map { zip($0.0, $0.1).map { ($0 + $1) / 2 } }
            let f = evaluate(part.map(\.0) + part.map(\.1) + mids)
            let n = part.count
            for (i, (a, b)) in part.enumerated() {
                let values = (f[i], f[n + i], f[2 * n + i])
                let tolerance = allowance(values)
                if values.2 - (values.0 + values.1) / 2 > max(tolerance, best?.gap ?? 0) {
                    best = ConvexityWitness(a: a, b: b, midpoint: mids[i], values: values, allowance: tolerance)
                }
            }
        }
        var smallest: Double?
        if regressor.model.architecture.isSmooth && d <= Self.maximumHessianDimension {
            let points = (0..<64).map { _ in (0..<d).map { rng.nextUniform(in: lower[$0], upper[$0]) } }
            let hessians = hessians(regressor, at: points)
            for (p, h) in zip(points, hessians) {
                guard let e = SymmetricEigendecomposition(h), let low = e.eigenvalues.min(),
                    let index = e.eigenvalues.firstIndex(of: low)
                else { continue }
                smallest = min(smallest ?? low, low)
                guard low < 0, best == nil else { continue }
                let direction = e.eigenvector(index)
                best = ConvexityWitness.search(
                    near: p,
                    directions: [direction],
                    lower: lower,
                    upper: upper,
                    attempts: 1,
                    using: &rng
                ) { x in
                    let value = evaluate([x])[0]
                    return (value, Self.floatGapTolerance * abs(value) + 1e-6)
                }
            }
        }
        var report = sampled(best, lower: lower, upper: upper, note: note)
        report.smallestHessianEigenvalue = smallest
        if best != nil { report.claim += " (jointly in all inputs; evaluated in Float)" }
        return report
    }

    /// ∇²f at each point (Float autodiff, second order), symmetrised, as [d, d] Double tensors.
    func hessians(_ regressor: Regressor<AnyArchitecture>, at points: [[Double]]) -> [Tensor<Double>] {
        let d = points.first?.count ?? 0
        let tape = Tape<Float>()
        let x = tape.watch(Tensor(shape: [points.count, d], scalars: points.flatMap { $0.map { Float($0) } }))
        let g = gradient(of: regressor.predict(x).sum(), wrt: [x], createGraph: true)[0]
        var rows: [[Float]] = []
        for i in 0..<d {
            rows.append(gradient(of: g.sliced(axis: 1, start: i, length: 1).sum(), wrt: [x])[0].scalars)
        }
        return (0..<points.count).map { p in
            var h = [Double](repeating: 0, count: d * d)
            for i in 0..<d {
                for j in 0..<d {
                    h[i * d + j] = (Double(rows[i][p * d + j]) + Double(rows[j][p * d + i])) / 2
                }
            }
            return Tensor(shape: [d, d], scalars: h)
        }
    }
}
