import ICNN
import Testing
import _ICNNTestSupport

@Suite("Convex conjugates")
struct ConvexConjugateTests {
    @Test("f = ½‖x‖² is its own conjugate, with maximiser x*(y) = y")
    func selfConjugate() {
        let conjugate = ConvexConjugate(
            ConvexObjective(SolverTestModels.quadratic(a: [1, 1, 1], c: [0, 0, 0])),
            tolerance: Tolerances.minimizerCertificate
        )
        let points = [[0.5, -1, 2], [0, 0, 0], [-3, 1.5, 0.25]]
        // A deliberately poor warm start, so that the solver has work to do.
        let result = conjugate(points, start: points.map { _ in [1, 1, 1] })
        for (k, y) in points.enumerated() {
            let half = y.reduce(0) { $0 + $1 * $1 } / 2
            #expect(abs(result.values[k] - half) <= Tolerances.conjugateValue, "f*(\(y)) = \(result.values[k])")
            for j in 0..<3 { #expect(abs(result.maximizers[k][j] - y[j]) <= Tolerances.knownMinimizer) }
        }
    }

    @Test("a shifted, scaled quadratic: f*(y) = ⟨y, c⟩ + Σ yⱼ²/(2aⱼ)")
    func shiftedQuadratic() {
        let a: [Float] = [2, 0.5], c: [Float] = [1, -2]
        let conjugate = ConvexConjugate(
            ConvexObjective(SolverTestModels.quadratic(a: a, c: c)),
            tolerance: Tolerances.minimizerCertificate
        )
        let points = [[1.0, 1.0], [-2, 0.5]]
        let result = conjugate(points)
        for (k, y) in points.enumerated() {
            let expected = (0..<2).reduce(0.0) { s, j in s + y[j] * Double(c[j]) + y[j] * y[j] / (2 * Double(a[j])) }
            #expect(abs(result.values[k] - expected) <= Tolerances.conjugateValue)
        }
    }

    @Test("Fenchel–Young on a smooth strongly convex FICNN: equality at the maximiser, inequality elsewhere")
    func fenchelYoung() {
        var rng = SeededGenerator(seed: 3)
        let model = Model(FICNN(inputs: 3, widths: [16, 16], strongConvexity: 1), using: &rng)
        let objective = ConvexObjective(model)
        let conjugate = ConvexConjugate(objective, tolerance: Tolerances.minimizerCertificate)
        let points = (0..<4).map { _ in (0..<3).map { _ in Double.random(in: -1...1, using: &rng) } }
        let result = conjugate(points)
        for (k, y) in points.enumerated() {
            #expect(result.residuals[k] <= Tolerances.minimizerCertificate, "∇f(x*) − y = \(result.residuals[k])")
            let x = result.maximizers[k]
            let fx = Double(objective(Tensor(shape: [1, 3], scalars: x.map(Float.init))).scalar)
            let inner = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
            // Equality f(x*) + f*(y) = ⟨x*, y⟩ (to the rounding of f) …
            #expect(abs(fx + result.values[k] - inner) <= Tolerances.conjugateValue)
            // … and f(x) + f*(y) ≥ ⟨x, y⟩ at other points x.
            for _ in 0..<5 {
                let other = (0..<3).map { _ in Double.random(in: -2...2, using: &rng) }
                let fo = Double(objective(Tensor(shape: [1, 3], scalars: other.map(Float.init))).scalar)
                #expect(
                    fo + result.values[k] >= zip(other, y).reduce(0) { $0 + $1.0 * $1.1 } - Tolerances.conjugateValue
                )
            }
        }
    }
}
