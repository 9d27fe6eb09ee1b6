import CICNNKernels

/// The optimiser kernels: one fused pass per parameter tensor (parameter, gradient and state read once and written
/// once, no temporaries), written generically and specialised for `Float` and `Double` through the `TensorScalar`
/// conformances. The formulas are those of `_UpdateRule`.
extension Kernels {
    @usableFromInline
    static func optimizerUpdate<S: TensorScalar>(
        _ rule: _UpdateRule<S>,
        _ x: UnsafeMutablePointer<S>,
        _ g: UnsafePointer<S>?,
        _ s0: UnsafeMutablePointer<S>?,
        _ s1: UnsafeMutablePointer<S>?,
        _ n: Int
    ) -> Double {
        // Moments of parameters whose gradient stays zero decay into the subnormal range, where every operation
        // costs a microcode assist (icnn_float_environment.h); the update steps flush them to zero.
        let environment = rule.flushesSubnormals ? icnn_flush_subnormals_begin() : 0
        defer { if rule.flushesSubnormals { icnn_flush_subnormals_end(environment) } }
        switch rule {
        case .sgd(let lr, let wd):
            assert(g != nil, "sgd needs a gradient")
            let g = g.unsafelyUnwrapped
            for i in 0..<n { x[i] -= lr * (g[i] + wd * x[i]) }
        case let .momentum(lr, mu, dampening, wd, nesterov, firstStep):
            assert(g != nil && s0 != nil, "momentum needs a gradient and a buffer")
            let g = g.unsafelyUnwrapped, b = s0.unsafelyUnwrapped
            // Constant flags into an always-inlined loop: four branch-free specialisations.
            switch (firstStep, nesterov) {
            case (true, true): momentumLoop(x, g, b, n, lr, mu, 1 - dampening, wd, nesterov: true, firstStep: true)
            case (true, false): momentumLoop(x, g, b, n, lr, mu, 1 - dampening, wd, nesterov: false, firstStep: true)
            case (false, true): momentumLoop(x, g, b, n, lr, mu, 1 - dampening, wd, nesterov: true, firstStep: false)
            case (false, false):
                momentumLoop(x, g, b, n, lr, mu, 1 - dampening, wd, nesterov: false, firstStep: false)
            }
        case let .adam(stepSize, beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon, rootInverse, wd, decay):
            assert(g != nil && s0 != nil && s1 != nil, "adam needs a gradient and two moment buffers")
            let g = g.unsafelyUnwrapped, m = s0.unsafelyUnwrapped, v = s1.unsafelyUnwrapped
            // v ≥ 0 always, so √|v| = √v; the magnitude tells LLVM the argument is not negative, so no errno
            // branch to `sqrtf` is emitted and the loop vectorises (sqrtps). NaN still propagates.
            for i in 0..<n {
                let xi = x[i]
                let d = g[i] + wd * xi
                let mi = beta1 * m[i] + oneMinusBeta1 * d
                let vi = beta2 * v[i] + oneMinusBeta2 * (d * d)
                m[i] = mi
                v[i] = vi
                x[i] = xi * decay - stepSize * mi / (vi.magnitude.squareRoot() * rootInverse + epsilon)
            }
        case .sumOfSquares:
            return sumOfSquares(x, n)
        case .clamp(let limit):
            let low = -limit
            for i in 0..<n {
                let xi = x[i]
                x[i] = xi > limit ? limit : (xi < low ? low : xi)
            }
        }
        return 0
    }

    @inline(__always)
    static func momentumLoop<S: TensorScalar>(
        _ x: UnsafeMutablePointer<S>,
        _ g: UnsafePointer<S>,
        _ b: UnsafeMutablePointer<S>,
        _ n: Int,
        _ lr: S,
        _ mu: S,
        _ undamped: S,
        _ wd: S,
        nesterov: Bool,
        firstStep: Bool
    ) {
        for i in 0..<n {
            let xi = x[i]
            let d = g[i] + wd * xi
            let bi = firstStep ? d : mu * b[i] + undamped * d
            b[i] = bi
            x[i] = xi - lr * (nesterov ? d + mu * bi : bi)
        }
    }

    /// Σ x² in Double with eight independent partial sums (a fixed order: the result depends only on the data; the
    /// compiler packs the lanes into vector registers). Products of Float values are exact in Double.
    @inline(__always)
    static func sumOfSquares<S: TensorScalar>(_ x: UnsafePointer<S>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0
        var i = 0
        while i + 8 <= n {
            let a0 = Double(x[i]), a1 = Double(x[i + 1]), a2 = Double(x[i + 2]), a3 = Double(x[i + 3])
            let a4 = Double(x[i + 4]), a5 = Double(x[i + 5]), a6 = Double(x[i + 6]), a7 = Double(x[i + 7])
            s0 += a0 * a0
            s1 += a1 * a1
            s2 += a2 * a2
            s3 += a3 * a3
            s4 += a4 * a4
            s5 += a5 * a5
            s6 += a6 * a6
            s7 += a7 * a7
            i += 8
        }
        while i < n {
            let a = Double(x[i])
            s0 += a * a
            i += 1
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
    }
}
