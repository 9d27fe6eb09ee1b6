/// A convolutional partially input-convex network (Amos et al. eq. 3 with convolutions) for small images stored
/// channels-last, convex in a chosen set of pixels y (e.g. the missing half in image completion) and arbitrary in
/// the others x. Both are kept as whole images: x̃ = m ∘ image (the known pixels, the others zeroed) and
/// ỹ = (1 − m) ∘ image, so every map stays H × W:
///
///     u₀ = x̃,  u_{i+1} = g̃(W̃_i ⋆ u_i + b̃_i)
///     z_{i+1} = g( W^z_i ⋆ (z_i ∘ [W^{zu}_i ⋆ u_i + b^z_i]₊) + W^y_i ⋆ (ỹ ∘ (W^{yu}_i ⋆ u_i + b^y_i))
///                  + W^u_i ⋆ u_i + b_i )
///
/// for i = 0 … L (no z-term at i = 0), with ⋆ a stride-1 "same" convolution (k × k, padding ⌊k/2⌋), except at the
/// output i = L, where W^z_L, W^y_L, W^u_L are dense over the flattened maps and there is no activation.
/// Convex in y when every W^z ≥ 0 and g is convex and non-decreasing: ỹ enters linearly, and the [·]₊ gate keeps
/// the multiplier of z_i non-negative.
public struct ConvolutionalPICNN: Architecture, Codable, Hashable {
    /// The image height H.
    public var height: Int
    /// The image width W.
    public var width: Int
    /// The image channels C.
    public var channels: Int
    /// The input columns (entries (h·W + w)·C + c) the output is convex in: y. The others are x.
    public var convexIn: [Int]
    /// The channels of the hidden maps of both paths (depth L = count).
    public var filters: [Int]
    /// The odd kernel side k.
    public var kernel: Int
    /// The activation g of the y-path (and g̃ of the x-path).
    public var activation: Activation

    /// A convolutional PICNN.
    /// - Precondition: positive sizes and filters, an odd kernel, at least one convex and one other column,
    ///   distinct valid convex columns.
    public init(
        height: Int,
        width: Int,
        channels: Int = 1,
        convexIn: [Int],
        filters: [Int],
        kernel: Int = 3,
        activation: Activation = .softplus
    ) {
        precondition(
            height >= 1 && width >= 1 && channels >= 1 && !filters.isEmpty && filters.allSatisfy { $0 >= 1 },
            "convolutional PICNN needs positive sizes and filters, got \(height)×\(width)×\(channels), \(filters)"
        )
        precondition(kernel >= 1 && kernel % 2 == 1, "convolutional PICNN needs an odd kernel, got \(kernel)")
        let n = height * width * channels
        precondition(
            Set(convexIn).count == convexIn.count && convexIn.allSatisfy { (0..<n).contains($0) }
                && !convexIn.isEmpty && convexIn.count < n,
            "convolutional PICNN convex columns must be distinct indices below \(n), some but not all of them"
        )
        self.height = height
        self.width = width
        self.channels = channels
        self.convexIn = convexIn.sorted()
        self.filters = filters
        self.kernel = kernel
        self.activation = activation
    }

    func geometry(_ c: Int) -> Convolution2D {
        Convolution2D(height: height, width: width, channels: c, kernel: kernel, padding: kernel / 2)
    }

    var pixels: Int { height * width }
    /// Channels of u_i for i = 0 … L.
    var uChannels: [Int] { [channels] + filters }

    public var inputCount: Int { pixels * channels }
    public var convexInputs: [Int] { convexIn }
    public var isSmooth: Bool { activation.isSmooth }
    public var nonlinearities: [(name: String, violation: String?)] {
        [("activation \(activation)", activation.convexityViolation)]
    }

    public var slots: [ParameterSlot] {
        let patch = kernel * kernel, L = filters.count
        var s: [ParameterSlot] = []
        for i in 0..<L {
            s += [
                ParameterSlot("u.\(i).weight", [filters[i], patch * uChannels[i]]),
                ParameterSlot("u.\(i).bias", [filters[i]]),
            ]
        }
        for i in 0...L {
            let cu = uChannels[i]
            // Convolutions into the next map, or dense rows into the scalar output.
            let (out, zIn, yIn, uIn) =
                i < L
                ? (filters[i], patch * (i > 0 ? filters[i - 1] : 0), patch * channels, patch * cu)
                : (1, pixels * filters[L - 1], pixels * channels, pixels * cu)
            if i > 0 {
                s += [
                    ParameterSlot("z.\(i).wz", [out, zIn], nonNegative: true),
                    ParameterSlot("z.\(i).wzu", [filters[i - 1], patch * cu]),
                    ParameterSlot("z.\(i).bz", [filters[i - 1]]),
                ]
            }
            s += [
                ParameterSlot("z.\(i).wy", [out, yIn]), ParameterSlot("z.\(i).wyu", [channels, patch * cu]),
                ParameterSlot("z.\(i).by", [channels]),
                ParameterSlot("z.\(i).wu", [out, uIn]), ParameterSlot("z.\(i).b", [out]),
            ]
        }
        return s
    }

    /// The 0/1 mask of the convex columns, [inputCount].
    var convexMask: Tensor<Float> {
        var m = [Float](repeating: 0, count: inputCount)
        for c in convexIn { m[c] = 1 }
        return Tensor(m)
    }

    public func forward(_ input: Tensor<Float>, weights w: [Tensor<Float>]) -> Tensor<Float> {
        let mask = convexMask
        let y = input * mask, x = input * (1 - mask)
        let L = filters.count
        var u = [x]
        for i in 0..<L {
            let g = geometry(uChannels[i])
            u.append(activation(convolution(u[i], weight: w[2 * i], geometry: g, adding: w[2 * i + 1])))
        }
        var k = 2 * L
        func next() -> Tensor<Float> {
            defer { k += 1 }
            return w[k]
        }
        /// Layer i's gated inputs: ỹ ∘ (W^{yu} ⋆ u_i + b^y) and, past the first layer, z_i ∘ [W^{zu} ⋆ u_i + b^z]₊
        /// with its W^z; then the remaining weights W^y, W^u, b.
        func layer(
            _ i: Int,
            _ z: Tensor<Float>?
        ) -> (
            z: (Tensor<Float>, Tensor<Float>)?, y: Tensor<Float>, wy: Tensor<Float>, wu: Tensor<Float>, b: Tensor<Float>
        ) {
            let ug = geometry(uChannels[i])
            var gatedZ: (Tensor<Float>, Tensor<Float>)? = nil
            if let z {
                let wz = next(), wzu = next(), bz = next()
                gatedZ = (z * convolution(u[i], weight: wzu, geometry: ug, adding: bz).relu(), wz)
            }
            let wy = next(), wyu = next(), by = next(), wu = next(), b = next()
            return (gatedZ, y * convolution(u[i], weight: wyu, geometry: ug, adding: by), wy, wu, b)
        }
        var z: Tensor<Float>? = nil
        for i in 0..<L {
            let l = layer(i, z), out = filters[i]
            var pre = convolution(u[i], weight: l.wu, geometry: geometry(uChannels[i]), adding: l.b)
            pre = convolution(l.y, weight: l.wy, geometry: geometry(channels), adding: pre.reshaped([-1, out]))
            if let (gated, wz) = l.z {
                pre = convolution(
                    gated,
                    weight: wz,
                    geometry: geometry(filters[i - 1]),
                    adding: pre.reshaped([-1, out])
                )
            }
            z = activation(pre)
        }
        let l = layer(L, z)
        let f = linear(l.y, weight: l.wy, adding: linear(u[L], weight: l.wu, adding: l.b))
        guard let (gated, wz) = l.z else { return f }
        return linear(gated, weight: wz, adding: f)
    }

    /// As `PICNN`: LeCun normal for free weights, Hoedt–Klambauer for W^z, zero biases, and the gates' biases at
    /// 1 with small gate weights, so the gates start open.
    public func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        slots.map { slot in
            switch slot.name.split(separator: ".").last.map(String.init) ?? "" {
            case "wz": Initializers.hoedtKlambauer(slot.shape, using: &rng).weight
            case "bz", "by": Tensor(ones: slot.shape)
            case "bias", "b": Tensor(zeros: slot.shape)
            case "wzu", "wyu": Initializers.lecunNormal(slot.shape, using: &rng) * 0.1
            default: Initializers.lecunNormal(slot.shape, using: &rng)
            }
        }
    }
}
