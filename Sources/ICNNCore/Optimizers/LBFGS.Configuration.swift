extension LBFGS {
    /// Settings of `LBFGS` and `LBFGSB`, with defaults suited to smooth problems with O(1) values and gradients.
    ///
    /// A run stops at the first of: ‖∇f‖∞ ≤ `gradientTolerance` (the projected gradient for `LBFGSB`); a relative
    /// decrease (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ `relativeDecreaseTolerance`; `maxIterations` steps;
    /// `maxEvaluations` objective calls. Both tests are absolute for |f| ≤ 1 and |x| of order 1: rescale badly
    /// scaled problems, or set the tolerances accordingly.
    public struct Configuration: Sendable, Equatable {
        /// Correction pairs (s, y) kept, m. Default 10; 3–20 is typical, more rarely helps.
        public var memory: Int
        /// Stop when the gradient's infinity norm is at most this. Default 1e-6.
        public var gradientTolerance: Double
        /// Stop when an iteration decreases f by at most this relative amount. Default 10ε ≈ 2.2e-15 (SciPy's
        /// `factr = 10`, "extremely high accuracy"): only stagnation at rounding level stops the run. Use about
        /// 1e-9 to stop earlier on slowly converging problems, and 0 to turn the test off (then only the gradient
        /// test and the limits stop a run, which lets it reach gradients far below the rounding level of f).
        public var relativeDecreaseTolerance: Double
        /// At most this many iterations (accepted steps). Default 1000.
        public var maxIterations: Int
        /// At most this many objective calls, line searches included. Default 5000.
        public var maxEvaluations: Int
        /// The Armijo constant c₁ of the strong Wolfe conditions, in (0, c₂). Default 1e-4.
        public var sufficientDecrease: Double
        /// The curvature constant c₂ of the strong Wolfe conditions, in (c₁, 1): |φ′(α)| ≤ c₂·|φ′(0)|.
        /// Default 0.9, the usual choice for quasi-Newton methods (few evaluations per step); smaller values give
        /// more exact line searches.
        public var curvature: Double
        /// At most this many objective calls per line search. Default 20.
        public var maxLineSearchEvaluations: Int

        /// Settings with the documented defaults, overriding the ones given.
        public init(
            memory: Int = 10,
            gradientTolerance: Double = 1e-6,
            relativeDecreaseTolerance: Double = 10 * Double.ulpOfOne,
            maxIterations: Int = 1000,
            maxEvaluations: Int = 5000,
            sufficientDecrease: Double = 1e-4,
            curvature: Double = 0.9,
            maxLineSearchEvaluations: Int = 20
        ) {
            self.memory = memory
            self.gradientTolerance = gradientTolerance
            self.relativeDecreaseTolerance = relativeDecreaseTolerance
            self.maxIterations = maxIterations
            self.maxEvaluations = maxEvaluations
            self.sufficientDecrease = sufficientDecrease
            self.curvature = curvature
            self.maxLineSearchEvaluations = maxLineSearchEvaluations
        }

        /// Traps on settings no run could use (a programmer error, like a negative count).
        func validate(_ solver: String) {
            require(memory >= 1, "\(solver): memory must be at least 1, got \(memory)")
            require(gradientTolerance >= 0, "\(solver): gradientTolerance must be ≥ 0, got \(gradientTolerance)")
            require(
                relativeDecreaseTolerance >= 0,
                "\(solver): relativeDecreaseTolerance must be ≥ 0, got \(relativeDecreaseTolerance)"
            )
            require(maxIterations >= 0, "\(solver): maxIterations must be ≥ 0, got \(maxIterations)")
            require(maxEvaluations >= 1, "\(solver): maxEvaluations must be ≥ 1, got \(maxEvaluations)")
            require(
                sufficientDecrease > 0 && sufficientDecrease < curvature && curvature < 1,
                "\(solver): need 0 < sufficientDecrease < curvature < 1, got \(sufficientDecrease), \(curvature)"
            )
            require(
                maxLineSearchEvaluations >= 1,
                "\(solver): maxLineSearchEvaluations must be ≥ 1, got \(maxLineSearchEvaluations)"
            )
        }
    }
}
