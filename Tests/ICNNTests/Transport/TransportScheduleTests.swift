import Foundation
import ICNN
import Testing
import _ICNNTestSupport

@Suite("Transport: gate-temperature schedules and the amortised conjugate")
struct TransportScheduleTests {
    @Test("Cyclic and annealed schedules hit their end points and geometric midpoints; spellings parse back")
    func schedules() throws {
        let cyclic = TemperatureSchedule.cyclic(low: 0.1, high: 10, period: 100)
        #expect(abs(try #require(cyclic.temperature(at: 0, of: 1000)) - 10) < 1e-5)
        #expect(abs(try #require(cyclic.temperature(at: 25, of: 1000)) - 1) < 1e-5)
        #expect(abs(try #require(cyclic.temperature(at: 50, of: 1000)) - 0.1) < 1e-6)
        #expect(abs(try #require(cyclic.temperature(at: 100, of: 1000)) - 10) < 1e-5)
        let annealed = TemperatureSchedule.annealed(from: 10, to: 0.1)
        #expect(abs(try #require(annealed.temperature(at: 0, of: 11)) - 10) < 1e-5)
        #expect(abs(try #require(annealed.temperature(at: 5, of: 11)) - 1) < 1e-5)
        #expect(abs(try #require(annealed.temperature(at: 10, of: 11)) - 0.1) < 1e-6)
        #expect(TemperatureSchedule.constant.temperature(at: 3, of: 10) == nil)
        for s in [cyclic, annealed, .constant] { #expect(TemperatureSchedule(parsing: s.description) == s) }
        for bad in ["cyclic:10:0.1:100", "cyclic:0:1:5", "cyclic:1:2:0", "anneal:1", "anneal:0:1", "warm", ""] {
            #expect(TemperatureSchedule(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("Changing τ keeps the parameters; only smooth HyCNN gates change")
    func temperatureChangeKeepsParameters() {
        let smooth = HyCNN(inputs: 3, widths: [4, 4], gate: .logSumExp(temperature: 1))
        #expect(smooth.withGateTemperature(5).gate == .logSumExp(temperature: 5))
        #expect(HyCNN(inputs: 3, widths: [4]).withGateTemperature(5).gate == .max)
        let ficnn = AnyArchitecture.ficnn(FICNN(inputs: 3, widths: [4]))
        #expect(ficnn.withGateTemperature(5) == ficnn && ficnn.gateTemperature == nil)
        var rng = SeededGenerator(seed: 2)
        let parameters = ConstrainedParameters(Model(smooth, using: &rng), strategy: .softplus(fanInScaled: false))
        let changed = parameters.withArchitecture(smooth.withGateTemperature(5))
        #expect(changed.raw.map(\.scalars) == parameters.raw.map(\.scalars))
        #expect(changed.architecture.gateTemperature == 5)
    }

    @Test("A cyclic τ schedule trains certified potentials and keeps the τ the selected weights were validated at")
    func cyclicFit() throws {
        var rng = SeededGenerator(seed: 8)
        let source = Tensor<Float>(normal: [400, 2], using: &rng)
        let target = Tensor<Float>(normal: [400, 2], mean: 2, standardDeviation: 0.5, using: &rng)
        var c = TransportConfiguration()
        c.iterations = 60
        c.validationEvery = 20
        c.batchSize = 64
        c.initializationSteps = 30
        let schedule = TemperatureSchedule.cyclic(low: 0.2, high: 5, period: 40)
        c.temperatureSchedule = schedule
        let (map, history) = NeuralTransport.fit(
            HyCNN(inputs: 2, widths: [16, 16], gate: .logSumExp(temperature: 1)),
            source: source,
            target: target,
            configuration: c
        )
        let selected = try #require(history.selected)
        // Validation k follows the iteration run at τ_{k−1}; validation 0 sees the potentials as built (τ = 1).
        let expected =
            selected.iteration == 0 ? 1 : try #require(schedule.temperature(at: selected.iteration - 1, of: 60))
        #expect(map.potential.architecture.gateTemperature == expected)
        #expect(map.critic.architecture.gateTemperature == expected)
        #expect(map.potential.certificate.holds && map.critic.certificate.holds)
        #expect(history.outcome == .completed)
    }

    /// ∇ₓ of a model at the rows of x, in Double.
    static func inputGradient(_ model: Model<FICNN>, at x: Tensor<Float>) -> [Double] {
        let tape = Tape<Float>()
        let xt = tape.watch(x)
        return gradient(of: model(xt).sum(), wrt: [xt])[0].scalars.map(Double.init)
    }

    @Test("The amortised conjugate refines a guess of argmax ⟨x, y⟩ − f(x): ‖∇f(x̂) − y‖ falls at least tenfold")
    func conjugateRefinement() {
        var rng = SeededGenerator(seed: 9)
        // ½‖x‖² makes ∇f onto, so every y has a conjugate point.
        let f = Model(FICNN(inputs: 3, widths: [16, 16], strongConvexity: 1), using: &rng)
        let y = Tensor<Float>(normal: [64, 3], using: &rng)
        let refined = NeuralTransport.conjugatePoints(of: f, at: y, guess: y, iterations: 30)
        func residual(_ x: Tensor<Float>) -> Double {
            let g = Self.inputGradient(f, at: x), target = y.scalars.map(Double.init)
            return zip(g, target).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 64
        }
        #expect(residual(refined) < 0.1 * residual(y), "residual \(residual(y)) → \(residual(refined))")
        #expect(NeuralTransport.conjugatePoints(of: f, at: y, guess: y, iterations: 0).scalars == y.scalars)
    }

    @Test("With the amortised conjugate the minimax still learns a Gaussian map (L2-UVP < 5 %)")
    func amortisedFit() throws {
        var rng = SeededGenerator(seed: 10)
        let source = Tensor<Double>(normal: [1500, 2], using: &rng)
        let scale = Tensor<Double>([1.5, 0.5]), shift = Tensor<Double>([1, -2])
        let target = Tensor<Double>(normal: [1500, 2], using: &rng) * scale + shift
        var c = TransportConfiguration()
        c.iterations = 250
        c.batchSize = 128
        c.validationEvery = 50
        c.initializationSteps = 100
        c.conjugateIterations = 10
        let (map, history) = NeuralTransport.fit(
            FICNN(inputs: 2, widths: [32, 32]),
            source: source.converted(to: Float.self),
            target: target.converted(to: Float.self),
            configuration: c
        )
        let test = Tensor<Double>(normal: [500, 2], using: &rng)
        let uvp = MapMetrics.unexplainedVariancePercentage(
            predicted: map(test.converted(to: Float.self)).converted(to: Double.self),
            truth: test * scale + shift,
            targetVariance: 1.5 * 1.5 + 0.5 * 0.5
        )
        #expect(uvp < Tolerances.neuralTransportUVPPercent, "L2-UVP \(uvp) %")
        #expect(history.outcome == .completed)
    }
}
