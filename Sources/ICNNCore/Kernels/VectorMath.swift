import CICNNKernels

/// Elementwise transcendental functions and smooth activations over contiguous arrays.
///
/// Every function reads `count` elements from each input pointer and writes `count` elements to each output
/// pointer; shapes do not matter, only the flat count. An output may be the same pointer as an input (in place);
/// partially overlapping arrays are not allowed, and the two outputs of one call must be distinct.
///
/// The `Float` functions run the vectorised C kernels of `CICNNKernels` (AVX-512, AVX2 + FMA or portable C, chosen
/// once per process from the CPU and the `ICNN_CPU` environment variable). Their error bounds are in ulps of the
/// result against a Double evaluation of the same formula, measured on every level over a sweep of all Float inputs.
/// The `Double` overloads (`VectorMath+Double.swift`) are plain loops over the C library, for gradient checks and
/// solvers, where precision matters more than speed; together they give the engine one API for both types.
///
/// - Complexity: O(`count`); no allocation.
public enum VectorMath {}

extension VectorMath {
    /// The exponential, eˣ, elementwise: convex, increasing, twice differentiable.
    ///
    /// Error ≤ 1.01 ulp. Edge cases: +∞ → +∞, −∞ → +0, NaN → NaN, x > 88.72 → +∞, x < −103.97 → +0; results below
    /// 2⁻¹²⁶ are subnormal, rounded once.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func exp(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        require(count >= 0, "VectorMath.exp: negative count \(count)")
        icnn_vexp(x, y, count)
    }

    /// The natural logarithm, ln x, elementwise: concave, increasing on x > 0.
    ///
    /// Error ≤ 0.86 ulp, subnormal inputs included. Edge cases: ±0 → −∞, x < 0 → NaN, +∞ → +∞, NaN → NaN.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func log(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        require(count >= 0, "VectorMath.log: negative count \(count)")
        icnn_vlog(x, y, count)
    }

    /// ln(1 + x) elementwise, accurate near 0 where `log(1 + x)` would cancel: concave, increasing on x > −1.
    ///
    /// Error ≤ 0.88 ulp. Edge cases: −1 → −∞, x < −1 → NaN, +∞ → +∞, NaN → NaN, ±0 → ±0, |x| < 2⁻²⁸ → x.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func log1p(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        require(count >= 0, "VectorMath.log1p: negative count \(count)")
        icnn_vlog1p(x, y, count)
    }

    /// The hyperbolic tangent elementwise: odd, increasing, bounded by ±1, twice differentiable (neither convex nor
    /// concave).
    ///
    /// Error ≤ 0.89 ulp. Edge cases: ±∞ → ±1, NaN → NaN, ±0 → ±0, |x| ≥ 9.01 → ±1.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func tanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        require(count >= 0, "VectorMath.tanh: negative count \(count)")
        icnn_vtanh(x, y, count)
    }

    /// Softplus, log(1 + eˣ), elementwise, computed as max(x, 0) + log1p(e^−|x|): convex, increasing, twice
    /// differentiable, never overflows; its derivative is `sigmoid`.
    ///
    /// Error ≤ 1.71 ulp over all Float inputs, including the subnormal results of x < −87.3 (softplus(−100) is the
    /// correctly rounded 3.78e-44). Edge cases: +∞ → +∞, −∞ → +0, NaN → NaN, ±0 → ln 2.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func softplus(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        require(count >= 0, "VectorMath.softplus: negative count \(count)")
        icnn_vsoftplus(x, y, count)
    }

    /// The logistic sigmoid, 1/(1 + e⁻ˣ), elementwise: increasing, in [0, 1], the derivative of softplus. Computed
    /// as 1/(1 + z) for x ≥ 0 and z/(1 + z) below, with z = e^−|x|, so neither side overflows.
    ///
    /// Error ≤ 1.50 ulp, subnormal results (x < −87.3) included. Edge cases: +∞ → 1, −∞ → +0, NaN → NaN, ±0 → 0.5.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func sigmoid(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        require(count >= 0, "VectorMath.sigmoid: negative count \(count)")
        icnn_vsigmoid(x, y, count)
    }

    /// Softplus and its derivative in one pass: `y = softplus(x)`, `derivative = sigmoid(x)`, sharing e^−|x|.
    ///
    /// Results, error bounds and edge cases are those of `softplus` and `sigmoid`, bit for bit.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` softplus values; may be `x`.
    ///   - derivative: `count` sigmoid values; may be `x`, not `y`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `y != derivative`.
    public static func softplusAndSigmoid(
        _ x: UnsafePointer<Float>,
        into y: UnsafeMutablePointer<Float>,
        derivative: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.softplusAndSigmoid: negative count \(count)")
        require(y != derivative || count == 0, "VectorMath.softplusAndSigmoid: y and derivative are the same")
        icnn_vsoftplus_sigmoid(x, y, derivative, count)
    }

    /// Softplus at temperature τ, τ·softplus(x/τ) = max(x, 0) + τ·log1p(e^(−|x|/τ)), elementwise: convex,
    /// increasing, twice differentiable, above max(x, 0) by at most τ ln 2 and tending to it as τ → 0.
    ///
    /// x/τ is carried in two parts, and e^(−|x|/τ) below 2⁻¹²⁵ stays scaled by 2⁹⁶ until one final rounding, so the
    /// error does not grow with |x/τ|, also where e^(x/τ) alone would be subnormal: ≤ 2.7 ulp, measured for τ from
    /// 10⁻⁴ to 10⁴ (the method holds up to τ = 2⁴⁰). Edge cases: +∞ → +∞, −∞ → +0, NaN → NaN; large x → x exactly.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite.
    public static func softplus(
        _ x: UnsafePointer<Float>,
        temperature: Float,
        into y: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.softplus: negative count \(count)")
        require(temperature > 0 && temperature.isFinite, "VectorMath.softplus: temperature \(temperature)")
        icnn_vsoftplus_tau(x, temperature, y, count)
    }

    /// The sigmoid at temperature τ, sigmoid(x/τ), elementwise: the derivative of τ·softplus(x/τ); increasing, in
    /// [0, 1].
    ///
    /// Error ≤ 1.5 ulp (τ from 10⁻⁴ to 10⁴), subnormal results included. Edge cases: +∞ → 1, −∞ → +0, NaN → NaN, ±0 → 0.5.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite.
    public static func sigmoid(
        _ x: UnsafePointer<Float>,
        temperature: Float,
        into y: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.sigmoid: negative count \(count)")
        require(temperature > 0 && temperature.isFinite, "VectorMath.sigmoid: temperature \(temperature)")
        icnn_vsigmoid_tau(x, temperature, y, count)
    }

    /// τ·softplus(x/τ) and its derivative sigmoid(x/τ) in one pass.
    ///
    /// Results, error bounds and edge cases are those of `softplus(_:temperature:into:count:)` and
    /// `sigmoid(_:temperature:into:count:)`, bit for bit.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` values; may be `x`.
    ///   - derivative: `count` derivatives; may be `x`, not `y`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite, `y != derivative`.
    public static func softplusAndSigmoid(
        _ x: UnsafePointer<Float>,
        temperature: Float,
        into y: UnsafeMutablePointer<Float>,
        derivative: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.softplusAndSigmoid: negative count \(count)")
        require(
            temperature > 0 && temperature.isFinite,
            "VectorMath.softplusAndSigmoid: temperature \(temperature)"
        )
        require(y != derivative || count == 0, "VectorMath.softplusAndSigmoid: y and derivative are the same")
        icnn_vsoftplus_sigmoid_tau(x, temperature, y, derivative, count)
    }

    /// Two-lane log-sum-exp at temperature τ, a smooth convex maximum: `y = τ·log(e^(a/τ) + e^(b/τ))`, computed as
    /// max(a, b) + τ·log1p(e^(−|a−b|/τ)) with a − b carried exactly; and optionally its weight
    /// `w = sigmoid((a − b)/τ)` = ∂y/∂a (∂y/∂b = 1 − w; swap `a` and `b` for an accurate small 1 − w).
    ///
    /// y is convex and increasing in (a, b), twice differentiable, and max(a, b) ≤ y ≤ max(a, b) + τ ln 2.
    /// Error of y ≤ 4.2 ulp of max(|y|, |max(a, b)|) (the scale of the final sum; y may cancel towards 0 when
    /// max(a, b) < 0), of w ≤ 1.6 ulp, measured for τ from 0.01 to 3.7 and |a|, |b| from 1e-3 to 1e4.
    /// Edge cases: a == b (both ±∞ included) → a + τ ln 2, w = 0.5; one argument −∞ → the other, w = 0 or 1;
    /// +∞ with anything but NaN → +∞; NaN in a or b → NaN in y and w.
    /// - Parameters:
    ///   - a: `count` first arguments.
    ///   - b: `count` second arguments.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` outputs; may be `a` or `b`.
    ///   - weight: `count` weights w, or `nil` when not needed; may be `a` or `b`, not `y`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite, `weight != y`.
    public static func logSumExp(
        _ a: UnsafePointer<Float>,
        _ b: UnsafePointer<Float>,
        temperature: Float,
        into y: UnsafeMutablePointer<Float>,
        weight: UnsafeMutablePointer<Float>?,
        count: Int
    ) {
        require(count >= 0, "VectorMath.logSumExp: negative count \(count)")
        require(temperature > 0 && temperature.isFinite, "VectorMath.logSumExp: temperature \(temperature)")
        require(weight != y || count == 0, "VectorMath.logSumExp: y and weight are the same")
        icnn_vlse2(a, b, temperature, y, weight, count)
    }
}
