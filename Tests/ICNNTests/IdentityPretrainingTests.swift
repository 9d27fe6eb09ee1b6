import ICNN
import Testing
import _ICNNTestSupport

@Suite("Identity initialisation of transport potentials: ∇f ≈ identity")
struct IdentityPretrainingTests {
    static let cases: [(String, AnyArchitecture, ConstraintStrategy)] = [
        ("FICNN softplus", .ficnn(FICNN(inputs: 2, widths: [32, 32])), .softplus(fanInScaled: false)),
        (
            "ICNNq relu", .ficnn(FICNN(inputs: 3, widths: [32, 32], activation: .relu, quadraticFirstLayer: true)),
            .projection
        ),
        (
            "HyCNN τ-lse", .hycnn(HyCNN(inputs: 3, widths: [24, 24], gate: .logSumExp(temperature: 1))),
            .softplus(fanInScaled: false)
        ),
        ("PICNN softplus", .picnn(PICNN(inputs: 3, convexIn: [1, 2], widths: [24, 24])), .projection),
    ]

    @Test("the map error E‖∇f(x) − x‖²/E‖x‖² falls below 5 % and the model stays certified convex", arguments: 0..<4)
    func fitsIdentity(_ k: Int) {
        let (name, architecture, strategy) = Self.cases[k]
        var rng = SeededGenerator(seed: 7)
        var parameters = ConstrainedParameters(Model(architecture, using: &rng), strategy: strategy)
        var pretraining = IdentityPretraining()
        pretraining.steps = 300
        pretraining.batchSize = 128
        let report = pretraining.run(&parameters)
        #expect(report.initialRelativeError > 0.2, "\(name): \(report)")
        #expect(report.finalRelativeError < 0.05, "\(name): \(report)")
        #expect(parameters.model().certificate.holds, "\(name)")
    }

    @Test("a shifted, scaled sampling distribution is matched where it was asked for")
    func shiftedDistribution() {
        var rng = SeededGenerator(seed: 8)
        var parameters = ConstrainedParameters(
            Model(FICNN(inputs: 2, widths: [32, 32]), using: &rng),
            strategy: .softplus(fanInScaled: false)
        )
        var pretraining = IdentityPretraining()
        pretraining.steps = 300
        pretraining.mean = [3, -2]
        pretraining.scale = [0.5, 2]
        let report = pretraining.run(&parameters)
        #expect(report.finalRelativeError < 0.05, "\(report)")
        // ∇f at the centre of the sampled region is close to the centre itself.
        let model = parameters.model()
        let tape = Tape<Float>()
        let x = tape.watch(Tensor<Float>(shape: [1, 2], scalars: [3, -2]))
        let g = gradient(of: model(x).sum(), wrt: [x])[0]
        #expect(abs(g[0, 0] - 3) < 0.3 && abs(g[0, 1] + 2) < 0.3, "∇f(3, −2) = \(g.scalars)")
    }
}
