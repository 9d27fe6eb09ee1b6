#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// File-scope names for the C library functions, which the static members of the same names shadow inside
// VectorMath.
private func libmExp(_ x: Double) -> Double { exp(x) }
private func libmLog(_ x: Double) -> Double { log(x) }
private func libmLog1p(_ x: Double) -> Double { log1p(x) }
private func libmTanh(_ x: Double) -> Double { tanh(x) }

// The Double overloads of VectorMath: plain loops over the C library, for gradient checks and solvers, where
// precision matters more than speed. Same formulas, shapes and edge cases as the Float kernels; each result is
// within a few Double ulps (the libm functions are within 1 ulp, and the formulas add one or two roundings).

extension VectorMath {
    /// The exponential, eˣ, elementwise, in Double (libm `exp`): convex, increasing.
    ///
    /// Error ≤ 1 ulp (libm). Edge cases: +∞ → +∞, −∞ → +0, NaN → NaN, x > 709.78 → +∞.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func exp(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        require(count >= 0, "VectorMath.exp: negative count \(count)")
        for i in 0..<count { y[i] = libmExp(x[i]) }
    }

    /// The natural logarithm elementwise, in Double (libm `log`): concave, increasing on x > 0.
    ///
    /// Error ≤ 1 ulp (libm). Edge cases: ±0 → −∞, x < 0 → NaN, +∞ → +∞, NaN → NaN.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func log(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        require(count >= 0, "VectorMath.log: negative count \(count)")
        for i in 0..<count { y[i] = libmLog(x[i]) }
    }

    /// ln(1 + x) elementwise, in Double (libm `log1p`), accurate near 0.
    ///
    /// Error ≤ 1 ulp (libm). Edge cases: −1 → −∞, x < −1 → NaN, +∞ → +∞, NaN → NaN, ±0 → ±0.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func log1p(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        require(count >= 0, "VectorMath.log1p: negative count \(count)")
        for i in 0..<count { y[i] = libmLog1p(x[i]) }
    }

    /// The hyperbolic tangent elementwise, in Double (libm `tanh`): odd, increasing, bounded by ±1.
    ///
    /// Error ≤ 1 ulp (libm). Edge cases: ±∞ → ±1, NaN → NaN, ±0 → ±0.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func tanh(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        require(count >= 0, "VectorMath.tanh: negative count \(count)")
        for i in 0..<count { y[i] = libmTanh(x[i]) }
    }

    /// Softplus, log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), elementwise in Double: convex, increasing, twice
    /// differentiable, never overflows.
    ///
    /// Error ≤ 2 ulp (two libm calls and one sum of non-negative terms). Edge cases: +∞ → +∞, −∞ → +0, NaN → NaN,
    /// ±0 → ln 2.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func softplus(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        require(count >= 0, "VectorMath.softplus: negative count \(count)")
        for i in 0..<count { y[i] = softplusElement(x[i]) }
    }

    /// The logistic sigmoid, 1/(1 + e⁻ˣ), elementwise in Double, as 1/(1 + z) for x ≥ 0 and z/(1 + z) below with
    /// z = e^−|x|: increasing, in [0, 1], the derivative of softplus.
    ///
    /// Error ≤ 2 ulp. Edge cases: +∞ → 1, −∞ → +0, NaN → NaN, ±0 → 0.5.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`.
    public static func sigmoid(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        require(count >= 0, "VectorMath.sigmoid: negative count \(count)")
        for i in 0..<count { y[i] = sigmoidElement(x[i]) }
    }

    /// Softplus and its derivative sigmoid in one pass, in Double.
    ///
    /// Results, bounds and edge cases are those of `softplus` and `sigmoid`.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - y: `count` softplus values; may be `x`.
    ///   - derivative: `count` sigmoid values; may be `x`, not `y`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `y != derivative`.
    public static func softplusAndSigmoid(
        _ x: UnsafePointer<Double>,
        into y: UnsafeMutablePointer<Double>,
        derivative: UnsafeMutablePointer<Double>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.softplusAndSigmoid: negative count \(count)")
        require(y != derivative || count == 0, "VectorMath.softplusAndSigmoid: y and derivative are the same")
        for i in 0..<count {
            let v = x[i]
            y[i] = softplusElement(v)
            derivative[i] = sigmoidElement(v)
        }
    }

    /// Softplus at temperature τ, max(x, 0) + τ·log1p(e^(−|x|/τ)), elementwise in Double: convex, increasing,
    /// within τ ln 2 above max(x, 0).
    ///
    /// Error ≤ 3 ulp. Edge cases: +∞ → +∞, −∞ → +0, NaN → NaN.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite.
    public static func softplus(
        _ x: UnsafePointer<Double>,
        temperature: Double,
        into y: UnsafeMutablePointer<Double>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.softplus: negative count \(count)")
        require(temperature > 0 && temperature.isFinite, "VectorMath.softplus: temperature \(temperature)")
        for i in 0..<count { y[i] = softplusElement(x[i], temperature: temperature) }
    }

    /// The sigmoid at temperature τ, sigmoid(x/τ), elementwise in Double: the derivative of τ·softplus(x/τ).
    ///
    /// Error ≤ 3 ulp. Edge cases: +∞ → 1, −∞ → +0, NaN → NaN, ±0 → 0.5.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` outputs; may be `x`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite.
    public static func sigmoid(
        _ x: UnsafePointer<Double>,
        temperature: Double,
        into y: UnsafeMutablePointer<Double>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.sigmoid: negative count \(count)")
        require(temperature > 0 && temperature.isFinite, "VectorMath.sigmoid: temperature \(temperature)")
        for i in 0..<count { y[i] = sigmoidElement(x[i] / temperature) }
    }

    /// τ·softplus(x/τ) and its derivative sigmoid(x/τ) in one pass, in Double.
    ///
    /// Results, bounds and edge cases are those of the two separate functions.
    /// - Parameters:
    ///   - x: `count` inputs.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` values; may be `x`.
    ///   - derivative: `count` derivatives; may be `x`, not `y`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite, `y != derivative`.
    public static func softplusAndSigmoid(
        _ x: UnsafePointer<Double>,
        temperature: Double,
        into y: UnsafeMutablePointer<Double>,
        derivative: UnsafeMutablePointer<Double>,
        count: Int
    ) {
        require(count >= 0, "VectorMath.softplusAndSigmoid: negative count \(count)")
        require(
            temperature > 0 && temperature.isFinite,
            "VectorMath.softplusAndSigmoid: temperature \(temperature)"
        )
        require(y != derivative || count == 0, "VectorMath.softplusAndSigmoid: y and derivative are the same")
        for i in 0..<count {
            let v = x[i]
            y[i] = softplusElement(v, temperature: temperature)
            derivative[i] = sigmoidElement(v / temperature)
        }
    }

    /// Two-lane log-sum-exp at temperature τ in Double: `y = max(a, b) + τ·log1p(e^(−|a−b|/τ))`, and optionally
    /// `w = sigmoid((a − b)/τ)` = ∂y/∂a (∂y/∂b = 1 − w). Convex and increasing in (a, b).
    ///
    /// Error ≤ 3 ulp of max(|y|, |max(a, b)|). Edge cases: a == b (both ±∞ included) → a + τ ln 2, w = 0.5; one
    /// argument −∞ → the other; +∞ with anything but NaN → +∞; NaN in a or b → NaN in y and w.
    /// - Parameters:
    ///   - a: `count` first arguments.
    ///   - b: `count` second arguments.
    ///   - temperature: τ, positive and finite.
    ///   - y: `count` outputs; may be `a` or `b`.
    ///   - weight: `count` weights, or `nil`; may be `a` or `b`, not `y`.
    ///   - count: the number of elements, at least 0.
    /// - Precondition: `count >= 0`, `temperature > 0` and finite, `weight != y`.
    public static func logSumExp(
        _ a: UnsafePointer<Double>,
        _ b: UnsafePointer<Double>,
        temperature: Double,
        into y: UnsafeMutablePointer<Double>,
        weight: UnsafeMutablePointer<Double>?,
        count: Int
    ) {
        require(count >= 0, "VectorMath.logSumExp: negative count \(count)")
        require(temperature > 0 && temperature.isFinite, "VectorMath.logSumExp: temperature \(temperature)")
        require(weight != y || count == 0, "VectorMath.logSumExp: y and weight are the same")
        let tau = temperature
        for i in 0..<count {
            let u = a[i]
            let v = b[i]
            // u == v also covers +-inf on both sides, where u - v would be NaN.
            let d = u == v ? 0 : u - v
            let m = u > v ? u : v
            y[i] = m + tau * libmLog1p(libmExp(-Swift.abs(d) / tau))
            if d.isNaN { y[i] = d }
            weight?[i] = sigmoidElement(d / tau)
        }
    }

    private static func softplusElement(_ v: Double) -> Double {
        (v > 0 ? v : 0) + libmLog1p(libmExp(-Swift.abs(v)))
    }

    private static func softplusElement(_ v: Double, temperature tau: Double) -> Double {
        (v > 0 ? v : 0) + tau * libmLog1p(libmExp(-Swift.abs(v) / tau))
    }

    private static func sigmoidElement(_ v: Double) -> Double {
        let z = libmExp(-Swift.abs(v))
        return (v >= 0 ? 1 : z) / (1 + z)
    }
}
