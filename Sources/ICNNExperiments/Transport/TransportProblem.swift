import Foundation
import ICNN

/// One transport problem of the study, with its data already drawn: fitting clouds, a validation pair (for
/// choosing among configurations), a test pair, and the true map where one is known.
public struct TransportProblem: Sendable {
    /// The problem's name in `runs.csv` (a synthetic map, `gaussian`, a 2-D pair, a cell-type pair).
    public var name: String
    /// Training clouds, `[n, d]` and `[m, d]`.
    public var source: Tensor<Double>, target: Tensor<Double>
    /// Held-out clouds for choosing a configuration.
    public var validationSource: Tensor<Double>, validationTarget: Tensor<Double>
    /// Held-out clouds for the reported figures (the target an independent sample of Q).
    public var testSource: Tensor<Double>, testTarget: Tensor<Double>
    /// T(testSource) when the optimal map is known.
    public var testTruth: Tensor<Double>?
    /// The exact W₂²(P, Q) when known.
    public var squaredWasserstein: Double?
    /// Var(Q) = E‖y − Ey‖² for L2-UVP (of the law, when known; else of the test target).
    public var targetVariance: Double
    /// The common scale s of the pair (√ of the pooled mean variance per coordinate of the training clouds): the
    /// study's divergences use ε·s² and are reported divided by s², i.e. in the units `NeuralTransport` trains in.
    public var scale: Double

    /// The dimension d.
    public var dimension: Int { source.shape[1] }

    init(
        name: String,
        source: Tensor<Double>,
        target: Tensor<Double>,
        validation: (Tensor<Double>, Tensor<Double>),
        test: (Tensor<Double>, Tensor<Double>),
        truth: Tensor<Double>? = nil,
        squaredWasserstein: Double? = nil,
        targetVariance: Double? = nil
    ) {
        self.name = name
        self.source = source
        self.target = target
        (validationSource, validationTarget) = validation
        (testSource, testTarget) = test
        testTruth = truth
        self.squaredWasserstein = squaredWasserstein
        self.targetVariance = targetVariance ?? MapMetrics.totalVariance(test.1)
        let pooled = Tensor.concatenate([source, target], axis: 0)
        let meanVariance = MapMetrics.totalVariance(pooled) / Double(source.shape[1])
        scale = meanVariance > 1e-24 ? meanVariance.squareRoot() : 1
    }

    /// A synthetic map of the HyCNN paper: n training points per side (the target is T applied to an independent
    /// source sample), `validation` and `test` held-out points per side.
    public static func synthetic(
        _ map: SyntheticTransportMap,
        dimension d: Int,
        counts: (training: Int, validation: Int, test: Int),
        using rng: inout SeededGenerator
    ) -> TransportProblem {
        func draw(_ n: Int) -> Tensor<Double> { map.sourceSample(n, dimension: d, using: &rng) }
        let source = draw(counts.training), target = map(draw(counts.training))
        let validation = (draw(counts.validation), map(draw(counts.validation)))
        let testSource = draw(counts.test), testTarget = map(draw(counts.test))
        return TransportProblem(
            name: map.rawValue,
            source: source,
            target: target,
            validation: validation,
            test: (testSource, testTarget),
            truth: map(testSource)
        )
    }

    /// Gaussian → Gaussian with random moments: means N(0, I), covariances BBᵀ/d + 0.3·I with B standard normal;
    /// the truth is the closed-form map and W₂² the closed form (papers.md §2).
    public static func gaussian(
        dimension d: Int,
        counts: (training: Int, validation: Int, test: Int),
        using rng: inout SeededGenerator
    ) throws -> TransportProblem {
        func moments() -> SampleMoments {
            let b = Tensor<Double>(normal: [d, d], using: &rng)
            var c = matmul(b, b, transposeB: true) * (1 / Double(d))
            c = c + Tensor(shape: [d, d], scalars: (0..<(d * d)).map { $0 % (d + 1) == 0 ? 0.3 : 0 })
            return SampleMoments(mean: (0..<d).map { _ in rng.nextNormal() }, covariance: c)
        }
        let p = moments(), q = moments()
        let rootP = try LinearAlgebra.squareRoot(ofPositiveDefinite: p.covariance).get()
        let rootQ = try LinearAlgebra.squareRoot(ofPositiveDefinite: q.covariance).get()
        func draw(_ m: SampleMoments, _ root: Tensor<Double>, _ n: Int) -> Tensor<Double> {
            matmul(Tensor<Double>(normal: [n, d], using: &rng), root) + Tensor(m.mean)
        }
        let testSource = draw(p, rootP, counts.test)
        return TransportProblem(
            name: "gaussian",
            source: draw(p, rootP, counts.training),
            target: draw(q, rootQ, counts.training),
            validation: (draw(p, rootP, counts.validation), draw(q, rootQ, counts.validation)),
            test: (testSource, draw(q, rootQ, counts.test)),
            truth: try GaussianTransportMap(from: p, to: q)(testSource),
            squaredWasserstein: try GaussianTransportMap.squaredWassersteinDistance(p, q),
            targetVariance: (0..<d).reduce(0.0) { $0 + q.covariance[$1, $1] }
        )
    }

    /// A 2-D pair of the study (no known map).
    public static func planar(
        _ pair: PlanarTransportPair,
        counts: (training: Int, validation: Int, test: Int),
        using rng: inout SeededGenerator
    ) -> TransportProblem {
        TransportProblem(
            name: pair.rawValue,
            source: pair.sourceSample(counts.training, using: &rng),
            target: pair.targetSample(counts.training, using: &rng),
            validation: (
                pair.sourceSample(counts.validation, using: &rng), pair.targetSample(counts.validation, using: &rng)
            ),
            test: (pair.sourceSample(counts.test, using: &rng), pair.targetSample(counts.test, using: &rng))
        )
    }

    /// Two populations of measured points (cells): each is split by a seeded shuffle into 80 % training and 20 %
    /// test; a further 20 % of the training rows is held out for validation.
    /// - Precondition: at least 10 rows per population.
    public static func populations(
        name: String,
        source: Tensor<Double>,
        target: Tensor<Double>,
        using rng: inout SeededGenerator
    ) -> TransportProblem {
        func split(_ x: Tensor<Double>) -> (fit: Tensor<Double>, validation: Tensor<Double>, test: Tensor<Double>) {
            let n = x.shape[0]
            let order = rng.permutation(n)
            let test = max(2, Int((0.2 * Double(n)).rounded()))
            let validation = max(2, Int((0.2 * Double(n - test)).rounded()))
            return (
                x.rows(Array(order[(test + validation)...])), x.rows(Array(order[test..<(test + validation)])),
                x.rows(Array(order[..<test]))
            )
        }
        let s = split(source), t = split(target)
        return TransportProblem(
            name: name,
            source: s.fit,
            target: t.fit,
            validation: (s.validation, t.validation),
            test: (s.test, t.test)
        )
    }
}
