import ICNN

/// `icnn bench engine`: the engine's speed on the reference FICNN of `shared/bench` (training step, forward,
/// ∇_y f, and a double-backward step), so that it can be compared with PyTorch and JAX on the same machine.
public enum EngineBenchmark {
    /// One network configuration: input dimension d, width h, depth L, batch B.
    public struct Configuration: Sendable, Hashable, CustomStringConvertible {
        public var inputs: Int, width: Int, depth: Int, batch: Int
        public init(inputs: Int, width: Int, depth: Int, batch: Int) {
            (self.inputs, self.width, self.depth, self.batch) = (inputs, width, depth, batch)
        }
        /// Multiply-add FLOPs (2 per MAC) of one forward pass, as `shared/bench/common.py` counts them.
        public var forwardFlops: Double {
            let (d, h, L, B) = (Double(inputs), Double(width), Double(depth), Double(batch))
            return 2 * B * (L * h * d + d + (L - 1) * h * h + h)
        }
        public var description: String { "(d \(inputs), h \(width), L \(depth), B \(batch))" }

        /// The four configurations of the reference scripts.
        public static let reference: [Configuration] = [
            .init(inputs: 2, width: 64, depth: 3, batch: 256),
            .init(inputs: 16, width: 128, depth: 4, batch: 1024),
            .init(inputs: 64, width: 512, depth: 4, batch: 1024),
            .init(inputs: 128, width: 1024, depth: 4, batch: 4096),
        ]
    }

    /// Median milliseconds per call of each measured step, and the training loss before and after.
    public struct Measurement: Sendable {
        public var configuration: Configuration
        public var trainMilliseconds: Double
        public var forwardMilliseconds: Double
        public var gradientMilliseconds: Double
        public var doubleBackwardMilliseconds: Double
        public var lossBefore: Double
        public var lossAfter: Double
        /// Achieved GFLOP/s of the training step, counting it as three forward passes (as the references do).
        public var trainGflops: Double { 3 * configuration.forwardFlops / (trainMilliseconds * 1e6) }
    }

    /// Measures one configuration.
    /// - Parameters:
    ///   - timing: the timing protocol (warm-up, samples).
    ///   - seed: seeds the weights and the data.
    public static func run(_ c: Configuration, timing: Timing = Timing(), seed: UInt64 = 0) -> Measurement {
        var rng = SeededGenerator(seed: seed)
        var model = ReferenceFICNN(inputs: c.inputs, width: c.width, depth: c.depth, using: &rng)
        var optimizer = Adam<Float>(learningRate: 1e-3)
        let batches = 8
        let ys = (0..<batches).map { _ in Tensor<Float>(normal: [c.batch, c.inputs], using: &rng) }
        let targets = ys.map { y in
            y.squared().sum(alongAxes: [1], keepingDimensions: true) + Tensor(normal: [c.batch, 1], using: &rng) * 0.1
        }
        var next = 0
        func batch() -> (Tensor<Float>, Tensor<Float>) {
            next = (next + 1) % batches
            return (ys[next], targets[next])
        }
        func loss(_ model: ReferenceFICNN) -> Double {
            Double((model(ys[0]) - targets[0]).squared().mean().scalar)
        }

        func trainStep() {
            let (y, t) = batch()
            let g: [Tensor<Float>]
            do {  // the tape dies here, so the step below updates the parameters in place
                let tape = Tape<Float>()
                let p = tape.watch(model.parameters)
                let l = (model(y, parameters: p) - t).squared().mean()
                g = gradient(of: l, wrt: p)
            }
            model.step(&optimizer, along: g)
        }
        func forward() {
            let (y, _) = batch()
            _ = model(y)
        }
        let fixedY = ys[0]
        func brenier() {
            let tape = Tape<Float>()
            let y = tape.watch(fixedY)
            _ = gradient(of: model(y).sum(), wrt: [y])
        }
        func doubleBackwardStep() {
            // Fit ∇f to the map T(y) = 2y (the gradient of ‖y‖²): a loss that contains ∇_y f.
            let (yValue, _) = batch()
            let g: [Tensor<Float>]
            do {  // the tape dies here, so the step below updates the parameters in place
                let tape = Tape<Float>()
                let p = tape.watch(model.parameters)
                let y = tape.watch(yValue)
                let gy = gradient(of: model(y, parameters: p).sum(), wrt: [y], createGraph: true)[0]
                let l = (gy - y * 2).squared().sum(alongAxes: [1]).mean()
                g = gradient(of: l, wrt: p)
            }
            model.step(&optimizer, along: g)
        }

        let before = loss(model)
        let train = timing.measure(trainStep)
        let after = loss(model)
        let fwd = timing.measure(forward)
        let grad = timing.measure(brenier)
        let dbl = timing.measure(doubleBackwardStep)
        return Measurement(
            configuration: c,
            trainMilliseconds: train.median * 1e3,
            forwardMilliseconds: fwd.median * 1e3,
            gradientMilliseconds: grad.median * 1e3,
            doubleBackwardMilliseconds: dbl.median * 1e3,
            lossBefore: before,
            lossAfter: after
        )
    }
}
