import ICNN

/// One draw of the study's data: X ~ Unif[−1, 1]^d, Y = f(X) + N(0, σ²) for training, noiseless test points.
///
/// Every draw comes from one generator seeded by (seed, target, d, σ), in this order: the f6 shift μ (d normals
/// scaled by 1/√d, i.e. μ ~ N(0, I/d); f6 only), the n training inputs (row-major), the n noise values, the test
/// inputs. The same seed therefore gives every family the same data.
public struct RegressionData: Sendable {
    /// Training inputs [n, d] and noisy targets [n, 1].
    public var trainX: Tensor<Float>, trainY: Tensor<Float>
    /// Test inputs [m, d] and noiseless targets [m, 1].
    public var testX: Tensor<Float>, testY: Tensor<Float>
    /// μ for f6 (d values); empty for the other targets.
    public var shift: [Double]

    /// Draws the data of one run.
    /// - Parameters:
    ///   - target: the function.
    ///   - dimension: d.
    ///   - trainingCount: n; `testCount`: m.
    ///   - noise: σ ≥ 0 (the caller passes 0 for f3).
    ///   - seed: the run's seed.
    /// - Precondition: d ≥ 1, n ≥ 1, m ≥ 1, σ ≥ 0.
    public init(
        target: RegressionTarget,
        dimension d: Int,
        trainingCount n: Int,
        testCount m: Int,
        noise: Double,
        seed: Int
    ) {
        precondition(d >= 1 && n >= 1 && m >= 1 && noise >= 0, "bad data request d \(d), n \(n), m \(m), σ \(noise)")
        var rng = SeededGenerator(seed: Self.generatorSeed(target: target, dimension: d, noise: noise, seed: seed))
        shift = target.needsShift ? (0..<d).map { _ in rng.nextNormal() / Double(d).squareRoot() } : []
        trainX = Tensor(uniform: [n, d], low: -1, high: 1, using: &rng)
        let clean = target.values(trainX, shift: shift)
        var noisy = clean.scalars
        for i in noisy.indices { noisy[i] += Float(noise * rng.nextNormal()) }
        trainY = Tensor(shape: [n, 1], scalars: noisy)
        testX = Tensor(uniform: [m, d], low: -1, high: 1, using: &rng)
        testY = target.values(testX, shift: shift)
    }

    /// The data generator's seed: the run seed mixed with the target, d and σ, so that each setting gets
    /// independent data.
    static func generatorSeed(target: RegressionTarget, dimension: Int, noise: Double, seed: Int) -> UInt64 {
        let index = UInt64(RegressionTarget.allCases.firstIndex(of: target) ?? 0)
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for part in [UInt64(truncatingIfNeeded: seed), index, UInt64(dimension), noise.bitPattern] {
            h = (h ^ part) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        return h
    }
}
