import ICNN
import Testing
import _ICNNTestSupport

/// y = ‖x‖² + noise on [−1, 1]^d.
func quadraticData(rows: Int, inputs: Int, noise: Float, seed: UInt64) -> (Tensor<Float>, Tensor<Float>) {
    var rng = SeededGenerator(seed: seed)
    let x = Tensor<Float>(uniform: [rows, inputs], low: -1, high: 1, using: &rng)
    let y = x.squared().sum(alongAxes: [1], keepingDimensions: true) + Tensor(normal: [rows, 1], using: &rng) * noise
    return (x, y)
}

@Suite("Training: fits, determinism, early stopping, non-finite losses")
struct TrainerTests {
    static var configuration: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.epochs = 60
        c.batchSize = 64
        c.seed = 11
        return c
    }

    @Test(
        "A convex quadratic is fitted under every strategy, and the result is certified convex",
        arguments: [
            ConstraintStrategy.projection, .softplus(fanInScaled: false), .penalty(weight: 1),
            .lift(LiftConfiguration()),
        ]
    )
    func fitsQuadratic(_ strategy: ConstraintStrategy) throws {
        let (x, y) = quadraticData(rows: 2000, inputs: 2, noise: 0.01, seed: 1)
        let (regressor, history) = try Trainer.fit(
            FICNN(inputs: 2, widths: [16, 16]),
            strategy: strategy,
            x: x,
            y: y,
            configuration: Self.configuration
        )
        #expect(history.outcome == .completed)
        let (tx, ty) = quadraticData(rows: 400, inputs: 2, noise: 0, seed: 2)
        let mse = (regressor.predict(tx) - ty).squared().mean().scalar
        // Var(‖x‖²) on [−1,1]² is 8/45 ≈ 0.18: a fit must explain almost all of it.
        #expect(mse < 0.01, "\(strategy): test MSE \(mse), history \(history.trainingLoss.suffix(3))")
        if case .penalty = strategy {} else { #expect(regressor.model.certificate.holds) }
        // The gradient of ‖x‖² is 2x.
        let g = regressor.gradient(tx.rows([0, 1, 2]))
        let expected = tx.rows([0, 1, 2]) * 2
        #expect((g - expected).absolute().mean().scalar < 0.25)
    }

    @Test func hycnnFits() throws {
        let (x, y) = quadraticData(rows: 600, inputs: 3, noise: 0.01, seed: 3)
        let (regressor, _) = try Trainer.fit(
            HyCNN(inputs: 3, widths: [12, 12]),
            strategy: .softplus(fanInScaled: false),
            x: x,
            y: y,
            configuration: Self.configuration
        )
        let (tx, ty) = quadraticData(rows: 400, inputs: 3, noise: 0, seed: 4)
        #expect((regressor.predict(tx) - ty).squared().mean().scalar < 0.02)
        #expect(regressor.model.certificate.holds)
    }

    @Test("The same seed gives bit-identical models")
    func deterministic() throws {
        let (x, y) = quadraticData(rows: 200, inputs: 2, noise: 0.1, seed: 5)
        var c = Self.configuration
        c.epochs = 5
        let a = try Trainer.fit(HyCNN(inputs: 2, widths: [8]), strategy: .projection, x: x, y: y, configuration: c)
        let b = try Trainer.fit(HyCNN(inputs: 2, widths: [8]), strategy: .projection, x: x, y: y, configuration: c)
        #expect(a.regressor.predict(x).scalars == b.regressor.predict(x).scalars)
        #expect(a.history.trainingLoss == b.history.trainingLoss)
    }

    @Test func earlyStoppingRestoresTheBestEpoch() throws {
        let (x, y) = quadraticData(rows: 120, inputs: 2, noise: 1, seed: 6)
        var c = Self.configuration
        c.epochs = 400
        c.learningRate = 3e-2
        c.earlyStoppingPatience = 5
        let (_, history) = try Trainer.fit(
            MLP(inputs: 2, widths: [64, 64]),
            strategy: .projection,
            x: x,
            y: y,
            configuration: c
        )
        guard case .stoppedEarly(let best) = history.outcome else {
            Issue.record("expected early stopping, got \(history.outcome)")
            return
        }
        #expect(history.validationLoss.count == best + 6)
        #expect(history.validationLoss[best] == history.validationLoss.min())
    }

    @Test("A NaN target stops training with a clear outcome and finite weights")
    func nonFiniteLoss() throws {
        var (x, y) = quadraticData(rows: 100, inputs: 2, noise: 0, seed: 7)
        y[3, 0] = .nan
        var c = Self.configuration
        c.standardize = false
        c.batchSize = 100
        c.validationFraction = 0
        let (regressor, history) = try Trainer.fit(
            FICNN(inputs: 2, widths: [8]),
            strategy: .projection,
            x: x,
            y: y,
            configuration: c
        )
        #expect(history.outcome == .nonFinite(epoch: 0, step: 0))
        #expect(regressor.model.weights.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
    }

    @Test func standardizationRoundTrip() {
        var rng = SeededGenerator(seed: 8)
        let data = Tensor<Float>(normal: [50, 3], mean: 4, standardDeviation: 3, using: &rng)
        let s = Standardization(fitting: data)
        let z = s.apply(data)
        #expect(abs(z.mean().scalar) < 1e-5)
        #expect((s.invert(z) - data).absolute().sum().scalar < 1e-3)
        let constant = Standardization(fitting: Tensor<Float>(repeating: 2, shape: [10, 1]))
        #expect(constant.scale == [1])
    }
}
