/// The fully input-convex network of Amos et al. (eq. 2) with input skips into every layer:
///
///     z₁ = g(W^y₀ x + b₀)  [+ (W^q x)² with a quadratic first layer]
///     z_{k+1} = g(W^z_k z_k + W^y_k x + b_k),   k = 1 … L−1
///     f(x) = w^z_L · z_L + w^y_L · x + b_L + (α/2)‖x‖²
///
/// Convex in every input when every W^z ≥ 0 and g is convex and non-decreasing (ReLU, leaky ReLU with slope in
/// [0, 1], softplus, τ-softplus). The quadratic first layer ("ICNNq") adds a convex term to z₁; α > 0 makes f
/// α-strongly convex.
public struct FICNN: Architecture, Codable, Hashable {
    /// How the initial weights are drawn.
    public enum Initialization: String, Sendable, Codable, CaseIterable {
        /// Hoedt–Klambauer for the non-negative W^z (log-normal, negative bias), LeCun for the first layer,
        /// N(0, 1/(4d)) for the input skips.
        case hoedtKlambauer
        /// PyTorch's `nn.Linear` default (uniform ±1/√fan-in), W^z clamped at 0.
        case pytorch
    }

    /// The input dimension d.
    public var inputs: Int
    /// The hidden widths (depth L = count).
    public var widths: [Int]
    /// The activation g.
    public var activation: Activation
    /// Whether z₁ gets the quadratic term (W^q x)² ("ICNNq").
    public var quadraticFirstLayer: Bool
    /// α ≥ 0: adds (α/2)‖x‖² to the output.
    public var strongConvexity: Float
    /// The initialiser.
    public var initialization: Initialization

    /// A FICNN.
    /// - Precondition: inputs ≥ 1, at least one hidden layer, positive widths, α ≥ 0.
    public init(
        inputs: Int,
        widths: [Int],
        activation: Activation = .softplus,
        quadraticFirstLayer: Bool = false,
        strongConvexity: Float = 0,
        initialization: Initialization = .hoedtKlambauer
    ) {
        precondition(
            inputs >= 1 && !widths.isEmpty && widths.allSatisfy { $0 >= 1 },
            "FICNN needs inputs ≥ 1 and positive widths, got \(inputs), \(widths)"
        )
        precondition(strongConvexity >= 0, "strong convexity α must be ≥ 0, got \(strongConvexity)")
        self.inputs = inputs
        self.widths = widths
        self.activation = activation
        self.quadraticFirstLayer = quadraticFirstLayer
        self.strongConvexity = strongConvexity
        self.initialization = initialization
    }

    public var inputCount: Int { inputs }
    public var convexInputs: [Int] { Array(0..<inputs) }
    public var isSmooth: Bool { activation.isSmooth }
    public var nonlinearities: [(name: String, violation: String?)] {
        [("activation \(activation)", activation.convexityViolation)]
    }

    public var slots: [ParameterSlot] {
        var s = [ParameterSlot("layers.0.wy", [widths[0], inputs]), ParameterSlot("layers.0.b", [widths[0]])]
        if quadraticFirstLayer { s.append(ParameterSlot("layers.0.wq", [widths[0], inputs])) }
        for k in 1..<widths.count {
            s += [
                ParameterSlot("layers.\(k).wz", [widths[k], widths[k - 1]], nonNegative: true),
                ParameterSlot("layers.\(k).wy", [widths[k], inputs]), ParameterSlot("layers.\(k).b", [widths[k]]),
            ]
        }
        s += [
            ParameterSlot("output.wz", [1, widths[widths.count - 1]], nonNegative: true),
            ParameterSlot("output.wy", [1, inputs]), ParameterSlot("output.b", [1]),
        ]
        return s
    }

    public func forward(_ x: Tensor<Float>, weights w: [Tensor<Float>]) -> Tensor<Float> {
        var i = 0
        func next() -> Tensor<Float> {
            defer { i += 1 }
            return w[i]
        }
        let wy0 = next(), b0 = next()
        var z = activation(linear(x, weight: wy0, adding: b0))
        if quadraticFirstLayer { z = z + linear(x, weight: next()).squared() }
        for _ in 1..<widths.count {
            let wz = next(), wy = next(), b = next()
            z = activation(linear(z, weight: wz, adding: linear(x, weight: wy, adding: b)))
        }
        let wz = next(), wy = next(), b = next()
        var f = linear(z, weight: wz, adding: linear(x, weight: wy, adding: b))
        if strongConvexity > 0 {
            f = f + x.squared().sum(alongAxes: [1], keepingDimensions: true) * (strongConvexity / 2)
        }
        return f
    }

    public func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        if initialization == .pytorch {
            // As nn.Linear(d, h) for the W^y layers with their biases (fan-in d), nn.Linear(h, h') for W^z.
            return slots.map { slot in
                let fanIn = slot.name.hasSuffix(".b") ? inputs : slot.fanIn
                let t = Initializers.pytorchUniform(slot.shape, fanIn: fanIn, using: &rng)
                return slot.isNonNegative ? t.clamped(min: 0) : t
            }
        }
        var w = [Initializers.lecunNormal([widths[0], inputs], using: &rng), Tensor(zeros: [widths[0]])]
        if quadraticFirstLayer { w.append(Initializers.skipNormal([widths[0], inputs], using: &rng)) }
        for k in 1..<widths.count {
            let (wz, bias) = Initializers.hoedtKlambauer(
                [widths[k], widths[k - 1]],
                inputMean: activation.gaussianMean,
                using: &rng
            )
            w += [
                wz, Initializers.skipNormal([widths[k], inputs], using: &rng),
                Tensor(repeating: bias, shape: [widths[k]]),
            ]
        }
        let (wz, bias) = Initializers.hoedtKlambauer(
            [1, widths[widths.count - 1]],
            inputMean: activation.gaussianMean,
            using: &rng
        )
        w += [wz, Initializers.skipNormal([1, inputs], using: &rng), Tensor(repeating: bias, shape: [1])]
        return w
    }
}
