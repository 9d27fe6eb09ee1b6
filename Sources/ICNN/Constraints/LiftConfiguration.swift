/// The settings of the lift (papers.md §3): an unconstrained hypernetwork emits every non-negative weight as
/// W = softplus(Θ·h(X) + b) from a permutation-invariant summary h(X) of the (gradient-stopped) conditioning batch.
public struct LiftConfiguration: Sendable, Hashable, Codable {
    /// Widths of the per-sample summary MLP h_φ (ReLU between layers); the last is the summary size.
    public var summaryWidths = [64, 64, 96]
    /// Whether the pooled summary is standardised across its components before the readouts.
    public var standardizeSummary = true
    /// The initial value of every slack bias b (full weight shape).
    public var slackInitialization: Float = -2
    /// Standard deviation of the readouts Θ at initialisation, per unit of summary (÷ √summary size).
    public var readoutScale: Float = 0.1
    /// Seed of the hypernetwork's initialisation.
    public var seed: UInt64 = 0

    /// The paper's defaults: summary 64-64-96, standardised, slack −2.
    public init() {}
}
