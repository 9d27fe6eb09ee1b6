/// The hyper input-convex network (HyCNN, papers.md §2): two-lane maxout blocks with input skips into both lanes,
///
///     z₁ = σ̄(W¹₀ x + b¹₀, W²₀ x + b²₀)
///     z_{ℓ+1} = σ̄(V¹_ℓ z_ℓ + W¹_ℓ x + b¹_ℓ, V²_ℓ z_ℓ + W²_ℓ x + b²_ℓ)
///     f(x) = v_L · z_L + w_L · x + b_L
///
/// with V¹, V², v_L ≥ 0 and the gate σ̄ = max (piecewise affine) or τ-log-sum-exp (smooth). Convex in every input.
/// Without the input skips (W x for ℓ ≥ 1 and in the output) it is a GroupMax network.
public struct HyCNN: Architecture, Codable, Hashable {
    /// The input dimension d.
    public var inputs: Int
    /// The block widths (depth L = count).
    public var widths: [Int]
    /// The two-lane gate σ̄.
    public var gate: Gate
    /// Whether blocks after the first (and the output) see the input x; false gives GroupMax.
    public var inputSkips: Bool

    /// A HyCNN (or, with `inputSkips: false`, a GroupMax network).
    /// - Precondition: inputs ≥ 1, at least one block, positive widths.
    public init(inputs: Int, widths: [Int], gate: Gate = .max, inputSkips: Bool = true) {
        precondition(
            inputs >= 1 && !widths.isEmpty && widths.allSatisfy { $0 >= 1 },
            "HyCNN needs inputs ≥ 1 and positive widths, got \(inputs), \(widths)"
        )
        self.inputs = inputs
        self.widths = widths
        self.gate = gate
        self.inputSkips = inputSkips
    }

    /// A GroupMax network: a HyCNN without input skips.
    public static func groupMax(inputs: Int, widths: [Int], gate: Gate = .max) -> HyCNN {
        HyCNN(inputs: inputs, widths: widths, gate: gate, inputSkips: false)
    }

    public var inputCount: Int { inputs }
    public var convexInputs: [Int] { Array(0..<inputs) }
    public var isSmooth: Bool { gate.isSmooth }
    public var nonlinearities: [(name: String, violation: String?)] { [("gate \(gate)", gate.convexityViolation)] }

    public var slots: [ParameterSlot] {
        var s: [ParameterSlot] = []
        for (l, h) in widths.enumerated() {
            for lane in 1...2 {
                if l > 0 { s.append(ParameterSlot("blocks.\(l).v\(lane)", [h, widths[l - 1]], nonNegative: true)) }
                if l == 0 || inputSkips { s.append(ParameterSlot("blocks.\(l).w\(lane)", [h, inputs])) }
                s.append(ParameterSlot("blocks.\(l).b\(lane)", [h]))
            }
        }
        s.append(ParameterSlot("output.v", [1, widths[widths.count - 1]], nonNegative: true))
        if inputSkips { s.append(ParameterSlot("output.w", [1, inputs])) }
        s.append(ParameterSlot("output.b", [1]))
        return s
    }

    public func forward(_ x: Tensor<Float>, weights w: [Tensor<Float>]) -> Tensor<Float> {
        var i = 0
        func next() -> Tensor<Float> {
            defer { i += 1 }
            return w[i]
        }
        var z: Tensor<Float>? = nil
        for l in widths.indices {
            var lanes: [Tensor<Float>] = []
            for _ in 1...2 {
                let v = l > 0 ? next() : nil
                let wx = l == 0 || inputSkips ? next() : nil
                let b = next()
                var pre = wx.map { linear(x, weight: $0, adding: b) } ?? b
                if let v, let z { pre = linear(z, weight: v, adding: pre) }
                lanes.append(pre)
            }
            z = gate(lanes[0], lanes[1])
        }
        let v = next()
        let wx = inputSkips ? next() : nil
        let b = next()
        let addend = wx.map { linear(x, weight: $0, adding: b) } ?? b
        return linear(z!, weight: v, adding: addend)
    }

    /// The HyCNN initialisation (papers.md §2): first block LeCun N(0, 1/d) with zero biases; later lanes
    /// log-normal V (mean √(1/(n² + (1 − 1/π)n)), variance 1/(4n)), skips N(0, 1/(4d)), bias −√(n/(2πn + 2π − 2)).
    public func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        var w: [Tensor<Float>] = []
        for (l, h) in widths.enumerated() {
            for _ in 1...2 {
                if l == 0 {
                    w += [Initializers.lecunNormal([h, inputs], using: &rng), Tensor(zeros: [h])]
                    continue
                }
                let (v, bias) = Initializers.hycnnLane([h, widths[l - 1]], using: &rng)
                w.append(v)
                if inputSkips { w.append(Initializers.skipNormal([h, inputs], using: &rng)) }
                w.append(Tensor(repeating: bias, shape: [h]))
            }
        }
        let (v, bias) = Initializers.hycnnLane([1, widths[widths.count - 1]], using: &rng)
        w.append(v)
        if inputSkips { w.append(Initializers.skipNormal([1, inputs], using: &rng)) }
        w.append(Tensor(repeating: bias, shape: [1]))
        return w
    }
}
