import Foundation

/// Neural optimal transport with two convex potentials (Makkuva et al. 2020, papers.md §2): f, whose gradient maps
/// the source P to the target Q, and the critic g, whose gradient approximates the inverse map, trained on the
/// minimax semi-dual
///
///     max_f min_g V(f, g),   V(f, g) = −E_P[f(X)] − E_Q[⟨Y, ∇g(Y)⟩ − f(∇g(Y))]
///
/// Each outer iteration makes S critic steps on mean_y f(∇g(y)) − ⟨y, ∇g(y)⟩ (the gradient flows through ∇g:
/// second-order differentiation) and one step of f on mean_x f(x) − mean_y f(∇g(y)), with separate Adam optimisers
/// (β = (0.5, 0.9)) and a cosine-decayed learning rate. Every `validationEvery` iterations the held-out source is
/// pushed through ∇f and compared with the held-out target by the debiased Sinkhorn divergence and the energy
/// distance (also once before the first iteration, so the initialisation is a candidate); the weights that
/// `TransportConfiguration.selection` prefers are returned.
public enum NeuralTransport {
    /// A validation report, passed to the progress callback.
    public struct Report: Sendable {
        /// The outer iterations completed (0: the initialisation) and the number planned.
        public var iteration: Int, iterations: Int
        /// The figures of this validation.
        public var validation: TransportHistory.Validation
        /// Seconds since fitting started.
        public var seconds: Double
    }

    /// Fits a transport map from the rows of `source` [n, d] to the rows of `target` [m, d].
    /// - Parameters:
    ///   - architecture: the architecture of both potentials (convex in all d inputs).
    ///   - progress: called after each validation.
    /// - Returns: the map with the selected weights, and the history.
    /// - Precondition: both clouds are `[·, d]` with d = `architecture.inputCount`, finite, with enough rows
    ///   (at least 2 for training and 2 held out per side); neither strategy is the lift; positive counts.
    public static func fit<A: Architecture>(
        _ architecture: A,
        source: Tensor<Float>,
        target: Tensor<Float>,
        configuration c: TransportConfiguration = TransportConfiguration(),
        progress: ((Report) -> Void)? = nil
    ) -> (map: TransportMap<A>, history: TransportHistory) {
        let d = architecture.inputCount
        precondition(
            source.rank == 2 && target.rank == 2 && source.shape[1] == d && target.shape[1] == d,
            "transport: clouds of shapes \(source.shape) and \(target.shape) for potentials of \(d) inputs"
        )
        precondition(architecture.convexInputs.count == d, "transport: the potentials must be convex in every input")
        precondition(c.temperatureSchedule.violation == nil, "transport: \(c.temperatureSchedule.violation ?? "")")
        precondition(c.conjugateIterations >= 0, "transport: conjugate iterations must be ≥ 0")
        for s in [c.potentialStrategy, c.criticStrategy] {
            if case .lift = s { preconditionFailure("transport: the lift strategy is not supported for potentials") }
        }
        precondition(
            c.iterations >= 1 && c.innerSteps >= 1 && c.batchSize >= 1 && c.validationEvery >= 1,
            "transport: iterations, inner steps, batch size and validation period must be positive"
        )
        let clock = ContinuousClock()
        let start = clock.now
        var rng = SeededGenerator(seed: c.seed)

        // Normalisation, split.
        let (center, scale) = c.normalize ? commonNormalization(source, target) : ([Float](repeating: 0, count: d), 1)
        let shift = Tensor(center)
        let xs = (source - shift) * (1 / scale), ys = (target - shift) * (1 / scale)
        let (trainX, validationX) = split(xs, fraction: c.validationFraction, using: &rng)
        let (trainY, validationY) = split(ys, fraction: c.validationFraction, using: &rng)
        let heldX = validationX.sliced(axis: 0, start: 0, length: min(c.validationPoints, validationX.shape[0]))
        let heldY = validationY.sliced(axis: 0, start: 0, length: min(c.validationPoints, validationY.shape[0]))

        var f = ConstrainedParameters(Model(architecture, using: &rng), strategy: c.potentialStrategy)
        var g = ConstrainedParameters(Model(architecture, using: &rng), strategy: c.criticStrategy)
        var history = TransportHistory()
        if c.initialization != .random {
            let forward: (Tensor<Float>) -> Tensor<Float>, backward: (Tensor<Float>) -> Tensor<Float>
            let pooled = Tensor.concatenate([trainX, trainY], axis: 0)
            if c.initialization == .gaussian {
                let px = trainX.converted(to: Double.self), py = trainY.converted(to: Double.self)
                let there = GaussianTransportMap(fittingSource: px, target: py)
                let back = GaussianTransportMap(fittingSource: py, target: px)
                forward = { there($0.converted(to: Double.self)).converted(to: Float.self) }
                backward = { back($0.converted(to: Double.self)).converted(to: Float.self) }
            } else {
                forward = { $0 }
                backward = { $0 }
            }
            history.initialPotentialLoss = regress(&f, onto: forward, pooled, c, using: &rng)
            history.initialCriticLoss = regress(&g, onto: backward, pooled, c, using: &rng)
        }

        var minimax = TransportMinimax(potential: f, critic: g, configuration: c)
        let schedule = LearningRateSchedule.cosine(
            decaySteps: c.iterations,
            floor: c.learningRate * c.finalLearningRateFraction
        )
        var best: (validation: TransportHistory.Validation, f: ConstrainedParameters<A>, g: ConstrainedParameters<A>)?
        /// Sets the gate temperature of both potentials (architectures without a smooth gate are left alone).
        func setTemperature(_ tau: Float) {
            for keyPath in [\TransportMinimax<A>.potential, \TransportMinimax<A>.critic] {
                let current = minimax[keyPath: keyPath]
                if let gated = current.architecture as? any TemperatureGated,
                    let changed = gated.withGateTemperature(tau) as? A
                {
                    minimax[keyPath: keyPath] = current.withArchitecture(changed)
                }
            }
        }

        var sinkhorn = Sinkhorn.Tracker(c.validationSinkhorn, target: heldY.converted(to: Double.self))
        func validate(_ iteration: Int) {
            let fModel = minimax.potential.model(), gModel = minimax.critic.model()
            let pushed = inputGradient(of: fModel, at: heldX).converted(to: Double.self)
            // Weights that overflow push points to ±∞ or NaN: no criterion can score them (Sinkhorn would trap).
            let finite = pushed.scalars.allSatisfy(\.isFinite)
            let w2 =
                Double(scale * scale)
                * dualEstimate(fModel, gModel, heldX, heldY, conjugateIterations: c.validationConjugateIterations)
            let v = TransportHistory.Validation(
                iteration: iteration,
                sinkhornDivergence: finite ? sinkhorn.divergence(pushed) : .nan,
                energyDistance: finite ? EnergyDistance()(pushed, sinkhorn.target) : .nan,
                squaredWassersteinEstimate: w2
            )
            history.validations.append(v)
            func better(_ value: Double, than kept: Double?) -> Bool {
                value.isFinite && kept.map { value < $0 } ?? true
            }
            let keep =
                switch c.selection {
                case .sinkhorn: better(v.sinkhornDivergence, than: best?.validation.sinkhornDivergence)
                case .energy: better(v.energyDistance, than: best?.validation.energyDistance)
                case .dual:
                    better(-v.squaredWassersteinEstimate, than: best.map { -$0.validation.squaredWassersteinEstimate })
                case .last: v.energyDistance.isFinite  // the latest finite weights
                }
            if keep { best = (v, minimax.potential, minimax.critic) }
            progress?(
                Report(iteration: iteration, iterations: c.iterations, validation: v, seconds: seconds(start, clock))
            )
        }

        validate(0)  // the initialisation itself is a candidate (identity start on an identity map, for one)
        training: for iteration in 0..<c.iterations {
            minimax.setLearningRate(schedule.learningRate(at: iteration, base: c.learningRate))
            if let tau = c.temperatureSchedule.temperature(at: iteration, of: c.iterations) { setTemperature(tau) }
            let fWeights = minimax.potential.effective(minimax.potential.raw).map(\.detached)
            var criticValue = 0.0
            for _ in 0..<c.innerSteps {
                guard
                    let value = minimax.criticStep(batch(trainY, c.batchSize, using: &rng), potentialWeights: fWeights)
                else {
                    history.outcome = .nonFinite(iteration: iteration)
                    break training
                }
                criticValue = value
            }
            let x = batch(trainX, c.batchSize, using: &rng), y = batch(trainY, c.batchSize, using: &rng)
            guard let potentialValue = minimax.potentialStep(x, y) else {
                history.outcome = .nonFinite(iteration: iteration)
                break training
            }
            history.potentialLoss.append(potentialValue)
            history.criticLoss.append(criticValue)
            if (iteration + 1) % c.validationEvery == 0 || iteration + 1 == c.iterations { validate(iteration + 1) }
        }
        if let best {
            minimax.potential = best.f  // with the gate temperature it was validated at
            minimax.critic = best.g
            history.selected = best.validation
        }
        history.seconds = seconds(start, clock)
        let map = TransportMap(
            potential: minimax.potential.model(),
            critic: minimax.critic.model(),
            center: center,
            scale: scale
        )
        return (map, history)
    }

    /// ∇h(x) for each row of `x` [n, d], untracked.
    static func inputGradient<B: Architecture>(of model: Model<B>, at x: Tensor<Float>) -> Tensor<Float> {
        let tape = Tape<Float>()
        let xt = tape.watch(x.detached)
        let y = model.architecture.forward(xt, weights: model.weights.map(\.detached))
        return gradient(of: y.sum(), wrt: [xt])[0]
    }

    /// ∇ₓh for a tracked h [n, 1] of a tracked x, with the backward pass recorded so that a loss of ∇h can be
    /// differentiated again (with respect to h's weights).
    static func trackedInputGradient(of h: Tensor<Float>, at x: Tensor<Float>) -> Tensor<Float> {
        gradient(of: h.sum(), wrt: [x], createGraph: true)[0]
    }

    /// The dual W₂² estimate E‖x‖² + E‖y‖² − 2(E f(x) + E f*(y)) in the units of x [n, d] and y [m, d]. With
    /// `conjugateIterations` = 0, f*(y) is bounded below by its value at ∇g(y) (Makkuva et al.). Otherwise f is
    /// first restricted to the bounding box B of x widened by 5 % per coordinate (f + ι_B is convex and equal to
    /// f on every x), and its conjugate max_{x ∈ B} ⟨x, y⟩ − f(x) is searched by L-BFGS-B from ∇g(y) clipped into
    /// B, keeping the better of the start and the searched point; the estimate then tends, as the search
    /// converges, to the semi-dual bound of f + ι_B, which is at most W₂² and, when the optimal map's preimages
    /// stay in B, equal to it for the optimal potential only. Without the box the conjugate is +∞ wherever y is
    /// outside the range of ∇f (bounded for max-gate and ReLU potentials), and the estimate would be −∞.
    static func dualEstimate<B: Architecture>(
        _ f: Model<B>,
        _ g: Model<B>,
        _ x: Tensor<Float>,
        _ y: Tensor<Float>,
        conjugateIterations: Int = 0
    ) -> Double {
        var guess = inputGradient(of: g, at: y)
        var conjugate: [Double]
        if conjugateIterations > 0 {
            let box = boundingBox(x, widenedBy: 0.05)
            guess = clipped(guess, to: box)
            conjugate = conjugateObjective(f, at: guess, y)
            let solved = solvedConjugate(of: f, at: y, from: guess, iterations: conjugateIterations, box: box)
            let searched = conjugateObjective(f, at: solved.points, y)
            // NaN-safe: a searched value replaces the start's only when it is a larger (tighter) bound.
            conjugate = zip(conjugate, searched).map { $1 > $0 || $0.isNaN ? $1 : $0 }
        } else {
            conjugate = conjugateObjective(f, at: guess, y)
        }
        let (n, m) = (Double(x.shape[0]), Double(y.shape[0]))
        let xx = x.converted(to: Double.self).squared().sum().scalar / n
        let yy = y.converted(to: Double.self).squared().sum().scalar / m
        let fx = f(x).converted(to: Double.self).sum().scalar / n
        return xx + yy - 2 * (fx + conjugate.reduce(0, +) / m)  // sums over held-out points in Double
    }

    /// The per-coordinate range of the rows of `x` [n, d], each side moved out by `fraction` of the range (and
    /// by at least 1e-3, so that a constant coordinate still has room).
    static func boundingBox(_ x: Tensor<Float>, widenedBy fraction: Double) -> (lower: [Double], upper: [Double]) {
        let (n, d) = (x.shape[0], x.shape[1])
        let s = x.scalars
        var lower = [Double](repeating: .infinity, count: d), upper = [Double](repeating: -.infinity, count: d)
        for r in 0..<n {
            for k in 0..<d {
                lower[k] = min(lower[k], Double(s[r * d + k]))
                upper[k] = max(upper[k], Double(s[r * d + k]))
            }
        }
        for k in 0..<d {
            let margin = max(fraction * (upper[k] - lower[k]), 1e-3)
            lower[k] -= margin
            upper[k] += margin
        }
        return (lower, upper)
    }

    /// The rows of `x` [n, d] clipped into the box.
    static func clipped(_ x: Tensor<Float>, to box: (lower: [Double], upper: [Double])) -> Tensor<Float> {
        let d = x.shape[1]
        var s = x.scalars
        for i in s.indices {
            s[i] = min(max(s[i], Float(box.lower[i % d])), Float(box.upper[i % d]))
        }
        return Tensor(shape: x.shape, scalars: s)
    }

    /// ⟨x, y⟩ − f(x) per row of `x` and `y` [B, d] (a lower bound of f*(y)).
    static func conjugateObjective<B: Architecture>(_ f: Model<B>, at x: Tensor<Float>, _ y: Tensor<Float>) -> [Double]
    {
        ((x * y).sum(alongAxes: [1], keepingDimensions: true) - f(x)).converted(to: Double.self).scalars
    }

    /// The points at most `iterations` L-BFGS(-B) iterations on f(x) − ⟨x, y⟩ reach from `guess` [B, d], per row
    /// of `y` [B, d] (`ConvexConjugate`, within `box` if given), and per row whether the search stayed bounded
    /// (false: y is outside the range of ∇f and the point is the far one where the search gave up).
    static func solvedConjugate<B: Architecture>(
        of f: Model<B>,
        at y: Tensor<Float>,
        from guess: Tensor<Float>,
        iterations: Int,
        box: (lower: [Double], upper: [Double])? = nil
    ) -> (points: Tensor<Float>, bounded: [Bool]) {
        let (n, d) = (y.shape[0], y.shape[1])
        func rows(_ t: Tensor<Float>) -> [[Double]] {
            let s = t.scalars
            return (0..<n).map { r in (0..<d).map { Double(s[r * d + $0]) } }
        }
        let result = ConvexConjugate(ConvexObjective(f), maxIterations: iterations)(
            rows(y),
            start: rows(guess),
            lower: box?.lower,
            upper: box?.upper
        )
        let points = Tensor(shape: [n, d], scalars: result.maximizers.flatMap { $0.map { Float($0) } })
        return (points, result.values.map(\.isFinite))
    }

    /// argmax_x ⟨x, y⟩ − f(x) for each row of `y` [B, d], by at most `iterations` L-BFGS iterations on
    /// f(x) − ⟨x, y⟩ from `guess` [B, d] (the amortised conjugate); `guess` itself when `iterations` is 0. A row
    /// keeps its guess unless the refined point is a better stationary point, ‖∇f(x̂) − y‖ < ‖∇f(guess) − y‖: where
    /// y lies outside the range of ∇f the maximum does not exist and the search drifts away instead.
    public static func conjugatePoints<B: Architecture>(
        of f: Model<B>,
        at y: Tensor<Float>,
        guess: Tensor<Float>,
        iterations: Int
    ) -> Tensor<Float> {
        guard iterations > 0 else { return guess }
        let (n, d) = (y.shape[0], y.shape[1])
        let (refined, bounded) = solvedConjugate(of: f, at: y, from: guess, iterations: iterations)
        let target = y.scalars
        func residuals(_ x: Tensor<Float>) -> [Double] {
            let g = inputGradient(of: f, at: x).scalars
            return (0..<n).map { r in
                (0..<d).reduce(0.0) { sum, k in
                    let e = Double(g[r * d + k]) - Double(target[r * d + k])
                    return sum + e * e
                }
            }
        }
        let before = residuals(guess), after = residuals(refined)
        var out = guess.scalars
        let kept = refined.scalars
        for r in 0..<n where bounded[r] && after[r] < before[r] {
            for k in 0..<d { out[r * d + k] = kept[r * d + k] }
        }
        return Tensor(shape: [n, d], scalars: out)
    }

    /// Regresses ∇h onto `map` on mini-batches of `points` for `c.initializationSteps` Adam steps; returns the
    /// last batch's mean ‖∇h(x) − map(x)‖².
    static func regress<B: Architecture>(
        _ h: inout ConstrainedParameters<B>,
        onto map: (Tensor<Float>) -> Tensor<Float>,
        _ points: Tensor<Float>,
        _ c: TransportConfiguration,
        using rng: inout SeededGenerator
    ) -> Double {
        var optimizer = Adam<Float>(learningRate: c.initializationLearningRate)
        var value = Double.nan
        for _ in 0..<c.initializationSteps {
            let x = batch(points, c.batchSize, using: &rng)
            let wanted = map(x)
            let grads: [Tensor<Float>]
            do {  // the tape dies here: the update then writes the unshared parameters in place
                let tape = Tape<Float>()
                let raw = tape.watch(h.raw)
                let xt = tape.watch(x)
                let grad = trackedInputGradient(of: h.architecture.forward(xt, weights: h.effective(raw)), at: xt)
                var loss = (grad - wanted).squared().sum() * (1 / Float(x.shape[0]))
                if let penalty = h.penalty(raw) { loss = loss + penalty }
                grads = gradient(of: loss, wrt: raw)
                value = Double(loss.scalar)
            }
            guard value.isFinite, GradientClipping.globalNorm(grads).isFinite else { break }
            optimizer.update(&h.raw, along: grads)
            h.project()
        }
        return value
    }

    /// A common center (the pooled mean) and scale (√ of the pooled mean variance per coordinate, 1 if zero).
    static func commonNormalization(_ x: Tensor<Float>, _ y: Tensor<Float>) -> ([Float], Float) {
        let pooled = Tensor.concatenate([x, y], axis: 0).converted(to: Double.self)
        let mean = PointCloud.mean(pooled)
        let variance = MapMetrics.totalVariance(pooled) / Double(pooled.shape[1])
        return (mean.map { Float($0) }, variance > 1e-24 ? Float(variance.squareRoot()) : 1)
    }

    /// A seeded split into (training, held-out) rows, holding out max(2, round(fraction·n)) rows.
    static func split(
        _ x: Tensor<Float>,
        fraction: Double,
        using rng: inout SeededGenerator
    ) -> (Tensor<Float>, Tensor<Float>) {
        let n = x.shape[0]
        let held = max(2, Int((Double(n) * fraction).rounded()))
        precondition(n - held >= 2, "transport: \(n) rows are too few to hold out \(held) for validation")
        let order = rng.permutation(n)
        return (x.rows(Array(order[held...])), x.rows(Array(order[..<held])))
    }

    /// `size` rows drawn uniformly with replacement.
    static func batch(_ x: Tensor<Float>, _ size: Int, using rng: inout SeededGenerator) -> Tensor<Float> {
        x.rows((0..<size).map { _ in rng.nextInt(below: x.shape[0]) })
    }

    static func seconds(_ start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
