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
