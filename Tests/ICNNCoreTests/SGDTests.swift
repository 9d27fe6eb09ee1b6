import ICNNCore
import Testing
import _ICNNTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One SGD configuration for the sequence tests.
struct SGDCase: Sendable, CustomTestStringConvertible {
    var momentum = 0.0
    var dampening = 0.0
    var nesterov = false
    var weightDecay = 0.0
    var testDescription: String {
        "μ=\(momentum) dampening=\(dampening) nesterov=\(nesterov) λ=\(weightDecay)"
    }
}

let sgdCases: [SGDCase] = [
    SGDCase(),
    SGDCase(weightDecay: 0.05),
    SGDCase(momentum: 0.9),
    SGDCase(momentum: 0.8, dampening: 0.3, weightDecay: 0.01),
    SGDCase(momentum: 0.9, nesterov: true),
    SGDCase(momentum: 0.7, nesterov: true, weightDecay: 0.02),
]

@Suite("SGD: steps against hand computation, closed forms and a Double reference")
struct SGDTests {
    @Test("One plain step with weight decay, computed by hand")
    func plainStep() {
        func check<S: TensorScalar>(_: S.Type) {
            var x = [Tensor<S>([1, -2])]
            var sgd = SGD<S>(learningRate: 0.1, weightDecay: 0.01)
            sgd.update(&x, along: [Tensor<S>([0.5, 3])])
            // x − lr·(g + λx) = [1 − 0.1·(0.5 + 0.01), −2 − 0.1·(3 − 0.02)] = [0.949, −2.298].
            let error = worstError(x[0].scalars, [0.949, -2.298])
            #expect(error < stepTolerance(S.self), "\(S.self): \(x[0]) error \(error)")
            #expect(sgd.step == 1)
            #expect(sgd.momentumBuffers.isEmpty)
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("Momentum and Nesterov under a constant gradient follow their closed forms", arguments: [false, true])
    func constantGradientClosedForm(nesterov: Bool) {
        func check<S: TensorScalar>(_: S.Type) {
            let (lr, mu) = (0.1, 0.9)
            let x0: [Double] = [1, -2, 0.5], g: [Double] = [1, -2, 0.25]
            var x = [Tensor<S>(x0.map { S($0) })]
            let grad = [Tensor<S>(g.map { S($0) })]
            var sgd = SGD<S>(learningRate: lr, momentum: mu, nesterov: nesterov)
            for steps in 1...10 {
                sgd.update(&x, along: grad)
                // buffer_t = g·(1 − μᵗ)/(1 − μ); the step uses it (heavy ball) or g + μ·buffer_t =
                // g·(1 − μᵗ⁺¹)/(1 − μ) (Nesterov). Summing the geometric series over t = 1…T:
                let t = Double(steps)
                let power = nesterov ? mu * mu : mu
                let total = (t - power * (1 - pow(mu, t)) / (1 - mu)) / (1 - mu)
                let expected = zip(x0, g).map { $0 - lr * total * $1 }
                let error = worstError(x[0].scalars, expected)
                #expect(error < longRunTolerance(S.self), "\(S.self) step \(steps): error \(error)")
                let buffer = g.map { $0 * (1 - pow(mu, t)) / (1 - mu) }
                #expect(worstError(sgd.momentumBuffers[0].scalars, buffer) < longRunTolerance(S.self))
            }
            #expect(sgd.step == 10)
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("Several steps with random gradients match the Double reference", arguments: sgdCases)
    func sequence(_ c: SGDCase) {
        func check<S: TensorScalar>(_: S.Type) {
            var rng = SeededGenerator(seed: 11)
            let (p0, r0) = drawNormal([3, 4], &rng, as: S.self)
            let (p1, r1) = drawNormal([5], &rng, as: S.self)
            var parameters = [p0, p1]
            var reference = [r0, r1]
            var buffers: [[Double]?] = [nil, nil]
            var sgd = SGD<S>(
                learningRate: 0.05,
                momentum: c.momentum,
                dampening: c.dampening,
                nesterov: c.nesterov,
                weightDecay: c.weightDecay
            )
            for step in 0..<5 {
                let (g0, q0) = drawNormal([3, 4], &rng, as: S.self)
                let (g1, q1) = drawNormal([5], &rng, as: S.self)
                sgd.update(&parameters, along: [g0, g1])
                for (k, q) in [q0, q1].enumerated() {
                    OptimizerReference.sgd(
                        &reference[k],
                        q,
                        buffer: &buffers[k],
                        learningRate: 0.05,
                        momentum: c.momentum,
                        dampening: c.dampening,
                        nesterov: c.nesterov,
                        weightDecay: c.weightDecay
                    )
                    let error = worstError(parameters[k].scalars, reference[k])
                    #expect(error < stepTolerance(S.self), "\(S.self) step \(step) parameter \(k): error \(error)")
                }
            }
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("A restored state continues exactly like the original")
    func restore() {
        var rng = SeededGenerator(seed: 12)
        var parameters = [Tensor<Float>(normal: [4, 3], using: &rng), Tensor<Float>(normal: [3], using: &rng)]
        let gradients = (0..<5).map { _ in
            [Tensor<Float>(normal: [4, 3], using: &rng), Tensor<Float>(normal: [3], using: &rng)]
        }
        var original = SGD<Float>(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01)
        for g in gradients[..<3] { original.update(&parameters, along: g) }
        var restored = SGD<Float>(
            learningRate: 0.1,
            momentum: 0.9,
            nesterov: true,
            weightDecay: 0.01,
            step: original.step,
            momentumBuffers: original.momentumBuffers
        )
        var copy = parameters
        for g in gradients[3...] {
            original.update(&parameters, along: g)
            restored.update(&copy, along: g)
        }
        // The same operations on the same values in the same order: bit-identical results.
        #expect(restored.step == 5)
        for k in parameters.indices {
            #expect(parameters[k].scalars == copy[k].scalars)
            #expect(original.momentumBuffers[k].scalars == restored.momentumBuffers[k].scalars)
        }
    }

    @Test("Unshared parameters and buffers are updated in their own storage")
    func inPlace() {
        var rng = SeededGenerator(seed: 13)
        var parameters = [Tensor<Float>(normal: [64], using: &rng)]
        let g = [Tensor<Float>(normal: [64], using: &rng)]
        var sgd = SGD<Float>(learningRate: 0.01, momentum: 0.9)
        sgd.update(&parameters, along: g)
        let parameterAddress = parameters[0].withUnsafeBufferPointer { $0.baseAddress }
        let bufferAddress = sgd.momentumBuffers[0].withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<3 { sgd.update(&parameters, along: g) }
        #expect(parameters[0].withUnsafeBufferPointer { $0.baseAddress } == parameterAddress)
        #expect(sgd.momentumBuffers[0].withUnsafeBufferPointer { $0.baseAddress } == bufferAddress)
    }

    @Test("A shared parameter is copied, and the other holder keeps its values")
    func copyOnWrite() {
        let original = Tensor<Double>([1, 2, 3])
        var parameters = [original]
        var sgd = SGD<Double>(learningRate: 0.5)
        sgd.update(&parameters, along: [Tensor<Double>([1, 1, 1])])
        #expect(original.scalars == [1, 2, 3])
        #expect(parameters[0].scalars == [0.5, 1.5, 2.5])  // exact in binary
    }
}
