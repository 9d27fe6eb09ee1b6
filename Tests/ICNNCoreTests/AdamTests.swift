import ICNNCore
import Testing
import _ICNNTestSupport

/// One Adam/AdamW configuration for the sequence tests.
struct AdamCase: Sendable, CustomTestStringConvertible {
    var decoupled = false
    var learningRate = 0.01
    var beta1 = 0.9
    var beta2 = 0.999
    var epsilon = 1e-8
    var weightDecay = 0.0
    var testDescription: String {
        "\(decoupled ? "AdamW" : "Adam") lr=\(learningRate) β=(\(beta1), \(beta2)) ε=\(epsilon) λ=\(weightDecay)"
    }
}

let adamCases: [AdamCase] = [
    AdamCase(),
    AdamCase(weightDecay: 0.1),
    AdamCase(learningRate: 0.1, beta1: 0.5, beta2: 0.9, epsilon: 1e-3),
    AdamCase(beta1: 0),
    AdamCase(decoupled: true, weightDecay: 0.01),
    AdamCase(decoupled: true, learningRate: 0.1, beta1: 0.8, beta2: 0.99, weightDecay: 0.5),
]

@Suite("Adam and AdamW: steps against hand computation, closed forms and a Double reference")
struct AdamTests {
    @Test("PyTorch's defaults")
    func defaults() {
        let adam = Adam<Float>(), adamW = AdamW<Float>()
        #expect(adam.learningRate == 1e-3 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-8)
        #expect(adam.weightDecay == 0)
        #expect(adamW.learningRate == 1e-3 && adamW.beta1 == 0.9 && adamW.beta2 == 0.999 && adamW.epsilon == 1e-8)
        #expect(adamW.weightDecay == 1e-2)
        #expect(adam.step == 0 && adam.state.firstMoments.isEmpty && adam.state.secondMoments.isEmpty)
    }

    @Test("Two Adam steps, computed by hand")
    func twoSteps() {
        func check<S: TensorScalar>(_: S.Type) {
            let (lr, b1, b2, eps) = (0.1, 0.9, 0.999, 1e-8)
            let x0: [Double] = [1, -1, 0.5], g1: [Double] = [2, -0.5, 0], g2: [Double] = [1, 0.25, -4]
            var x = [Tensor<S>(x0.map { S($0) })]
            var adam = Adam<S>(learningRate: lr)
            adam.update(&x, along: [Tensor<S>(g1.map { S($0) })])
            // t = 1: m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε); a zero gradient does not move.
            let expected1 = zip(x0, g1).map { $0 - lr * $1 / (abs($1) + eps) }
            #expect(worstError(x[0].scalars, expected1) < stepTolerance(S.self), "\(S.self) step 1: \(x[0])")
            #expect(worstError(adam.state.firstMoments[0].scalars, g1.map { 0.1 * $0 }) < stepTolerance(S.self))
            #expect(
                worstError(adam.state.secondMoments[0].scalars, g1.map { 0.001 * $0 * $0 })
                    < stepTolerance(S.self)
            )

            adam.update(&x, along: [Tensor<S>(g2.map { S($0) })])
            // t = 2: m = (1 − β₁)(β₁g₁ + g₂), v = (1 − β₂)(β₂g₁² + g₂²), corrected by 1 − β².
            let expected2 = (0..<3).map { i in
                let m = (1 - b1) * (b1 * g1[i] + g2[i]) / (1 - b1 * b1)
                let v = (1 - b2) * (b2 * g1[i] * g1[i] + g2[i] * g2[i]) / (1 - b2 * b2)
                return expected1[i] - lr * m / (v.squareRoot() + eps)
            }
            let error = worstError(x[0].scalars, expected2)
            #expect(error < stepTolerance(S.self), "\(S.self) step 2: \(x[0]) error \(error)")
            #expect(adam.step == 2)
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("One AdamW step and one Adam-with-L2 step, computed by hand")
    func weightDecayStep() {
        func check<S: TensorScalar>(_: S.Type) {
            let (lr, lambda, eps) = (0.1, 0.5, 1e-8)
            let x0: [Double] = [2, -1], g: [Double] = [0.5, 0.5]
            let xs = [Tensor<S>(x0.map { S($0) })], gs = [Tensor<S>(g.map { S($0) })]

            var decoupled = xs
            var adamW = AdamW<S>(learningRate: lr, weightDecay: lambda)
            adamW.update(&decoupled, along: gs)
            // x·(1 − lr·λ) − lr·g/(|g| + ε) = [2·0.95 − 0.1, −0.95 − 0.1].
            let expectedW = zip(x0, g).map { $0 * (1 - lr * lambda) - lr * $1 / (abs($1) + eps) }
            #expect(worstError(decoupled[0].scalars, expectedW) < stepTolerance(S.self), "\(S.self): \(decoupled)")

            var coupled = xs
            var adam = Adam<S>(learningRate: lr, weightDecay: lambda)
            adam.update(&coupled, along: gs)
            // d = g + λx = [1.5, 0]: the first step is lr·sign(d), and 0 for a zero d.
            let expectedL2 = zip(x0, g).map { x, g in
                let d = g + lambda * x
                return x - lr * d / (abs(d) + eps)
            }
            #expect(worstError(coupled[0].scalars, expectedL2) < stepTolerance(S.self), "\(S.self): \(coupled)")
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("Bias correction: under a constant gradient every step has length lr·|g|/(|g| + ε)")
    func constantGradient() {
        func check<S: TensorScalar>(_: S.Type) {
            let lr = 0.01
            let x0: [Double] = [1, -1, 3], g: [Double] = [0.5, -2, 1e-3]
            var x = [Tensor<S>(x0.map { S($0) })]
            let grad = [Tensor<S>(g.map { S($0) })]
            var adam = Adam<S>(learningRate: lr)
            for steps in 1...50 {
                adam.update(&x, along: grad)
                // m̂ₜ = g and v̂ₜ = g² exactly at every t, so xₜ = x₀ − t·lr·g/(|g| + ε).
                let expected = zip(x0, g).map { $0 - Double(steps) * lr * $1 / (abs($1) + 1e-8) }
                let error = worstError(x[0].scalars, expected)
                #expect(error < longRunTolerance(S.self), "\(S.self) step \(steps): error \(error)")
            }
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("Several steps with random gradients match the Double reference", arguments: adamCases)
    func sequence(_ c: AdamCase) {
        func check<S: TensorScalar>(_: S.Type) {
            var rng = SeededGenerator(seed: 21)
            let (p0, r0) = drawNormal([3, 4], &rng, as: S.self)
            let (p1, r1) = drawNormal([2], &rng, as: S.self)
            var parameters = [p0, p1]
            var reference = [r0, r1]
            var m = reference.map { $0.map { _ in 0.0 } }, v = m
            var adam = Adam<S>(
                learningRate: c.learningRate,
                beta1: c.beta1,
                beta2: c.beta2,
                epsilon: c.epsilon,
                weightDecay: c.weightDecay
            )
            var adamW = AdamW<S>(
                learningRate: c.learningRate,
                beta1: c.beta1,
                beta2: c.beta2,
                epsilon: c.epsilon,
                weightDecay: c.weightDecay
            )
            for step in 1...6 {
                let (g0, q0) = drawNormal([3, 4], &rng, as: S.self)
                let (g1, q1) = drawNormal([2], &rng, as: S.self)
                if c.decoupled {
                    adamW.update(&parameters, along: [g0, g1])
                } else {
                    adam.update(&parameters, along: [g0, g1])
                }
                for (k, q) in [q0, q1].enumerated() {
                    OptimizerReference.adam(
                        &reference[k],
                        q,
                        m: &m[k],
                        v: &v[k],
                        t: step,
                        learningRate: c.learningRate,
                        beta1: c.beta1,
                        beta2: c.beta2,
                        epsilon: c.epsilon,
                        l2: c.decoupled ? 0 : c.weightDecay,
                        decoupled: c.decoupled ? c.weightDecay : 0
                    )
                    let error = worstError(parameters[k].scalars, reference[k])
                    #expect(error < stepTolerance(S.self), "\(S.self) step \(step) parameter \(k): error \(error)")
                }
            }
            let state = c.decoupled ? adamW.state : adam.state
            #expect(state.step == 6)
            for k in 0..<2 {
                #expect(worstError(state.firstMoments[k].scalars, m[k]) < stepTolerance(S.self))
                #expect(worstError(state.secondMoments[k].scalars, v[k]) < stepTolerance(S.self))
            }
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("A restored state continues exactly like the original")
    func restore() {
        var rng = SeededGenerator(seed: 22)
        var parameters = [Tensor<Float>(normal: [4, 3], using: &rng), Tensor<Float>(normal: [3], using: &rng)]
        let gradients = (0..<6).map { _ in
            [Tensor<Float>(normal: [4, 3], using: &rng), Tensor<Float>(normal: [3], using: &rng)]
        }
        var original = AdamW<Float>(learningRate: 0.01, weightDecay: 0.1)
        for g in gradients[..<4] { original.update(&parameters, along: g) }
        let saved = AdamState(
            step: original.state.step,
            firstMoments: original.state.firstMoments,
            secondMoments: original.state.secondMoments
        )
        var restored = AdamW<Float>(learningRate: 0.01, weightDecay: 0.1, state: saved)
        var copy = parameters
        for g in gradients[4...] {
            original.update(&parameters, along: g)
            restored.update(&copy, along: g)
        }
        // The same operations on the same values in the same order: bit-identical results.
        #expect(restored.step == 6)
        for k in parameters.indices {
            #expect(parameters[k].scalars == copy[k].scalars)
            #expect(original.state.firstMoments[k].scalars == restored.state.firstMoments[k].scalars)
            #expect(original.state.secondMoments[k].scalars == restored.state.secondMoments[k].scalars)
        }
    }

    @Test("Unshared parameters and moments are updated in their own storage")
    func inPlace() {
        var rng = SeededGenerator(seed: 23)
        var parameters = [Tensor<Float>(normal: [8, 8], using: &rng), Tensor<Float>(normal: [8], using: &rng)]
        let g = [Tensor<Float>(normal: [8, 8], using: &rng), Tensor<Float>(normal: [8], using: &rng)]
        var adam = Adam<Float>()
        adam.update(&parameters, along: g)
        func addresses() -> [UnsafePointer<Float>?] {
            (parameters + adam.state.firstMoments + adam.state.secondMoments).map {
                $0.withUnsafeBufferPointer { $0.baseAddress }
            }
        }
        let before = addresses()
        for _ in 0..<3 { adam.update(&parameters, along: g) }
        #expect(addresses() == before)
    }

    @Test("An optimiser over no parameters only counts steps")
    func noParameters() {
        var none: [Tensor<Double>] = []
        var adam = Adam<Double>()
        adam.update(&none, along: [])
        adam.update(&none, along: [])
        #expect(adam.step == 2 && adam.state.firstMoments.isEmpty)
    }

    @Test("Moments decaying below the normal range are flushed to zero, and only inside the update")
    func subnormalMoments() {
        // With β₁ = β₂ = ½ and a zero gradient every update halves m and v. v = 2⁻¹²⁶ (the smallest normal Float)
        // would become subnormal at once and is stored as zero; m = 4·2⁻¹²⁶ stays normal for two updates and is
        // zero after the third. Outside the update, subnormal arithmetic is untouched.
        let tiny = Float.leastNormalMagnitude
        var x = [Tensor<Float>([1, 2])]
        let state = AdamState(step: 5, firstMoments: [Tensor([4 * tiny, 0])], secondMoments: [Tensor([tiny, 0])])
        var adam = Adam<Float>(learningRate: 0.1, beta1: 0.5, beta2: 0.5, state: state)
        adam.update(&x, along: [Tensor(zeros: [2])])
        #expect(adam.state.firstMoments[0].scalars == [2 * tiny, 0], "2·2⁻¹²⁶ is still normal")
        #expect(adam.state.secondMoments[0].scalars == [0, 0], "2⁻¹²⁷ is subnormal: flushed")
        adam.update(&x, along: [Tensor(zeros: [2])])
        #expect(adam.state.firstMoments[0].scalars == [tiny, 0])
        adam.update(&x, along: [Tensor(zeros: [2])])
        #expect(adam.state.firstMoments[0].scalars == [0, 0])
        let halves = Tensor<Float>([tiny, 3 * tiny]) * Tensor<Float>([0.5, 0.25])
        #expect(halves.scalars == [tiny / 2, 3 * tiny / 4] && halves.scalars.allSatisfy { $0 > 0 })
    }
}
