/// Tolerances for the minimisers, conjugates and argmin differentiation.
extension Tolerances {
    /// The solvers' certificate tolerance in the tests: a gradient-mapping norm (or duality gap) of 1e-6 is about
    /// ten Float roundings of the O(1) gradients the networks produce, so reachable, and far below any error a
    /// wrong step or projection would leave.
    public static let minimizerCertificate = 1e-6

    /// A minimiser against a known one, for a problem with curvature ≥ 1 solved to `minimizerCertificate`:
    /// ‖y − y*‖∞ ≤ certificate / curvature, plus the Float rounding of the minimiser itself (≈ 1e-7); 1e-5 leaves
    /// margin for the rounding of ∇f near the optimum.
    public static let knownMinimizer = 1e-5

    /// Two methods' minimal values on the same problem, O(1) values, each within its certificate: the values differ
    /// by O(certificate²/curvature) plus Float rounding of f (≈ 1e-7 relative); 1e-5 absolute.
    public static let methodsAgreeValue = 1e-5

    /// Entropy-regularised minimisers from bundle entropy (certified by a duality gap g) and from L-BFGS-B: φ is
    /// at least 4ε-strongly convex in unit coordinates, so ‖y − y*‖₂ ≤ √(2g/4ε); with g ≈ 1e-6 and ε = 1, under
    /// 1e-3; 2e-3 in absolute terms.
    public static let bundleVersusLBFGS = 2e-3

    /// Argmin gradients against central differences of re-solved problems in Float weights (h = 1e-2): truncation
    /// O(h²) ≈ 1e-4 relative, plus minimiser noise / h ≈ 1e-5 / 1e-2 = 1e-3 relative; 2 % catches any wrong sign,
    /// missing term or wrong active set (errors of order 1).
    public static let argminGradientRelative = 2e-2

    /// A conjugate value f*(y) against its closed form, from a maximiser with residual ≤ 1e-6 (the value error is
    /// second order in it) plus Float rounding of f (≈ 1e-7 relative, O(1) values); 1e-5 absolute.
    public static let conjugateValue = 1e-5
}
