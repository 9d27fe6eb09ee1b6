#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scalar type a `Tensor` can hold: `Float` (models) or `Double` (gradient checks, solvers, verification).
///
/// The requirements are the engine's bulk kernels. Each takes raw pointers and counts and is implemented once per
/// concrete type, so that generic tensor code pays one dynamic call per *operation*, never per element. The
/// underscored requirements are not API: call the `Tensor` operations instead.
public protocol TensorScalar: BinaryFloatingPoint, Sendable, CustomStringConvertible, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// The safetensors/numpy name of the type: "F32" or "F64".
    static var dtypeName: String { get }

    /// C = alpha·op(A)·op(B) + beta·D, row-major; op(A) is m×k, op(B) is k×n; D is `addend` (row i at
    /// `addend + i·ldAddend`, `ldAddend` 0 repeating one row) or C's previous contents when nil. With beta = 0, D is
    /// not read.
    static func _gemm(
        transposeA: Bool,
        transposeB: Bool,
        m: Int,
        n: Int,
        k: Int,
        alpha: Self,
        a: UnsafePointer<Self>,
        lda: Int,
        b: UnsafePointer<Self>,
        ldb: Int,
        beta: Self,
        addend: UnsafePointer<Self>?,
        ldAddend: Int,
        c: UnsafeMutablePointer<Self>,
        ldc: Int
    )

    /// y[i] = kernel(x[i]) for i < count; `x` and `y` may be the same buffer.
    static func _unary(
        _ kernel: _UnaryKernel<Self>,
        _ x: UnsafePointer<Self>,
        _ y: UnsafeMutablePointer<Self>,
        _ count: Int
    )

    /// out = kernel(a, b) elementwise over `shape`, reading `a` and `b` through element strides (0 = broadcast).
    static func _binary(
        _ kernel: _BinaryKernel<Self>,
        _ a: UnsafePointer<Self>,
        _ aStrides: [Int],
        _ b: UnsafePointer<Self>,
        _ bStrides: [Int],
        _ out: UnsafeMutablePointer<Self>,
        _ shape: [Int]
    )

    /// out[o, i] = Σ_j x[o, j, i] for x viewed as outer × reduced × inner.
    static func _sum(_ x: UnsafePointer<Self>, outer: Int, reduced: Int, inner: Int, _ out: UnsafeMutablePointer<Self>)

    /// One fused optimiser pass over `count` elements (see `_UpdateRule`): updates `x` in place, reading `g` and
    /// the state buffers `s0`, `s1` (nil when the rule needs none). Returns the rule's reduction accumulated in
    /// Double (`.sumOfSquares`), otherwise 0.
    static func _optimizerUpdate(
        _ rule: _UpdateRule<Self>,
        _ x: UnsafeMutablePointer<Self>,
        _ g: UnsafePointer<Self>?,
        _ s0: UnsafeMutablePointer<Self>?,
        _ s1: UnsafeMutablePointer<Self>?,
        _ count: Int
    ) -> Double

    /// Scalar elementary functions (libm) for generic scalar code.
    static func _exp(_ x: Self) -> Self
    static func _log(_ x: Self) -> Self
    static func _log1p(_ x: Self) -> Self
    static func _tanh(_ x: Self) -> Self
}

/// Elementwise unary kernels. Not API: use the `Tensor` methods of the same names.
public enum _UnaryKernel<Scalar: TensorScalar>: Sendable {
    case negate, exp, log, square, squareRoot, reciprocal, absolute, tanh
    case relu
    /// 1 where x > 0, else 0 (the ReLU derivative with relu′(0) = 0).
    case reluMask
    case leakyRelu(Scalar)
    /// 1 where x > 0, else the slope.
    case leakyReluSlope(Scalar)
    case softplus, sigmoid
    /// −1, 0 or 1 by the sign of x (0 for ±0; NaN stays NaN).
    case sign
    /// min(max(x, low), high); NaN stays NaN.
    case clamp(Scalar, Scalar)
    /// 1 where low < x < high, else 0 (the derivative of `clamp`).
    case clampMask(Scalar, Scalar)
    case scale(Scalar)
    case shift(Scalar)
    case fill(Scalar)
}

/// Elementwise binary kernels. Not API: use the `Tensor` operators and methods.
public enum _BinaryKernel<Scalar: TensorScalar>: Sendable {
    case add, subtract, multiply, divide
    /// max(a, b); ties take `a`.
    case maximum
    /// 1 where a ≥ b, else 0: which lane `maximum` took.
    case firstLaneMask
    /// τ·log(exp(a/τ) + exp(b/τ)), computed as max(a, b) + τ·log1p(exp(−|a − b|/τ)).
    case logSumExp(Scalar)
    /// sigmoid((a − b)/τ): the derivative of `logSumExp(τ)` with respect to `a`.
    case logSumExpWeight(Scalar)
    /// a·sigmoid(b): the softplus backward pass in one sweep.
    case multiplySigmoid
    /// a·b·(1 − b), computed as t − t·b with t = a·b: the sigmoid backward pass (b the sigmoid) in one sweep.
    case multiplySigmoidDerivative
    /// a where b > 0, else 0: the ReLU backward pass in one sweep.
    case multiplyReluMask
}

extension Float: TensorScalar {
    public static var dtypeName: String { "F32" }
    public static func _exp(_ x: Float) -> Float { expf(x) }
    public static func _log(_ x: Float) -> Float { logf(x) }
    public static func _log1p(_ x: Float) -> Float { log1pf(x) }
    public static func _tanh(_ x: Float) -> Float { tanhf(x) }

    public static func _gemm(
        transposeA: Bool,
        transposeB: Bool,
        m: Int,
        n: Int,
        k: Int,
        alpha: Float,
        a: UnsafePointer<Float>,
        lda: Int,
        b: UnsafePointer<Float>,
        ldb: Int,
        beta: Float,
        addend: UnsafePointer<Float>?,
        ldAddend: Int,
        c: UnsafeMutablePointer<Float>,
        ldc: Int
    ) {
        Gemm.multiply(
            transposeA: transposeA,
            transposeB: transposeB,
            m: m,
            n: n,
            k: k,
            alpha: alpha,
            a: a,
            lda: lda,
            b: b,
            ldb: ldb,
            beta: beta,
            addend: addend,
            ldAddend: ldAddend,
            c: c,
            ldc: ldc
        )
    }

    public static func _unary(
        _ kernel: _UnaryKernel<Float>,
        _ x: UnsafePointer<Float>,
        _ y: UnsafeMutablePointer<Float>,
        _ count: Int
    ) {
        Kernels.unary(kernel, x, y, count)
    }

    public static func _binary(
        _ kernel: _BinaryKernel<Float>,
        _ a: UnsafePointer<Float>,
        _ aStrides: [Int],
        _ b: UnsafePointer<Float>,
        _ bStrides: [Int],
        _ out: UnsafeMutablePointer<Float>,
        _ shape: [Int]
    ) {
        Kernels.binary(kernel, a, aStrides, b, bStrides, out, shape)
    }

    public static func _sum(
        _ x: UnsafePointer<Float>,
        outer: Int,
        reduced: Int,
        inner: Int,
        _ out: UnsafeMutablePointer<Float>
    ) {
        Kernels.sum(x, outer: outer, reduced: reduced, inner: inner, out)
    }

    public static func _optimizerUpdate(
        _ rule: _UpdateRule<Float>,
        _ x: UnsafeMutablePointer<Float>,
        _ g: UnsafePointer<Float>?,
        _ s0: UnsafeMutablePointer<Float>?,
        _ s1: UnsafeMutablePointer<Float>?,
        _ count: Int
    ) -> Double {
        Kernels.optimizerUpdate(rule, x, g, s0, s1, count)
    }
}

extension Double: TensorScalar {
    public static var dtypeName: String { "F64" }
    public static func _exp(_ x: Double) -> Double { Glibc.exp(x) }
    public static func _log(_ x: Double) -> Double { Glibc.log(x) }
    public static func _log1p(_ x: Double) -> Double { Glibc.log1p(x) }
    public static func _tanh(_ x: Double) -> Double { Glibc.tanh(x) }

    public static func _gemm(
        transposeA: Bool,
        transposeB: Bool,
        m: Int,
        n: Int,
        k: Int,
        alpha: Double,
        a: UnsafePointer<Double>,
        lda: Int,
        b: UnsafePointer<Double>,
        ldb: Int,
        beta: Double,
        addend: UnsafePointer<Double>?,
        ldAddend: Int,
        c: UnsafeMutablePointer<Double>,
        ldc: Int
    ) {
        Gemm.multiply(
            transposeA: transposeA,
            transposeB: transposeB,
            m: m,
            n: n,
            k: k,
            alpha: alpha,
            a: a,
            lda: lda,
            b: b,
            ldb: ldb,
            beta: beta,
            addend: addend,
            ldAddend: ldAddend,
            c: c,
            ldc: ldc
        )
    }

    public static func _unary(
        _ kernel: _UnaryKernel<Double>,
        _ x: UnsafePointer<Double>,
        _ y: UnsafeMutablePointer<Double>,
        _ count: Int
    ) {
        Kernels.unary(kernel, x, y, count)
    }

    public static func _binary(
        _ kernel: _BinaryKernel<Double>,
        _ a: UnsafePointer<Double>,
        _ aStrides: [Int],
        _ b: UnsafePointer<Double>,
        _ bStrides: [Int],
        _ out: UnsafeMutablePointer<Double>,
        _ shape: [Int]
    ) {
        Kernels.binary(kernel, a, aStrides, b, bStrides, out, shape)
    }

    public static func _sum(
        _ x: UnsafePointer<Double>,
        outer: Int,
        reduced: Int,
        inner: Int,
        _ out: UnsafeMutablePointer<Double>
    ) {
        Kernels.sum(x, outer: outer, reduced: reduced, inner: inner, out)
    }

    public static func _optimizerUpdate(
        _ rule: _UpdateRule<Double>,
        _ x: UnsafeMutablePointer<Double>,
        _ g: UnsafePointer<Double>?,
        _ s0: UnsafeMutablePointer<Double>?,
        _ s1: UnsafeMutablePointer<Double>?,
        _ count: Int
    ) -> Double {
        Kernels.optimizerUpdate(rule, x, g, s0, s1, count)
    }
}
