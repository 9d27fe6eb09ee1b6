/// What `LBFGS` and `LBFGSB` return: the best point found, what the objective was there, the work done and why the
/// run stopped. A run never throws or traps because of the objective; a bad objective shows up in `status`.
public struct MinimizationResult: Sendable, CustomStringConvertible {
    /// Which convergence test stopped a successful run.
    public enum Convergence: Sendable, Equatable {
        /// The gradient's infinity norm (for `LBFGSB`, the projected gradient's) fell to the tolerance.
        case gradient
        /// An iteration decreased the value by at most the relative tolerance: further progress is below the
        /// resolution of the objective.
        case relativeDecrease
    }

    /// Why a run stopped. Everything but `.converged` leaves `x` at the best point found so far.
    public enum Status: Sendable, Equatable, CustomStringConvertible {
        /// A convergence test was met.
        case converged(Convergence)
        /// `maxIterations` iterations were done.
        case maxIterations
        /// `maxEvaluations` evaluations of the objective were spent.
        case maxEvaluations
        /// No step along the search direction satisfied the line search, even after discarding the curvature
        /// memory and trying steepest descent. Typical causes: a gradient inconsistent with the value, a
        /// non-smooth objective, or a tolerance below what rounding in the objective allows.
        case lineSearchFailed
        /// The objective returned a NaN or infinite value or gradient at the start, or at every trial point of a
        /// line search.
        case nonFinite
        /// The problem was malformed: bounds of the wrong length or with lower > upper, a gradient of the wrong
        /// length, or a NaN starting point for `LBFGSB`; the text says which.
        case invalidInput(String)

        /// One line saying why the run stopped.
        public var description: String {
            switch self {
            case .converged(.gradient): "converged: gradient below tolerance"
            case .converged(.relativeDecrease): "converged: relative decrease below tolerance"
            case .maxIterations: "stopped: iteration limit reached"
            case .maxEvaluations: "stopped: evaluation limit reached"
            case .lineSearchFailed: "stopped: the line search found no acceptable step"
            case .nonFinite: "stopped: the objective returned a non-finite value or gradient"
            case .invalidInput(let reason): "invalid input: \(reason)"
            }
        }
    }

    /// The best point found (the start, projected onto the box for `LBFGSB`, if no step was taken).
    public var x: [Double]
    /// f(x); NaN only when the objective was non-finite at the start.
    public var value: Double
    /// ∇f(x), the unprojected gradient; empty when the objective failed at the start.
    public var gradient: [Double]
    /// The infinity norm of the gradient at x; for `LBFGSB`, of the projected gradient P(x − ∇f(x)) − x, which
    /// is zero exactly at a first-order (KKT) point of the box-constrained problem.
    public var gradientNorm: Double
    /// Accepted steps.
    public var iterations: Int
    /// Calls of the objective, including those inside line searches.
    public var evaluations: Int
    /// Why the run stopped.
    public var status: Status

    /// Whether `status` is `.converged`.
    public var isConverged: Bool {
        if case .converged = status { return true }
        return false
    }

    /// A one-line summary.
    public var description: String {
        "\(status); f = \(value), |g|∞ = \(gradientNorm), \(iterations) iterations, \(evaluations) evaluations"
    }
}
