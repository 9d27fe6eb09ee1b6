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

    /// P = N(m_P, Σ_P), Q = N(m_Q, Σ_Q) in d = 2 with random moments, and their closed-form map.
    static func gaussianProblem(
        _ n: Int,
        seed: UInt64
    ) throws -> (source: Tensor<Double>, target: Tensor<Double>, truth: GaussianTransportMap, moments: SampleMoments) {
        var rng = SeededGenerator(seed: seed)
        let p = SampleMoments(mean: [0.5, -0.5], covariance: randomCovariance(2, shift: 0.3, using: &rng))
        let q = SampleMoments(mean: [2, 1], covariance: randomCovariance(2, shift: 0.2, using: &rng))
        let source = try gaussianSamples(n, mean: p.mean, covariance: p.covariance, using: &rng)
        let target = try gaussianSamples(n, mean: q.mean, covariance: q.covariance, using: &rng)
        return (source, target, try GaussianTransportMap(from: p, to: q), q)
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
        let (test, _, _, _) = try Self.gaussianProblem(1000, seed: 32)
        let predicted = map(test.converted(to: Float.self)).converted(to: Double.self)
        let truth = problem.truth(test)
        let variance = (0..<2).reduce(0.0) { $0 + problem.moments.covariance[$1, $1] }
        let uvp = MapMetrics.unexplainedVariancePercentage(predicted: predicted, truth: truth, targetVariance: variance)
        let cosine = MapMetrics.displacementCosine(source: test, predicted: predicted, truth: truth)
        #expect(uvp < Tolerances.neuralTransportUVPPercent, "L2-UVP \(uvp) %, cosine \(cosine)")
        #expect(cosine > 0.95)
        print("gaussianToGaussian: L2-UVP \(uvp) %, cosine \(cosine), \(history.seconds) s, selected \(String(describing: history.selected))")
    }
}
