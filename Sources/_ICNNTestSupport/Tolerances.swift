/// Named tolerances for the test suites; each says why it is what it is.
public enum Tolerances {
    /// Central differences in Double with h ≈ ε^(1/3) have truncation error O(h²·f‴) + rounding O(ε/h), about
    /// 1e-10 relative for the O(1) test functions used here; 1e-6 leaves four orders of margin for curvature while
    /// any wrong derivative rule (errors of order 1) still fails by orders of magnitude.
    public static let finiteDifferenceRelative = 1e-6

    /// Second order compares a Hessian-vector product with a central difference of gradients, so one more
    /// derivative sits in the truncation term; 1e-5 relative.
    public static let secondOrderRelative = 1e-5

    /// Exact results (sums of a few small integers, copies, reshapes) must agree to rounding.
    public static let exactDouble = 1e-12

    /// Float kernels compared with a Double evaluation of the same formula, O(1) values: a few ulps of Float.
    public static let floatVersusDouble = 1e-5
}
