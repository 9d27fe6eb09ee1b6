/// The trainable (raw) parameters of a model under a constraint strategy, and the map to its effective weights.
///
/// Unconstrained slots are the same under every strategy. For non-negative slots:
/// - projection and penalty: raw = effective (projection clamps after each step; penalty adds a loss term);
/// - softplus: effective = softplus(raw) (/ fan-in), raw initialised as the inverse softplus of the initial weights;
/// - lift: effective = softplus(Θ_k·h(X) + b_k) with raw[k] = b_k (the slack), and the hypernetwork's tensors
///   (summary MLP, then one readout Θ_k per non-negative slot) appended after the slots.
public struct ConstrainedParameters<A: Architecture>: Sendable {
    /// The architecture.
    public private(set) var architecture: A
    /// The strategy.
    public let strategy: ConstraintStrategy
    /// The trainable tensors: one per slot, then (lift only) the hypernetwork's.
    public var raw: [Tensor<Float>]

    /// Whether the effective weights depend on a conditioning batch (the lift).
    public var needsConditioning: Bool { if case .lift = strategy { true } else { false } }

    /// Raw parameters that reproduce `model`'s effective weights under `strategy` (for softplus, zero weights are
    /// floored at 1e-6 before the inverse, since softplus never reaches 0).
    public init(_ model: Model<A>, strategy: ConstraintStrategy) {
        self.architecture = model.architecture
        self.strategy = strategy
        let slots = model.architecture.slots
        self.raw = zip(slots, model.weights).map { slot, w in
            if slot.isNonNegative, case .lift(let lift) = strategy {
                return Tensor(repeating: lift.slackInitialization, shape: slot.shape)
            }
            guard slot.isNonNegative, case .softplus(let scaled) = strategy else { return w }
            let target = scaled ? w * Float(slot.fanIn) : w
            return Self.inverseSoftplus(target)
        }
        if case .lift(let lift) = strategy {
            var rng = SeededGenerator(seed: lift.seed)
            let sizes = [model.architecture.inputCount] + lift.summaryWidths
            for k in 0..<(sizes.count - 1) {
                raw += [
                    Initializers.kaimingNormal([sizes[k + 1], sizes[k]], using: &rng), Tensor(zeros: [sizes[k + 1]]),
                ]
            }
            let summary = sizes[sizes.count - 1]
            let sd = lift.readoutScale / Float(summary).squareRoot()
            for slot in slots where slot.isNonNegative {
                raw.append(Tensor(normal: [slot.shape.reduce(1, *), summary], standardDeviation: sd, using: &rng))
            }
        }
    }

    /// The same raw parameters under another architecture with the same slots (a HyCNN with another gate
    /// temperature, for a τ schedule).
    /// - Precondition: `other.slots` equals `architecture.slots`.
    public func withArchitecture(_ other: A) -> ConstrainedParameters<A> {
        precondition(other.slots == architecture.slots, "withArchitecture: the slots differ")
        var copy = self
        copy.architecture = other
        return copy
    }

    /// The effective weights for `raw` (tracked when `raw` is): what the forward pass uses, in slot order.
    /// - Parameter conditioning: for the lift, the batch X [B, inputCount] the weights are emitted from (its
    ///   gradient is stopped); ignored by the other strategies.
    /// - Precondition: a conditioning batch is given under `lift`.
    public func effective(_ raw: [Tensor<Float>], conditioning: Tensor<Float>? = nil) -> [Tensor<Float>] {
        if case .lift(let lift) = strategy {
            precondition(conditioning != nil, "the lift emits weights from a conditioning batch; none was given")
            return lifted(raw, conditioning: conditioning!.detached, lift)
        }
        guard case .softplus(let scaled) = strategy else { return Array(raw.prefix(architecture.slots.count)) }
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

    /// The model with the current effective weights (untracked). Under the lift the emission is pinned to the
    /// summary of `conditioning` (the whole training set).
    public func model(conditioning: Tensor<Float>? = nil) -> Model<A> {
        Model(architecture, weights: effective(raw, conditioning: conditioning).map(\.detached))
    }

    /// W_k = softplus(Θ_k·s + b_k) with s the (standardised) mean over the batch of h_φ(x).
    private func lifted(
        _ raw: [Tensor<Float>],
        conditioning x: Tensor<Float>,
        _ lift: LiftConfiguration
    )
        -> [Tensor<Float>]
    {
        let slots = architecture.slots
        var k = slots.count
        var h = x
        for layer in 0..<lift.summaryWidths.count {
            h = linear(h, weight: raw[k], adding: raw[k + 1])
            if layer < lift.summaryWidths.count - 1 { h = h.relu() }
            k += 2
        }
        var summary = h.mean(alongAxes: [0], keepingDimensions: true)  // [1, S]
        if lift.standardizeSummary {
            let centred = summary - summary.mean()
            summary = centred / (centred.squared().mean() + 1e-6).squareRoot()
        }
        var out: [Tensor<Float>] = []
        for (j, slot) in slots.enumerated() {
            guard slot.isNonNegative else {
                out.append(raw[j])
                continue
            }
            let emitted = linear(summary, weight: raw[k]).reshaped(slot.shape)
            k += 1
            out.append((emitted + raw[j]).softplus())
        }
        return out
    }

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
