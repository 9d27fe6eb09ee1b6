import ICNN
import Testing

@Suite("Initialisers keep signals bounded through depth")
struct InitializerTests {
    /// Mean and standard deviation of the model's output over a batch of standardised inputs.
    func outputMoments<A: Architecture>(_ a: A, seed: UInt64) -> (mean: Double, std: Double) {
        var rng = SeededGenerator(seed: seed)
        let model = Model(a, using: &rng)
        // Uniform on [−√3, √3]: unit variance, like standardised data.
        let x = Tensor<Float>(uniform: [2000, a.inputCount], low: -1.732, high: 1.732, using: &rng)
        let y = model(x).scalars.map(Double.init)
        let mean = y.reduce(0, +) / Double(y.count)
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)
        return (mean, variance.squareRoot())
    }

    @Test("HyCNN: output mean and spread stay O(1) from 2 to 16 blocks", arguments: [2, 4, 8, 16])
    func hycnnDepth(_ depth: Int) {
        let m = outputMoments(HyCNN(inputs: 50, widths: Array(repeating: 48, count: depth)), seed: UInt64(depth))
        #expect(abs(m.mean) < 5 && m.std > 0.05 && m.std < 5, "depth \(depth): mean \(m.mean), std \(m.std)")
    }

    @Test("FICNN with Hoedt–Klambauer: output stays O(1) to 16 layers", arguments: [2, 8, 16])
    func ficnnDepth(_ depth: Int) {
        let m = outputMoments(
            FICNN(inputs: 50, widths: Array(repeating: 64, count: depth), activation: .relu),
            seed: UInt64(depth)
        )
        #expect(abs(m.mean) < 5 && m.std > 0.05 && m.std < 5, "depth \(depth): mean \(m.mean), std \(m.std)")
    }

    @Test(
        "Softplus FICNNs: the bias takes out softplus' own mean, so the output stays O(1) to 8 layers",
        arguments: [2, 4, 8]
    )
    func softplusFicnnDepth(_ depth: Int) {
        let m = outputMoments(FICNN(inputs: 50, widths: Array(repeating: 64, count: depth)), seed: UInt64(depth))
        #expect(abs(m.mean) < 5 && m.std > 0.05 && m.std < 5, "depth \(depth): mean \(m.mean), std \(m.std)")
    }

    @Test("E[g(Z)], Z ~ N(0, 1), of each activation (references from numpy quadrature on a 2·10⁶-point grid)")
    func gaussianMeans() {
        #expect(abs(Activation.relu.gaussianMean - 0.3989422804014327) < 1e-15)
        #expect(abs(Activation.leakyRelu(slope: 0.2).gaussianMean - 0.3191538243200489) < 1e-7)
        #expect(abs(Activation.softplus.gaussianMean - 0.8060591833578342) < 1e-9)
        #expect(abs(Activation.softplusTemperature(0.5).gaussianMean - 0.533857194032576) < 1e-9)
        #expect(Activation.identity.gaussianMean == 0)
    }

    @Test("Log-normal draws have the requested mean and variance")
    func logNormalMoments() {
        var rng = SeededGenerator(seed: 1)
        let w = Initializers.logNormal([200_000], mean: 0.02, variance: 0.005, using: &rng).scalars.map(Double.init)
        let mean = w.reduce(0, +) / Double(w.count)
        let variance = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count)
        #expect(w.allSatisfy { $0 > 0 })
        #expect(abs(mean - 0.02) < 0.02 * 0.05)  // 5 % (the standard error is about 1 %)
        #expect(abs(variance - 0.005) < 0.005 * 0.15)  // heavy right tail: 15 %
    }
}
