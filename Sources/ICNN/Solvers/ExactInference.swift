/// Exact inference for piecewise-linear input-convex networks: the global minimum over the convex inputs, as the
/// optimum of one linear program (Amos, Xu and Kolter 2017, §1 of papers.md).
///
/// For a network z_k = σ(W^z_k z_{k−1} + W^y_k y + b_k), f = w^z·z_L + w^y·y + b, where σ is a maximum of affine
/// lanes (ReLU: max(a, 0); leaky ReLU: max(a, s·a); identity; hard-max HyCNN/GroupMax: max(lane₁, lane₂)), the
/// epigraph program
///
///     minimise  w^z·t_L + w^y·y   over y in the box and t,
///     subject to  t_k ≥ every lane of (W^z_k t_{k−1} + W^y_k y + b_k)   (and t_k ≥ 0 for ReLU)
///
/// has the same optimum as min_y f(y). Why: for any y, t = z(y) is feasible, so the LP optimum ≤ min f. Conversely,
/// for any feasible (y, t), induction over the layers gives t_k ≥ z_k(y): t_k is at least every lane evaluated at
/// t_{k−1}, every lane is non-decreasing in t_{k−1} because W^z ≥ 0, and t_{k−1} ≥ z_{k−1}(y); so the objective,
/// non-decreasing in t_L because w^z ≥ 0, is ≥ f(y) ≥ min f. Hence both optima agree and the y of an optimal
/// vertex is a global minimiser. This is why the non-negativity of W^z (checked here on the effective weights)
/// is required, and why only piecewise-linear, convex, non-decreasing activations qualify.
///
/// For a PICNN the non-convex inputs x are fixed first: evaluating the x-path turns the gates into constants, so
/// the y-path is such a network with W^z diag([W^{zu}u + b^z]₊) ≥ 0 and input weights W^y diag(W^{yu}u + b^y).
///
/// The LP is solved by `SimplexSolver` (Double). Its size: columns = d + Σ widths, rows = Σ lanes·widths
/// (one lane for ReLU/identity, two for leaky ReLU and HyCNN blocks).
public enum ExactInference {
    /// Whether the model's forward pass is piecewise linear in its convex inputs: a FICNN with ReLU, leaky ReLU
    /// (slope in [0, 1]) or identity activation, no quadratic first layer and strong convexity 0; a PICNN with
    /// one of those activations; a HyCNN or GroupMax with the hard-max gate. MLPs and smooth models are not.
    public static func supports(_ architecture: AnyArchitecture) -> Bool {
        unsupportedReason(architecture) == nil
    }

    /// The global minimum of f over the model's convex inputs, the other inputs fixed at `point`'s values.
    ///
    /// - Parameters:
    ///   - model: a model whose architecture `supports` accepts, with W^z ≥ 0 (its certificate holds).
    ///   - point: a full input row (length `inputCount`); entries at convex indices are ignored, the others
    ///     (a PICNN's x) must be finite.
    ///   - lower: one bound per convex input (in `convexInputs` order); nil means unbounded below.
    ///   - upper: one bound per convex input; nil means unbounded above.
    ///   - start: an optional guess of the minimiser (per convex input, clamped into the box), e.g. from a
    ///     gradient method; the simplex method then starts from the forward pass's basis there instead of from
    ///     the box corner. The result is the same; only the iteration count changes (on random ReLU FICNNs a
    ///     guess at the box centre took about 4× more pivots than the cold start, so give only good guesses).
    ///   - options: the simplex options (tolerances, iteration limit).
    /// - Returns: the minimiser, the LP optimum (+ output bias) and f at the minimiser in Double, iterations, LP
    ///   size and certificate. `.unbounded` when f is not bounded below on the box, `.iterationLimit` when the
    ///   simplex stops early: both are statuses, not errors.
    /// - Throws: `ExactInferenceError` for an unsupported or non-convex model, wrong lengths, non-finite values,
    ///   or a lower bound above its upper bound.
    public static func minimize(
        _ model: Model<AnyArchitecture>,
        at point: [Double],
        lower: [Double?],
        upper: [Double?],
        start: [Double]? = nil,
        options: SimplexSolver.Options = SimplexSolver.Options()
    ) throws -> ExactMinimum {
        let (lo, hi) = try validate(model, lower: lower, upper: upper)
        try validate(model, point: point)
        if let start, start.count != lo.count || !start.allSatisfy(\.isFinite) {
            throw ExactInferenceError(
                .invalidArgument,
                "a start of \(start.count) values for \(lo.count) convex inputs, or not finite"
            )
        }
        return solve(network(model, point: point), lower: lo, upper: hi, start: start, options: options)
    }

    /// `minimize(_:at:lower:upper:options:)` for many rows of conditions at once (one result per row). Models
    /// without non-convex inputs (FICNN, HyCNN) have one minimum for every row and are solved once.
    /// - Throws: as the single-row version; a row error names its 1-based row.
    public static func minimize(
        _ model: Model<AnyArchitecture>,
        rows: [[Double]],
        lower: [Double?],
        upper: [Double?],
        options: SimplexSolver.Options = SimplexSolver.Options()
    ) throws -> [ExactMinimum] {
        let (lo, hi) = try validate(model, lower: lower, upper: upper)
        for (r, point) in rows.enumerated() {
            do { try validate(model, point: point) } catch let error as ExactInferenceError {
                throw ExactInferenceError(error.code, "row \(r + 1): \(error.reason)")
            }
        }
        guard case .picnn = model.architecture else {
            guard let first = rows.first else { return [] }
            let shared = solve(network(model, point: first), lower: lo, upper: hi, start: nil, options: options)
            return Array(repeating: shared, count: rows.count)
        }
        return rows.map { solve(network(model, point: $0), lower: lo, upper: hi, start: nil, options: options) }
    }

    /// Checks the model and the bounds; returns the bounds with nil replaced by ∓∞.
    private static func validate(
        _ model: Model<AnyArchitecture>,
        lower: [Double?],
        upper: [Double?]
    ) throws -> (lower: [Double], upper: [Double]) {
        let architecture = model.architecture
        if let reason = unsupportedReason(architecture) {
            throw ExactInferenceError(
                .unsupportedModel,
                "\(architecture.kind): \(reason); use a gradient method (L-BFGS-B) for this model"
            )
        }
        for (slot, weight) in zip(architecture.slots, model.weights) where slot.isNonNegative {
            if let k = weight.scalars.firstIndex(where: { !($0 >= 0) }) {
                throw ExactInferenceError(
                    .notConvex,
                    "weight \(slot.name) has entry \(k) = \(weight.scalars[k]) but must be ≥ 0 for the model to be convex"
                )
            }
        }
        let convex = architecture.convexInputs
        guard lower.count == convex.count, upper.count == convex.count else {
            throw ExactInferenceError(
                .invalidArgument,
                "\(lower.count) lower and \(upper.count) upper bounds for \(convex.count) convex inputs"
            )
        }
        var lo: [Double] = [], hi: [Double] = []
        for (k, column) in convex.enumerated() {
            let l = lower[k] ?? -.infinity, u = upper[k] ?? .infinity
            let name = "convex input \(k) (column \(column))"
            if let b = lower[k], !b.isFinite {
                throw ExactInferenceError(
                    .invalidArgument,
                    "\(name): lower bound \(b) is not finite; pass nil for none"
                )
            }
            if let b = upper[k], !b.isFinite {
                throw ExactInferenceError(
                    .invalidArgument,
                    "\(name): upper bound \(b) is not finite; pass nil for none"
                )
            }
            if l > u {
                throw ExactInferenceError(.invalidArgument, "\(name): lower bound \(l) is above upper bound \(u)")
            }
            lo.append(l)
            hi.append(u)
        }
        return (lo, hi)
    }

    /// Checks one row of conditions.
    private static func validate(_ model: Model<AnyArchitecture>, point: [Double]) throws {
        let architecture = model.architecture
        guard point.count == architecture.inputCount else {
            throw ExactInferenceError(
                .invalidArgument,
                "a point of \(point.count) values for a model of \(architecture.inputCount) inputs"
            )
        }
        let convex = Set(architecture.convexInputs)
        for (column, value) in point.enumerated() where !convex.contains(column) && !value.isFinite {
            throw ExactInferenceError(.invalidArgument, "input column \(column) is \(value); conditions must be finite")
        }
    }

    /// The piecewise-linear network of a supported model at `point`.
    static func network(_ model: Model<AnyArchitecture>, point: [Double]) -> PiecewiseLinearNetwork {
        switch model.architecture {
        case .ficnn(let a): network(a, weights: model.weights)
        case .hycnn(let a): network(a, weights: model.weights)
        case .picnn(let a): network(a, weights: model.weights, point: point)
        case .mlp, .convolutionalFICNN, .convolutionalPICNN:
            preconditionFailure("\(model.architecture.kind) is not supported (unsupportedReason says why)")
        }
    }

    /// Builds and solves the epigraph LP of `network` on the box.
    static func solve(
        _ network: PiecewiseLinearNetwork,
        lower: [Double],
        upper: [Double],
        start: [Double]?,
        options: SimplexSolver.Options
    ) -> ExactMinimum {
        let lp = network.linearProgram(lower: lower, upper: upper)
        // A guess starts from the forward pass's basis there (feasible: no phase 1); otherwise the slack basis.
        let warm = start.map { guess in
            network.warmStart(at: zip(guess, zip(lower, upper)).map { g, b in min(max(g, b.0), b.1) })
        }
        let solution = SimplexSolver(options: options).solve(lp, start: warm)
        let argmin = Array(solution.x[0..<network.inputs])
        return ExactMinimum(
            status: solution.status,
            argmin: argmin,
            value: solution.objective + network.output.b[0],
            modelValue: network.evaluate(argmin),
            iterations: solution.iterations,
            rows: lp.constraintCount,
            columns: lp.variableCount,
            dualityGap: solution.dualityGap,
            primalResidual: solution.primalResidual,
            dualResidual: solution.dualResidual
        )
    }
}
