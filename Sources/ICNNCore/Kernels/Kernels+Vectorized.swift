import CICNNKernels

/// Routes Float kernels to the vectorised C implementations (`VectorMath`, `Gemm`, `icnn_elementwise.h`); the
/// generic loops in `Kernels` remain the Double path and the reference.
enum Vectorized {
    /// Whether `kernel` has a vectorised Float implementation.
    @inline(__always)
    static func handles<S>(_ kernel: _UnaryKernel<S>) -> Bool {
        switch kernel {
        case .exp, .log, .tanh, .softplus, .sigmoid: true
        default: false
        }
    }

    static func apply<S>(
        _ kernel: _UnaryKernel<S>,
        _ x: UnsafePointer<Float>,
        _ y: UnsafeMutablePointer<Float>,
        _ n: Int
    ) {
        switch kernel {
        case .exp: VectorMath.exp(x, into: y, count: n)
        case .log: VectorMath.log(x, into: y, count: n)
        case .tanh: VectorMath.tanh(x, into: y, count: n)
        case .softplus: VectorMath.softplus(x, into: y, count: n)
        case .sigmoid: VectorMath.sigmoid(x, into: y, count: n)
        default: require(false, "no vectorised kernel for \(kernel)")
        }
    }

    static func logSumExp(
        _ a: UnsafePointer<Float>,
        _ b: UnsafePointer<Float>,
        _ tau: Float,
        _ out: UnsafeMutablePointer<Float>,
        _ n: Int
    ) {
        VectorMath.logSumExp(a, b, temperature: tau, into: out, weight: nil, count: n)
    }

    /// sigmoid((a − b)/τ), with a − b taken exactly; `out` may be `a` or `b`.
    static func logSumExpWeight(
        _ a: UnsafePointer<Float>,
        _ b: UnsafePointer<Float>,
        _ tau: Float,
        _ out: UnsafeMutablePointer<Float>,
        _ n: Int
    ) {
        icnn_vlse2_weight(a, b, tau, out, n)
    }

    /// The C operation of a binary kernel, or nil where there is none (the log-sum-exp pair has its own entries).
    @inline(__always)
    static func operation<S>(_ kernel: _BinaryKernel<S>) -> icnn_binary_op_t? {
        switch kernel {
        case .add: ICNN_BINARY_ADD
        case .subtract: ICNN_BINARY_SUBTRACT
        case .multiply: ICNN_BINARY_MULTIPLY
        case .divide: ICNN_BINARY_DIVIDE
        case .maximum: ICNN_BINARY_MAXIMUM
        case .firstLaneMask: ICNN_BINARY_FIRST_LANE_MASK
        case .multiplyReluMask: ICNN_BINARY_MULTIPLY_RELU_MASK
        case .multiplySigmoid: ICNN_BINARY_MULTIPLY_SIGMOID
        case .multiplySigmoidDerivative: ICNN_BINARY_MULTIPLY_SIGMOID_DERIVATIVE
        case .logSumExp, .logSumExpWeight: nil
        }
    }

    /// out = op(a, b) over `shape` with element strides, when the layout coalesces to at most two axes whose inner
    /// strides are 0 or 1 (same shape, bias row, per-row or single scalar): one C call. Returns false, having done
    /// nothing, for other layouts.
    static func binary(
        _ op: icnn_binary_op_t,
        _ a: UnsafePointer<Float>,
        _ aStrides: [Int],
        _ b: UnsafePointer<Float>,
        _ bStrides: [Int],
        _ out: UnsafeMutablePointer<Float>,
        _ shape: [Int]
    ) -> Bool {
        let (dims, sa, sb) = Kernels.coalesce(shape, aStrides, bStrides)
        guard dims.count <= 2, let ia = sa.last, let ib = sb.last, ia == 0 || ia == 1, ib == 0 || ib == 1 else {
            return false
        }
        if dims.count == 1 {
            icnn_vbinary2d(op, 1, dims[0], a, 0, ia, b, 0, ib, out)
        } else {
            icnn_vbinary2d(op, dims[0], dims[1], a, sa[0], ia, b, sb[0], ib, out)
        }
        return true
    }
}
