/// A structural proof that a model is convex in its convex inputs: every constrained tensor is non-negative in
/// its effective value, and every nonlinearity on the convex path is convex and non-decreasing (Amos et al.
/// Prop. 1; HyCNN §2). When it fails it says which tensor and which entry, or which nonlinearity.
public struct ConvexityCertificate: Sendable, CustomStringConvertible {
    /// One reason the certificate fails.
    public enum Failure: Sendable, Hashable, CustomStringConvertible {
        /// A constrained tensor has a negative (or NaN) entry.
        case negativeWeight(slot: String, index: [Int], value: Float)
        /// A nonlinearity is not convex and non-decreasing.
        case nonlinearity(name: String, reason: String)

        public var description: String {
            switch self {
            case .negativeWeight(let slot, let index, let value):
                "\(slot)\(index) = \(value) < 0 (must be non-negative)"
            case .nonlinearity(let name, let reason): "\(name): \(reason)"
            }
        }
    }

    /// The inputs the model is certified convex in (empty when the certificate fails or the model is not an ICNN).
    public let convexInputs: [Int]
    /// The constrained tensors checked.
    public let checkedTensors: [String]
    /// The first negative entry of each failing tensor, and each failing nonlinearity.
    public let failures: [Failure]

    /// Whether the model is certified convex in `convexInputs`.
    public var holds: Bool { failures.isEmpty && !convexInputs.isEmpty }

    /// Checks `weights` (effective values, slot order) against the architecture's constraints.
    public init<A: Architecture>(_ architecture: A, weights: [Tensor<Float>]) {
        var failures: [Failure] = []
        var checked: [String] = []
        for (slot, w) in zip(architecture.slots, weights) where slot.isNonNegative {
            checked.append(slot.name)
            let bad = w.withUnsafeBufferPointer { p in p.firstIndex { !($0 >= 0) } }
            if let flat = bad {
                failures.append(
                    .negativeWeight(
                        slot: slot.name,
                        index: Self.multiIndex(flat, slot.shape),
                        value: w[flat: flat]
                    )
                )
            }
        }
        for (name, violation) in architecture.nonlinearities {
            if let violation { failures.append(.nonlinearity(name: name, reason: violation)) }
        }
        self.checkedTensors = checked
        self.failures = failures
        self.convexInputs = failures.isEmpty ? architecture.convexInputs : []
    }

    static func multiIndex(_ flat: Int, _ shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    public var description: String {
        if holds { return "convex in inputs \(convexInputs) (\(checkedTensors.count) constrained tensors ≥ 0)" }
        if failures.isEmpty { return "not an input-convex architecture" }
        return "NOT certified: " + failures.map(\.description).joined(separator: "; ")
    }
}
