import ICNN
import Testing
import _ICNNTestSupport

/// Every model type trained under every constraint strategy: the loss falls, and the trained model is convex.
@Suite("Every strategy trains every convex model type and keeps it convex")
struct StrategyTrainingTests {
    static let models: [(String, AnyArchitecture)] = [
        ("FICNN relu", .ficnn(FICNN(inputs: 4, widths: [16, 16], activation: .relu))),
        ("FICNN softplus", .ficnn(FICNN(inputs: 4, widths: [16, 16]))),
        ("conv FICNN softplus", .convolutionalFICNN(ConvolutionalFICNN(height: 2, width: 2, filters: [4, 4]))),
        ("ICNNq", .ficnn(FICNN(inputs: 4, widths: [16, 16], activation: .relu, quadraticFirstLayer: true))),
        ("PICNN", .picnn(PICNN(inputs: 4, convexIn: [1, 2, 3], widths: [16, 16]))),
        ("HyCNN", .hycnn(HyCNN(inputs: 4, widths: [12, 12]))),
        ("GroupMax", .hycnn(HyCNN.groupMax(inputs: 4, widths: [12, 12]))),
        (
            "conv FICNN",
            .convolutionalFICNN(ConvolutionalFICNN(height: 2, width: 2, filters: [4, 4], activation: .relu))
        ),
        (
            "conv PICNN",
            .convolutionalPICNN(ConvolutionalPICNN(height: 2, width: 2, convexIn: [1, 2, 3], filters: [4, 4]))
        ),
    ]
    static let strategies: [ConstraintStrategy] = [
        .projection, .softplus(fanInScaled: false), .penalty(weight: 1), .lift(LiftConfiguration()),
    ]

    @Test(arguments: 0..<9, 0..<4)
    func trains(_ m: Int, _ s: Int) throws {
        let (name, architecture) = Self.models[m]
        let strategy = Self.strategies[s]
        var rng = SeededGenerator(seed: 31)
        let x = Tensor<Float>(uniform: [400, 4], low: -1, high: 1, using: &rng)
        // Convex in x₁…x₃ (‖·‖²), and arbitrary in x₀ (which only a PICNN may treat non-convexly).
        let convexPart = x.sliced(axis: 1, start: 1, length: 3).squared().sum(alongAxes: [1], keepingDimensions: true)
        let x0 = x.sliced(axis: 1, start: 0, length: 1)
        let y = convexPart + (architecture.convexInputs.count == 3 ? (x0 * 3).tanh() : x0.squared())
        var configuration = TrainingConfiguration()
        configuration.epochs = 30
        configuration.batchSize = 64
        configuration.validationFraction = 0
        configuration.seed = 5
        let (regressor, history) = try Trainer.fit(
            architecture,
            strategy: strategy,
            x: x,
            y: y,
            configuration: configuration
        )
        let first = history.trainingLoss.first ?? .nan, last = history.trainingLoss.last ?? .nan
        #expect(history.outcome == .completed, "\(name) / \(strategy)")
        // Standardised MSE: 1 is the best constant predictor; 190 Adam steps must explain most of the variance.
        #expect(last < 0.5 && last < first, "\(name) / \(strategy): loss \(first) → \(last)")
        let certificate = regressor.model.certificate
        if case .penalty = strategy {
            // A penalty only pushes toward the cone; the certificate reports whether the run ended inside it.
            if certificate.holds == false { #expect(!certificate.failures.isEmpty) }
        } else {
            #expect(certificate.holds, "\(name) / \(strategy): \(certificate)")
        }
        guard certificate.holds else { return }
        let worst = worstJensenViolation(
            { regressor.model($0) },
            inputs: 4,
            convexInputs: architecture.convexInputs,
            chords: 1000,
            using: &rng
        )
        #expect(worst <= Tolerances.jensenRelative, "\(name) / \(strategy): Jensen violation \(worst)")
    }
}
