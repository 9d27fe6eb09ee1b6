/// One tensor of a model: its stable name in the model file, its shape, and whether its effective value must be
/// non-negative for the model to be convex (the z-path weights of an ICNN).
public struct ParameterSlot: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name under which the effective tensor is saved (e.g. "layers.2.wz").
    public var name: String
    /// The tensor's shape; weights are [out, in].
    public var shape: [Int]
    /// Whether the effective value must be ≥ 0 elementwise.
    public var isNonNegative: Bool
    /// The number of inputs each output row sums over (the last extent), used by fan-in scaled strategies.
    public var fanIn: Int { shape.last ?? 1 }

    /// A slot.
    public init(_ name: String, _ shape: [Int], nonNegative: Bool = false) {
        self.name = name
        self.shape = shape
        self.isNonNegative = nonNegative
    }

    public var description: String { "\(name) \(shape)\(isNonNegative ? " ≥ 0" : "")" }
}
