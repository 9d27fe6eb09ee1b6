/// A plain ReLU multilayer perceptron in Double, the object the exact convexity check works on:
///
///     h₀ = x,   h_l = relu(W_l h_{l−1} + b_l)  (l = 1 … L),   f(x) = w_out · h_L + b_out
///
/// `layers` holds the L hidden layers followed by the scalar output layer. A network with no hidden layer is
/// affine. Weights are row-major [outputs, inputs], as in PyTorch's `nn.Linear`.
public struct ReLUNetwork: Sendable, Hashable {
    /// One affine layer y = W x + b.
    public struct Layer: Sendable, Hashable {
        /// Input width.
        public var inputs: Int
        /// Output width.
        public var outputs: Int
        /// W, row-major [outputs, inputs].
        public var weight: [Double]
        /// b, [outputs].
        public var bias: [Double]

        /// A layer.
        /// - Precondition: `weight.count == outputs·inputs`, `bias.count == outputs`, positive sizes.
        public init(inputs: Int, outputs: Int, weight: [Double], bias: [Double]) {
            precondition(inputs >= 1 && outputs >= 1, "layer sizes must be positive, got \(outputs)×\(inputs)")
            precondition(
                weight.count == inputs * outputs,
                "weight has \(weight.count) entries, want \(outputs)×\(inputs)"
            )
            precondition(bias.count == outputs, "bias has \(bias.count) entries, want \(outputs)")
            self.inputs = inputs
            self.outputs = outputs
            self.weight = weight
            self.bias = bias
        }

        /// W[row, column].
        @inlinable public subscript(row: Int, column: Int) -> Double { weight[row * inputs + column] }
    }

    /// The hidden layers, then the output layer (outputs = 1).
    public var layers: [Layer]

    /// A network from its layers.
    /// - Precondition: at least one layer, consecutive sizes chain, the last layer has one output.
    public init(layers: [Layer]) {
        precondition(!layers.isEmpty, "a network needs at least its output layer")
        for (a, b) in zip(layers, layers.dropFirst()) {
            precondition(a.outputs == b.inputs, "layer sizes do not chain: \(a.outputs) → \(b.inputs)")
        }
        precondition(layers[layers.count - 1].outputs == 1, "the output layer must have one output")
        self.layers = layers
    }

    /// The input dimension d.
    public var inputCount: Int { layers[0].inputs }
    /// The hidden layers' widths.
    public var hiddenWidths: [Int] { layers.dropLast().map(\.outputs) }
    /// The number of hidden neurons.
    public var neuronCount: Int { hiddenWidths.reduce(0, +) }
    /// The output layer.
    public var outputLayer: Layer { layers[layers.count - 1] }

    /// f(x) in Double.
    /// - Precondition: `x.count == inputCount`.
    public func callAsFunction(_ x: [Double]) -> Double { evaluate(x).value }

    /// f(x) and a bound on its rounding error: |computed − exact| ≤ `errorBound` (a standard forward error
    /// bound, γ_n·|W||h| summed over the layers, computed alongside).
    /// - Precondition: `x.count == inputCount`.
    public func evaluate(_ x: [Double]) -> (value: Double, errorBound: Double) {
        precondition(x.count == inputCount, "point has \(x.count) coordinates, network wants \(inputCount)")
        var h = x
        var error = [Double](repeating: 0, count: x.count)
        for (index, layer) in layers.enumerated() {
            var next = [Double](repeating: 0, count: layer.outputs)
            var nextError = next
            let gamma = Double(layer.inputs + 2) * Double.ulpOfOne
            for i in 0..<layer.outputs {
                var s = layer.bias[i]
                var magnitude = abs(s)
                var propagated = 0.0
                for j in 0..<layer.inputs {
                    let w = layer.weight[i * layer.inputs + j]
                    s += w * h[j]
                    magnitude += abs(w * h[j])
                    propagated += abs(w) * error[j]
                }
                let isHidden = index < layers.count - 1
                next[i] = isHidden ? max(s, 0) : s
                nextError[i] = gamma * magnitude + propagated
            }
            h = next
            error = nextError
        }
        return (h[0], error[0] * (1 + 1e-10) + Double.leastNonzeroMagnitude)
    }

    /// Whether every hidden-to-hidden and output weight is ≥ 0: then f is a ReLU ICNN (Amos et al. Prop. 1)
    /// and convex on all of R^d. Returns the first negative weight otherwise.
    public var firstNonICNNWeight: (layer: Int, row: Int, column: Int, value: Double)? {
        for l in 1..<layers.count {
            let layer = layers[l]
            for r in 0..<layer.outputs {
                for c in 0..<layer.inputs where !(layer[r, c] >= 0) {
                    return (l, r, c, layer[r, c])
                }
            }
        }
        return nil
    }

    /// The network g(x) = s_y·f((x − m)/s) + m_y: an affine change of input and output variables folded into
    /// the first and last layers (how a model file's standardisation is made part of the network).
    /// - Precondition: one mean and one non-zero scale per input.
    public func composed(
        inputMean m: [Double],
        inputScale s: [Double],
        outputMean my: Double,
        outputScale sy: Double
    )
        -> ReLUNetwork
    {
        precondition(m.count == inputCount && s.count == inputCount && s.allSatisfy { $0 != 0 }, "bad standardisation")
        var layers = self.layers
        var first = layers[0]
        for r in 0..<first.outputs {
            var shift = 0.0
            for c in 0..<first.inputs {
                let w = first.weight[r * first.inputs + c] / s[c]
                first.weight[r * first.inputs + c] = w
                shift += w * m[c]
            }
            first.bias[r] -= shift
        }
        layers[0] = first
        var last = layers[layers.count - 1]
        last.weight = last.weight.map { $0 * sy }
        last.bias = [last.bias[0] * sy + my]
        layers[layers.count - 1] = last
        return ReLUNetwork(layers: layers)
    }
}
