/// The identity initialisation of a transport potential: pre-trains a convex model so that ∇ₓf(x) ≈ x, i.e.
/// f ≈ ½‖x‖² + const, the potential of the identity map (the starting point of the W2GN and Makkuva et al.
/// transport solvers, and of convex-potential flows).
///
/// It minimises E‖∇_y f(x) − y‖² over the convex inputs y (the other inputs of a PICNN are drawn too but not
/// matched), x ~ N(mean, diag(scale²)), by Adam on the raw parameters of any architecture under any constraint
/// strategy, with gradients through ∇ₓf (second-order autodiff). The strategy keeps the model convex throughout;
/// only the fit is approximate, and `run` reports how good it is.
public struct IdentityPretraining: Sendable {
    /// Adam steps.
    public var steps = 500
    /// Samples per step.
    public var batchSize = 256
    /// Adam's learning rate (cosine-decayed to a tenth over the steps).
    public var learningRate = 1e-2
    /// The sampling mean per input (nil: 0).
    public var mean: [Float]? = nil
    /// The sampling standard deviation per input (nil: 1).
    public var scale: [Float]? = nil
    /// The seed of the samples.
    public var seed: UInt64 = 0

    /// The default schedule: 500 steps of 256 standard normal samples at learning rate 1e-2.
    public init() {}

    /// The outcome: E‖∇f(x) − x‖² / E‖x‖² on fresh samples (over the convex inputs), before and after.
    public struct Report: Sendable, Equatable {
        /// The relative squared error of ∇f as a map, at the start.
        public var initialRelativeError: Double
        /// The relative squared error of ∇f as a map, at the end.
        public var finalRelativeError: Double
    }

    /// Fits `parameters` toward the identity potential, in place.
    /// - Precondition: steps ≥ 0, batchSize ≥ 1, mean and scale (when given) have one entry per input, and the
    ///   architecture is convex in at least one input.
    public func run<A: Architecture>(_ parameters: inout ConstrainedParameters<A>) -> Report {
        let architecture = parameters.architecture
        let n = architecture.inputCount, convex = architecture.convexInputs
        precondition(steps >= 0 && batchSize >= 1, "identity pre-training needs steps ≥ 0 and batch size ≥ 1")
        precondition(!convex.isEmpty, "identity pre-training needs a model convex in at least one input")
        precondition(mean.map { $0.count == n } ?? true, "mean needs \(n) entries")
        precondition(scale.map { $0.count == n } ?? true, "scale needs \(n) entries")
        var rng = SeededGenerator(seed: seed)
        let mask = Tensor<Float>(shape: [1, n], scalars: (0..<n).map { convex.contains($0) ? 1 : 0 })
        func sample(_ rows: Int) -> Tensor<Float> {
            let z = Tensor<Float>(normal: [rows, n], using: &rng)
            return z * Tensor(scale ?? Array(repeating: 1, count: n)) + Tensor(mean ?? Array(repeating: 0, count: n))
        }
        /// (mean over rows of ‖(∇f(x) − x) ∘ mask‖², of ‖x ∘ mask‖²), tracked through `raw` when it is.
        func mapError(_ raw: [Tensor<Float>], _ x0: Tensor<Float>, tape: Tape<Float>) -> Tensor<Float> {
            let x = tape.watch(x0)
            let f = architecture.forward(x, weights: parameters.effective(raw, conditioning: x0)).sum()
            let g = gradient(of: f, wrt: [x], createGraph: raw.first?.isTracked ?? false)[0]
            return ((g - x) * mask).squared().sum(alongAxes: [1]).mean()
        }
        func relativeError() -> Double {
            let x = sample(2048)
            let error = Double(mapError(parameters.raw, x, tape: Tape<Float>()).scalar)
            return error / Double((x * mask).squared().sum(alongAxes: [1]).mean().scalar)
        }
        let initial = relativeError()
        var optimizer = Adam<Float>(learningRate: learningRate)
        let schedule = LearningRateSchedule.cosine(decaySteps: Swift.max(steps, 1), floor: learningRate / 10)
        for _ in 0..<steps {
            let value: Float, grads: [Tensor<Float>]
            do {  // the tape dies here: the update then writes the unshared parameters in place
                let tape = Tape<Float>()
                let raw = tape.watch(parameters.raw)
                let loss = mapError(raw, sample(batchSize), tape: tape)
                grads = gradient(of: loss, wrt: raw)
                value = loss.scalar
            }
            guard value.isFinite, GradientClipping.globalNorm(grads).isFinite else { break }
            optimizer.learningRate = schedule.learningRate(at: optimizer.step, base: learningRate)
            optimizer.update(&parameters.raw, along: grads)
            parameters.project()
        }
        return Report(initialRelativeError: initial, finalRelativeError: relativeError())
    }
}
