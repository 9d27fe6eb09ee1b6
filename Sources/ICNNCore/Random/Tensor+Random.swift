#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random tensors from an explicit generator.
extension Tensor {
    /// Independent draws, uniform on [low, high).
    public init(uniform shape: [Int], low: Scalar = 0, high: Scalar = 1, using rng: inout SeededGenerator) {
        self.init(uninitialized: shape)
        let (lo, hi) = (Double(low), Double(high))
        for i in 0..<count { storage.base[i] = Scalar(rng.nextUniform(in: lo, hi)) }
    }

    /// Independent draws from N(mean, standardDeviation²).
    public init(
        normal shape: [Int],
        mean: Scalar = 0,
        standardDeviation: Scalar = 1,
        using rng: inout SeededGenerator
    ) {
        self.init(uninitialized: shape)
        let (mu, sigma) = (Double(mean), Double(standardDeviation))
        for i in 0..<count { storage.base[i] = Scalar(mu + sigma * rng.nextNormal()) }
    }

    /// Independent log-normal draws exp(N(μ, σ²)): positive, with mean exp(μ + σ²/2).
    /// - Parameters:
    ///   - mu: the mean of the underlying normal.
    ///   - sigma: its standard deviation.
    public init(logNormal shape: [Int], mu: Scalar, sigma: Scalar, using rng: inout SeededGenerator) {
        self.init(uninitialized: shape)
        let (m, s) = (Double(mu), Double(sigma))
        for i in 0..<count { storage.base[i] = Scalar(Glibc.exp(m + s * rng.nextNormal())) }
    }
}
