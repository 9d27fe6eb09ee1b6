/// The partially input-convex network of Amos et al. (eq. 3): convex in the inputs y (`convexIn`), arbitrary in
/// the others x. An x-path u₀ = x, u_{i+1} = g̃(W̃_i u_i + b̃_i), and a y-path
///
///     z_{i+1} = g( W^z_i (z_i ∘ [W^{zu}_i u_i + b^z_i]₊) + W^y_i (y ∘ (W^{yu}_i u_i + b^y_i)) + W^u_i u_i + b_i )
///
/// for i = 0 … L (no z-term at i = 0, no activation at the output i = L), f(x, y) = z_{L+1}. Only W^z must be
/// ≥ 0: the [·]₊ gate keeps the multiplier of z_i non-negative, and g is convex and non-decreasing.
public struct PICNN: Architecture, Codable, Hashable {
    /// The number of input columns.
    public var inputs: Int
    /// The columns (indices) the output is convex in: y. The others are x.
    public var convexIn: [Int]
    /// The hidden widths of both paths (depth L = count).
    public var widths: [Int]
    /// The activation g of the y-path (and g̃ of the x-path).
    public var activation: Activation

    /// A PICNN.
    /// - Precondition: at least one convex and one non-convex column, distinct valid indices, positive widths.
    public init(inputs: Int, convexIn: [Int], widths: [Int], activation: Activation = .softplus) {
        precondition(!widths.isEmpty && widths.allSatisfy { $0 >= 1 }, "PICNN needs positive widths, got \(widths)")
        precondition(
            Set(convexIn).count == convexIn.count && convexIn.allSatisfy { (0..<inputs).contains($0) },
            "PICNN convex columns \(convexIn) must be distinct indices below \(inputs)"
        )
        precondition(
            !convexIn.isEmpty && convexIn.count < inputs,
            "PICNN needs at least one convex and one non-convex column (convex: \(convexIn) of \(inputs))"
        )
        self.inputs = inputs
        self.convexIn = convexIn.sorted()
        self.widths = widths
        self.activation = activation
    }

    /// The non-convex columns x.
    public var otherInputs: [Int] { (0..<inputs).filter { !convexIn.contains($0) } }

    public var inputCount: Int { inputs }
    public var convexInputs: [Int] { convexIn }
    public var isSmooth: Bool { activation.isSmooth }
    public var nonlinearities: [(name: String, violation: String?)] {
        [("activation \(activation)", activation.convexityViolation)]
    }

    /// Widths of z_{i+1} for i = 0 … L (the last is the scalar output).
    private var zWidths: [Int] { widths + [1] }
    /// Widths of u_i for i = 0 … L.
    private var uWidths: [Int] { [otherInputs.count] + widths }

    public var slots: [ParameterSlot] {
        let dy = convexIn.count
        var s: [ParameterSlot] = []
        for i in 0..<widths.count {
            s += [
                ParameterSlot("u.\(i).weight", [uWidths[i + 1], uWidths[i]]),
                ParameterSlot("u.\(i).bias", [uWidths[i + 1]]),
            ]
        }
        for i in 0...widths.count {
            let (n, m) = (zWidths[i], uWidths[i])
            if i > 0 {
                s += [
                    ParameterSlot("z.\(i).wz", [n, zWidths[i - 1]], nonNegative: true),
                    ParameterSlot("z.\(i).wzu", [zWidths[i - 1], m]), ParameterSlot("z.\(i).bz", [zWidths[i - 1]]),
                ]
            }
            s += [
                ParameterSlot("z.\(i).wy", [n, dy]), ParameterSlot("z.\(i).wyu", [dy, m]),
                ParameterSlot("z.\(i).by", [dy]),
                ParameterSlot("z.\(i).wu", [n, m]), ParameterSlot("z.\(i).b", [n]),
            ]
        }
        return s
    }

    public func forward(_ input: Tensor<Float>, weights w: [Tensor<Float>]) -> Tensor<Float> {
        let x = Self.columns(input, otherInputs), y = Self.columns(input, convexIn)
        let L = widths.count
        var u = [x]
        for i in 0..<L { u.append(activation(linear(u[i], weight: w[2 * i], adding: w[2 * i + 1]))) }
        var k = 2 * L
        func next() -> Tensor<Float> {
            defer { k += 1 }
            return w[k]
        }
        var z: Tensor<Float>? = nil
        for i in 0...L {
            let (wz, wzu, bz): (Tensor<Float>?, Tensor<Float>?, Tensor<Float>?) =
                i > 0 ? (next(), next(), next()) : (nil, nil, nil)
            let wy = next(), wyu = next(), by = next(), wu = next(), b = next()
            var pre = linear(
                y * linear(u[i], weight: wyu, adding: by),
                weight: wy,
                adding: linear(u[i], weight: wu, adding: b)
            )
            if let z, let wz, let wzu, let bz {
                pre = linear(z * linear(u[i], weight: wzu, adding: bz).relu(), weight: wz, adding: pre)
            }
            z = i < L ? activation(pre) : pre
        }
        return z!
    }

    /// LeCun normal for every free weight, Hoedt–Klambauer for W^z (with its bias), zero biases, and the
    /// multiplicative gates' biases at 1 so that the gates start open (y ∘ 1, z ∘ [1]₊).
    public func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        var w: [Tensor<Float>] = []
        for slot in slots {
            let name = slot.name.split(separator: ".").last.map(String.init) ?? ""
            switch name {
            case "wz":
                let (weight, _) = Initializers.hoedtKlambauer(slot.shape, using: &rng)
                w.append(weight)
            case "bz", "by": w.append(Tensor(ones: slot.shape))
            case "bias", "b": w.append(Tensor(zeros: slot.shape))
            case "wzu", "wyu":  // gate weights start small, so the gates begin near their bias (open)
                w.append(Initializers.lecunNormal(slot.shape, using: &rng) * 0.1)
            default: w.append(Initializers.lecunNormal(slot.shape, using: &rng))
            }
        }
        return w
    }

    /// The given columns of a [B, n] batch, as [B, columns.count] (differentiable: a concatenation of slices).
    static func columns(_ t: Tensor<Float>, _ columns: [Int]) -> Tensor<Float> {
        // Runs of consecutive columns become one slice each.
        var parts: [Tensor<Float>] = []
        var start = 0
        while start < columns.count {
            var end = start + 1
            while end < columns.count && columns[end] == columns[end - 1] + 1 { end += 1 }
            parts.append(t.sliced(axis: 1, start: columns[start], length: end - start))
            start = end
        }
        return parts.count == 1 ? parts[0] : Tensor.concatenate(parts, axis: 1)
    }
}
