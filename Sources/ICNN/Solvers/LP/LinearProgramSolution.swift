/// The outcome of solving a `LinearProgram`. Every outcome is a value, never an error.
public enum LinearProgramStatus: String, Sendable, Hashable, CustomStringConvertible {
    /// An optimal vertex was found: primal and dual feasible within the tolerances.
    case optimal
    /// No point satisfies the rows and bounds (phase 1 ended with a positive infeasibility).
    case infeasible
    /// The objective decreases without bound along a feasible ray.
    case unbounded
    /// The iteration limit was reached first; the point returned is the last basis' (feasible only in phase 2).
    case iterationLimit

    public var description: String { rawValue }
}

/// A solution of a `LinearProgram` with the numbers that certify it.
///
/// Sign conventions (minimisation): `rowDuals[i]` = ∂(optimal value)/∂bᵢ, so it is ≤ 0 for a ≤ row, ≥ 0 for a ≥
/// row and free for an equality; `reducedCosts` = c − Aᵀ·rowDuals, ≥ 0 at a variable on its lower bound, ≤ 0 on its
/// upper bound, 0 for a variable strictly between its bounds. The dual value is
/// bᵀy + Σⱼ (max(dⱼ, 0)·lⱼ + min(dⱼ, 0)·uⱼ), and at an optimum it equals the primal value (strong duality).
public struct LinearProgramSolution: Sendable, Hashable {
    /// How the solve ended.
    public var status: LinearProgramStatus
    /// The variables x (length n): optimal when `status == .optimal`.
    public var x: [Double]
    /// The objective cᵀx.
    public var objective: Double
    /// The row multipliers y (length m), see the type's sign conventions.
    public var rowDuals: [Double]
    /// The reduced costs d = c − Aᵀy (length n).
    public var reducedCosts: [Double]
    /// Simplex iterations (pivots and bound flips) over both phases.
    public var iterations: Int
    /// The largest violation of a row or bound at x.
    public var primalResidual: Double
    /// The largest violation of the dual sign conditions by y and d (0 at a dual-feasible point).
    public var dualResidual: Double
    /// |primal value − dual value|; with zero residuals, 0 certifies optimality.
    public var dualityGap: Double

    /// A solution; the solver fills every field.
    public init(
        status: LinearProgramStatus,
        x: [Double],
        objective: Double,
        rowDuals: [Double],
        reducedCosts: [Double],
        iterations: Int,
        primalResidual: Double,
        dualResidual: Double,
        dualityGap: Double
    ) {
        self.status = status
        self.x = x
        self.objective = objective
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.iterations = iterations
        self.primalResidual = primalResidual
        self.dualResidual = dualResidual
        self.dualityGap = dualityGap
    }
}
