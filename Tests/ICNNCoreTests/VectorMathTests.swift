import CICNNKernels
import ICNNCore
import Testing
import _ICNNTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every instruction-set level this CPU can run (portable, AVX2, AVX-512, as far as supported).
private let levels: [Int] = Array(0...Int(icnn_cpu_level().rawValue))

private func cpuLevel(_ level: Int) -> icnn_cpu_level_t { icnn_cpu_level_t(rawValue: UInt32(level)) }

private func levelName(_ level: Int) -> String { String(cString: icnn_cpu_level_name(cpuLevel(level))) }

/// The error of `y` in ulps of the Float nearest to max(|reference|, scale); the ulp is 2⁻¹⁴⁹ below 2⁻¹²⁶.
/// Infinities count as ±2¹²⁸, so that FLT_MAX against a reference just past it is one ulp, not infinitely wrong.
private func ulpError(_ y: Float, _ reference: Double, scale: Double = 0) -> Double {
    if reference.isNaN { return y.isNaN ? 0 : .infinity }
    if y.isNaN { return .infinity }
    let big = 0x1p128
    let yd = y.isInfinite ? (y < 0 ? -big : big) : Double(y)
    let rd = min(max(reference, -big), big)
    let m = max(Swift.abs(rd), scale)
    let ulp = m < 0x1p-126 ? 0x1p-149 : Double(sign: .plus, exponent: m.exponent - 23, significand: 1)
    return Swift.abs(yd - rd) / ulp
}

/// Bit-identical, except that any two NaNs match (the sign and payload of a NaN may depend on the code path).
private func identical(_ a: Float, _ b: Float) -> Bool { (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern }

private func identical(_ a: [Float], _ b: [Float]) -> Bool { a.count == b.count && zip(a, b).allSatisfy(identical) }

/// e⁻¹⁰⁰ ≈ 3.72e-44 rounded to the subnormal 27·2⁻¹⁴⁹ ≈ 3.78e-44: softplus(−100), sigmoid(−100) and lse2(−100, 0).
private let eMinus100 = Float(bitPattern: 27)

private func softplusReference(_ x: Double) -> Double { max(x, 0) + log1p(exp(-Swift.abs(x))) }

private func sigmoidReference(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

/// A one-input Float kernel, or one output of a fused kernel, with its Double reference and allowance.
enum UnaryKernel: Sendable, CustomTestStringConvertible {
    case exp, log, log1p, tanh, softplus, sigmoid
    case fusedSoftplus, fusedSigmoid  // the two outputs of icnn_vsoftplus_sigmoid
    case softplusTau(Float), sigmoidTau(Float), fusedSoftplusTau(Float), fusedSigmoidTau(Float)

    static let all: [UnaryKernel] =
        [.exp, .log, .log1p, .tanh, .softplus, .sigmoid, .fusedSoftplus, .fusedSigmoid]
        + [1e-4, 0.01, 0.3, 1, 3.7, 1e4].flatMap { tau in
            [.softplusTau(tau), .sigmoidTau(tau), .fusedSoftplusTau(tau), .fusedSigmoidTau(tau)]
        }

    var testDescription: String {
        switch self {
        case .softplusTau(let t): "softplusTau(\(t))"
        case .sigmoidTau(let t): "sigmoidTau(\(t))"
        case .fusedSoftplusTau(let t): "fusedSoftplusTau(\(t))"
        case .fusedSigmoidTau(let t): "fusedSigmoidTau(\(t))"
        default: "\(self)"
        }
    }

    /// The temperature the inputs are scaled by, so that x/τ sweeps the same ranges for every τ.
    var tau: Float {
        switch self {
        case .softplusTau(let t), .sigmoidTau(let t), .fusedSoftplusTau(let t), .fusedSigmoidTau(let t): t
        default: 1
        }
    }

    var tolerance: Double {
        switch self {
        case .exp: Tolerances.vectorExpUlps
        case .log: Tolerances.vectorLogUlps
        case .log1p: Tolerances.vectorLog1pUlps
        case .tanh: Tolerances.vectorTanhUlps
        case .softplus, .fusedSoftplus: Tolerances.vectorSoftplusUlps
        case .sigmoid, .fusedSigmoid: Tolerances.vectorSigmoidUlps
        case .softplusTau, .fusedSoftplusTau: Tolerances.vectorSoftplusTemperatureUlps
        case .sigmoidTau, .fusedSigmoidTau: Tolerances.vectorSigmoidTemperatureUlps
        }
    }

    func reference(_ x: Float) -> Double {
        let v = Double(x)
        let t = Double(tau)
        switch self {
        case .exp: return Glibc.exp(v)
        case .log: return Glibc.log(v)
        case .log1p: return Glibc.log1p(v)
        case .tanh: return Glibc.tanh(v)
        case .softplus, .fusedSoftplus: return softplusReference(v)
        case .sigmoid, .fusedSigmoid: return sigmoidReference(v)
        case .softplusTau, .fusedSoftplusTau: return t * softplusReference(v / t)
        case .sigmoidTau, .fusedSigmoidTau: return sigmoidReference(v / t)
        }
    }

    func run(_ level: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let l = cpuLevel(level)
        switch self {
        case .exp: icnn_vexp_level(l, x, y, n)
        case .log: icnn_vlog_level(l, x, y, n)
        case .log1p: icnn_vlog1p_level(l, x, y, n)
        case .tanh: icnn_vtanh_level(l, x, y, n)
        case .softplus: icnn_vsoftplus_level(l, x, y, n)
        case .sigmoid: icnn_vsigmoid_level(l, x, y, n)
        case .softplusTau(let t): icnn_vsoftplus_tau_level(l, x, t, y, n)
        case .sigmoidTau(let t): icnn_vsigmoid_tau_level(l, x, t, y, n)
        case .fusedSoftplus, .fusedSigmoid, .fusedSoftplusTau, .fusedSigmoidTau:
            let other = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
            defer { other.deallocate() }
            switch self {
            case .fusedSoftplus: icnn_vsoftplus_sigmoid_level(l, x, y, other, n)
            case .fusedSigmoid: icnn_vsoftplus_sigmoid_level(l, x, other, y, n)
            case .fusedSoftplusTau(let t): icnn_vsoftplus_sigmoid_tau_level(l, x, t, y, other, n)
            case .fusedSigmoidTau(let t): icnn_vsoftplus_sigmoid_tau_level(l, x, t, other, y, n)
            default: fatalError("unreachable")
            }
        }
    }

    func run(_ level: Int, _ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                run(level, xb.baseAddress!, yb.baseAddress!, x.count)
            }
        }
        return y
    }
}

/// The inputs of the accuracy sweeps (before scaling by τ).
private let sweep: [Float] = {
    var x: [Float] = []
    // dense over [-100, 100], the activations' working range and past the subnormal edge of softplus(-x)
    for i in 0...(1 << 16) { x.append(Float(-100 + 200 * Double(i) / Double(1 << 16))) }
    // near 0
    for i in -2048...2048 { x.append(Float(Double(i) * 1e-3 / 2048)) }
    // every binade, both signs, subnormals included
    for e in -149...127 {
        let p = Float(sign: .plus, exponent: e, significand: 1)
        x += [p, -p, p * 1.7, -p * 1.7]
    }
    // all Float bit patterns, strided (the stride is odd, so every exponent and low-bit pattern appears)
    var bits: UInt32 = 0
    for _ in 0..<65_600 {
        x.append(Float(bitPattern: bits))
        bits &+= 65_521  // wraps around once: that is the point
    }
    // 256 neighbours either side of the thresholds: overflow and underflow of exp, subnormal results,
    // the branch points of log1p and tanh, where softplus(x) = x
    let edges: [Float] = [88.72, 87.33, 103.97, 104, 89, 9.01, 17, 0.5625, 0.41421, 0.29289, 1, 0]
    for c in edges.flatMap({ [$0, -$0] }) {
        var up = c
        var down = c
        for _ in 0..<256 {
            up = up.nextUp
            down = down.nextDown
            x += [up, down]
        }
    }
    // special values
    x += [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude]
    x += [.leastNormalMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
    return x
}()

@Suite("VectorMath")
struct VectorMathTests {
    @Test("Float kernels against a Double reference", arguments: UnaryKernel.all, levels)
    func accuracy(kernel: UnaryKernel, level: Int) {
        let x = sweep.map { $0 * kernel.tau }
        let y = kernel.run(level, x)
        var worst = 0.0
        var worstIndex = 0
        for i in x.indices {
            let e = ulpError(y[i], kernel.reference(x[i]))
            if !(e <= worst) {
                worst = e
                worstIndex = i
            }
        }
        let w = worstIndex
        #expect(
            worst <= kernel.tolerance,
            """
            \(kernel.testDescription) at \(levelName(level)): worst \(worst) ulp > allowed \(kernel.tolerance), \
            at x = \(x[w]) (\(x[w].bitPattern)): y = \(y[w]), reference = \(kernel.reference(x[w]))
            """
        )
    }

    @Test("Tails, in place, and no write past the end", arguments: UnaryKernel.all, levels)
    func tailsAndInPlace(kernel: UnaryKernel, level: Int) {
        // A mix of values that take every branch; the full-length result is the reference for each prefix.
        let base: [Float] = [-100, -20, -1, -0.3, -0.0, 0, 1e-30, 0.3, 0.7, 1, 5, 20, 89, -104, .nan, .infinity]
        let x = (0..<67).map { base[($0 * 7) % base.count] * kernel.tau + Float($0) * 1e-3 }
        let full = kernel.run(level, x)
        let sentinel: Float = 12345
        for n in 1...67 {
            var y = [Float](repeating: sentinel, count: n + 16)
            var z = Array(x[0..<n]) + [Float](repeating: sentinel, count: 16)
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { kernel.run(level, xb.baseAddress!, $0.baseAddress!, n) }
            }
            z.withUnsafeMutableBufferPointer { kernel.run(level, $0.baseAddress!, $0.baseAddress!, n) }
            for i in 0..<n {
                #expect(
                    identical(y[i], full[i]) && identical(z[i], full[i]),
                    "\(kernel.testDescription) \(levelName(level)) n = \(n), i = \(i): \(y[i]), in place \(z[i])"
                )
            }
            #expect(
                y[n...].allSatisfy { $0 == sentinel } && z[n...].allSatisfy { $0 == sentinel },
                "\(kernel.testDescription) \(levelName(level)) n = \(n) wrote past the end"
            )
        }
    }

    @Test("Special values", arguments: levels)
    func specialValues(level: Int) {
        let inf = Float.infinity
        // (kernel, input, expected); NaN expected means any NaN; zeros are compared with their sign.
        let tiny = Float.leastNonzeroMagnitude
        let table: [(UnaryKernel, Float, Float)] = [
            (.exp, inf, inf), (.exp, -inf, 0), (.exp, .nan, .nan), (.exp, 0, 1), (.exp, -0.0, 1),
            (.exp, 89, inf), (.exp, -104, 0), (.exp, -100, eMinus100),
            (.log, 0, -inf), (.log, -0.0, -inf), (.log, -1, .nan), (.log, inf, inf), (.log, .nan, .nan),
            (.log, 1, 0),
            (.log1p, -1, -inf), (.log1p, -2, .nan), (.log1p, inf, inf), (.log1p, -0.0, -0.0), (.log1p, 0, 0),
            (.log1p, 1e-30, 1e-30), (.log1p, tiny, tiny),
            (.tanh, inf, 1), (.tanh, -inf, -1), (.tanh, -0.0, -0.0), (.tanh, .nan, .nan), (.tanh, 10, 1),
            (.tanh, 1e-30, 1e-30),
            (.softplus, inf, inf), (.softplus, -inf, 0), (.softplus, .nan, .nan), (.softplus, 100, 100),
            (.softplus, 1e30, 1e30), (.softplus, -100, eMinus100), (.softplus, -104, 0),
            (.sigmoid, inf, 1), (.sigmoid, -inf, 0), (.sigmoid, .nan, .nan), (.sigmoid, 0, 0.5),
            (.sigmoid, -0.0, 0.5), (.sigmoid, 100, 1), (.sigmoid, -100, eMinus100),
            (.softplusTau(0.01), 1e30, 1e30), (.softplusTau(0.01), -inf, 0), (.softplusTau(0.01), -1, 0),
            (.softplusTau(0.5), .nan, .nan), (.softplusTau(1e4), -inf, 0), (.softplusTau(1e4), inf, inf),
            (.sigmoidTau(0.01), 1, 1), (.sigmoidTau(0.01), -1, eMinus100), (.sigmoidTau(3), -0.0, 0.5),
        ]
        for (kernel, x, expected) in table {
            let y = kernel.run(level, [x])[0]
            let ok = expected.isNaN ? y.isNaN : y == expected && (expected != 0 || y.sign == expected.sign)
            #expect(ok, "\(kernel.testDescription)(\(x)) = \(y), expected \(expected) at \(levelName(level))")
        }
    }

    @Test("Two-lane log-sum-exp and its weight", arguments: levels)
    func logSumExp(level: Int) {
        let seed: UInt64 = 0x5EED_0001
        var rng = SeededGenerator(seed: seed)
        let n = 1 << 15
        for tau in [0.01, 0.3, 1, 3.7] as [Float] {
            for scale in [1e-3, 1, 10, 100, 1e4] {
                // half the pairs independent, half within 30 τ of each other, where the log term matters
                var a = [Float](repeating: 0, count: n)
                var b = [Float](repeating: 0, count: n)
                for i in 0..<n {
                    a[i] = Float(rng.nextUniform(in: -1, 1) * scale)
                    b[i] =
                        i.isMultiple(of: 2)
                        ? Float(rng.nextUniform(in: -1, 1) * scale)
                        : a[i] + Float(rng.nextUniform(in: -1, 1)) * 30 * tau
                }
                var y = [Float](repeating: 0, count: n)
                var w = [Float](repeating: 0, count: n)
                icnn_vlse2_level(cpuLevel(level), a, b, tau, &y, &w, n)
                var worstY = 0.0
                var worstW = 0.0
                var at = (Float(0), Float(0))
                for i in 0..<n {
                    let u = Double(a[i])
                    let v = Double(b[i])
                    let t = Double(tau)
                    let m = max(u, v)
                    let reference = m + t * log1p(exp(-Swift.abs(u - v) / t))
                    let ey = ulpError(y[i], reference, scale: Swift.abs(m))
                    if ey > worstY {
                        worstY = ey
                        at = (a[i], b[i])
                    }
                    worstW = max(worstW, ulpError(w[i], sigmoidReference((u - v) / t)))
                }
                #expect(
                    worstY <= Tolerances.vectorLogSumExpUlps,
                    """
                    lse2 \(levelName(level)) τ = \(tau), scale \(scale): worst \(worstY) ulp of max(|y|, |max(a, b)|) \
                    > \(Tolerances.vectorLogSumExpUlps) at (a, b) = \(at); seed \(seed)
                    """
                )
                #expect(
                    worstW <= Tolerances.vectorLogSumExpWeightUlps,
                    "lse2 weight \(levelName(level)) τ = \(tau), scale \(scale): worst \(worstW) ulp; seed \(seed)"
                )
                // without the weight, and in place (y over a, w over b): the same bits
                var yOnly = [Float](repeating: 0, count: n)
                icnn_vlse2_level(cpuLevel(level), a, b, tau, &yOnly, nil, n)
                var a2 = a
                var b2 = b
                a2.withUnsafeMutableBufferPointer { ab in
                    b2.withUnsafeMutableBufferPointer { bb in
                        icnn_vlse2_level(
                            cpuLevel(level),
                            ab.baseAddress!,
                            bb.baseAddress!,
                            tau,
                            ab.baseAddress!,
                            bb.baseAddress!,
                            n
                        )
                    }
                }
                #expect(identical(yOnly, y), "lse2 without weight differs")
                #expect(identical(a2, y), "lse2 in place differs")
                #expect(identical(b2, w), "lse2 weight in place differs")
            }
        }
    }

    @Test("Log-sum-exp tails and special values", arguments: levels)
    func logSumExpEdges(level: Int) {
        let inf = Float.infinity
        let a: [Float] = [inf, -inf, inf, .nan, 1, -inf, 3e38, 0, -100, 100, 2]
        let b: [Float] = [inf, -inf, -inf, 1, .nan, 2, -3e38, -0.0, 0, 0, 2]
        var y = [Float](repeating: 0, count: a.count)
        var w = [Float](repeating: 0, count: a.count)
        icnn_vlse2_level(cpuLevel(level), a, b, 1, &y, &w, a.count)
        let ln2 = Float(M_LN2)
        let expectedY: [Float] = [inf, -inf, inf, .nan, .nan, 2, 3e38, ln2, eMinus100, 100, 2 + ln2]
        let expectedW: [Float] = [0.5, 0.5, 1, .nan, .nan, 0, 1, 0.5, eMinus100, 1, 0.5]
        for i in a.indices {
            #expect(
                expectedY[i].isNaN ? y[i].isNaN : y[i] == expectedY[i],
                "lse2(\(a[i]), \(b[i])) = \(y[i]), expected \(expectedY[i]) at \(levelName(level))"
            )
            #expect(
                expectedW[i].isNaN ? w[i].isNaN : w[i] == expectedW[i],
                "lse2 weight(\(a[i]), \(b[i])) = \(w[i]), expected \(expectedW[i]) at \(levelName(level))"
            )
        }
        // every length up to 67: each element as in the full-length call, nothing written past the end
        let m = 67
        let xa = (0..<m).map { Float($0 % 13) - 6.5 }
        let xb = (0..<m).map { Float($0 % 7) * 1.3 - 4 }
        var fy = [Float](repeating: 0, count: m)
        var fw = [Float](repeating: 0, count: m)
        icnn_vlse2_level(cpuLevel(level), xa, xb, 0.7, &fy, &fw, m)
        for n in 1...m {
            var ty = [Float](repeating: 777, count: n + 16)
            var tw = [Float](repeating: 777, count: n + 16)
            icnn_vlse2_level(cpuLevel(level), xa, xb, 0.7, &ty, &tw, n)
            #expect(
                identical(Array(ty[0..<n]), Array(fy[0..<n])) && identical(Array(tw[0..<n]), Array(fw[0..<n])),
                "lse2 n = \(n)"
            )
            #expect(ty[n...].allSatisfy { $0 == 777 } && tw[n...].allSatisfy { $0 == 777 }, "lse2 n = \(n) overran")
        }
    }

    @Test("The Float API runs the best level")
    func floatAPIDispatch() {
        let x = sweep.filter { $0.isFinite && Swift.abs($0) < 1e4 }.map { $0 }
        let n = x.count
        let best = levels.last!
        var y = [Float](repeating: 0, count: n)
        var d = [Float](repeating: 0, count: n)
        func same(_ kernel: UnaryKernel, _ got: [Float]) {
            #expect(identical(kernel.run(best, x), got), "\(kernel.testDescription)")
        }
        VectorMath.exp(x, into: &y, count: n)
        same(.exp, y)
        VectorMath.log(x, into: &y, count: n)
        same(.log, y)
        VectorMath.log1p(x, into: &y, count: n)
        same(.log1p, y)
        VectorMath.tanh(x, into: &y, count: n)
        same(.tanh, y)
        VectorMath.softplus(x, into: &y, count: n)
        same(.softplus, y)
        VectorMath.sigmoid(x, into: &y, count: n)
        same(.sigmoid, y)
        VectorMath.softplusAndSigmoid(x, into: &y, derivative: &d, count: n)
        same(.softplus, y)
        same(.sigmoid, d)
        VectorMath.softplus(x, temperature: 0.3, into: &y, count: n)
        same(.softplusTau(0.3), y)
        VectorMath.sigmoid(x, temperature: 0.3, into: &y, count: n)
        same(.sigmoidTau(0.3), y)
        VectorMath.softplusAndSigmoid(x, temperature: 0.3, into: &y, derivative: &d, count: n)
        same(.softplusTau(0.3), y)
        same(.sigmoidTau(0.3), d)
        let b = x.reversed().map { $0 }
        var w = [Float](repeating: 0, count: n)
        VectorMath.logSumExp(x, b, temperature: 0.3, into: &y, weight: &w, count: n)
        var ry = [Float](repeating: 0, count: n)
        var rw = [Float](repeating: 0, count: n)
        icnn_vlse2_level(cpuLevel(best), x, b, 0.3, &ry, &rw, n)
        #expect(identical(ry, y) && identical(rw, w), "logSumExp")
    }

    @Test("Double overloads: closed forms, identities, edge cases")
    func doubleOverloads() {
        let x: [Double] = [-800, -100, -30, -2.5, -1, -0.1, -1e-9, 0, 1e-9, 0.1, 1, 2.5, 30, 100, 800]
        let n = x.count
        var y = [Double](repeating: 0, count: n)
        var d = [Double](repeating: 0, count: n)
        var yNeg = [Double](repeating: 0, count: n)
        let tol = Tolerances.vectorDoubleRelative
        // relative, except that results near 0 are compared at the scale of 1
        func close(_ u: Double, _ v: Double) -> Bool { Swift.abs(u - v) <= tol * max(Swift.abs(u), Swift.abs(v), 1) }
        VectorMath.softplusAndSigmoid(x, into: &y, derivative: &d, count: n)
        VectorMath.softplus(x.map { -$0 }, into: &yNeg, count: n)
        for i in 0..<n {
            // softplus(x) - softplus(-x) = x, and the closed form where it does not overflow
            #expect(close(y[i] - yNeg[i], x[i]) || Swift.abs(y[i] - yNeg[i] - x[i]) < 1e-15, "softplus at \(x[i])")
            if Swift.abs(x[i]) < 30 { #expect(close(y[i], Glibc.log1p(Glibc.exp(x[i]))), "softplus \(x[i])") }
            #expect(close(d[i], 1 / (1 + Glibc.exp(-x[i]))) || d[i] < 1e-300, "sigmoid at \(x[i])")
        }
        var s = [Double](repeating: 0, count: n)
        VectorMath.sigmoid(x, into: &s, count: n)
        #expect(s == d, "sigmoid and the fused derivative agree")
        let tau = 0.25
        VectorMath.softplusAndSigmoid(x, temperature: tau, into: &y, derivative: &d, count: n)
        for i in 0..<n where Swift.abs(x[i] / tau) < 30 {
            #expect(close(y[i], tau * Glibc.log1p(Glibc.exp(x[i] / tau))), "softplus τ at \(x[i])")
            #expect(close(d[i], 1 / (1 + Glibc.exp(-x[i] / tau))), "sigmoid τ at \(x[i])")
        }
        let b = x.reversed().map { $0 * 0.5 }
        var w = [Double](repeating: 0, count: n)
        VectorMath.logSumExp(x, b, temperature: tau, into: &y, weight: &w, count: n)
        for i in 0..<n where Swift.abs(x[i]) < 5 && Swift.abs(b[i]) < 5 {
            let direct = tau * Glibc.log(Glibc.exp(x[i] / tau) + Glibc.exp(b[i] / tau))
            #expect(close(y[i], direct), "logSumExp(\(x[i]), \(b[i])) = \(y[i]), direct \(direct)")
            #expect(close(w[i], 1 / (1 + Glibc.exp((b[i] - x[i]) / tau))), "logSumExp weight at \(x[i])")
        }
        // edge cases
        let e: [Double] = [.infinity, -.infinity, .nan, -0.0]
        var r = [Double](repeating: 0, count: 4)
        VectorMath.softplus(e, into: &r, count: 4)
        #expect(r[0] == .infinity && r[1] == 0 && r[2].isNaN && r[3] == M_LN2)
        VectorMath.sigmoid(e, into: &r, count: 4)
        #expect(r[0] == 1 && r[1] == 0 && r[2].isNaN && r[3] == 0.5)
        VectorMath.logSumExp(e, e, temperature: 1, into: &r, weight: &w, count: 4)
        #expect(r[0] == .infinity && r[1] == -.infinity && r[2].isNaN && r[3] == M_LN2 && w[0] == 0.5)
        VectorMath.exp(e, into: &r, count: 4)
        #expect(r[0] == .infinity && r[1] == 0 && r[2].isNaN && r[3] == 1)
        VectorMath.log(e, into: &r, count: 4)
        #expect(r[0] == .infinity && r[1].isNaN && r[2].isNaN && r[3] == -.infinity)
        VectorMath.log1p(e, into: &r, count: 4)
        #expect(r[0] == .infinity && r[1].isNaN && r[2].isNaN && r[3] == 0 && r[3].sign == .minus)
        VectorMath.tanh(e, into: &r, count: 4)
        #expect(r[0] == 1 && r[1] == -1 && r[2].isNaN && r[3] == 0 && r[3].sign == .minus)
    }
}
