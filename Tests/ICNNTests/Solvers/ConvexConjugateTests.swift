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

    @Test("In a box: max over the box of ⟨x, y⟩ − ½‖x‖², clipped maximiser; f* itself where y is inside")
    func boxedConjugate() {
        let conjugate = ConvexConjugate(
            ConvexObjective(SolverTestModels.quadratic(a: [1, 1], c: [0, 0])),
            tolerance: Tolerances.minimizerCertificate
        )
        let lower = [-1.0, -2.0], upper = [1.0, 0.5]
        // Separable: per coordinate the maximiser is clamp(yⱼ) and the value Σ clamp(yⱼ)·yⱼ − clamp(yⱼ)²/2.
        let points = [[0.5, -1], [3, 0.25], [-4, 2]]
        // Starts outside the box are clipped into it.
        let result = conjugate(points, start: [[5, 5], [-9, 0], [0, -7]], lower: lower, upper: upper)
        for (k, y) in points.enumerated() {
            let x = (0..<2).map { min(max(y[$0], lower[$0]), upper[$0]) }
            let value = (0..<2).reduce(0.0) { $0 + x[$1] * y[$1] - x[$1] * x[$1] / 2 }
            #expect(abs(result.values[k] - value) <= Tolerances.conjugateValue, "\(y): \(result.values[k]) vs \(value)")
            for j in 0..<2 { #expect(abs(result.maximizers[k][j] - x[j]) <= Tolerances.knownMinimizer) }
        }
        #expect(abs(result.values[0] - 0.625) <= Tolerances.conjugateValue)  // inside: ½‖y‖², as without a box
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
