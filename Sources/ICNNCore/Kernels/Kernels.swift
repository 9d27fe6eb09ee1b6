/// The engine's elementwise, broadcast and reduction loops, written once generically and specialised for `Float`
/// and `Double` by the `TensorScalar` conformances in this module (whole-module optimisation specialises them).
/// Transcendental functions on `Float` go to the vectorised C kernels (`VectorMath`).
@usableFromInline
enum Kernels {}

// MARK: - Binary functors (a zero-cost stand-in for templates: each loop is specialised per functor)

@usableFromInline protocol BinaryFunctor {
    associatedtype S: TensorScalar; static func apply(_ a: S, _ b: S, _ p: S) -> S
}
@usableFromInline struct AddF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { a + b }
}
@usableFromInline struct SubtractF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { a - b }
}
@usableFromInline struct MultiplyF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { a * b }
}
@usableFromInline struct DivideF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { a / b }
}
@usableFromInline struct MaximumF<S: TensorScalar>: BinaryFunctor {
    // Ties (and a NaN in b) take a; a NaN in a propagates.
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { b > a ? b : a }
}
@usableFromInline struct FirstLaneMaskF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { b > a ? 0 : 1 }
}
@usableFromInline struct LogSumExpF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ tau: S) -> S {
        let m = b > a ? b : a
        return m + tau * S._log1p(S._exp(-abs(a - b) / tau))
    }
}
@usableFromInline struct LogSumExpWeightF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ tau: S) -> S {
        Kernels.sigmoid((a - b) / tau)
    }
}

@usableFromInline struct MultiplySigmoidF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { a * Kernels.sigmoid(b) }
}
@usableFromInline struct MultiplySigmoidDerivativeF<S: TensorScalar>: BinaryFunctor {
    // t − t·b with t = a·b: a·s(1 − s) for s = b, rounded as the recorded g·y, then gy − gy·y, are.
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S {
        let t = a * b
        return t - t * b
    }
}
@usableFromInline struct MultiplyReluMaskF<S: TensorScalar>: BinaryFunctor {
    @inline(__always) @usableFromInline static func apply(_ a: S, _ b: S, _ p: S) -> S { b > 0 ? a : 0 }
}

extension Kernels {
    // MARK: Scalar helpers

    @inline(__always) @usableFromInline
    static func softplus<S: TensorScalar>(_ x: S) -> S {
        // max(x, 0) + log1p(exp(−|x|)): no overflow for large x, full relative precision for very negative x.
        (x > 0 ? x : 0) + S._log1p(S._exp(-abs(x)))
    }

    @inline(__always) @usableFromInline
    static func sigmoid<S: TensorScalar>(_ x: S) -> S {
        // Branch on the sign so that exp never overflows.
        if x >= 0 {
            return 1 / (1 + S._exp(-x))
        }
        let e = S._exp(x)
        return e / (1 + e)
    }

    // MARK: Unary

    @usableFromInline
    static func unary<S: TensorScalar>(
        _ kernel: _UnaryKernel<S>,
        _ x: UnsafePointer<S>,
        _ y: UnsafeMutablePointer<S>,
        _ n: Int
    ) {
        if S.self == Float.self, Vectorized.handles(kernel) {
            Vectorized.apply(
                kernel,
                UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self),
                n
            )
            return
        }
        switch kernel {
        case .negate: for i in 0..<n { y[i] = -x[i] }
        case .exp: for i in 0..<n { y[i] = S._exp(x[i]) }
        case .log: for i in 0..<n { y[i] = S._log(x[i]) }
        case .square: for i in 0..<n { y[i] = x[i] * x[i] }
        case .squareRoot: for i in 0..<n { y[i] = x[i].squareRoot() }
        case .reciprocal: for i in 0..<n { y[i] = 1 / x[i] }
        case .absolute: for i in 0..<n { y[i] = abs(x[i]) }
        case .tanh: for i in 0..<n { y[i] = S._tanh(x[i]) }
        case .relu: for i in 0..<n { y[i] = x[i] > 0 ? x[i] : 0 }
        case .reluMask: for i in 0..<n { y[i] = x[i] > 0 ? 1 : 0 }
        case .leakyRelu(let slope): for i in 0..<n { y[i] = x[i] > 0 ? x[i] : slope * x[i] }
        case .leakyReluSlope(let slope): for i in 0..<n { y[i] = x[i] > 0 ? 1 : slope }
        case .softplus: for i in 0..<n { y[i] = softplus(x[i]) }
        case .sigmoid: for i in 0..<n { y[i] = sigmoid(x[i]) }
        case .sign: for i in 0..<n { y[i] = x[i] > 0 ? 1 : (x[i] < 0 ? -1 : x[i] * 0) }
        case .clamp(let lo, let hi): for i in 0..<n { y[i] = x[i] < lo ? lo : (x[i] > hi ? hi : x[i]) }
        case .clampMask(let lo, let hi): for i in 0..<n { y[i] = x[i] > lo && x[i] < hi ? 1 : 0 }
        case .scale(let c): for i in 0..<n { y[i] = x[i] * c }
        case .shift(let c): for i in 0..<n { y[i] = x[i] + c }
        case .fill(let c): for i in 0..<n { y[i] = c }
        }
    }

    /// y = softplus(x) and d = sigmoid(x) (its derivative); for Float in one vectorised pass.
    @usableFromInline
    static func softplusAndSigmoid<S: TensorScalar>(
        _ x: UnsafePointer<S>,
        _ y: UnsafeMutablePointer<S>,
        _ d: UnsafeMutablePointer<S>,
        _ n: Int
    ) {
        if S.self == Float.self {
            VectorMath.softplusAndSigmoid(
                UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                into: UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self),
                derivative: UnsafeMutableRawPointer(d).assumingMemoryBound(to: Float.self),
                count: n
            )
            return
        }
        S._unary(.softplus, x, y, n)
        S._unary(.sigmoid, x, d, n)
    }

    /// y = τ·log(e^(a/τ) + e^(b/τ)) and w = sigmoid((a − b)/τ) (its derivative in a) for contiguous operands of
    /// `n` elements; for Float in one vectorised pass. Each output equals the `logSumExp` / `logSumExpWeight`
    /// binary kernel's.
    @usableFromInline
    static func logSumExpAndWeight<S: TensorScalar>(
        _ a: UnsafePointer<S>,
        _ b: UnsafePointer<S>,
        _ tau: S,
        _ y: UnsafeMutablePointer<S>,
        _ w: UnsafeMutablePointer<S>,
        _ n: Int
    ) {
        if S.self == Float.self {
            VectorMath.logSumExp(
                UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
                temperature: Float(tau),
                into: UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self),
                weight: UnsafeMutableRawPointer(w).assumingMemoryBound(to: Float.self),
                count: n
            )
            return
        }
        let contiguous = [1]
        binary(.logSumExp(tau), a, contiguous, b, contiguous, y, [n])
        binary(.logSumExpWeight(tau), a, contiguous, b, contiguous, w, [n])
    }

    // MARK: Binary with broadcasting

    @usableFromInline
    static func binary<S: TensorScalar>(
        _ kernel: _BinaryKernel<S>,
        _ a: UnsafePointer<S>,
        _ aStrides: [Int],
        _ b: UnsafePointer<S>,
        _ bStrides: [Int],
        _ out: UnsafeMutablePointer<S>,
        _ shape: [Int]
    ) {
        if S.self == Float.self, let op = Vectorized.operation(kernel),
            Vectorized.binary(
                op,
                UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                aStrides,
                UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
                bStrides,
                UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self),
                shape
            )
        {
            return
        }
        switch kernel {
        case .add: broadcast(AddF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .subtract: broadcast(SubtractF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .multiply: broadcast(MultiplyF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .divide: broadcast(DivideF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .maximum: broadcast(MaximumF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .firstLaneMask: broadcast(FirstLaneMaskF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .multiplySigmoid: broadcast(MultiplySigmoidF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .multiplySigmoidDerivative:
            broadcast(MultiplySigmoidDerivativeF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .multiplyReluMask: broadcast(MultiplyReluMaskF<S>.self, 0, a, aStrides, b, bStrides, out, shape)
        case .logSumExp(let tau):
            if S.self == Float.self, aStrides == bStrides, isContiguous(aStrides, shape) {
                let n = shape.reduce(1, *)
                Vectorized.logSumExp(
                    UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                    UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
                    Float(tau),
                    UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self),
                    n
                )
                return
            }
            broadcast(LogSumExpF<S>.self, tau, a, aStrides, b, bStrides, out, shape)
        case .logSumExpWeight(let tau):
            if S.self == Float.self, aStrides == bStrides, isContiguous(aStrides, shape) {
                let n = shape.reduce(1, *)
                Vectorized.logSumExpWeight(
                    UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                    UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
                    Float(tau),
                    UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self),
                    n
                )
                return
            }
            broadcast(LogSumExpWeightF<S>.self, tau, a, aStrides, b, bStrides, out, shape)
        }
    }

    @inline(__always)
    static func isContiguous(_ strides: [Int], _ shape: [Int]) -> Bool {
        var expected = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
            if strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    /// Runs `F` over `shape`, with operands read through strides. Adjacent axes that are contiguous for both
    /// operands are merged first, so the common cases (same shape, bias row, scalar) become one or two loops.
    @inline(__always)
    static func broadcast<F: BinaryFunctor>(
        _ f: F.Type,
        _ p: F.S,
        _ a: UnsafePointer<F.S>,
        _ aStrides: [Int],
        _ b: UnsafePointer<F.S>,
        _ bStrides: [Int],
        _ out: UnsafeMutablePointer<F.S>,
        _ shape: [Int]
    ) {
        let (dims, sa, sb) = coalesce(shape, aStrides, bStrides)
        let total = dims.reduce(1, *)
        if total == 0 { return }
        let rank = dims.count
        let inner = dims[rank - 1]
        let ia = sa[rank - 1], ib = sb[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offA = 0, offB = 0, offOut = 0
        while true {
            let pa = a + offA, pb = b + offB, po = out + offOut
            if ia == 1 && ib == 1 {
                for i in 0..<inner { po[i] = F.apply(pa[i], pb[i], p) }
            } else if ia == 1 && ib == 0 {
                let bv = pb[0]
                for i in 0..<inner { po[i] = F.apply(pa[i], bv, p) }
            } else if ia == 0 && ib == 1 {
                let av = pa[0]
                for i in 0..<inner { po[i] = F.apply(av, pb[i], p) }
            } else {
                for i in 0..<inner { po[i] = F.apply(pa[i * ia], pb[i * ib], p) }
            }
            offOut += inner
            // Advance the outer multi-index (odometer), carrying into higher axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offA += sa[axis]
                offB += sb[axis]
                if index[axis] < dims[axis] { break }
                offA -= sa[axis] * dims[axis]
                offB -= sb[axis] * dims[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Drops unit axes and merges neighbours that are contiguous in both operands.
    static func coalesce(_ shape: [Int], _ sa: [Int], _ sb: [Int]) -> ([Int], [Int], [Int]) {
        var dims: [Int] = [], ra: [Int] = [], rb: [Int] = []
        for axis in 0..<shape.count where shape[axis] != 1 {
            if let last = dims.last, ra.last! == sa[axis] * shape[axis], rb.last! == sb[axis] * shape[axis] {
                dims[dims.count - 1] = last * shape[axis]
                ra[ra.count - 1] = sa[axis]
                rb[rb.count - 1] = sb[axis]
            } else {
                dims.append(shape[axis])
                ra.append(sa[axis])
                rb.append(sb[axis])
            }
        }
        if dims.isEmpty { return ([1], [0], [0]) }
        return (dims, ra, rb)
    }

    // MARK: Reduction

    @usableFromInline
    static func sum<S: TensorScalar>(
        _ x: UnsafePointer<S>,
        outer: Int,
        reduced: Int,
        inner: Int,
        _ out: UnsafeMutablePointer<S>
    ) {
        if inner == 1 {
            for o in 0..<outer { out[o] = contiguousSum(x + o * reduced, reduced) }
            return
        }
        for o in 0..<outer {
            let dst = out + o * inner
            let src = x + o * reduced * inner
            for i in 0..<inner { dst[i] = 0 }
            for j in 0..<reduced {
                let row = src + j * inner
                for i in 0..<inner { dst[i] += row[i] }
            }
        }
    }

    /// Sum of `n` contiguous scalars with eight independent partial sums (vectorisable; a fixed order, so the
    /// result does not depend on anything but the data).
    @inline(__always)
    static func contiguousSum<S: TensorScalar>(_ x: UnsafePointer<S>, _ n: Int) -> S {
        var s0: S = 0, s1: S = 0, s2: S = 0, s3: S = 0, s4: S = 0, s5: S = 0, s6: S = 0, s7: S = 0
        var i = 0
        while i + 8 <= n {
            s0 += x[i]; s1 += x[i + 1]; s2 += x[i + 2]; s3 += x[i + 3]
            s4 += x[i + 4]; s5 += x[i + 5]; s6 += x[i + 6]; s7 += x[i + 7]
            i += 8
        }
        while i < n { s0 += x[i]; i += 1 }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
    }
}
