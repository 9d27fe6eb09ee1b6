import ICNN

/// `icnn bench transport`: the cost of one outer iteration of the neural OT minimax (S critic steps with a
/// second-order gradient through ∇g, then one potential step), beside a plain regression training step of the same
/// network (forward, backward, Adam) on the same batch size.
public enum TransportBenchmark {
    /// One potential network and batch size.
    public struct Configuration: Sendable, CustomStringConvertible {
        public var name: String
        public var architecture: AnyArchitecture
        public var batch: Int
        public var innerSteps: Int
        public init(name: String, architecture: AnyArchitecture, batch: Int, innerSteps: Int = 5) {
            (self.name, self.architecture, self.batch, self.innerSteps) = (name, architecture, batch, innerSteps)
        }
        public var description: String { "\(name), B \(batch), S \(innerSteps)" }

        /// HyCNN 48×4 at d = 50 (the case) with the max gate and with the transport default τ = 1, then
        /// softplus FICNNs with the shapes of the engine benchmark.
        public static let reference: [Configuration] =
            [
                .init(
                    name: "hycnn 48×4 d 50, max gate",
                    architecture: .hycnn(HyCNN(inputs: 50, widths: [48, 48, 48, 48])),
                    batch: 256
                ),
                .init(
                    name: "hycnn 48×4 d 50, τ = 1",
                    architecture: .hycnn(
                        HyCNN(inputs: 50, widths: [48, 48, 48, 48], gate: .logSumExp(temperature: 1))
                    ),
                    batch: 256
                ),
            ]
            + EngineBenchmark.Configuration.reference.map { e in
                .init(
                    name: "ficnn \(e.width)×\(e.depth) d \(e.inputs)",
                    architecture: .ficnn(FICNN(inputs: e.inputs, widths: Array(repeating: e.width, count: e.depth))),
                    batch: e.batch
                )
            }
    }

    /// Median milliseconds per call.
    public struct Measurement: Sendable {
        public var configuration: Configuration
        /// One outer iteration: S critic steps and one potential step.
        public var iterationMilliseconds: Double
        /// One critic step (second order) and one potential step, timed separately.
        public var criticStepMilliseconds: Double, potentialStepMilliseconds: Double
        /// One regression training step (MSE, first order, Adam) of the same network and batch.
        public var trainStepMilliseconds: Double
        /// Medians of the per-sample ratios iteration / train step and critic step / train step (the four steps
        /// are timed in turn within every sample, so these are steadier than ratios of the medians).
        public var iterationPerTrain: Double, criticPerTrain: Double
    }

    /// Measures one configuration on Gaussian batches (source N(0, I), target N(1, I)).
    public static func run(_ c: Configuration, timing: Timing = Timing(), seed: UInt64 = 0) -> Measurement {
        var rng = SeededGenerator(seed: seed)
        let d = c.architecture.inputCount
        let batches = 8
        let xs = (0..<batches).map { _ in Tensor<Float>(normal: [c.batch, d], using: &rng) }
        let ys = (0..<batches).map { _ in Tensor<Float>(normal: [c.batch, d], mean: 1, using: &rng) }
        var next = 0
        func pick() -> Int {
            next = (next + 1) % batches
            return next
        }
        let strategy = ConstraintStrategy.softplus(fanInScaled: false)
        var configuration = TransportConfiguration()
        configuration.innerSteps = c.innerSteps
        configuration.learningRate = 1e-4  // small steps keep the timed networks near their initial scale
        var minimax = TransportMinimax(
            potential: ConstrainedParameters(Model(c.architecture, using: &rng), strategy: strategy),
            critic: ConstrainedParameters(Model(c.architecture, using: &rng), strategy: strategy),
            configuration: configuration
        )
        func iteration() {
            let weights = minimax.potential.effective(minimax.potential.raw).map(\.detached)
            for _ in 0..<c.innerSteps { precondition(minimax.criticStep(ys[pick()], potentialWeights: weights) != nil) }
            precondition(minimax.potentialStep(xs[pick()], ys[pick()]) != nil)
        }
        func criticStep() { precondition(minimax.criticStep(ys[pick()]) != nil) }
        func potentialStep() { precondition(minimax.potentialStep(xs[pick()], ys[pick()]) != nil) }

        var regression = ConstrainedParameters(Model(c.architecture, using: &rng), strategy: strategy)
        var optimizer = Adam<Float>(learningRate: 1e-4)
        let targets = xs.map { $0.squared().sum(alongAxes: [1], keepingDimensions: true) }
        func trainStep() {
            let k = pick()
            let grads: [Tensor<Float>]
            do {  // the tape dies here: the update then writes the unshared parameters in place
                let tape = Tape<Float>()
                let raw = tape.watch(regression.raw)
                let prediction = c.architecture.forward(xs[k], weights: regression.effective(raw))
                let loss = (prediction - targets[k]).squared().mean()
                grads = gradient(of: loss, wrt: raw)
                precondition(loss.scalar.isFinite)
            }
            optimizer.update(&regression.raw, along: grads)
        }
        let rows = timing.interleaved([iteration, criticStep, potentialStep, trainStep])
        func median(_ k: Int) -> Double { Timing.median(rows.map { $0[k] }) * 1e3 }
        return Measurement(
            configuration: c,
            iterationMilliseconds: median(0),
            criticStepMilliseconds: median(1),
            potentialStepMilliseconds: median(2),
            trainStepMilliseconds: median(3),
            iterationPerTrain: Timing.median(rows.map { $0[0] / $0[3] }),
            criticPerTrain: Timing.median(rows.map { $0[1] / $0[3] })
        )
    }
}
