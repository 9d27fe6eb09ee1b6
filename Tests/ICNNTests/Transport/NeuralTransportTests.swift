import Foundation
import ICNN
import Testing
import _ICNNTestSupport

@Suite("Neural OT: the minimax semi-dual learns known maps")
struct NeuralTransportTests {
    /// A small, fast configuration: 250 outer iterations of S = 5 on batches of 128.
    static var configuration: TransportConfiguration {
        var c = TransportConfiguration()
        c.iterations = 250
        c.batchSize = 128
        c.validationEvery = 50
        c.validationPoints = 200
        c.initializationSteps = 100
        c.seed = 4
        return c
    }

    /// P = N(m_P, Σ_P), Q = N(m_Q, Σ_Q) in d = 2 with random moments, n samples of each, and a separate test
    /// sample of P.
    static func gaussianProblem(
        _ n: Int,
        seed: UInt64
    ) throws -> (
        p: SampleMoments, q: SampleMoments, source: Tensor<Double>, target: Tensor<Double>, test: Tensor<Double>
    ) {
        var rng = SeededGenerator(seed: seed)
        let p = SampleMoments(mean: [0.5, -0.5], covariance: randomCovariance(2, shift: 0.3, using: &rng))
        let q = SampleMoments(mean: [2, 1], covariance: randomCovariance(2, shift: 0.2, using: &rng))
        let source = try gaussianSamples(n, mean: p.mean, covariance: p.covariance, using: &rng)
        let target = try gaussianSamples(n, mean: q.mean, covariance: q.covariance, using: &rng)
        let test = try gaussianSamples(1000, mean: p.mean, covariance: p.covariance, using: &rng)
        return (p, q, source, target, test)
    }

    @Test("Gaussian → Gaussian in d = 2 (FICNN softplus, identity start): L2-UVP < 5 %, W2² estimate near exact")
    func gaussianToGaussian() throws {
        let problem = try Self.gaussianProblem(2000, seed: 31)
        let (map, history) = NeuralTransport.fit(
            FICNN(inputs: 2, widths: [32, 32]),
            source: problem.source.converted(to: Float.self),
            target: problem.target.converted(to: Float.self),
            configuration: Self.configuration
        )
        #expect(history.outcome == .completed)
        #expect(map.potential.certificate.holds && map.critic.certificate.holds)
        let truth = try GaussianTransportMap(from: problem.p, to: problem.q)(problem.test)
        let predicted = map(problem.test.converted(to: Float.self)).converted(to: Double.self)
        let variance = (0..<2).reduce(0.0) { $0 + problem.q.covariance[$1, $1] }
        let uvp = MapMetrics.unexplainedVariancePercentage(predicted: predicted, truth: truth, targetVariance: variance)
        let cosine = MapMetrics.displacementCosine(source: problem.test, predicted: predicted, truth: truth)
        #expect(uvp < Tolerances.neuralTransportUVPPercent, "L2-UVP \(uvp) %, cosine \(cosine)")
        #expect(cosine > 0.95)
        let exact = try GaussianTransportMap.squaredWassersteinDistance(problem.p, problem.q)
        let estimate = try #require(history.selected).squaredWassersteinEstimate
        #expect(abs(estimate - exact) <= Tolerances.dualWassersteinRelative * exact, "W2² \(estimate), exact \(exact)")
        #expect(history.validations.map(\.iteration) == [0, 50, 100, 150, 200, 250])
        #expect(history.potentialLoss.count == 250)
    }

    @Test("The Gaussian initialisation alone already gives the Bures map (L2-UVP < 5 % before the minimax)")
    func gaussianInitialization() throws {
        let problem = try Self.gaussianProblem(2000, seed: 33)
        var c = Self.configuration
        c.initialization = .gaussian
        c.initializationSteps = 300
        c.iterations = 1
        c.learningRate = 1e-6  // the single minimax step must not move the initial map
        let (map, history) = NeuralTransport.fit(
            FICNN(inputs: 2, widths: [32, 32]),
            source: problem.source.converted(to: Float.self),
            target: problem.target.converted(to: Float.self),
            configuration: c
        )
        let truth = try GaussianTransportMap(from: problem.p, to: problem.q)
        let test = problem.test.converted(to: Float.self)
        let forward = MapMetrics.unexplainedVariancePercentage(
            predicted: map(test).converted(to: Double.self),
            truth: truth(problem.test)
        )
        // The inverse map, checked on the images of the test points.
        let images = truth(problem.test)
        let backward = MapMetrics.unexplainedVariancePercentage(
            predicted: map.inverse(images.converted(to: Float.self)).converted(to: Double.self),
            truth: problem.test
        )
        #expect(forward < Tolerances.neuralTransportUVPPercent, "forward L2-UVP \(forward) %")
        #expect(backward < Tolerances.neuralTransportUVPPercent, "inverse L2-UVP \(backward) %")
        #expect(history.initialPotentialLoss != nil && history.initialCriticLoss != nil)
    }

    @Test("The same seed gives the same map")
    func deterministic() throws {
        let problem = try Self.gaussianProblem(300, seed: 34)
        var c = Self.configuration
        c.iterations = 5
        c.initializationSteps = 5
        c.validationEvery = 5
        func run() -> [Float] {
            NeuralTransport.fit(
                HyCNN(inputs: 2, widths: [8, 8]),
                source: problem.source.converted(to: Float.self),
                target: problem.target.converted(to: Float.self),
                configuration: c
            ).map.potential.weights.flatMap(\.scalars)
        }
        #expect(run() == run())
    }

    @Test("Each selection keeps the validation it names: lowest S_ε, lowest energy, highest dual estimate, the last")
    func selection() throws {
        let problem = try Self.gaussianProblem(300, seed: 35)
        var c = Self.configuration
        c.iterations = 40
        c.initializationSteps = 5
        c.validationEvery = 5
        // Large steps, so the validations oscillate and the last one is not always the best. Each rate makes some
        // criteria disagree; over the three, every pair of criteria keeps different weights at least once (picks
        // S_ε / energy / dual / last: 20 / 20 / 40 / 40, 40 / 25 / 25 / 40, 40 / 40 / 35 / 40).
        var differing = Set<[TransportSelection]>()
        for rate in [0.05, 0.28, 0.6] {
            c.learningRate = rate
            var kept: [TransportSelection: (history: TransportHistory, weights: [Float])] = [:]
            for selection in TransportSelection.allCases {
                c.selection = selection
                let (map, history) = NeuralTransport.fit(
                    FICNN(inputs: 2, widths: [8, 8]),
                    source: problem.source.converted(to: Float.self),
                    target: problem.target.converted(to: Float.self),
                    configuration: c
                )
                kept[selection] = (history, map.potential.weights.flatMap(\.scalars))
            }
            // Same seed: the fits see the same iterations and validations; only the kept weights differ.
            let validations = try #require(kept[.last]).history.validations
            #expect(kept.values.allSatisfy { $0.history.validations == validations })
            #expect(validations.count == 9)
            #expect(validations.allSatisfy { $0.energyDistance >= 0 && $0.energyDistance.isFinite })
            let expected: [TransportSelection: TransportHistory.Validation?] = [
                .sinkhorn: validations.min { $0.sinkhornDivergence < $1.sinkhornDivergence },
                .energy: validations.min { $0.energyDistance < $1.energyDistance },
                .dual: validations.max { $0.squaredWassersteinEstimate < $1.squaredWassersteinEstimate },
                .last: validations.last,
            ]
            for selection in TransportSelection.allCases {
                let picked = try #require(expected[selection] ?? nil)
                #expect(kept[selection]?.history.selected == picked, "\(selection) at lr \(rate)")
                // The kept weights are those of the kept validation.
                for other in TransportSelection.allCases where other != selection {
                    let otherPick = try #require(expected[other] ?? nil)
                    let sameWeights = kept[selection]?.weights == kept[other]?.weights
                    #expect(sameWeights == (picked.iteration == otherPick.iteration), "\(selection), \(other)")
                    if picked.iteration != otherPick.iteration { differing.insert([selection, other]) }
                }
            }
        }
        // The problem discriminates: every pair of criteria kept different weights at some rate.
        #expect(differing.count == 12, "\(differing)")
    }

    @Test("The dual estimate with solved conjugates never exceeds W₂²(P, P) = 0; the critic's guess alone can")
    func dualEstimateIsABound() throws {
        // Fenchel–Young: f(x) + f*(x) ≥ |x|² for every x, so on one cloud used as both source and target the
        // estimate E|x|² + E|x|² − 2(E f(x) + E f*(x)) is ≤ 0 whenever every f*(x) is solved, whatever f is. An
        // untrained critic's ∇g(x) is a poor maximiser, and its lower bound of f* leaves the estimate above 0.
        var rng = SeededGenerator(seed: 41)
        let cloud = Tensor<Float>(shape: [200, 3], scalars: (0..<600).map { _ in Float(rng.nextNormal()) })
        let architecture = FICNN(inputs: 3, widths: [16, 16])
        let map = TransportMap(
            potential: Model(architecture, using: &rng),
            critic: Model(architecture, using: &rng),
            center: [0, 0, 0],
            scale: 1
        )
        let guessed = map.squaredWassersteinEstimate(source: cloud, target: cloud, conjugateIterations: 0)
        let solved = map.squaredWassersteinEstimate(source: cloud, target: cloud, conjugateIterations: 200)
        #expect(guessed > 0.1, "estimate from the critic's guess \(guessed)")
        #expect(solved <= 1e-4 && solved < guessed, "solved \(solved), guessed \(guessed)")
        // The units: scaling both clouds by 2 (and the map's normalisation with them) scales the estimate by 4.
        var scaled = map
        scaled.scale = 2
        let twice = scaled.squaredWassersteinEstimate(source: cloud * 2, target: cloud * 2, conjugateIterations: 0)
        #expect(abs(twice - 4 * guessed) <= 1e-4 * abs(guessed))
    }
}
