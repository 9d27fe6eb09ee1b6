/// A convolutional fully input-convex network (Amos et al. §3 with convolutions in place of dense layers) for
/// small images stored channels-last, x ∈ R^{H·W·C} (entry (h·W + w)·C + c):
///
///     z₁ = g(W^y₀ ⋆ x + b₀)
///     z_{k+1} = g(W^z_k ⋆ z_k + W^y_k ⋆ x + b_k),   k = 1 … L−1
///     f(x) = w^z_L · z_L + w^y_L · x + b_L
///
/// where ⋆ is a stride-1 "same" convolution (k × k kernel, padding ⌊k/2⌋, so every map is H × W) and the output
/// layer is dense over the flattened maps. Convex in every pixel when every W^z and w^z_L is ≥ 0 (a convolution
/// with a non-negative kernel is a non-negative linear map) and g is convex and non-decreasing.
public struct ConvolutionalFICNN: Architecture, Codable, Hashable {
    /// The image height H.
    public var height: Int
    /// The image width W.
    public var width: Int
    /// The image channels C.
    public var channels: Int
    /// The channels of each hidden map (depth L = count).
    public var filters: [Int]
    /// The odd kernel side k.
    public var kernel: Int
    /// The activation g.
    public var activation: Activation

    /// A convolutional FICNN.
    /// - Precondition: positive sizes and filters, at least one layer, an odd kernel.
    public init(
        height: Int,
        width: Int,
        channels: Int = 1,
        filters: [Int],
        kernel: Int = 3,
        activation: Activation = .softplus
    ) {
        precondition(
            height >= 1 && width >= 1 && channels >= 1 && !filters.isEmpty && filters.allSatisfy { $0 >= 1 },
            "convolutional FICNN needs positive sizes and filters, got \(height)×\(width)×\(channels), \(filters)"
        )
        precondition(kernel >= 1 && kernel % 2 == 1, "convolutional FICNN needs an odd kernel, got \(kernel)")
        self.height = height
        self.width = width
        self.channels = channels
        self.filters = filters
        self.kernel = kernel
        self.activation = activation
    }

    /// The geometry of a same-size convolution over maps with `c` channels.
    func geometry(_ c: Int) -> Convolution2D {
        Convolution2D(height: height, width: width, channels: c, kernel: kernel, padding: kernel / 2)
    }

    var pixels: Int { height * width }

    public var inputCount: Int { pixels * channels }
    public var convexInputs: [Int] { Array(0..<inputCount) }
    public var isSmooth: Bool { activation.isSmooth }
    public var nonlinearities: [(name: String, violation: String?)] {
        [("activation \(activation)", activation.convexityViolation)]
    }

    public var slots: [ParameterSlot] {
        let patch = kernel * kernel
        var s = [
            ParameterSlot("layers.0.wy", [filters[0], patch * channels]), ParameterSlot("layers.0.b", [filters[0]]),
        ]
        for k in 1..<filters.count {
            s += [
                ParameterSlot("layers.\(k).wz", [filters[k], patch * filters[k - 1]], nonNegative: true),
                ParameterSlot("layers.\(k).wy", [filters[k], patch * channels]),
                ParameterSlot("layers.\(k).b", [filters[k]]),
            ]
        }
        s += [
            ParameterSlot("output.wz", [1, pixels * filters[filters.count - 1]], nonNegative: true),
            ParameterSlot("output.wy", [1, inputCount]), ParameterSlot("output.b", [1]),
        ]
        return s
    }

    public func forward(_ x: Tensor<Float>, weights w: [Tensor<Float>]) -> Tensor<Float> {
        let input = geometry(channels)
        var z = activation(convolution(x, weight: w[0], geometry: input, adding: w[1]))
        var i = 2
        for k in 1..<filters.count {
            let skip = convolution(x, weight: w[i + 1], geometry: input, adding: w[i + 2]).reshaped([-1, filters[k]])
            z = activation(convolution(z, weight: w[i], geometry: geometry(filters[k - 1]), adding: skip))
            i += 3
        }
        return linear(z, weight: w[i], adding: linear(x, weight: w[i + 1], adding: w[i + 2]))
    }

    /// Hoedt–Klambauer for the non-negative kernels (fan-in k²·C_{k−1}) and the output, LeCun for the first layer,
    /// N(0, 1/(4·fan-in)) for the input skips.
    public func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        let patch = kernel * kernel
        var w = [Initializers.lecunNormal([filters[0], patch * channels], using: &rng), Tensor(zeros: [filters[0]])]
        for k in 1..<filters.count {
            let (wz, bias) = Initializers.hoedtKlambauer(
                [filters[k], patch * filters[k - 1]],
                inputMean: activation.gaussianMean,
                using: &rng
            )
            w += [
                wz, Initializers.skipNormal([filters[k], patch * channels], using: &rng),
                Tensor(repeating: bias, shape: [filters[k]]),
            ]
        }
        let (wz, bias) = Initializers.hoedtKlambauer(
            [1, pixels * filters[filters.count - 1]],
            inputMean: activation.gaussianMean,
            using: &rng
        )
        w += [wz, Initializers.skipNormal([1, inputCount], using: &rng), Tensor(repeating: bias, shape: [1])]
        return w
    }
}
