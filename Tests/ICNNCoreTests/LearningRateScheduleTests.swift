import ICNNCore
import Testing
import _ICNNTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Learning-rate schedules at their boundary steps")
struct LearningRateScheduleTests {
    func expectClose(_ value: Double, _ expected: Double, _ label: String) {
        #expect(
            abs(value - expected) <= Tolerances.scheduleDouble * max(1, abs(expected)),
            "\(label): \(value), expected \(expected)"
        )
    }

    @Test("Constant")
    func constant() {
        for step in [0, 1, 1000] { #expect(LearningRateSchedule.constant.learningRate(at: step, base: 0.3) == 0.3) }
    }

    @Test("Cosine without warm-up: base at 0, midpoint at N/2, floor at N and after")
    func cosine() {
        let s = LearningRateSchedule.cosine(decaySteps: 100, floor: 0.01)
        expectClose(s.learningRate(at: 0, base: 1), 1, "step 0")
        expectClose(s.learningRate(at: 50, base: 1), 0.505, "step N/2")
        expectClose(s.learningRate(at: 25, base: 1), 0.01 + 0.99 * (1 + cos(Double.pi / 4)) / 2, "step N/4")
        expectClose(s.learningRate(at: 99, base: 1), 0.01 + 0.99 * (1 + cos(Double.pi * 0.99)) / 2, "step N − 1")
        #expect(s.learningRate(at: 100, base: 1) == 0.01)
        #expect(s.learningRate(at: 5000, base: 1) == 0.01)
        // Non-increasing over the whole decay.
        let rates = (0...100).map { s.learningRate(at: $0, base: 1) }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 })
        // The floor defaults to 0.
        #expect(LearningRateSchedule.cosine(decaySteps: 10).learningRate(at: 10, base: 2) == 0)
    }

    @Test("Cosine with linear warm-up")
    func warmup() {
        let s = LearningRateSchedule.cosine(decaySteps: 20, floor: 0, warmupSteps: 4)
        expectClose(s.learningRate(at: 0, base: 2), 0.5, "first warm-up step")
        expectClose(s.learningRate(at: 1, base: 2), 1, "second warm-up step")
        expectClose(s.learningRate(at: 3, base: 2), 2, "last warm-up step")
        expectClose(s.learningRate(at: 4, base: 2), 2, "first decay step")
        expectClose(s.learningRate(at: 14, base: 2), 1, "decay midpoint")
        #expect(s.learningRate(at: 24, base: 2) == 0)
        // No decay steps: warm-up, then the floor.
        let warmOnly = LearningRateSchedule.cosine(decaySteps: 0, floor: 0.1, warmupSteps: 2)
        expectClose(warmOnly.learningRate(at: 1, base: 1), 1, "warm-up only, last warm-up step")
        #expect(warmOnly.learningRate(at: 2, base: 1) == 0.1)
    }

    @Test("Step decay multiplies by γ every k steps")
    func stepDecay() {
        let s = LearningRateSchedule.stepDecay(every: 10, factor: 0.5)
        #expect(s.learningRate(at: 0, base: 0.8) == 0.8)
        #expect(s.learningRate(at: 9, base: 0.8) == 0.8)
        #expect(s.learningRate(at: 10, base: 0.8) == 0.4)
        #expect(s.learningRate(at: 19, base: 0.8) == 0.4)
        #expect(s.learningRate(at: 20, base: 0.8) == 0.2)
        expectClose(
            LearningRateSchedule.stepDecay(every: 3, factor: 0.1).learningRate(at: 7, base: 1),
            0.01,
            "γ = 0.1, two decays"
        )
    }

    @Test("The optimiser's scheduled update uses the rate at its current step")
    func scheduledUpdate() {
        var parameters = [Tensor<Double>([0])]
        var sgd = SGD<Double>(learningRate: 0)
        let schedule = LearningRateSchedule.stepDecay(every: 2, factor: 0.5)
        var expected = 0.0
        for step in 0..<5 {
            sgd.update(&parameters, along: [Tensor<Double>([-1])], schedule: schedule, baseLearningRate: 1)
            expected += schedule.learningRate(at: step, base: 1)
            #expect(sgd.learningRate == schedule.learningRate(at: step, base: 1))
        }
        // Rates 1, 1, 0.5, 0.5, 0.25 (exact in binary).
        #expect(parameters[0].scalar == expected && expected == 3.25)
    }
}
