/// `ExactInference.minimize` was called with a model or arguments it cannot use. `description` is one line that
/// names the model kind, the input or the argument, e.g.
/// `exact inference: convex input 2 (column 5): lower bound 1.5 is above upper bound 0.5`.
public struct ExactInferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; compare with the static members.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unsupportedModel, notConvex, invalidArgument
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The model's forward pass is not piecewise linear in its convex inputs (softplus, log-sum-exp gate,
        /// quadratic layer, strong convexity) or it has no convex input (MLP).
        public static let unsupportedModel = Code(.unsupportedModel)
        /// A weight that must be ≥ 0 is negative, so the model is not certified convex and the LP would only bound
        /// its minimum from below.
        public static let notConvex = Code(.notConvex)
        /// A length, a bound (lower > upper, NaN, infinite) or an entry of the point is not valid.
        public static let invalidArgument = Code(.invalidArgument)

        /// The code's name, e.g. `invalidArgument`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// What is wrong and what to do about it.
    public var reason: String

    /// An error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "exact inference: \(reason)" }
}
