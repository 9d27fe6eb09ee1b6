import Foundation
import ICNN
import ICNNExperiments
import Testing

/// Allowed error of a Float target value against its Double formula: one Float rounding of values below 100.
private let floatRounding = 1e-5

@Suite("Regression study: targets and data")
struct RegressionTargetTests {
    @Test func targetValuesAtKnownPoints() {
        let x = [1.0, -2.0]
        #expect(RegressionTarget.f1.value(at: x) == 5)
        #expect(RegressionTarget.f2.value(at: x) == 17)
        #expect(RegressionTarget.f4.value(at: x) == 3)
        #expect(abs(RegressionTarget.f5.value(at: x) - exp(3 / 2.0.squareRoot())) < 1e-12)
        // ‖x‖ = π/20: the sine term vanishes; ‖x‖ = π/40: it adds 0.25.
        #expect(abs(RegressionTarget.f3.value(at: [Double.pi / 20, 0]) - pow(Double.pi / 20, 2)) < 1e-12)
        #expect(abs(RegressionTarget.f3.value(at: [0, Double.pi / 40]) - pow(Double.pi / 40, 2) - 0.25) < 1e-12)
        // f6 with μ = (1, 0): max(‖x − μ‖², ‖x + μ‖²) = max(0 + 4, 4 + 4) = 8.
        #expect(RegressionTarget.f6.value(at: x, shift: [1, 0]) == 8)
        #expect(RegressionTarget.allCases.filter { !$0.isConvex } == [.f3])
    }

    @Test func batchValuesMatchThePointwiseFormula() {
        var rng = SeededGenerator(seed: 3)
        let x = Tensor<Float>(uniform: [7, 4], low: -1, high: 1, using: &rng)
        let shift = [0.1, -0.2, 0.3, 0.05]
        for target in RegressionTarget.allCases {
            let values = target.values(x, shift: shift)
            #expect(values.shape == [7, 1])
            for r in 0..<7 {
                let row = (0..<4).map { Double(x[r, $0]) }
                let expected = target.value(at: row, shift: shift)
                #expect(abs(Double(values[r, 0]) - expected) <= floatRounding * max(1, abs(expected)))
            }
        }
    }

    @Test func dataFollowsTheProtocol() {
        let a = RegressionData(target: .f1, dimension: 3, trainingCount: 500, testCount: 50, noise: 1, seed: 4)
        #expect(a.trainX.shape == [500, 3] && a.trainY.shape == [500, 1])
        #expect(a.testX.shape == [50, 3] && a.testY.shape == [50, 1])
        #expect(a.trainX.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(a.shift.isEmpty)
        // Test targets are noiseless; training targets carry N(0, 1) noise (sample variance near 1).
        #expect(a.testY.scalars == RegressionTarget.f1.values(a.testX).scalars)
        let residual = zip(a.trainY.scalars, RegressionTarget.f1.values(a.trainX).scalars).map { Double($0 - $1) }
        let variance = residual.map { $0 * $0 }.reduce(0, +) / Double(residual.count)
        #expect(abs(variance - 1) < 0.2, "noise variance \(variance)")
        // Same seed, same data; another seed, other data.
        let again = RegressionData(target: .f1, dimension: 3, trainingCount: 500, testCount: 50, noise: 1, seed: 4)
        let other = RegressionData(target: .f1, dimension: 3, trainingCount: 500, testCount: 50, noise: 1, seed: 5)
        #expect(again.trainX.scalars == a.trainX.scalars && again.trainY.scalars == a.trainY.scalars)
        #expect(other.trainX.scalars != a.trainX.scalars)
        // σ = 0 interpolates exactly.
        let clean = RegressionData(target: .f4, dimension: 2, trainingCount: 20, testCount: 5, noise: 0, seed: 1)
        #expect(clean.trainY.scalars == RegressionTarget.f4.values(clean.trainX).scalars)
    }

    @Test func shiftOfF6IsDrawnFromNormalWithVarianceOneOverD() {
        let d = 4000
        let data = RegressionData(target: .f6, dimension: d, trainingCount: 1, testCount: 1, noise: 1, seed: 0)
        #expect(data.shift.count == d)
        let squaredNorm = data.shift.map { $0 * $0 }.reduce(0, +)  // E‖μ‖² = 1, sd √(2/d) ≈ 0.02
        #expect(abs(squaredNorm - 1) < 0.1, "‖μ‖² = \(squaredNorm)")
        #expect(data.testY.scalars[0] == RegressionTarget.f6.values(data.testX, shift: data.shift).scalars[0])
    }

    @Test func familiesHaveThePaperWidthsAndShapes() {
        #expect(RegressionFamily.allCases.map(\.paperWidth) == [64, 64, 48, 48])
        let kinds = RegressionFamily.allCases.map { $0.architecture(inputs: 5, width: 8, depth: 3).kind }
        #expect(kinds == ["mlp", "ficnn", "groupmax", "hycnn"])
        guard case .ficnn(let icnn) = RegressionFamily.icnn.architecture(inputs: 5, width: 8, depth: 3) else {
            Issue.record("ICNN family is not a FICNN")
            return
        }
        #expect(icnn.activation == .relu && icnn.initialization == .hoedtKlambauer && icnn.widths == [8, 8, 8])
    }
}
