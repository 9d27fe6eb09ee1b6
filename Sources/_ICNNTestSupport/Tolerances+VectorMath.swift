// Allowances, in ulps of the Float result against a Double evaluation of the same formula, for the vectorised math
// kernels (VectorMath, CICNNKernels/icnn_vmath.h). Each is the worst error measured over a sweep of all Float
// inputs on every CPU level, rounded up by a small margin so that an honest change of rounding order passes and a
// wrong coefficient or a lost correction term does not.

extension Tolerances {
    /// exp: measured 0.95 ulp (Cody–Waite reduction, degree-6 polynomial, one final rounding).
    public static let vectorExpUlps = 1.0
    /// log: measured 0.77 ulp (exact mantissa split, degree-10 polynomial for log1p of the reduced argument).
    public static let vectorLogUlps = 1.0
    /// log1p: measured 0.81 ulp (argument used directly near 0, rounding of 1 + x corrected elsewhere).
    public static let vectorLog1pUlps = 1.0
    /// tanh: measured 0.84 ulp (odd polynomial, then a compensated (1 − e)/(1 + e)).
    public static let vectorTanhUlps = 1.0
    /// softplus: measured 1.57 ulp (the 0.95 ulp of exp scaled by ≤ 1/2, plus log1p and the final sum).
    public static let vectorSoftplusUlps = 1.75
    /// sigmoid: measured 1.40 ulp (exp for x < 0, then one compensated division).
    public static let vectorSigmoidUlps = 1.5
    /// τ·softplus(x/τ): measured 2.6 ulp (softplus, then a product by τ whose ulp may sit a binade apart).
    public static let vectorSoftplusTemperatureUlps = 3.0
    /// sigmoid(x/τ): measured 1.40 ulp (as sigmoid; x/τ is carried in two parts, so no extra error).
    public static let vectorSigmoidTemperatureUlps = 1.5
    /// Two-lane log-sum-exp, in ulps of max(|y|, |max(a, b)|): measured 4.2 (the log term's 1.6 ulp, seen at the
    /// scale of max(a, b) when the sum cancels).
    public static let vectorLogSumExpUlps = 4.5
    /// The log-sum-exp weight sigmoid((a − b)/τ): measured 1.61 ulp (a − b carried exactly, then as sigmoid).
    public static let vectorLogSumExpWeightUlps = 1.75
    /// Double overloads against closed forms and identities: relative error, a few Double ulps (2⁻⁵⁰).
    public static let vectorDoubleRelative = 0x1p-50
}
