import Foundation
import ICNN
import Testing
import _ICNNTestSupport

/// A random SPD covariance Q·diag(λ)·Qᵀ-like matrix: B·Bᵀ/d + shift·I.
func randomCovariance(_ d: Int, shift: Double, using rng: inout SeededGenerator) -> Tensor<Double> {
    let b = Tensor<Double>(normal: [d, d], using: &rng)
    var c = matmul(b, b, transposeB: true) * (1 / Double(d))
    for k in 0..<d { c = c + Tensor(shape: [d, d], scalars: (0..<(d * d)).map { $0 == k * d + k ? shift : 0 }) }
    return c
}

/// Samples of N(mean, covariance) through the Cholesky-free symmetric square root.
func gaussianSamples(
    _ n: Int,
    mean: [Double],
    covariance: Tensor<Double>,
    using rng: inout SeededGenerator
) throws -> Tensor<Double> {
    let root = try LinearAlgebra.squareRoot(ofPositiveDefinite: covariance).get()
    return matmul(Tensor<Double>(normal: [n, mean.count], using: &rng), root) + Tensor(mean)
}

@Suite("Transport baselines: Gaussian (Bures) map, W2², entropic barycentric map")
struct TransportBaselineTests {
    @Test("W2² of 1-D and commuting Gaussians equals the textbook forms")
    func closedFormW2() throws {
        let p = SampleMoments(mean: [1], covariance: Tensor(shape: [1, 1], scalars: [4]))
        let q = SampleMoments(mean: [-2], covariance: Tensor(shape: [1, 1], scalars: [9]))
        #expect(abs(try GaussianTransportMap.squaredWassersteinDistance(p, q) - (9 + 1)) <= 1e-12)
        let a = SampleMoments(mean: [0, 0], covariance: Tensor(shape: [2, 2], scalars: [1, 0, 0, 4]))
        let b = SampleMoments(mean: [0, 0], covariance: Tensor(shape: [2, 2], scalars: [9, 0, 0, 1]))
        #expect(abs(try GaussianTransportMap.squaredWassersteinDistance(a, b) - (4 + 1)) <= 1e-12)
        let map = try GaussianTransportMap(from: a, to: b)
        #expect(abs(map.matrix[0, 0] - 3) <= 1e-12 && abs(map.matrix[1, 1] - 0.5) <= 1e-12)
    }

    @Test("W2² equals the map's transport cost tr((A − I)Σ_P(A − I)) + ‖Δm‖² for full covariances", arguments: [2, 5])
    func w2IsCostOfMap(d: Int) throws {
        var rng = SeededGenerator(seed: UInt64(d))
        let p = SampleMoments(
            mean: (0..<d).map { _ in rng.nextNormal() },
            covariance: randomCovariance(d, shift: 0.3, using: &rng)
        )
        let q = SampleMoments(
            mean: (0..<d).map { _ in rng.nextNormal() },
            covariance: randomCovariance(d, shift: 0.1, using: &rng)
        )
        let map = try GaussianTransportMap(from: p, to: q)
        var shifted = map.matrix
        for k in 0..<d {
            shifted = shifted - Tensor(shape: [d, d], scalars: (0..<(d * d)).map { $0 == k * (d + 1) ? 1 : 0 })
        }
        let spread = matmul(matmul(shifted, p.covariance), shifted)
        var cost = 0.0
        for k in 0..<d { cost += spread[k, k] + (p.mean[k] - q.mean[k]) * (p.mean[k] - q.mean[k]) }
        let w2 = try GaussianTransportMap.squaredWassersteinDistance(p, q)
        #expect(abs(cost - w2) <= 1e-10 * max(1, w2), "cost \(cost), W2² \(w2)")
    }

    @Test("The fitted Bures map pushes the source samples' moments exactly onto the target samples' moments")
    func buresPushesMoments() throws {
        var rng = SeededGenerator(seed: 21)
        let source = Tensor<Double>(uniform: [300, 3], low: -1, high: 2, using: &rng)
        let target = try gaussianSamples(
            400,
            mean: [1, 2, 3],
            covariance: randomCovariance(3, shift: 0.2, using: &rng),
            using: &rng
        )
        let map = GaussianTransportMap(fittingSource: source, target: target)
        let pushed = SampleMoments(of: map(source)), wanted = SampleMoments(of: target)
        for k in 0..<3 {
            #expect(abs(pushed.mean[k] - wanted.mean[k]) <= 1e-12)
            for l in 0..<3 { #expect(abs(pushed.covariance[k, l] - wanted.covariance[k, l]) <= 1e-10) }
        }
    }

    @Test("Entropic map: small ε recovers the optimal assignment at the samples, large ε collapses to the mean")
    func entropicLimits() {
        var rng = SeededGenerator(seed: 22)
        let x = Tensor<Double>(uniform: [6, 2], low: -1, high: 1, using: &rng)
        let y = Tensor<Double>(normal: [6, 2], using: &rng)
        let assignment = bruteForceAssignment(x, y).assignment
        let sharp = EntropicTransportMap(
            source: x,
            target: y,
            sinkhorn: Sinkhorn(epsilon: 1e-3, tolerance: 1e-11, maximumIterations: 200_000)
        )
        #expect(sharp.converged)
        let mapped = sharp(x)
        for i in 0..<6 { for k in 0..<2 { #expect(abs(mapped[i, k] - y[assignment[i], k]) <= 1e-3) } }
        let blunt = EntropicTransportMap(source: x, target: y, sinkhorn: Sinkhorn(epsilon: 1e4, tolerance: 1e-11))
        let mean = SampleMoments(of: y).mean
        let far = blunt(cloud([[5, -5]]))
        for k in 0..<2 { #expect(abs(far[0, k] - mean[k]) <= 1e-2) }
    }
}
