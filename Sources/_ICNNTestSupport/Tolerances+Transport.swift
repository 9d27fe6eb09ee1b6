/// Tolerances of the transport suites; each says why it is what it is.
extension Tolerances {
    /// Sinkhorn runs in the tests stop at an L¹ marginal violation of 1e-9; the dual value then differs from the
    /// fixed point's by about that violation times the potentials' range (O(10) here), so 1e-6 is a hundred
    /// times the expected error while a wrong update or cost convention (errors ≥ 1e-2) fails by far.
    public static let sinkhornValue = 1e-6

    /// The ε → 0 runs stop at a marginal violation of 1e-7 or at the cap (measured violations ≤ 5e-6) with
    /// potentials of range ≤ 10: the dual value is within ≈ 5e-5 of OT_ε; 1e-4 leaves twice that, and a wrong
    /// cost convention or update (errors ≥ 1e-2) still fails.
    public static let sinkhornSmallEpsilon = 1e-4

    /// Hand-computed metric values (a handful of additions, products and exponentials of O(1) numbers).
    public static let metricArithmetic = 1e-12

    /// The biased MMD² of 1,500 + 1,500 Gaussian samples against its exact expectation: the estimator's standard
    /// deviation is O(n^(−1/2)·Var(h)^(1/2)) ≈ 3e-3 for these kernels; 0.015 is five of them, and using the unbiased
    /// expectation or a kernel without the square (errors ≥ 0.05) still fails.
    public static let mmdMonteCarlo = 0.015

    /// |Ŵ₂² − W₂²| / W₂² for the dual estimate on 200 held-out points per side: the sample means of ‖x‖², ‖y‖²,
    /// f(x) and f*(y) over 200 points each carry ≈ 3 % standard error for the test's Gaussians (‖m_Q‖² = 5,
    /// traces ≈ 1–2), and f*(y) ≈ ⟨y, ∇g(y)⟩ − f(∇g(y)) is a lower bound (an upward bias); measured 8 %. 15 %
    /// still fails a wrong factor (½‖x − y‖² conventions give 50 %).
    public static let dualWassersteinRelative = 0.15

    /// A neural transport map learned in a few seconds must reach L2-UVP below 5 % (the bar).
    public static let neuralTransportUVPPercent = 5.0
}
