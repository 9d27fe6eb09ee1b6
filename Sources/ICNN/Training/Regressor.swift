/// A fitted model in the user's units: f(x) = s_y·g((x − m_x)/s_x) + m_y with g the trained network. Convex in
/// the same inputs as g (positive scales keep convexity).
public struct Regressor<A: Architecture>: Sendable {
    /// The network on standardised variables.
    public var model: Model<A>
    /// The input standardisation.
    public var inputStandardization: Standardization
    /// The target standardisation (one column).
    public var targetStandardization: Standardization

    /// A regressor from a model on standardised variables and its standardisations.
    public init(model: Model<A>, inputStandardization: Standardization, targetStandardization: Standardization) {
        self.model = model
        self.inputStandardization = inputStandardization
        self.targetStandardization = targetStandardization
    }

    /// Predictions [B, 1] for inputs [B, inputCount], in the target's units.
    public func predict(_ x: Tensor<Float>) -> Tensor<Float> {
        targetStandardization.invert(model(inputStandardization.apply(x)))
    }

    /// ∇ₓf for every row of `x` [B, inputCount], in the target's units per input unit.
    public func gradient(_ x: Tensor<Float>) -> Tensor<Float> {
        let tape = Tape<Float>()
        let watched = tape.watch(x)
        return ICNN.gradient(of: predict(watched).sum(), wrt: [watched])[0]
    }
}
