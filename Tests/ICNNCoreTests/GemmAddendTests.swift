import ICNNCore
import Testing

/// `Gemm.multiply(addend:ldAddend:)` reads the addend D where it is: it must give exactly what copying D into C
/// and accumulating onto it gives, for a full D and for a repeated row, on every level and thread count.
@Suite("GEMM with a separate addend")
struct GemmAddendTests {
    static let levels = Gemm.Level.allCases.filter { $0 <= Gemm.Level.best }

    /// (m, n, k): small, odd, narrow (≤ 8 columns: the AVX-512 narrow kernels), depth 0, several depth blocks,
    /// and one large enough (2²⁶ multiply-adds or more, two depth blocks) that two threads share one packed B.
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (1, 1, 1), (13, 33, 7), (37, 5, 64), (100, 8, 40), (64, 130, 300), (5, 3, 0), (256, 48, 50), (30, 1, 9),
        (600, 220, 512),
    ]

    func check<S: TensorScalar>(_ type: S.Type, level: Gemm.Level, multiply: MultiplyFunction<S>) {
        var rng = SeededGenerator(seed: 11)
        for (index, s) in Self.shapes.enumerated() {
            for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
                for rowAddend in [false, true] {
                    for beta: S in [1, 0.5, 0] {
                        let a = Tensor<S>(normal: [s.m * s.k + 1], using: &rng).scalars
                        let b = Tensor<S>(normal: [s.k * s.n + 1], using: &rng).scalars
                        let d = Tensor<S>(normal: [s.m * s.n + 1], using: &rng).scalars
                        let ldd = rowAddend ? 0 : s.n
                        var expected = (0..<(s.m * s.n)).map { d[($0 / s.n) * ldd + $0 % s.n] }
                        multiply(ta, tb, s, a, b, beta, nil, 0, &expected, 1, level)
                        for threads in [1, 2] {
                            var c = [S](repeating: 12345, count: s.m * s.n)
                            multiply(ta, tb, s, a, b, beta, d, ldd, &c, threads, level)
                            #expect(
                                zip(c, expected).allSatisfy { $0 == $1 },
                                "shape \(index) \(s) ta \(ta) tb \(tb) row \(rowAddend) β \(beta) threads \(threads)"
                            )
                        }
                    }
                }
            }
        }
    }

    typealias MultiplyFunction<S> = (
        Bool, Bool, (m: Int, n: Int, k: Int), [S], [S], S, [S]?, Int, inout [S], Int, Gemm.Level
    ) -> Void

    @Test("Float: bit-identical to copying the addend first", arguments: levels)
    func float(level: Gemm.Level) {
        check(Float.self, level: level) { ta, tb, s, a, b, beta, d, ldd, c, threads, level in
            (d ?? [0]).withUnsafeBufferPointer { dp in
                Gemm.multiply(
                    transposeA: ta,
                    transposeB: tb,
                    m: s.m,
                    n: s.n,
                    k: s.k,
                    a: a,
                    lda: max(1, ta ? s.m : s.k),
                    b: b,
                    ldb: max(1, tb ? s.k : s.n),
                    beta: beta,
                    addend: d == nil ? nil : dp.baseAddress,
                    ldAddend: ldd,
                    c: &c,
                    ldc: max(1, s.n),
                    threads: threads,
                    level: level
                )
            }
        }
    }

    @Test("Double: bit-identical to copying the addend first", arguments: levels)
    func double(level: Gemm.Level) {
        check(Double.self, level: level) { ta, tb, s, a, b, beta, d, ldd, c, threads, level in
            (d ?? [0]).withUnsafeBufferPointer { dp in
                Gemm.multiply(
                    transposeA: ta,
                    transposeB: tb,
                    m: s.m,
                    n: s.n,
                    k: s.k,
                    a: a,
                    lda: max(1, ta ? s.m : s.k),
                    b: b,
                    ldb: max(1, tb ? s.k : s.n),
                    beta: beta,
                    addend: d == nil ? nil : dp.baseAddress,
                    ldAddend: ldd,
                    c: &c,
                    ldc: max(1, s.n),
                    threads: threads,
                    level: level
                )
            }
        }
    }

    @Test("linear with a bias row and with a full addend equals the product plus the addend")
    func linearAddends() {
        var rng = SeededGenerator(seed: 5)
        let x = Tensor<Double>(normal: [7, 5], using: &rng), w = Tensor<Double>(normal: [9, 5], using: &rng)
        let product = matmul(x, w, transposeB: true)
        for addend in [
            Tensor<Double>(normal: [9], using: &rng), Tensor<Double>(normal: [7, 9], using: &rng),
            Tensor<Double>(normal: [7, 1], using: &rng), Tensor<Double>(normal: [1, 9], using: &rng),
        ] {
            let fused = linear(x, weight: w, adding: addend), separate = product + addend
            let worst = zip(fused.scalars, separate.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(fused.shape == [7, 9] && worst < 1e-12, "addend \(addend.shape): \(worst)")
        }
    }
}
