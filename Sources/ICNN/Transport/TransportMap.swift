/// A learned transport map: the convex potential f whose gradient maps the source to the target, T̂ = ∇f, and the
/// critic g whose gradient is the inverse map, ∇g ≈ T̂⁻¹, both acting in normalised coordinates
/// x' = (x − center)/scale:
///
///     T̂(x) = center + scale·∇f((x − center)/scale),   T̂⁻¹(y) = center + scale·∇g((y − center)/scale)
public struct TransportMap<A: Architecture>: Sendable {
    /// f, convex in all inputs (its effective weights).
    public var potential: Model<A>
    /// g, the critic.
    public var critic: Model<A>
    /// The common center c of the normalisation (d values).
    public var center: [Float]
    /// The common scale s > 0 of the normalisation.
    public var scale: Float

    /// A map from its parts.
    /// - Precondition: both models take d = center.count inputs; scale > 0.
    public init(potential: Model<A>, critic: Model<A>, center: [Float], scale: Float) {
        precondition(
            potential.architecture.inputCount == center.count && critic.architecture.inputCount == center.count,
            "transport map: potentials of \(potential.architecture.inputCount) and \(critic.architecture.inputCount) "
                + "inputs for \(center.count) coordinates"
        )
        precondition(scale > 0 && scale.isFinite, "transport map: scale \(scale) must be positive")
        self.potential = potential
        self.critic = critic
        self.center = center
        self.scale = scale
    }

    /// The dimension d.
    public var dimension: Int { center.count }

    /// T̂(x) for each row of `x` [n, d] (untracked, in chunks of 4096 rows).
    public func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> { push(x, through: potential) }

    /// T̂⁻¹(y) = ∇g for each row of `y` [n, d].
    public func inverse(_ y: Tensor<Float>) -> Tensor<Float> { push(y, through: critic) }

    /// center + scale·∇h((x − center)/scale).
    private func push(_ x: Tensor<Float>, through model: Model<A>) -> Tensor<Float> {
        precondition(x.rank == 2 && x.shape[1] == dimension, "transport map of dimension \(dimension) on \(x.shape)")
        let c = Tensor(center)
        let normalized = (x - c) * (1 / scale)
        var pieces: [Tensor<Float>] = []
        var start = 0
        while start < x.shape[0] {
            let length = min(4096, x.shape[0] - start)
            pieces.append(
                NeuralTransport.inputGradient(of: model, at: normalized.sliced(axis: 0, start: start, length: length))
            )
            start += length
        }
        let g = pieces.count == 1 ? pieces[0] : Tensor.concatenate(pieces, axis: 0)
        return g * scale + c
    }
}

extension TransportMap {
    /// The dual W₂² estimate of this map's potential on the clouds `source` [n, d] and `target` [m, d], in their
    /// units: E‖x‖² + E‖y‖² − 2(E f(x) + E f*(y)) after the map's normalisation, with each f*(y) bounded below
    /// by its value at ∇g(y) or, better, at the point `conjugateIterations` L-BFGS iterations reach from there
    /// (`TransportSelection.dual`). For held-out clouds its expectation is at most W₂²(P, Q) once the search has
    /// converged, with equality for the optimal potential only: the higher, the better the potential.
    /// - Precondition: both clouds are `[·, d]` with at least one row.
    public func squaredWassersteinEstimate(
        source: Tensor<Float>,
        target: Tensor<Float>,
        conjugateIterations: Int = 50
    ) -> Double {
        precondition(
            source.rank == 2 && target.rank == 2 && source.shape[1] == dimension && target.shape[1] == dimension
                && source.shape[0] > 0 && target.shape[0] > 0,
            "transport map of dimension \(dimension) on clouds \(source.shape) and \(target.shape)"
        )
        let c = Tensor(center)
        let x = (source - c) * (1 / scale), y = (target - c) * (1 / scale)
        let estimate = NeuralTransport.dualEstimate(potential, critic, x, y, conjugateIterations: conjugateIterations)
        return Double(scale) * Double(scale) * estimate
    }
}
