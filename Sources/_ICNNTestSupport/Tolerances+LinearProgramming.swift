/// Tolerances for the linear-programming and exact-inference tests.
extension Tolerances {
    /// Feasibility of a simplex vertex: the solver lets a basic variable sit up to its primal tolerance (1e-9)
    /// outside a bound (Harris), and rows of O(1) coefficients over a few dozen variables add a few ulps each;
    /// 1e-7 is two orders above that and far below any wrong vertex (errors of order 1).
    public static let lpFeasibility = 1e-7

    /// Optimal values of LPs with O(1) data compared with a known or brute-force optimum, relative to
    /// max(1, |value|): a vertex solved to rounding (κ of small random bases ≲ 1e4) agrees to about 1e-12·κ;
    /// 1e-7 leaves margin while a wrong vertex differs by O(1).
    public static let lpObjective = 1e-7
}

extension Tolerances {
    /// The Float model evaluated at an LP minimiser against the LP value in Double, relative to max(1, |value|):
    /// a forward pass of a few layers of width ≤ 16 rounds each of its dot products to Float (a few ulps of the
    /// sum of |terms|, which can exceed |f| by 10×), so about 1e-6·10; 1e-4 keeps margin and still fails any
    /// wrong minimiser on these O(1)-slope networks.
    public static let exactInferenceFloat = 1e-4
}
