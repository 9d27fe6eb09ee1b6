import Foundation
import ICNN
import Testing
import _ICNNTestSupport

@Suite("Transport metrics: map error, L2-UVP, displacement cosine, RBF-MMD")
struct MapMetricsTests {
    @Test("Hand-computed map error, variance and L2-UVP")
    func handComputed() {
        let predicted = cloud([[1, 0], [0, 0]]), truth = cloud([[0, 0], [0, 2]])
        // Errors 1 and 4; truth has mean (0, 1) and deviations ±1 in the second coordinate.
        #expect(abs(MapMetrics.meanSquaredError(predicted: predicted, truth: truth) - 2.5) <= 1e-15)
        #expect(abs(MapMetrics.totalVariance(truth) - 1) <= 1e-15)
        #expect(abs(MapMetrics.unexplainedVariancePercentage(predicted: predicted, truth: truth) - 250) <= 1e-12)
        #expect(
            abs(MapMetrics.unexplainedVariancePercentage(predicted: predicted, truth: truth, targetVariance: 10) - 25)
                <= 1e-12
        )
    }

    @Test("Displacement cosine: 0 for orthogonal, ±1 for (anti)parallel displacements, NaN without displacement")
    func cosine() {
        let source = cloud([[1, 1], [2, -1]])
        let truth = cloud([[2, 1], [2, 0]])  // displacements (1, 0), (0, 1)
        let orthogonal = cloud([[1, 2], [1, -1]])  // (0, 1), (−1, 0): dot 0
        let scaled = cloud([[4, 1], [2, 2]])  // 3× the true displacements
        let opposite = cloud([[0, 1], [2, -2]])
        #expect(abs(MapMetrics.displacementCosine(source: source, predicted: orthogonal, truth: truth)) <= 1e-15)
        #expect(abs(MapMetrics.displacementCosine(source: source, predicted: scaled, truth: truth) - 1) <= 1e-15)
        #expect(abs(MapMetrics.displacementCosine(source: source, predicted: opposite, truth: truth) + 1) <= 1e-15)
        #expect(MapMetrics.displacementCosine(source: source, predicted: source, truth: truth).isNaN)
    }

    @Test("Biased MMD: hand-computed single points, exactly 0 for identical clouds")
    func mmdHandComputed() {
        let one = MaximumMeanDiscrepancy(gammas: [1])
        let value = one(cloud([[0]]), cloud([[1]]))
        #expect(abs(value - (2 - 2 * exp(-1.0))) <= Tolerances.metricArithmetic)
        // Two bandwidths average: γ = 1 and γ = 0.5 at distance² 4.
        let two = MaximumMeanDiscrepancy(gammas: [1, 0.5])
        let wide: Double = 2 - 2 * exp(-4.0), narrow: Double = 2 - 2 * exp(-2.0)
        let expected = (wide + narrow) / 2
        #expect(abs(two(cloud([[0, 0]]), cloud([[2, 0]])) - expected) <= Tolerances.metricArithmetic)
        var rng = SeededGenerator(seed: 9)
        let x = Tensor<Double>(normal: [50, 4], using: &rng)
        #expect(MaximumMeanDiscrepancy()(x, x) == 0)
    }

    @Test("Biased MMD of Gaussian samples matches its exact expectation")
    func mmdGaussian() {
        // X ~ N(0, I₂), Y ~ N(μ, I₂): E k(X, X') = (1 + 4γ)^(−1), E k(X, Y) = (1 + 4γ)^(−1)·exp(−γ‖μ‖²/(1 + 4γ)),
        // and the V-statistic adds the diagonal: E = (1/n) + (1 − 1/n)·Ekxx + (same for y) − 2·Ekxy.
        let n = 1500
        var rng = SeededGenerator(seed: 10)
        let x = Tensor<Double>(normal: [n, 2], using: &rng)
        let mu = Tensor<Double>([1, -0.5])
        let y = Tensor<Double>(normal: [n, 2], using: &rng) + mu
        let mmd = MaximumMeanDiscrepancy()
        var expected = 0.0
        for g in mmd.gammas {
            let same = 1 / (1 + 4 * g)
            let cross = same * exp(-g * 1.25 / (1 + 4 * g))
            expected += 2 * (1 / Double(n) + (1 - 1 / Double(n)) * same) - 2 * cross
        }
        expected /= Double(mmd.gammas.count)
        let value = mmd(x, y)
        #expect(abs(value - expected) <= Tolerances.mmdMonteCarlo, "MMD \(value), expected \(expected)")
    }
}

@Suite("Energy distance")
struct EnergyDistanceTests {
    @Test("Point masses: 2|t|; identical clouds: 0; symmetric; grows with a shift")
    func handComputed() {
        let e = EnergyDistance()
        #expect(abs(e(Tensor(shape: [1, 1], scalars: [0]), Tensor(shape: [1, 1], scalars: [3])) - 6) < 1e-12)
        // {0, 2} against {1}: 2·1 − (0 + 2 + 2 + 0)/4 − 0 = 1.
        #expect(abs(e(Tensor(shape: [2, 1], scalars: [0, 2]), Tensor(shape: [1, 1], scalars: [1])) - 1) < 1e-12)
        var rng = SeededGenerator(seed: 3)
        let x = Tensor<Double>(normal: [200, 3], using: &rng), y = Tensor<Double>(normal: [150, 3], using: &rng)
        #expect(e(x, x) == 0)
        #expect(abs(e(x, y) - e(y, x)) < 1e-12)
        #expect(
            e(x, y + Tensor([0.5, 0, 0])) > e(x, y) && e(x, y + Tensor([2.0, 0, 0])) > e(x, y + Tensor([0.5, 0, 0]))
        )
    }
}
