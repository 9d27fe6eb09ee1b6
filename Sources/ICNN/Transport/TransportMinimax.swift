/// The state of the minimax semi-dual training (Makkuva et al., papers.md §2): the two potentials' trainable
/// parameters and their Adam optimisers, with the critic and potential steps that `NeuralTransport.fit` runs and
/// `icnn bench transport` times.
///
/// Critic step (g), on a target batch y [B, d]: minimise mean_y f(∇g(y)) − ⟨y, ∇g(y)⟩ with f fixed; ∇g(y) is
/// recorded (`createGraph`), so the gradient with respect to g's weights is a second-order one.
/// Potential step (f), on batches x, y: minimise mean_x f(x) − mean_y f(∇g(y)) with g fixed (first order); with
/// `conjugateIterations` > 0, ∇g(y) is first refined by L-BFGS towards argmax_x ⟨x, y⟩ − f(x) (amortised conjugate).
public struct TransportMinimax<A: Architecture>: Sendable {
    /// The map's potential f (raw parameters under its strategy).
    public var potential: ConstrainedParameters<A>
    /// The critic g.
    public var critic: ConstrainedParameters<A>
    /// Adam for f and for g (β = (0.5, 0.9) by default).
    public var potentialOptimizer: Adam<Float>, criticOptimizer: Adam<Float>
    /// L-BFGS iterations refining ∇g(y) towards the conjugate's maximiser in the potential step (0: none).
    public var conjugateIterations: Int

    /// Fresh optimisers for the given potentials.
    /// - Precondition: neither strategy is the lift (its emitted weights depend on a conditioning batch).
    public init(
        potential: ConstrainedParameters<A>,
        critic: ConstrainedParameters<A>,
        configuration c: TransportConfiguration
    ) {
        precondition(
            !potential.needsConditioning && !critic.needsConditioning,
            "transport: the lift strategy is not supported for potentials"
        )
        self.potential = potential
        self.critic = critic
        potentialOptimizer = Adam(learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2)
        criticOptimizer = potentialOptimizer
        conjugateIterations = c.conjugateIterations
    }

    /// Sets both optimisers' learning rate.
    public mutating func setLearningRate(_ rate: Double) {
        potentialOptimizer.learningRate = rate
        criticOptimizer.learningRate = rate
    }

    /// One critic update on the target batch `y` [B, d], against f's current effective weights.
    /// - Returns: the loss before the update, or nil (and no update) when the loss or a gradient is not finite.
    public mutating func criticStep(_ y: Tensor<Float>, potentialWeights: [Tensor<Float>]? = nil) -> Double? {
        let architecture = critic.architecture
        let fWeights = potentialWeights ?? potential.effective(potential.raw).map(\.detached)
        let value: Double, grads: [Tensor<Float>]
        do {  // the tape dies here: the update then writes the unshared parameters in place
            let tape = Tape<Float>()
            let raw = tape.watch(critic.raw)
            let yt = tape.watch(y.detached)
            let gy = architecture.forward(yt, weights: critic.effective(raw))
            let mapped = NeuralTransport.trackedInputGradient(of: gy, at: yt)
            let fy = architecture.forward(mapped, weights: fWeights)
            var loss = (fy.sum() - (mapped * y.detached).sum()) * (1 / Float(y.shape[0]))
            if let penalty = critic.penalty(raw) { loss = loss + penalty }
            grads = gradient(of: loss, wrt: raw)
            value = Double(loss.scalar)
        }
        guard value.isFinite, GradientClipping.globalNorm(grads).isFinite else { return nil }
        criticOptimizer.update(&critic.raw, along: grads)
        critic.project()
        return value
    }

    /// One update of f on the source batch `x` [B, d] and the target batch `y` [B', d], against g's current weights.
    /// - Returns: the loss before the update, or nil (and no update) when the loss or a gradient is not finite.
    public mutating func potentialStep(_ x: Tensor<Float>, _ y: Tensor<Float>) -> Double? {
        let architecture = potential.architecture
        let guess = NeuralTransport.inputGradient(of: critic.model(), at: y)
        // By the envelope theorem, f's gradient at the conjugate point needs no derivative of the point itself.
        let mapped = NeuralTransport.conjugatePoints(
            of: potential.model(),
            at: y,
            guess: guess,
            iterations: conjugateIterations
        )
        let value: Double, grads: [Tensor<Float>]
        do {  // the tape dies here: the update then writes the unshared parameters in place
            let tape = Tape<Float>()
            let raw = tape.watch(potential.raw)
            let weights = potential.effective(raw)
            var loss =
                architecture.forward(x.detached, weights: weights).mean()
                - architecture.forward(mapped, weights: weights).mean()
            if let penalty = potential.penalty(raw) { loss = loss + penalty }
            grads = gradient(of: loss, wrt: raw)
            value = Double(loss.scalar)
        }
        guard value.isFinite, GradientClipping.globalNorm(grads).isFinite else { return nil }
        potentialOptimizer.update(&potential.raw, along: grads)
        potential.project()
        return value
    }
}
