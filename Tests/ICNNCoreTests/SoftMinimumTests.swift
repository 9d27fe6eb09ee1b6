import Foundation
import ICNNCore
import Testing

@Suite("VectorMath.softMinimumRows: the Sinkhorn soft minimum in Double")
struct SoftMinimumTests {
    static let levels = Gemm.Level.allCases.filter { $0 <= Gemm.Level.best }

    /// The plain libm evaluation of −ε·log((1/m) Σⱼ exp((hⱼ − Cᵢⱼ)/ε)), the maximum factored out.
    static func reference(_ c: [Double], rows: Int, columns: Int, _ h: [Double], _ epsilon: Double) -> [Double] {
        (0..<rows).map { i in
            let terms = (0..<columns).map { h[$0] - c[i * columns + $0] }
            let largest = terms.max() ?? -.infinity
            let s = terms.reduce(0.0) { $0 + Foundation.exp(($1 - largest) / epsilon) }
            return -(largest + epsilon * (Foundation.log(s) - Foundation.log(Double(columns))))
        }
    }

    @Test("Matches the libm loop on awkward sizes and scales, on every level", arguments: levels)
    func matchesReference(level: Gemm.Level) {
        var rng = SeededGenerator(seed: 71)
        for (rows, columns) in [(1, 1), (3, 7), (2, 8), (5, 9), (4, 33), (1, 1000)] {
            for epsilon in [1e-3, 0.1, 1, 50] {
                let c = (0..<rows * columns).map { _ in rng.nextUniform() * 10 }
                let h = (0..<columns).map { _ in rng.nextUniform() * 4 - 2 }
                var out = [Double](repeating: .nan, count: rows)
                VectorMath.softMinimumRows(
                    c,
                    rows: rows,
                    columns: columns,
                    potential: h,
                    epsilon: epsilon,
                    into: &out,
                    level: level
                )
                let expected = Self.reference(c, rows: rows, columns: columns, h, epsilon)
                for (a, b) in zip(out, expected) {
                    #expect(abs(a - b) <= 1e-13 * (abs(b) + epsilon), "\(rows)×\(columns) ε \(epsilon): \(a) vs \(b)")
                }
            }
        }
    }

    @Test("Hand-computed cases: one column is C − h; equal terms give their value; far terms vanish")
    func handComputed() {
        var out = [0.0]
        VectorMath.softMinimumRows([5], rows: 1, columns: 1, potential: [2], epsilon: 0.5, into: &out)
        #expect(out[0] == 3)
        // Two equal terms: −ε·log((1/2)(e^{−3/ε}·2)) = 3 exactly in exact arithmetic.
        VectorMath.softMinimumRows([4, 4], rows: 1, columns: 2, potential: [1, 1], epsilon: 0.25, into: &out)
        #expect(abs(out[0] - 3) < 1e-15)
        // A second term 10⁴ε above the first contributes e^{−10⁴} (flushed to 0): the result is C₀ − h₀ + ε·log 2.
        VectorMath.softMinimumRows([1, 1001], rows: 1, columns: 2, potential: [0, 0], epsilon: 0.1, into: &out)
        #expect(abs(out[0] - (1 + 0.1 * Foundation.log(2))) < 1e-14)
    }

    @Test("Zero rows or columns write nothing")
    func empty() {
        var out = [7.0]
        VectorMath.softMinimumRows([], rows: 0, columns: 4, potential: [0, 0, 0, 0], epsilon: 1, into: &out)
        VectorMath.softMinimumRows([], rows: 1, columns: 0, potential: [], epsilon: 1, into: &out)
        #expect(out == [7])
    }
}
