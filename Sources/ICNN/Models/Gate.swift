/// The two-lane gate of a HyCNN block, σ̄(a, b) (HyCNN paper, §2 of papers.md).
public enum Gate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// max(a, b): piecewise affine, convex and non-decreasing in each lane. Ties take lane a.
    case max
    /// τ·log(e^{a/τ} + e^{b/τ}): smooth, convex, non-decreasing in each lane; → max as τ → 0.
    case logSumExp(temperature: Float)

    /// σ̄(a, b) elementwise.
    public func callAsFunction(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Tensor<Float> {
        switch self {
        case .max: Tensor.maximum(a, b)
        case .logSumExp(let tau): Tensor.logSumExp(a, b, temperature: tau)
        }
    }

    /// Why the gate would break convexity, or nil.
    public var convexityViolation: String? {
        switch self {
        case .max: nil
        case .logSumExp(let tau): tau > 0 && tau.isFinite ? nil : "log-sum-exp temperature \(tau) must be positive"
        }
    }

    /// Whether the gate is twice differentiable.
    public var isSmooth: Bool { if case .logSumExp = self { true } else { false } }

    public var description: String {
        switch self {
        case .max: "max"
        case .logSumExp(let tau): "logsumexp(τ=\(tau))"
        }
    }
}
