/// Tolerances of the transport suites; each says why it is what it is.
extension Tolerances {
    /// Sinkhorn runs in the tests stop at an L¹ marginal violation of 1e-10; the dual value then differs from the
    /// fixed point's by about that violation times the potentials' range (O(10) here), so 1e-7 is a thousand
    /// times the expected error while a wrong update or cost convention (errors ≥ 1e-2) fails by far.
    public static let sinkhornValue = 1e-7

    /// Hand-computed metric values (a handful of additions, products and exponentials of O(1) numbers).
    public static let metricArithmetic = 1e-12

    /// The biased MMD² of 1,500 + 1,500 Gaussian samples against its exact expectation: the estimator's standard
    /// deviation is O(n^(−1/2)·Var(h)^(1/2)) ≈ 3e-3 for these kernels; 0.015 is five of them, and using the unbiased
    /// expectation or a kernel without the square (errors ≥ 0.05) still fails.
    public static let mmdMonteCarlo = 0.015

    /// A neural transport map learned in a few seconds must reach L2-UVP below 5 % (the bar).
    public static let neuralTransportUVPPercent = 5.0
}
