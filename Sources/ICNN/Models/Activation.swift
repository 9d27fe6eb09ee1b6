/// The elementwise nonlinearities of the models. Which ones keep a network convex is part of the certificate.
public enum Activation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// max(x, 0): convex, non-decreasing.
    case relu
    /// x for x > 0, slope·x otherwise: convex and non-decreasing for 0 ≤ slope ≤ 1.
    case leakyRelu(slope: Float)
    /// log(1 + eˣ): convex, increasing, smooth.
    case softplus
    /// τ·softplus(x/τ): convex, increasing, smooth; τ > 0.
    case softplusTemperature(Float)
    /// x: convex (affine), increasing.
    case identity

    /// Applies the activation elementwise (recorded when `x` is tracked).
    public func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> {
        switch self {
        case .relu: x.relu()
        case .leakyRelu(let slope): x.leakyRelu(slope: slope)
        case .softplus: x.softplus()
        case .softplusTemperature(let tau): x.softplus(temperature: tau)
        case .identity: x
        }
    }

    /// Whether the activation is convex and non-decreasing (what the z-path of an ICNN needs), or the reason not.
    public var convexityViolation: String? {
        switch self {
        case .relu, .softplus, .identity: nil
        case .leakyRelu(let slope):
            (0...1).contains(slope) ? nil : "leaky ReLU slope \(slope) is outside [0, 1]: not convex and non-decreasing"
        case .softplusTemperature(let tau): tau > 0 ? nil : "softplus temperature \(tau) must be positive"
        }
    }

    /// Whether the activation is twice differentiable (so Hessian checks apply).
    public var isSmooth: Bool {
        switch self {
        case .softplus, .softplusTemperature, .identity: true
        case .relu, .leakyRelu: false
        }
    }

    /// E[g(Z)] for Z ~ N(0, 1): the mean an activation adds to a unit-variance pre-activation, which an
    /// initialiser's bias must take out (1/√(2π) for ReLU; about 0.807 for softplus, twice as much).
    public var gaussianMean: Double {
        let relu = 1 / (2 * Double.pi).squareRoot()
        switch self {
        case .relu: return relu
        case .leakyRelu(let slope): return (1 - Double(slope)) * relu
        case .identity: return 0
        case .softplus: return Self.gaussianExpectation { Self.softplus($0) }
        case .softplusTemperature(let tau):
            let t = Double(tau)
            return Self.gaussianExpectation { t * Self.softplus($0 / t) }
        }
    }

    /// log(1 + eˣ) in Double, stable for large |x|.
    private static func softplus(_ x: Double) -> Double { Swift.max(x, 0) + Glibc.log1p(Glibc.exp(-Swift.abs(x))) }

    /// ∫ h(z) φ(z) dz by Simpson's rule on [−12, 12] (the tails beyond carry less than 1e-30 of the mass).
    private static func gaussianExpectation(_ h: (Double) -> Double) -> Double {
        let n = 4800, a = -12.0, step = 24.0 / Double(n)
        var sum = 0.0
        for i in 0...n {
            let z = a + Double(i) * step
            let weight: Double = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)
            sum += weight * h(z) * Glibc.exp(-z * z / 2)
        }
        return sum * step / 3 / (2 * Double.pi).squareRoot()
    }

    public var description: String {
        switch self {
        case .relu: "relu"
        case .leakyRelu(let slope): "leaky-relu(\(slope))"
        case .softplus: "softplus"
        case .softplusTemperature(let tau): "softplus(τ=\(tau))"
        case .identity: "identity"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
