// Allowances, in ulps of the Float result against a Double evaluation of the same formula, for the vectorised math
// kernels (VectorMath, CICNNKernels/icnn_vmath.h). Each is the worst error measured over all 2^32 Float inputs (AVX-512;
// a strided sweep on the other levels and temperatures), rounded up by a small margin: an honest change of rounding
// order still passes, a wrong coefficient or a lost correction term does not.

extension Tolerances {
    /// exp: 1.01 ulp measured (Cody–Waite reduction, degree-6 polynomial, one rounding for 1 + r + r²P).
    public static let vectorExpUlps = 1.1
    /// log: 0.86 ulp measured (exact mantissa split, degree-10 polynomial for log1p of the reduced argument).
    public static let vectorLogUlps = 1.0
    /// log1p: 0.88 ulp measured (argument used directly near 0, the rounding of 1 + x corrected elsewhere).
    public static let vectorLog1pUlps = 1.0
    /// tanh: 0.89 ulp measured (odd polynomial below 0.5625, then a compensated (1 − e)/(1 + e)).
    public static let vectorTanhUlps = 1.0
    /// softplus: 1.71 ulp measured (exp's error, scaled by z/(1 + z) ≤ 1/2, plus log1p and the final sum).
    public static let vectorSoftplusUlps = 1.8
    /// sigmoid: 1.50 ulp measured (exp's error for x < 0, then one compensated division).
    public static let vectorSigmoidUlps = 1.6
    /// τ·softplus(x/τ): 2.62 ulp measured for τ from 1e-4 to 1e4 (softplus, then a product by τ whose ulp may sit a
    /// binade away from that of the softplus value).
    public static let vectorSoftplusTemperatureUlps = 3.0
    /// sigmoid(x/τ): 1.50 ulp measured (as sigmoid: x/τ is carried in two parts, so it adds no error).
    public static let vectorSigmoidTemperatureUlps = 1.6
    /// Two-lane log-sum-exp, in ulps of max(|y|, |max(a, b)|): 4.12 measured (the log term's error, seen at the scale
    /// of max(a, b) when the sum cancels).
    public static let vectorLogSumExpUlps = 4.5
    /// The log-sum-exp weight sigmoid((a − b)/τ): 1.61 ulp measured (a − b carried exactly, then as sigmoid).
    public static let vectorLogSumExpWeightUlps = 1.75
    /// Double overloads against closed forms and identities: relative error of a few Double ulps (2⁻⁵⁰), at the scale
    /// of 1 for results near 0.
    public static let vectorDoubleRelative = 0x1p-50
}
