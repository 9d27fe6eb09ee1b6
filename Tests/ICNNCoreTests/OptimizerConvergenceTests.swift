import ICNNCore
import Testing
import _ICNNTestSupport

/// Runs `steps` updates of `optimizer` on `loss`, with gradients from the autodiff and the rate from `schedule`.
func minimise<O: Optimizer>(
    _ optimizer: inout O,
    from start: [Tensor<O.Scalar>],
    steps: Int,
    schedule: LearningRateSchedule,
    baseLearningRate: Double,
    loss: ([Tensor<O.Scalar>]) -> Tensor<O.Scalar>
) -> [Tensor<O.Scalar>] {
    var parameters = start
    for _ in 0..<steps {
        let (_, gradients) = valueAndGradient(at: parameters, of: loss)
        optimizer.update(&parameters, along: gradients, schedule: schedule, baseLearningRate: baseLearningRate)
    }
    return parameters
}

/// The optimisers under test, each with settings that suit the two problems below.
enum ConvergenceOptimizer: String, CaseIterable, Sendable {
    case adam, adamW, nesterov

    var schedule: LearningRateSchedule {
        switch self {
        case .adam, .adamW: .cosine(decaySteps: 1500, floor: 1e-5, warmupSteps: 20)
        case .nesterov: .constant
        }
    }

    /// Minimises `loss` from `start` with this optimiser and returns the final parameters.
    func run<S: TensorScalar>(from start: [Tensor<S>], loss: ([Tensor<S>]) -> Tensor<S>) -> [Tensor<S>] {
        switch self {
        case .adam:
            var o = Adam<S>()
            return minimise(&o, from: start, steps: 1600, schedule: schedule, baseLearningRate: 0.05, loss: loss)
        case .adamW:
            // The decay biases the end point towards 0 by about λ·|x|·√v̂/curvature, and v̂ remembers the large
            // early gradients (β₂ = 0.999), so a small λ keeps the bias far below the tolerance.
            var o = AdamW<S>(weightDecay: 1e-4)
            return minimise(&o, from: start, steps: 1600, schedule: schedule, baseLearningRate: 0.05, loss: loss)
        case .nesterov:
            var o = SGD<S>(learningRate: 0, momentum: 0.9, nesterov: true)
            return minimise(&o, from: start, steps: 400, schedule: schedule, baseLearningRate: 0.05, loss: loss)
        }
    }
}

@Suite("Optimisers converge on convex problems, with autodiff gradients")
struct OptimizerConvergenceTests {
    @Test(
        "A separable quadratic with condition number 16 reaches its minimiser",
        arguments: ConvergenceOptimizer.allCases
    )
    func quadratic(_ optimizer: ConvergenceOptimizer) {
        func check<S: TensorScalar>(_: S.Type) {
            // f(x) = ½ Σ aᵢ (xᵢ − cᵢ)², minimised at x = c.
            let a = Tensor<S>([0.5, 2, 8, 1]), c = Tensor<S>([1, -2, 0.5, 3])
            let x = optimizer.run(from: [Tensor<S>(zeros: [4])]) { v in ((v[0] - c).squared() * a).sum() * 0.5 }
            let error = worstError(x[0].scalars, c.scalars.map(Double.init))
            #expect(error < Tolerances.optimizerConvergence, "\(optimizer) \(S.self): \(x[0]) error \(error)")
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("Least-squares regression recovers the true weights and bias", arguments: ConvergenceOptimizer.allCases)
    func leastSquares(_ optimizer: ConvergenceOptimizer) {
        func check<S: TensorScalar>(_: S.Type) {
            var rng = SeededGenerator(seed: 31)
            let inputs = Tensor<S>(normal: [32, 3], using: &rng)
            let trueWeights = Tensor<S>(shape: [3, 1], scalars: [1.5, -2, 0.5]), trueBias = Tensor<S>([0.3])
            let targets = matmul(inputs, trueWeights) + trueBias
            let start = [Tensor<S>(zeros: [3, 1]), Tensor<S>(zeros: [1])]
            let fitted = optimizer.run(from: start) { v in (matmul(inputs, v[0]) + v[1] - targets).squared().mean() }
            let error = max(
                worstError(fitted[0].scalars, trueWeights.scalars.map(Double.init)),
                worstError(fitted[1].scalars, trueBias.scalars.map(Double.init))
            )
            #expect(error < Tolerances.optimizerConvergence, "\(optimizer) \(S.self): \(fitted) error \(error)")
        }
        check(Float.self)
        check(Double.self)
    }
}
