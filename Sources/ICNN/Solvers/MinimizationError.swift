/// A minimisation request that cannot be solved as posed: malformed bounds or conditions, a model convex in no
/// input, an unbounded problem. Its description is one actionable line.
public struct MinimizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in one line (naming the input or bound at fault).
    public var reason: String

    /// An error with the given one-line reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
