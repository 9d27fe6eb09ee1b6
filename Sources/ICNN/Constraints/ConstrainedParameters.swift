/// The trainable (raw) parameters of a model under a constraint strategy, and the map to its effective weights.
///
/// Unconstrained slots are the same under every strategy. For non-negative slots:
/// - projection and penalty: raw = effective (projection clamps after each step; penalty adds a loss term);
/// - softplus: effective = softplus(raw) (/ fan-in), raw initialised as the inverse softplus of the initial weights.
public struct ConstrainedParameters<A: Architecture>: Sendable {
    /// The architecture.
    public let architecture: A
    /// The strategy.
    public let strategy: ConstraintStrategy
    /// The trainable tensors, one per slot.
    public var raw: [Tensor<Float>]

    /// Raw parameters that reproduce `model`'s effective weights under `strategy` (for softplus, zero weights are
    /// floored at 1e-6 before the inverse, since softplus never reaches 0).
    public init(_ model: Model<A>, strategy: ConstraintStrategy) {
        self.architecture = model.architecture
        self.strategy = strategy
        let slots = model.architecture.slots
        self.raw = zip(slots, model.weights).map { slot, w in
            guard slot.isNonNegative, case .softplus(let scaled) = strategy else { return w }
            let target = scaled ? w * Float(slot.fanIn) : w
            return Self.inverseSoftplus(target)
        }
    }

    /// The effective weights for `raw` (tracked when `raw` is): what the forward pass uses.
    public func effective(_ raw: [Tensor<Float>]) -> [Tensor<Float>] {
        guard case .softplus(let scaled) = strategy else { return raw }
        return zip(architecture.slots, raw).map { slot, r in
            guard slot.isNonNegative else { return r }
            let v = r.softplus()
            return scaled ? v * (1 / Float(slot.fanIn)) : v
        }
    }

    /// The penalty term λ·Σ relu(−W)² over the non-negative slots (nil unless the strategy is `penalty`).
    public func penalty(_ raw: [Tensor<Float>]) -> Tensor<Float>? {
        guard case .penalty(let lambda) = strategy else { return nil }
        var total: Tensor<Float>? = nil
        for (slot, r) in zip(architecture.slots, raw) where slot.isNonNegative {
            let term = (-r).relu().squared().sum()
            total = total.map { $0 + term } ?? term
        }
        return total.map { $0 * lambda }
    }

    /// The step after an optimiser update: clamps the non-negative slots at 0 under `projection`.
    public mutating func project() {
        guard case .projection = strategy else { return }
        for (k, slot) in architecture.slots.enumerated() where slot.isNonNegative { raw[k].clamp(min: 0) }
    }

    /// The model with the current effective weights (untracked).
    public var model: Model<A> { Model(architecture, weights: effective(raw).map(\.detached)) }

    /// softplus⁻¹(v) = log(expm1(v)) = v + log(−expm1(−v)), stable for large v; v floored at 1e-6.
    static func inverseSoftplus(_ v: Tensor<Float>) -> Tensor<Float> {
        var out = v
        out.withUnsafeMutableBufferPointer { p in
            for i in p.indices {
                let x = Double(Swift.max(p[i], 1e-6))
                p[i] = Float(x > 20 ? x : log(expm1(x)))
            }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
