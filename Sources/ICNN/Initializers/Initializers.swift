#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Weight initialisers, each from an explicit generator. Weights are [out, in]; fan-in is the last extent.
public enum Initializers {
    /// LeCun normal N(0, 1/fan-in): unit output variance for unit-variance inputs (unconstrained linear layers).
    public static func lecunNormal(_ shape: [Int], using rng: inout SeededGenerator) -> Tensor<Float> {
        let fanIn = Swift.max(shape.last ?? 1, 1)
        return Tensor(normal: shape, standardDeviation: Float(1 / Double(fanIn).squareRoot()), using: &rng)
    }

    /// Kaiming (He) normal N(0, 2/fan-in): keeps the second moment through ReLU layers.
    public static func kaimingNormal(_ shape: [Int], using rng: inout SeededGenerator) -> Tensor<Float> {
        let fanIn = Swift.max(shape.last ?? 1, 1)
        return Tensor(normal: shape, standardDeviation: Float((2 / Double(fanIn)).squareRoot()), using: &rng)
    }

    /// PyTorch's `nn.Linear` default: uniform on ±1/√fan-in (weights and biases alike).
    public static func pytorchUniform(_ shape: [Int], fanIn: Int, using rng: inout SeededGenerator) -> Tensor<Float> {
        let bound = Float(1 / Double(Swift.max(fanIn, 1)).squareRoot())
        return Tensor(uniform: shape, low: -bound, high: bound, using: &rng)
    }

    /// Positive weights, log-normal with the given mean and variance of the weights themselves:
    /// exp(N(m, s²)) with m = ln(μ²/√(μ² + σ²)), s² = ln(1 + σ²/μ²).
    /// - Precondition: mean > 0, variance ≥ 0.
    public static func logNormal(
        _ shape: [Int],
        mean: Double,
        variance: Double,
        using rng: inout SeededGenerator
    ) -> Tensor<Float> {
        precondition(mean > 0 && variance >= 0, "log-normal needs mean > 0 and variance ≥ 0")
        let m2 = mean * mean
        let mu = Glibc.log(m2 / (m2 + variance).squareRoot())
        let sigma = Glibc.log(1 + variance / m2).squareRoot()
        return Tensor(logNormal: shape, mu: Float(mu), sigma: Float(sigma), using: &rng)
    }

    /// The Hoedt–Klambauer (NeurIPS 2023) moment-matching initialisation of a non-negative ReLU layer with the
    /// default fixed point (variance 1, correlation ρ = ½, no bias noise): log-normal weights with squared mean
    /// ρ / f_c(n), f_c(n) = n(π − n + (n − 1)(√(1 − ρ²) + ρ·acos(−ρ)))/(2π), and variance 2(1 − ρ)/n, and the bias
    /// −n·√(mean²/(2π)) that re-centres the pre-activations. For another activation g the bias takes out its own
    /// mean: −n·√(mean²)·E[g(Z)] (`Activation.gaussianMean`; E = 1/√(2π) for ReLU, as in the paper).
    /// - Parameters:
    ///   - shape: [out, in] of the non-negative weight; n = in.
    ///   - inputMean: E[g(Z)], Z ~ N(0, 1), of the activation feeding this layer.
    /// - Returns: the weight and the (constant) bias value.
    public static func hoedtKlambauer(
        _ shape: [Int],
        inputMean: Double = 1 / (2 * Double.pi).squareRoot(),
        using rng: inout SeededGenerator
    )
        -> (weight: Tensor<Float>, bias: Float)
    {
        let n = Double(Swift.max(shape.last ?? 1, 1))
        let rho = 0.5
        let mixed = (1 - rho * rho).squareRoot() + rho * Glibc.acos(-rho)
        let correlation = n * (Double.pi - n + (n - 1) * mixed) / (2 * Double.pi)
        let meanSquared = rho / correlation
        let variance = 2 * (1 - rho) / n
        let weight = logNormal(shape, mean: meanSquared.squareRoot(), variance: variance, using: &rng)
        let bias = -n * meanSquared.squareRoot() * inputMean
        return (weight, Float(bias))
    }

    /// The HyCNN initialisation of a block's non-negative lane weights (papers.md §2): log-normal with mean
    /// √(1/(n² + (1 − 1/π)n)) and variance 1/(4n), with the bias −√(n/(2πn + 2π − 2)), n = fan-in.
    public static func hycnnLane(
        _ shape: [Int],
        using rng: inout SeededGenerator
    ) -> (weight: Tensor<Float>, bias: Float) {
        let n = Double(Swift.max(shape.last ?? 1, 1))
        let mean = (1 / (n * n + (1 - 1 / Double.pi) * n)).squareRoot()
        let weight = logNormal(shape, mean: mean, variance: 1 / (4 * n), using: &rng)
        let bias = -(n / (2 * Double.pi * n + 2 * Double.pi - 2)).squareRoot()
        return (weight, Float(bias))
    }

    /// The input-skip weights of HyCNN blocks: N(0, 1/(4d)), d = fan-in (the input dimension).
    public static func skipNormal(_ shape: [Int], using rng: inout SeededGenerator) -> Tensor<Float> {
        let d = Double(Swift.max(shape.last ?? 1, 1))
        return Tensor(normal: shape, standardDeviation: Float((1 / (4 * d)).squareRoot()), using: &rng)
    }
}
