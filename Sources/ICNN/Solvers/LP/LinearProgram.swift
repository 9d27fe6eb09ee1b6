/// A linear program in Double,
///
///     minimise cᵀx   subject to   aᵢᵀx ≤ bᵢ, aᵢᵀx = bᵢ or aᵢᵀx ≥ bᵢ (one relation per row),   l ≤ x ≤ u,
///
/// with n variables and m rows stored sparsely (only the non-zero coefficients of each row). Bounds may be
/// infinite (−∞ / +∞), so free variables, one-sided bounds and fixed variables (l = u) are all expressible.
///
/// Build it by giving the objective and bounds, then add rows; solve it with `SimplexSolver`.
///
///     var lp = LinearProgram(objective: [-1, -1], lower: [0, 0], upper: [.infinity, .infinity])
///     lp.addConstraint([(0, 1), (1, 2)], .lessOrEqual, 4)      // x₀ + 2x₁ ≤ 4
///     lp.addConstraint([(0, 3), (1, 1)], .lessOrEqual, 6)      // 3x₀ + x₁ ≤ 6
///     let solution = SimplexSolver().solve(lp)                  // x = (1.6, 1.2), value −2.8
///
/// Edge cases: a variable with l > u makes the program infeasible (the solver reports it, nothing traps); a row
/// with no coefficients is allowed and is satisfied or not by its right-hand side alone.
public struct LinearProgram: Sendable, Hashable {
    /// The relation of one constraint row to its right-hand side.
    public enum Relation: Sendable, Hashable {
        /// aᵀx ≤ b.
        case lessOrEqual
        /// aᵀx = b.
        case equal
        /// aᵀx ≥ b.
        case greaterOrEqual
    }

    /// The objective coefficients c, one per variable.
    public private(set) var objective: [Double]
    /// The lower bounds l (−∞ allowed), one per variable.
    public private(set) var lower: [Double]
    /// The upper bounds u (+∞ allowed), one per variable.
    public private(set) var upper: [Double]
    /// The relation of each row.
    public private(set) var relations: [Relation] = []
    /// The right-hand side of each row.
    public private(set) var rightHandSides: [Double] = []
    /// Row i's coefficients are `columnIndices[rowStarts[i]..<rowStarts[i+1]]` with `values` at the same
    /// positions (compressed sparse rows; a column may appear at most once per row).
    public private(set) var rowStarts: [Int] = [0]
    /// The column of each stored coefficient.
    public private(set) var columnIndices: [Int] = []
    /// The value of each stored coefficient.
    public private(set) var values: [Double] = []

    /// A program with the given objective and bounds and no rows yet.
    /// - Parameters:
    ///   - objective: c, length n.
    ///   - lower: l, length n; −∞ for no lower bound.
    ///   - upper: u, length n; +∞ for no upper bound.
    /// - Precondition: equal lengths, a finite objective, no NaN bound, l ≠ +∞ and u ≠ −∞.
    public init(objective: [Double], lower: [Double], upper: [Double]) {
        precondition(
            lower.count == objective.count && upper.count == objective.count,
            "LinearProgram: \(objective.count) objective coefficients, \(lower.count) lower, \(upper.count) upper bounds"
        )
        precondition(objective.allSatisfy(\.isFinite), "LinearProgram: the objective must be finite")
        precondition(
            zip(lower, upper).allSatisfy { !$0.isNaN && !$1.isNaN && $0 != .infinity && $1 != -.infinity },
            "LinearProgram: bounds must not be NaN, lower must not be +∞ and upper must not be −∞"
        )
        self.objective = objective
        self.lower = lower
        self.upper = upper
    }

    /// The number of variables n.
    public var variableCount: Int { objective.count }
    /// The number of constraint rows m.
    public var constraintCount: Int { relations.count }
    /// The number of stored (non-zero) coefficients.
    public var nonZeroCount: Int { values.count }

    /// Appends the row Σ value·x[column] (relation) rightHandSide. Zero coefficients are dropped.
    /// - Precondition: valid distinct columns, finite coefficients and right-hand side.
    public mutating func addConstraint(_ terms: [(column: Int, value: Double)], _ relation: Relation, _ rhs: Double) {
        precondition(rhs.isFinite, "LinearProgram: right-hand side \(rhs) is not finite")
        let start = columnIndices.count
        for (column, value) in terms {
            precondition((0..<variableCount).contains(column), "LinearProgram: column \(column) out of range")
            precondition(value.isFinite, "LinearProgram: coefficient \(value) of column \(column) is not finite")
            if value != 0 {
                columnIndices.append(column)
                values.append(value)
            }
        }
        precondition(
            Set(columnIndices[start...]).count == columnIndices.count - start,
            "LinearProgram: a column appears twice in one row"
        )
        rowStarts.append(columnIndices.count)
        relations.append(relation)
        rightHandSides.append(rhs)
    }

    /// Appends the row coefficients·x (relation) rightHandSide from a dense coefficient list of length n.
    public mutating func addConstraint(dense coefficients: [Double], _ relation: Relation, _ rhs: Double) {
        precondition(
            coefficients.count == variableCount,
            "LinearProgram: \(coefficients.count) coefficients for \(variableCount) variables"
        )
        addConstraint(coefficients.enumerated().map { (column: $0.offset, value: $0.element) }, relation, rhs)
    }

    /// The terms of row `i`.
    public func row(_ i: Int) -> [(column: Int, value: Double)] {
        (rowStarts[i]..<rowStarts[i + 1]).map { (columnIndices[$0], values[$0]) }
    }

    /// aᵢᵀx for every row i (length m).
    /// - Precondition: x has length n.
    public func rowActivities(_ x: [Double]) -> [Double] {
        precondition(x.count == variableCount, "LinearProgram: point of length \(x.count), want \(variableCount)")
        return (0..<constraintCount).map { i in
            var s = 0.0
            for k in rowStarts[i]..<rowStarts[i + 1] { s += values[k] * x[columnIndices[k]] }
            return s
        }
    }

    /// The objective cᵀx.
    public func objectiveValue(_ x: [Double]) -> Double {
        zip(objective, x).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The largest violation of any row or bound at x (0 when x is feasible).
    public func maximumViolation(_ x: [Double]) -> Double {
        var worst = 0.0
        for (i, a) in rowActivities(x).enumerated() {
            let b = rightHandSides[i]
            switch relations[i] {
            case .lessOrEqual: worst = max(worst, a - b)
            case .greaterOrEqual: worst = max(worst, b - a)
            case .equal: worst = max(worst, abs(a - b))
            }
        }
        for j in 0..<variableCount { worst = max(worst, lower[j] - x[j], x[j] - upper[j]) }
        return worst
    }
}
