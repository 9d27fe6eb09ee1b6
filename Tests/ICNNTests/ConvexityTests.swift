import ICNN
import Testing
import _ICNNTestSupport

/// A model under test: an architecture, type-erased into closures so cases can be tabulated.
struct ModelCase: Sendable, CustomTestStringConvertible {
    var name: String
    var inputs: Int
    var convexInputs: [Int]
    var isSmooth: Bool
    /// Builds raw parameters under `strategy`, randomised (so the check covers arbitrary training states), and
    /// returns the function x ↦ f(x) with the strategy's effective weights, and their certificate.
    var make:
        @Sendable (ConstraintStrategy, inout SeededGenerator) -> (
            f: @Sendable (Tensor<Float>) -> Tensor<Float>, certificate: ConvexityCertificate
        )
    var testDescription: String { name }

    init<A: Architecture>(_ name: String, _ a: A) {
        self.name = name
        self.inputs = a.inputCount
        self.convexInputs = a.convexInputs
        self.isSmooth = a.isSmooth
        self.make = { strategy, rng in
            let model = Model(a, using: &rng)
            var p = ConstrainedParameters(model, strategy: strategy)
            // Perturb every raw tensor: constrained ones may go negative; projection clamps them back.
            p.raw = p.raw.map { $0 + Tensor(normal: $0.shape, standardDeviation: 0.3, using: &rng) }
            if case .penalty = strategy {
                // Penalty does not keep the cone by itself; model a critic that ended inside it.
                for (k, slot) in a.slots.enumerated() where slot.isNonNegative { p.raw[k] = p.raw[k].absolute() }
            }
            p.project()
            let trained = p.model(conditioning: Tensor(normal: [64, a.inputCount], using: &rng))
            return ({ trained($0) }, trained.certificate)
        }
    }
}

let convexCases: [ModelCase] = [
    ModelCase("FICNN relu", FICNN(inputs: 3, widths: [16, 16, 16], activation: .relu)),
    ModelCase("FICNN leaky relu", FICNN(inputs: 3, widths: [16, 16], activation: .leakyRelu(slope: 0.2))),
    ModelCase("FICNN softplus", FICNN(inputs: 3, widths: [16, 16, 16], activation: .softplus)),
    ModelCase("FICNN τ-softplus", FICNN(inputs: 3, widths: [16, 16], activation: .softplusTemperature(0.3))),
    ModelCase(
        "ICNNq + α",
        FICNN(
            inputs: 3,
            widths: [16, 16],
            activation: .softplus,
            quadraticFirstLayer: true,
            strongConvexity: 0.5
        )
    ),
    ModelCase("FICNN pytorch init", FICNN(inputs: 2, widths: [8, 8], initialization: .pytorch)),
    ModelCase("HyCNN max", HyCNN(inputs: 3, widths: [12, 12, 12], gate: .max)),
    ModelCase("HyCNN logsumexp", HyCNN(inputs: 3, widths: [12, 12], gate: .logSumExp(temperature: 0.5))),
    ModelCase("GroupMax", HyCNN.groupMax(inputs: 3, widths: [12, 12, 12])),
    ModelCase("PICNN softplus", PICNN(inputs: 4, convexIn: [1, 3], widths: [12, 12], activation: .softplus)),
    ModelCase("PICNN relu", PICNN(inputs: 4, convexIn: [0, 1], widths: [12, 12], activation: .relu)),
    ModelCase("conv FICNN softplus 8×8 (digits)", ConvolutionalFICNN(height: 8, width: 8, filters: [4, 4, 4])),
    ModelCase(
        "conv FICNN relu 5×5",
        ConvolutionalFICNN(height: 5, width: 3, filters: [4, 4], kernel: 5, activation: .relu)
    ),
    ModelCase(
        "conv PICNN softplus",
        ConvolutionalPICNN(height: 4, width: 4, convexIn: Array(8..<16), filters: [3, 3], activation: .softplus)
    ),
    ModelCase(
        "conv PICNN relu",
        ConvolutionalPICNN(
            height: 3,
            width: 3,
            channels: 2,
            convexIn: [1, 4, 9, 17],
            filters: [2, 2],
            activation: .relu
        )
    ),
]

let strategies: [ConstraintStrategy] = [
    .projection, .softplus(fanInScaled: false), .softplus(fanInScaled: true),
    .penalty(weight: 0.1), .lift(LiftConfiguration()),
]

/// The worst Jensen violation over `chords` random chords in the convex inputs (the others fixed per chord), as a
/// fraction of the values involved: positive means f(ta + (1−t)b) > t f(a) + (1−t) f(b).
func worstJensenViolation(
    _ f: (Tensor<Float>) -> Tensor<Float>,
    inputs: Int,
    convexInputs: [Int],
    chords: Int,
    using rng: inout SeededGenerator
) -> Float {
    var a = Tensor<Float>(uniform: [chords, inputs], low: -2, high: 2, using: &rng)
    let b0 = Tensor<Float>(uniform: [chords, inputs], low: -2, high: 2, using: &rng)
    var b = a
    for r in 0..<chords { for c in convexInputs { b[r, c] = b0[r, c] } }  // chords move only the convex inputs
    let t = Tensor<Float>(uniform: [chords, 1], low: 0.05, high: 0.95, using: &rng)
    let m = t * a + (1 - t) * b
    a = a.detached
    let fa = f(a).scalars, fb = f(b).scalars, fm = f(m).scalars, ts = t.scalars
    var worst: Float = -.infinity
    for i in 0..<chords {
        let chord = ts[i] * fa[i] + (1 - ts[i]) * fb[i]
        worst = max(worst, (fm[i] - chord) / (1 + abs(fa[i]) + abs(fb[i])))
    }
    return worst
}

@Suite("Every convex model is convex under every constraint strategy")
struct ConvexityTests {
    @Test(arguments: convexCases, strategies)
    func jensenGaps(_ c: ModelCase, _ strategy: ConstraintStrategy) {
        var rng = SeededGenerator(seed: 17)
        let (f, certificate) = c.make(strategy, &rng)
        #expect(certificate.holds, "\(c.name) / \(strategy): \(certificate)")
        let worst = worstJensenViolation(f, inputs: c.inputs, convexInputs: c.convexInputs, chords: 1000, using: &rng)
        #expect(worst <= Tolerances.jensenRelative, "\(c.name) / \(strategy): Jensen violation \(worst)")
    }

    @Test("The Jensen check does find violations: an MLP is not convex")
    func mlpControl() {
        var rng = SeededGenerator(seed: 3)
        let model = Model(MLP(inputs: 3, widths: [16, 16]), using: &rng)
        #expect(!model.certificate.holds)
        let worst = worstJensenViolation({ model($0) }, inputs: 3, convexInputs: [0, 1, 2], chords: 1000, using: &rng)
        #expect(worst > 100 * Tolerances.jensenRelative, "MLP worst violation \(worst)")
    }

    @Test("A planted negative weight fails the certificate, naming the tensor and the entry")
    func plantedNegativeWeight() {
        var rng = SeededGenerator(seed: 5)
        var model = Model(FICNN(inputs: 2, widths: [8, 8], activation: .relu), using: &rng)
        let k = model.architecture.slots.firstIndex { $0.name == "layers.1.wz" }!
        model.weights[k][3, 5] = -0.25
        let certificate = model.certificate
        #expect(!certificate.holds)
        #expect(certificate.failures == [.negativeWeight(slot: "layers.1.wz", index: [3, 5], value: -0.25)])
        #expect(certificate.description.contains("layers.1.wz[3, 5]"))
    }

    @Test("A penalty critic outside the cone is reported, and its penalty is positive")
    func penaltyOutsideCone() {
        var rng = SeededGenerator(seed: 6)
        let model = Model(HyCNN(inputs: 2, widths: [8, 8]), using: &rng)
        var p = ConstrainedParameters(model, strategy: .penalty(weight: 0.5))
        #expect(p.penalty(p.raw)?.scalar == 0)
        let k = model.architecture.slots.firstIndex { $0.isNonNegative }!
        p.raw[k][flat: 0] = -2
        #expect(abs((p.penalty(p.raw)?.scalar ?? 0) - 0.5 * 4) < 1e-6)
        #expect(!p.model().certificate.holds)
    }

    @Test(
        "Smooth convex models have positive semidefinite Hessians",
        arguments: convexCases.filter(\.isSmooth),
        [ConstraintStrategy.projection, .softplus(fanInScaled: false)]
    )
    func hessianIsPSD(_ c: ModelCase, _ strategy: ConstraintStrategy) {
        var rng = SeededGenerator(seed: 23)
        let (f, _) = c.make(strategy, &rng)
        let n = c.convexInputs.count
        for _ in 0..<5 {
            let x0 = Tensor<Float>(uniform: [1, c.inputs], low: -2, high: 2, using: &rng)
            let tape = Tape<Float>()
            let x = tape.watch(x0)
            let g = gradient(of: f(x).sum(), wrt: [x], createGraph: true)[0]
            var h = [Double](repeating: 0, count: n * n)
            for (i, ci) in c.convexInputs.enumerated() {
                var e = Tensor<Float>(zeros: [1, c.inputs])
                e[0, ci] = 1
                let column = gradient(of: (g * e).sum(), wrt: [x])[0]
                for (j, cj) in c.convexInputs.enumerated() { h[j * n + i] = Double(column[0, cj]) }
            }
            for i in 0..<n {
                for j in 0..<i {
                    (h[i * n + j], h[j * n + i]) = (
                        (h[i * n + j] + h[j * n + i]) / 2, (h[i * n + j] + h[j * n + i]) / 2
                    )
                }
            }
            guard let eigen = SymmetricEigendecomposition(Tensor(shape: [n, n], scalars: h)) else {
                Issue.record("eigendecomposition failed for \(c.name)")
                return
            }
            let largest = eigen.eigenvalues.map(abs).max() ?? 0
            #expect(
                eigen.eigenvalues[0] >= -Tolerances.hessianEigenvalueRelative * max(largest, 1e-3),
                "\(c.name) / \(strategy): eigenvalues \(eigen.eigenvalues)"
            )
        }
    }
}
