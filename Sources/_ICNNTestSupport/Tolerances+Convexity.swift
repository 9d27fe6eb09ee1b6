extension Tolerances {
    /// Jensen gaps are computed from three Float network evaluations of O(1–10) magnitude, each with a relative
    /// rounding error of a few hundred ulps after a dozen layers (≈ 1e-5); 1e-4 relative to the values involved
    /// separates rounding from a real violation, which the MLP control shows at the 1e-2 level and above.
    public static let jensenRelative: Float = 1e-4

    /// Smallest Hessian eigenvalue of a smooth convex model, from Float Hessian-vector products, relative to the
    /// largest: rounding only.
    public static let hessianEigenvalueRelative = 1e-4
}
