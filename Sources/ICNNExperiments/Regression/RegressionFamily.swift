import ICNN

/// The four model families of the regression study (papers.md §2), each at its paper width.
public enum RegressionFamily: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// ReLU multilayer perceptron, width 64 (not convex).
    case mlp
    /// FICNN with ReLU, input skips and the Hoedt–Klambauer initialisation, width 64.
    case icnn
    /// Two-lane max blocks without input skips (a HyCNN without W x), HyCNN initialisation, width 48.
    case groupmax
    /// Two-lane max blocks with input skips, HyCNN initialisation, width 48.
    case hycnn

    /// The name in tables and plots.
    public var displayName: String {
        switch self {
        case .mlp: "MLP"
        case .icnn: "ICNN"
        case .groupmax: "GroupMax"
        case .hycnn: "HyCNN"
        }
    }

    /// The paper's width: 64 for MLP and ICNN, 48 for GroupMax and HyCNN.
    public var paperWidth: Int {
        switch self {
        case .mlp, .icnn: 64
        case .groupmax, .hycnn: 48
        }
    }

    /// Whether the family is convex by construction.
    public var isConvex: Bool { self != .mlp }

    public var description: String { rawValue }

    /// The architecture with `depth` hidden layers (blocks) of `width` units on `inputs` inputs.
    /// - Precondition: inputs, width, depth ≥ 1.
    public func architecture(inputs: Int, width: Int, depth: Int) -> AnyArchitecture {
        precondition(inputs >= 1 && width >= 1 && depth >= 1, "bad size d \(inputs), width \(width), depth \(depth)")
        let widths = Array(repeating: width, count: depth)
        switch self {
        case .mlp: return .mlp(MLP(inputs: inputs, widths: widths))
        case .icnn:
            return .ficnn(FICNN(inputs: inputs, widths: widths, activation: .relu, initialization: .hoedtKlambauer))
        case .groupmax: return .hycnn(.groupMax(inputs: inputs, widths: widths))
        case .hycnn: return .hycnn(HyCNN(inputs: inputs, widths: widths))
        }
    }
}
