/// Gradients of a loss of the argmin ŷ(x; θ) = argmin_{l ≤ y ≤ u} f(x, y; θ) with respect to the model's weights
/// θ and the conditions x (Amos et al. 2017, §4: training through inference), two ways:
///
/// - **Implicit**: at a minimiser the free coordinates satisfy ∇_y f(x, ŷ; θ) = 0 (coordinates on a bound stay
///   there under small perturbations, so dŷ is zero on them). Differentiating, dŷ_F = −H_FF⁻¹ ∂_{θ,x} ∇_{y_F} f,
///   so for an upstream gradient v = ∂L/∂ŷ:  ∂L/∂(θ, x) = −∂_{θ,x} ⟨∇_y f(x, ŷ; θ), w⟩  with  H_FF w_F = v_F,
///   w = 0 on the bound coordinates. w comes from conjugate gradients with Hessian-vector products of the
///   engine's second-order autodiff (one batched product per CG step; each problem has its own CG coefficients,
///   the Hessian being block-diagonal over the batch); the last term is one more reverse pass. Needs a smooth f,
///   a minimiser accurate to well below the perturbation scale, and H_FF non-singular.
/// - **Unrolled**: K steps of projected gradient descent y ← P(y − η ∇_y f) with a fixed step η, recorded on the
///   tape (second-order), then one reverse pass from ⟨ŷ_K, v⟩. Exact for the K-step map, whatever its accuracy
///   as a minimiser.
///
/// Both work on a `Model` on its own (standardised) variables, with θ its effective weights.
public enum ArgminDifferentiation {
    /// ∂L/∂θ and ∂L/∂x.
    public struct Gradients: Sendable {
        /// One tensor per weight, in slot order, with the weight's shape.
        public var weights: [Tensor<Float>]
        /// [B, conditionCount]: the gradient with respect to each problem's condition values.
        public var conditions: Tensor<Float>
        /// Conjugate-gradient steps (implicit) or unrolled steps.
        public var steps: Int
    }

    /// Implicit differentiation at given minimisers.
    /// - Parameters:
    ///   - model: f(x, y; θ).
    ///   - conditions: B rows of the model's condition values.
    ///   - argmin: B minimisers ŷ (n values each), e.g. from `Minimizer`.
    ///   - lower, upper: the box (n values each, ±∞ for none); a coordinate within 1e-6 (relative to the box's
    ///     width, absolute when unbounded) of a bound counts as on it.
    ///   - upstream: B rows of ∂L/∂ŷ.
    ///   - tolerance: the CG residual tolerance, relative to ‖v‖ per problem. Default 1e-6.
    ///   - maxSteps: at most this many CG steps. Default 200.
    /// - Precondition: consistent counts; the model is convex in at least one input.
    public static func implicit<A: Architecture>(
        _ model: Model<A>,
        conditions: [[Float]],
        argmin: [[Double]],
        lower: [Double],
        upper: [Double],
        upstream: [[Double]],
        tolerance: Double = 1e-6,
        maxSteps: Int = 200
    ) -> Gradients {
        let objective = ConvexObjective(model)
        let n = objective.convexCount, b = argmin.count
        precondition(conditions.count == b && upstream.count == b, "one condition and upstream row per minimiser")
        let tape = Tape<Float>()
        let weights = tape.watch(model.weights)
        let x = tape.watch(Tensor(shape: [b, objective.conditionInputs.count], scalars: conditions.flatMap { $0 }))
        let y = tape.watch(Tensor(shape: [b, n], scalars: argmin.flatMap { $0.map(Float.init) }))
        let f = model.architecture.forward(assemble(objective, x: x, y: y), weights: weights).sum()
        let gy = gradient(of: f, wrt: [y], createGraph: true)[0]
        let gyValues = gy.scalars

        // Free coordinates: strictly inside, or on a bound with the gradient not pushing outwards.
        var free = [Bool](repeating: true, count: b * n)
        for r in 0..<b {
            for j in 0..<n {
                let v = argmin[r][j], g = Double(gyValues[r * n + j])
                let scale = lower[j].isFinite && upper[j].isFinite ? max(upper[j] - lower[j], 1e-12) : 1
                if (lower[j].isFinite && v - lower[j] <= 1e-6 * scale && g >= 0)
                    || (upper[j].isFinite && upper[j] - v <= 1e-6 * scale && g <= 0)
                {
                    free[r * n + j] = false
                }
            }
        }
        func masked(_ v: [Double]) -> [Double] { (0..<v.count).map { free[$0] ? v[$0] : 0 } }
        func hessianProduct(_ p: [Double]) -> [Double] {
            let direction = Tensor(shape: [b, n], scalars: p.map(Float.init))
            return masked(gradient(of: (gy * direction).sum(), wrt: [y])[0].scalars.map(Double.init))
        }
        // Per-problem conjugate gradients on H_FF w = v_F.
        let v = masked(upstream.flatMap { $0 })
        var w = [Double](repeating: 0, count: b * n), residual = v, direction = v
        func rowDot(_ a: [Double], _ c: [Double], _ r: Int) -> Double {
            (r * n..<(r + 1) * n).reduce(0) { $0 + a[$1] * c[$1] }
        }
        var rr = (0..<b).map { rowDot(residual, residual, $0) }
        let target = rr.map { $0 * tolerance * tolerance }
        var steps = 0
        while steps < maxSteps, (0..<b).contains(where: { rr[$0] > target[$0] && rr[$0] > 0 }) {
            steps += 1
            let hp = hessianProduct(direction)
            for r in 0..<b where rr[r] > target[r] && rr[r] > 0 {
                let curvature = rowDot(direction, hp, r)
                guard curvature > 0 else {
                    rr[r] = 0  // no positive curvature left along this direction: stop this problem
                    continue
                }
                let alpha = rr[r] / curvature
                for i in r * n..<(r + 1) * n {
                    w[i] += alpha * direction[i]
                    residual[i] -= alpha * hp[i]
                }
                let next = rowDot(residual, residual, r)
                for i in r * n..<(r + 1) * n { direction[i] = residual[i] + next / rr[r] * direction[i] }
                rr[r] = next
            }
        }
        let weightTensor = Tensor(shape: [b, n], scalars: w.map(Float.init))
        let grads = gradient(of: (gy * weightTensor).sum(), wrt: weights + [x])
        return Gradients(weights: grads.dropLast().map { -$0 }, conditions: -grads[grads.count - 1], steps: steps)
    }

    /// Unrolled differentiation through K projected gradient steps.
    /// - Parameters:
    ///   - model: f(x, y; θ).
    ///   - conditions: B rows of condition values.
    ///   - start: B starting points (n values each).
    ///   - lower, upper: the box (n values each, ±∞ for none).
    ///   - steps: K ≥ 1.
    ///   - stepSize: η > 0 (below 2/L for a descent method; fixed, so that the map is differentiable).
    ///   - upstream: B rows of ∂L/∂ŷ_K.
    /// - Returns: ŷ_K (B rows) and the gradients of ⟨ŷ_K, v⟩.
    /// - Precondition: consistent counts, K ≥ 1, η > 0.
    public static func unrolled<A: Architecture>(
        _ model: Model<A>,
        conditions: [[Float]],
        start: [[Double]],
        lower: [Double],
        upper: [Double],
        steps: Int,
        stepSize: Double,
        upstream: [[Double]]
    ) -> (argmin: [[Double]], gradients: Gradients) {
        precondition(steps >= 1 && stepSize > 0, "unrolling needs K ≥ 1 and η > 0")
        let objective = ConvexObjective(model)
        let n = objective.convexCount, b = start.count
        precondition(conditions.count == b && upstream.count == b, "one condition and upstream row per start")
        let tape = Tape<Float>()
        let weights = tape.watch(model.weights)
        let x = tape.watch(Tensor(shape: [b, objective.conditionInputs.count], scalars: conditions.flatMap { $0 }))
        let lo = Tensor(shape: [1, n], scalars: lower.map(Float.init))
        let up = Tensor(shape: [1, n], scalars: upper.map(Float.init))
        var y = tape.watch(Tensor(shape: [b, n], scalars: start.flatMap { $0.map(Float.init) }))
        for _ in 0..<steps {
            let f = model.architecture.forward(assemble(objective, x: x, y: y), weights: weights).sum()
            let g = gradient(of: f, wrt: [y], createGraph: true)[0]
            let moved = y - g * Float(stepSize)
            y = -Tensor.maximum(-Tensor.maximum(moved, lo), -up)
        }
        let v = Tensor(shape: [b, n], scalars: upstream.flatMap { $0.map(Float.init) })
        let grads = gradient(of: (y * v).sum(), wrt: weights + [x])
        let values = y.scalars
        return (
            (0..<b).map { r in (0..<n).map { Double(values[r * n + $0]) } },
            Gradients(weights: Array(grads.dropLast()), conditions: grads[grads.count - 1], steps: steps)
        )
    }

    /// Full rows [B, inputCount] from conditions x [B, m] and convex inputs y [B, n], differentiably (runs of
    /// consecutive columns from the same source become one slice).
    static func assemble(_ objective: ConvexObjective, x: Tensor<Float>, y: Tensor<Float>) -> Tensor<Float> {
        let convex = Set(objective.convexInputs)
        var parts: [Tensor<Float>] = []
        var c = 0, xi = 0, yi = 0
        while c < objective.inputCount {
            let isConvex = convex.contains(c)
            var length = 1
            while c + length < objective.inputCount && convex.contains(c + length) == isConvex { length += 1 }
            if isConvex {
                parts.append(y.sliced(axis: 1, start: yi, length: length))
                yi += length
            } else {
                parts.append(x.sliced(axis: 1, start: xi, length: length))
                xi += length
            }
            c += length
        }
        return parts.count == 1 ? parts[0] : Tensor.concatenate(parts, axis: 1)
    }
}
