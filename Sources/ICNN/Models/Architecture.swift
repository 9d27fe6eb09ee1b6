/// A network architecture: the tensors it needs (named slots) and its forward pass given their *effective*
/// values. Keeping the weights outside the architecture lets every constraint strategy (projection, softplus,
/// penalty, lift) produce the effective weights its own way while the forward pass stays one function.
public protocol Architecture: Sendable {
    /// The number of input columns.
    var inputCount: Int { get }
    /// The inputs (column indices) in which the output is convex: all of them for a FICNN or HyCNN, the chosen
    /// ones for a PICNN, none for an MLP. Convexity holds whenever the certificate holds.
    var convexInputs: [Int] { get }
    /// The parameter tensors, in a fixed order.
    var slots: [ParameterSlot] { get }
    /// The nonlinearities on the convex path, each with the reason it would break convexity (nil when it is
    /// convex and non-decreasing).
    var nonlinearities: [(name: String, violation: String?)] { get }
    /// Whether the forward pass is twice differentiable in the inputs (so Hessian checks apply).
    var isSmooth: Bool { get }
    /// f(x) for a batch x of shape [B, inputCount]; the result has shape [B, 1].
    /// - Parameter weights: effective tensors in slot order, with the slots' shapes.
    func forward(_ x: Tensor<Float>, weights: [Tensor<Float>]) -> Tensor<Float>
    /// The initial effective weights (the architecture's default initialiser).
    func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>]
}

/// An architecture together with its effective weights: a plain value whose parameters you can see.
public struct Model<A: Architecture>: Sendable {
    /// The architecture.
    public var architecture: A
    /// The effective weights, in `architecture.slots` order.
    public var weights: [Tensor<Float>]

    /// A model with the architecture's initial weights.
    public init(_ architecture: A, using rng: inout SeededGenerator) {
        self.architecture = architecture
        self.weights = architecture.initialWeights(using: &rng)
    }

    /// A model with given weights.
    /// - Precondition: one tensor per slot, with the slot's shape.
    public init(_ architecture: A, weights: [Tensor<Float>]) {
        let slots = architecture.slots
        precondition(weights.count == slots.count, "\(weights.count) weights for \(slots.count) slots")
        for (w, s) in zip(weights, slots) {
            precondition(w.shape == s.shape, "weight \(s.name) has shape \(w.shape), slot wants \(s.shape)")
        }
        self.architecture = architecture
        self.weights = weights
    }

    /// f(x) for a batch x [B, inputCount] → [B, 1].
    public func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> { architecture.forward(x, weights: weights) }

    /// The effective weight in the slot named `name`, if any.
    public subscript(name: String) -> Tensor<Float>? {
        architecture.slots.firstIndex { $0.name == name }.map { weights[$0] }
    }

    /// The number of scalar parameters.
    public var parameterCount: Int { weights.reduce(0) { $0 + $1.count } }

    /// The structural convexity certificate of these weights.
    public var certificate: ConvexityCertificate { ConvexityCertificate(architecture, weights: weights) }
}
