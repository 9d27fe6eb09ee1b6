/// The result of `ExactInference.minimize`: the global minimiser of a piecewise-linear model over its convex
/// inputs, with the linear program's certificate.
public struct ExactMinimum: Sendable, Hashable {
    /// How the linear program ended: `.optimal` (the fields below are the exact minimum), `.unbounded` (f is not
    /// bounded below on the box; argmin is the vertex where the descending ray starts), `.infeasible` (cannot
    /// happen for valid bounds) or `.iterationLimit`.
    public var status: LinearProgramStatus
    /// The minimiser, one value per convex input (in `architecture.convexInputs` order).
    public var argmin: [Double]
    /// The linear program's optimal value plus the output bias: min f over the box.
    public var value: Double
    /// f(argmin) evaluated in Double from the same (Float → Double) weights; equals `value` up to rounding at an
    /// optimum, since the epigraph variables are tight there.
    public var modelValue: Double
    /// Simplex iterations.
    public var iterations: Int
    /// Rows of the linear program (one per hidden unit and lane).
    public var rows: Int
    /// Columns (variables) of the linear program: convex inputs plus one per hidden unit.
    public var columns: Int
    /// The LP duality gap |primal − dual| at the returned vertex.
    public var dualityGap: Double
    /// The LP's largest row or bound violation.
    public var primalResidual: Double
    /// The LP's largest dual sign violation.
    public var dualResidual: Double

    /// A result; `ExactInference` fills every field.
    public init(
        status: LinearProgramStatus,
        argmin: [Double],
        value: Double,
        modelValue: Double,
        iterations: Int,
        rows: Int,
        columns: Int,
        dualityGap: Double,
        primalResidual: Double,
        dualResidual: Double
    ) {
        self.status = status
        self.argmin = argmin
        self.value = value
        self.modelValue = modelValue
        self.iterations = iterations
        self.rows = rows
        self.columns = columns
        self.dualityGap = dualityGap
        self.primalResidual = primalResidual
        self.dualResidual = dualResidual
    }
}
