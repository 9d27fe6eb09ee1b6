/// Which of the validated weights `NeuralTransport.fit` returns (papers.md §2: "model selection by a validation
/// Sinkhorn divergence"). Every criterion is computed on the held-out points, in normalised units; the initial
/// potentials (iteration 0) are a candidate for all but `last`.
public enum TransportSelection: String, Sendable, Hashable, Codable, CaseIterable {
    /// The lowest debiased Sinkhorn divergence S_ε (ε = `TransportConfiguration.validationSinkhorn`), the paper's
    /// criterion. In high dimension with a few hundred points and ε = 0.1 it is dominated by sampling noise and
    /// prefers maps that contract: at d = 50 it kept the identity start over trained maps (docs/TRANSPORT.md).
    case sinkhorn
    /// The lowest energy distance (`EnergyDistance`). Far less swayed by sampling noise than S_ε at d = 50, but with
    /// 500 held-out points still unable to rank maps whose errors are close (docs/TRANSPORT.md, session 4).
    case energy
    /// The highest dual W₂² estimate with the conjugate solved at each held-out target
    /// (`TransportConfiguration.validationConjugateIterations`), i.e. the lowest semi-dual value
    /// E_P f(X) + E_Q f*(Y). Unlike the distribution distances it looks at the potential itself: its expectation
    /// is minimised by the optimal potential alone, and the same held-out points enter every candidate, so
    /// differences between candidates are not swamped by sampling noise.
    case dual
    /// The weights after the last iteration (no selection).
    case last
}
