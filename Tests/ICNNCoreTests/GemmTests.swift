import ICNNCore
import Testing
import _ICNNTestSupport

/// A product to test: extents, transposes and the padding added to each leading dimension.
struct GemmCase: Sendable, CustomStringConvertible {
    var m: Int, n: Int, k: Int
    var transposeA = false, transposeB = false
    var padding = 0

    var description: String {
        "\(m)×\(k)·\(k)×\(n) \(transposeA ? "T" : "N")\(transposeB ? "T" : "N") pad \(padding)"
    }
    var lda: Int { max(1, (transposeA ? m : k) + padding) }
    var ldb: Int { max(1, (transposeB ? k : n) + padding) }
    var ldc: Int { max(1, n + 2 * padding) }
    var aCount: Int { max(1, (transposeA ? k : m) * lda) }
    var bCount: Int { max(1, (transposeB ? n : k) * ldb) }
    var cCount: Int { max(1, m * ldc) }
}

/// Runs `multiply` on seeded random operands (C filled with NaN where β = 0 must ignore it, and a sentinel in
/// the padding columns, which must survive) and checks every element against the Double reference within
/// `perTerm`·(k + 2)·magnitude; with `rowStride` > 1, every element of every rowStride-th row.
func checkGemm<S: BinaryFloatingPoint>(
    _ t: GemmCase,
    alpha: Double,
    beta: Double,
    perTerm: Double,
    seed: UInt64,
    rowStride: Int = 1,
    _ scalar: S.Type,
    multiply: (UnsafePointer<S>, UnsafePointer<S>, UnsafeMutablePointer<S>) -> Void
) where S.RawSignificand: FixedWidthInteger {
    var rng = SeededGenerator(seed: seed)
    let a = (0..<t.aCount).map { _ in S.random(in: -1...1, using: &rng) }
    let b = (0..<t.bCount).map { _ in S.random(in: -1...1, using: &rng) }
    let sentinel: S = 12345
    var c = (0..<t.cCount).map { index -> S in
        if index % t.ldc >= t.n { return sentinel }
        return beta == 0 ? .nan : S.random(in: -1...1, using: &rng)
    }
    let reference = ReferenceGemm.multiply(
        transposeA: t.transposeA,
        transposeB: t.transposeB,
        m: t.m,
        n: t.n,
        k: t.k,
        alpha: alpha,
        a: a,
        lda: t.lda,
        b: b,
        ldb: t.ldb,
        beta: beta,
        c: c,
        ldc: t.ldc,
        rowStride: rowStride
    )
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in multiply(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!) }
        }
    }
    var worst = 0.0, worstAllowed = 0.0, failures = 0
    for i in stride(from: 0, to: t.m, by: rowStride) {
        for j in 0..<t.ldc {
            let got = c[i * t.ldc + j]
            if j >= t.n {
                if got != sentinel { failures += 1 }  // exactly representable: the padding must be untouched
                continue
            }
            let error = abs(Double(got) - reference.value[i * t.n + j])
            let allowed = perTerm * Double(t.k + 2) * reference.magnitude[i * t.n + j]
            if !(error <= allowed) { failures += 1 }
            if error.isNaN || error - allowed > worst - worstAllowed { (worst, worstAllowed) = (error, allowed) }
        }
    }
    #expect(
        failures == 0,
        "\(t) α=\(alpha) β=\(beta): \(failures) bad elements; worst error \(worst), allowed \(worstAllowed)"
    )
}

@Suite struct GemmTests {
    static let levels = Gemm.Level.allCases.filter { $0 <= Gemm.Level.best }
    static let layouts = [(false, false), (false, true), (true, false), (true, true)]

    /// Odd extents around the tile sizes (12/6/4 rows, 32/16/8 columns), several depth blocks (k > 256), row
    /// blocks (m > 384), column blocks (n > 1024), narrow products (n ≤ 8, or m ≤ 8) and degenerate ones. A
    /// stored k×m is packed only with rows of at least 1 KiB and more than two column panels ((301, 70, 290)
    /// takes that path in Float, (65, 100, 7) the in-place one); A stored m×k is read in place here (large
    /// products that pack it are checked bit for bit against the in-place path below).
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (0, 5, 3), (5, 0, 3), (4, 6, 0), (1, 1, 1), (1, 7, 17), (7, 1, 33), (17, 33, 1), (33, 17, 65),
        (65, 100, 7), (100, 65, 33), (257, 33, 17), (12, 32, 64), (13, 33, 257), (24, 64, 300), (1, 257, 65),
        (257, 1, 65), (2, 2, 513), (37, 300, 5), (400, 40, 20), (11, 47, 600), (2, 64, 256), (64, 2, 256),
        (256, 2, 64), (13, 1100, 20), (301, 70, 290),
    ]

    static var levelLayouts: [(Gemm.Level, Int)] { levels.flatMap { level in (0..<4).map { (level, $0) } } }

    /// Single precision also runs a product whose C has 2¹⁹ elements or more, where levels that declare deeper
    /// large-C depth blocks take them (AVX2 Float: two of 350 instead of three of 234), on two threads; every 64th
    /// row is checked, as a reference for all of C would cost more than the rest of this suite.
    static let largeOutput = (m: 1025, n: 512, k: 700, rowStride: 64, threads: 2)

    @Test("Float GEMM matches the Double reference", arguments: levelLayouts)
    func floatMatchesReference(level: Gemm.Level, layout: Int) {
        let (ta, tb) = Self.layouts[layout]
        let large = Self.largeOutput
        let cases = Self.shapes.map { ($0, 1, 1) } + [((large.m, large.n, large.k), large.rowStride, large.threads)]
        for (index, (s, rowStride, threads)) in cases.enumerated() {
            let t = GemmCase(m: s.m, n: s.n, k: s.k, transposeA: ta, transposeB: tb, padding: index % 3)
            checkGemm(
                t,
                alpha: 1,
                beta: 0,
                perTerm: Tolerances.gemmFloatPerTerm,
                seed: UInt64(index),
                rowStride: rowStride,
                Float.self
            ) { a, b, c in
                Gemm.multiply(
                    transposeA: ta,
                    transposeB: tb,
                    m: t.m,
                    n: t.n,
                    k: t.k,
                    a: a,
                    lda: t.lda,
                    b: b,
                    ldb: t.ldb,
                    c: c,
                    ldc: t.ldc,
                    threads: threads,
                    level: level
                )
            }
        }
    }

    @Test("Double GEMM matches the Double reference", arguments: levelLayouts)
    func doubleMatchesReference(level: Gemm.Level, layout: Int) {
        let (ta, tb) = Self.layouts[layout]
        for (index, s) in Self.shapes.enumerated() {
            let t = GemmCase(m: s.m, n: s.n, k: s.k, transposeA: ta, transposeB: tb, padding: (index + 1) % 3)
            checkGemm(
                t,
                alpha: 1,
                beta: 0,
                perTerm: Tolerances.gemmDoublePerTerm,
                seed: UInt64(index),
                Double.self
            ) { a, b, c in
                Gemm.multiply(
                    transposeA: ta,
                    transposeB: tb,
                    m: t.m,
                    n: t.n,
                    k: t.k,
                    a: a,
                    lda: t.lda,
                    b: b,
                    ldb: t.ldb,
                    c: c,
                    ldc: t.ldc,
                    threads: 1,
                    level: level
                )
            }
        }
    }

    static let scalings: [(alpha: Double, beta: Double)] = [(1, 0), (-0.75, 0), (1, 1), (2, 0.5), (0.5, -1)]

    @Test("α and β scale the product and C; β = 0 ignores NaN in C", arguments: levels, 0..<5)
    func alphaBeta(level: Gemm.Level, scaling: Int) {
        let (alpha, beta) = Self.scalings[scaling]
        for (index, (m, n, k)) in [(33, 65, 17), (13, 7, 300), (1, 40, 3), (50, 1, 9), (3, 50, 40)].enumerated() {
            let t = GemmCase(m: m, n: n, k: k, transposeA: index % 2 == 1, transposeB: index >= 2, padding: 1)
            checkGemm(
                t,
                alpha: alpha,
                beta: beta,
                perTerm: Tolerances.gemmFloatPerTerm,
                seed: 100 + UInt64(index),
                Float.self
            ) { a, b, c in
                Gemm.multiply(
                    transposeA: t.transposeA,
                    transposeB: t.transposeB,
                    m: m,
                    n: n,
                    k: k,
                    alpha: Float(alpha),
                    a: a,
                    lda: t.lda,
                    b: b,
                    ldb: t.ldb,
                    beta: Float(beta),
                    c: c,
                    ldc: t.ldc,
                    threads: 1,
                    level: level
                )
            }
            checkGemm(
                t,
                alpha: alpha,
                beta: beta,
                perTerm: Tolerances.gemmDoublePerTerm,
                seed: 200 + UInt64(index),
                Double.self
            ) { a, b, c in
                Gemm.multiply(
                    transposeA: t.transposeA,
                    transposeB: t.transposeB,
                    m: m,
                    n: n,
                    k: k,
                    alpha: alpha,
                    a: a,
                    lda: t.lda,
                    b: b,
                    ldb: t.ldb,
                    beta: beta,
                    c: c,
                    ldc: t.ldc,
                    threads: 1,
                    level: level
                )
            }
        }
    }

    @Test("α = 0 and k = 0 only scale C and never read A or B", arguments: levels)
    func zeroAlphaOrDepth(level: Gemm.Level) {
        let a = [Float](repeating: .nan, count: 12), b = [Float](repeating: .nan, count: 12)
        for (k, alpha) in [(3, Float(0)), (0, Float(1))] {
            var c: [Float] = [1, 2, 3, 4, 5, 6]
            Gemm.multiply(
                m: 2,
                n: 3,
                k: k,
                alpha: alpha,
                a: a,
                lda: max(k, 1),
                b: b,
                ldb: 3,
                beta: 0.5,
                c: &c,
                ldc: 3,
                threads: 1,
                level: level
            )
            #expect(c == [0.5, 1, 1.5, 2, 2.5, 3], "k=\(k) α=\(alpha)")  // halving is exact
        }
    }

    /// Products with several tiles per thread along rows (m ≥ n) or columns (m < n), and narrow ones (n ≤ 8, or
    /// m ≤ 8 with B stored n×k) that take the AVX-512 dot-product and column kernels. (1100, 300, 520) packs A
    /// stored m×k in AVX-512 Float on one and two threads (550 rows a part) and reads it in place on three.
    /// (1100, 480, 600) has a large C (deeper depth blocks in AVX2 Float, chosen from the whole product).
    /// The last two (at least 2²⁶ multiply-adds, m ≥ n, at most two depth blocks) share one packed B between the
    /// threads and hand out guided row chunks; (1100, 1050, 130) has two column blocks of B and a last panel of 26
    /// columns.
    static let threadedShapes: [(m: Int, n: Int, k: Int)] = [
        (300, 200, 100), (50, 700, 300), (97, 33, 1000), (300, 5, 200), (6, 300, 100), (1100, 300, 520),
        (1100, 480, 600), (1100, 1050, 130),
    ]

    @Test("Results are bit-identical for 1, 2 and 3 threads", arguments: levels, 0..<4)
    func threadCountDoesNotChangeBits(level: Gemm.Level, layout: Int) {
        let (ta, tb) = Self.layouts[layout]
        for (index, s) in Self.threadedShapes.enumerated() {
            let t = GemmCase(m: s.m, n: s.n, k: s.k, transposeA: ta, transposeB: tb, padding: 1)
            var rng = SeededGenerator(seed: 300 + UInt64(index))
            let a = (0..<t.aCount).map { _ in Float.random(in: -1...1, using: &rng) }
            let b = (0..<t.bCount).map { _ in Float.random(in: -1...1, using: &rng) }
            let c0 = (0..<t.cCount).map { _ in Float.random(in: -1...1, using: &rng) }
            let floats = [1, 2, 3].map { threads -> [UInt32] in
                var c = c0
                Gemm.multiply(
                    transposeA: ta,
                    transposeB: tb,
                    m: t.m,
                    n: t.n,
                    k: t.k,
                    alpha: 0.5,
                    a: a,
                    lda: t.lda,
                    b: b,
                    ldb: t.ldb,
                    beta: 0.25,
                    c: &c,
                    ldc: t.ldc,
                    threads: threads,
                    level: level
                )
                return c.map(\.bitPattern)
            }
            #expect(floats[0] == floats[1] && floats[0] == floats[2], "Float \(t)")
            let ad = a.map(Double.init), bd = b.map(Double.init)
            let doubles = [1, 2].map { threads -> [UInt64] in
                var c = c0.map(Double.init)
                Gemm.multiply(
                    transposeA: ta,
                    transposeB: tb,
                    m: t.m,
                    n: t.n,
                    k: t.k,
                    alpha: 0.5,
                    a: ad,
                    lda: t.lda,
                    b: bd,
                    ldb: t.ldb,
                    beta: 0.25,
                    c: &c,
                    ldc: t.ldc,
                    threads: threads,
                    level: level
                )
                return c.map(\.bitPattern)
            }
            #expect(doubles[0] == doubles[1], "Double \(t)")
        }
    }

    @Test(
        "FMA levels: each element is the fused chain over k, then α and the β·C step, bit for bit",
        arguments: levels.filter { $0 != .portable }
    )
    func fusedChainBitForBit(level: Gemm.Level) {
        // Widths just past one 32-column panel take the AVX-512 kernels' 6-row, three-vector tiles; the row
        // counts cover whole and partial chunks of 6 and 12 rows. k stays below one depth block (256), so every
        // element is one chain from zero. (At most 8 rows with B stored N×K take AVX-512's narrow kernel, which sums
        // 16 lanes and then a fixed tree: not a single chain, and not this code.)
        var rng = SeededGenerator(seed: 77)
        for m in [1, 5, 6, 7, 12, 13, 30] {
            for n in [33, 40, 47, 48, 50] {
                for (k, layout) in zip([1, 17, 64, 200], 0..<4) {
                    let t = GemmCase(m: m, n: n, k: k, transposeA: layout & 1 != 0, transposeB: layout & 2 != 0)
                    if level == .avx512 && t.transposeB && m <= 8 && k >= 32 { continue }
                    let a = (0..<t.aCount).map { _ in Float.random(in: -1...1, using: &rng) }
                    let b = (0..<t.bCount).map { _ in Float.random(in: -1...1, using: &rng) }
                    let c0 = (0..<t.cCount).map { _ in Float.random(in: -1...1, using: &rng) }
                    for beta: Float in [0, 0.25] {
                        var c = c0
                        Gemm.multiply(
                            transposeA: t.transposeA,
                            transposeB: t.transposeB,
                            m: m,
                            n: n,
                            k: k,
                            alpha: 0.5,
                            a: a,
                            lda: t.lda,
                            b: b,
                            ldb: t.ldb,
                            beta: beta,
                            c: &c,
                            ldc: t.ldc,
                            threads: 1,
                            level: level
                        )
                        var mismatches = 0
                        for i in 0..<m {
                            for j in 0..<n {
                                var sum: Float = 0
                                for p in 0..<k {
                                    let x = t.transposeA ? a[p * t.lda + i] : a[i * t.lda + p]
                                    let y = t.transposeB ? b[j * t.ldb + p] : b[p * t.ldb + j]
                                    sum.addProduct(x, y)
                                }
                                var expected = 0.5 * sum
                                if beta != 0 { expected.addProduct(beta, c0[i * t.ldc + j]) }
                                if c[i * t.ldc + j].bitPattern != expected.bitPattern { mismatches += 1 }
                            }
                        }
                        #expect(mismatches == 0, "\(t) β \(beta)")
                    }
                }
            }
        }
    }

    @Test("The default policy keeps small products on one thread")
    func smallProductsStaySingleThreaded() {
        #expect(Gemm.recommendedThreads(m: 256, n: 64, k: 64) == 1)
        #expect(Gemm.recommendedThreads(m: 256, n: 2, k: 64) == 1)
        #expect(Gemm.recommendedThreads(m: 4096, n: 1024, k: 1024) == Gemm.maximumThreads)
    }
}
