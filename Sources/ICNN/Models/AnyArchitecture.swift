/// Any of the library's architectures: the closed set a model file or the command line can name.
public enum AnyArchitecture: Architecture, Codable, Hashable {
    case ficnn(FICNN)
    case picnn(PICNN)
    case hycnn(HyCNN)
    case mlp(MLP)
    case convolutionalFICNN(ConvolutionalFICNN)
    case convolutionalPICNN(ConvolutionalPICNN)

    /// The name used on the command line and in `icnn info`: ficnn, icnnq, picnn, hycnn, groupmax, mlp,
    /// conv-ficnn, conv-picnn.
    public var kind: String {
        switch self {
        case .ficnn(let a): a.quadraticFirstLayer ? "icnnq" : "ficnn"
        case .picnn: "picnn"
        case .hycnn(let a): a.inputSkips ? "hycnn" : "groupmax"
        case .mlp: "mlp"
        case .convolutionalFICNN: "conv-ficnn"
        case .convolutionalPICNN: "conv-picnn"
        }
    }

    private var base: any Architecture {
        switch self {
        case .ficnn(let a): a
        case .picnn(let a): a
        case .hycnn(let a): a
        case .mlp(let a): a
        case .convolutionalFICNN(let a): a
        case .convolutionalPICNN(let a): a
        }
    }

    public var inputCount: Int { base.inputCount }
    public var convexInputs: [Int] { base.convexInputs }
    public var slots: [ParameterSlot] { base.slots }
    public var nonlinearities: [(name: String, violation: String?)] { base.nonlinearities }
    public var isSmooth: Bool { base.isSmooth }

    public func forward(_ x: Tensor<Float>, weights: [Tensor<Float>]) -> Tensor<Float> {
        switch self {
        case .ficnn(let a): a.forward(x, weights: weights)
        case .picnn(let a): a.forward(x, weights: weights)
        case .hycnn(let a): a.forward(x, weights: weights)
        case .mlp(let a): a.forward(x, weights: weights)
        case .convolutionalFICNN(let a): a.forward(x, weights: weights)
        case .convolutionalPICNN(let a): a.forward(x, weights: weights)
        }
    }

    public func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        switch self {
        case .ficnn(let a): a.initialWeights(using: &rng)
        case .picnn(let a): a.initialWeights(using: &rng)
        case .hycnn(let a): a.initialWeights(using: &rng)
        case .mlp(let a): a.initialWeights(using: &rng)
        case .convolutionalFICNN(let a): a.initialWeights(using: &rng)
        case .convolutionalPICNN(let a): a.initialWeights(using: &rng)
        }
    }
}
