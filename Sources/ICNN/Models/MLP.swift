/// The unconstrained baseline: a ReLU multilayer perceptron f(x) = w_L · relu(… relu(W₀ x + b₀) …) + b_L.
/// Not convex in general (no convex inputs; its certificate never holds).
public struct MLP: Architecture, Codable, Hashable {
    /// The input dimension.
    public var inputs: Int
    /// The hidden widths.
    public var widths: [Int]

    /// An MLP.
    /// - Precondition: inputs ≥ 1, at least one hidden layer, positive widths.
    public init(inputs: Int, widths: [Int]) {
        precondition(
            inputs >= 1 && !widths.isEmpty && widths.allSatisfy { $0 >= 1 },
            "MLP needs inputs ≥ 1 and positive widths, got \(inputs), \(widths)"
        )
        self.inputs = inputs
        self.widths = widths
    }

    public var inputCount: Int { inputs }
    public var convexInputs: [Int] { [] }
    public var isSmooth: Bool { false }
    public var nonlinearities: [(name: String, violation: String?)] { [] }

    public var slots: [ParameterSlot] {
        let sizes = [inputs] + widths + [1]
        return (0..<(sizes.count - 1)).flatMap { k in
            [
                ParameterSlot("layers.\(k).weight", [sizes[k + 1], sizes[k]]),
                ParameterSlot("layers.\(k).bias", [sizes[k + 1]]),
            ]
        }
    }

    public func forward(_ x: Tensor<Float>, weights w: [Tensor<Float>]) -> Tensor<Float> {
        var h = x
        let layers = w.count / 2
        for k in 0..<layers {
            h = linear(h, weight: w[2 * k], adding: w[2 * k + 1])
            if k < layers - 1 { h = h.relu() }
        }
        return h
    }

    /// Kaiming normal for the hidden layers, LeCun normal for the output, zero biases.
    public func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        let sizes = [inputs] + widths + [1]
        return (0..<(sizes.count - 1)).flatMap { k -> [Tensor<Float>] in
            let shape = [sizes[k + 1], sizes[k]]
            let weight =
                k < sizes.count - 2
                ? Initializers.kaimingNormal(shape, using: &rng)
                : Initializers.lecunNormal(shape, using: &rng)
            return [weight, Tensor(zeros: [sizes[k + 1]])]
        }
    }
}
