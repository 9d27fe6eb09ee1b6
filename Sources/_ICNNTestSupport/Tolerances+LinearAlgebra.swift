/// Tolerances of the linear-algebra and L-BFGS suites; each says why it is what it is.
extension Tolerances {
    // MARK: Factorisations: backward stable, so residuals are O(n·ε) relative to ‖A‖ whatever the conditioning.

    /// ‖L·Lᵀ − A‖, ‖A − V·diag(λ)·Vᵀ‖ (relative to max(1, ‖A‖max)) and ‖VᵀV − I‖, entrywise, for n ≤ 150:
    /// bounded by c·n·ε ≈ 3e-14·c; measured worst 7e-15 (n = 150). 1e-12 leaves two orders of margin, while an
    /// algebra slip (errors of 1e-3 or more) fails by far.
    public static let factorizationResidual = 1e-12

    /// ‖A·X − B‖max / (‖A‖max·‖X‖max·n) for Cholesky and LU solves: backward stability makes this O(ε); measured
    /// worst 2e-16, so 1e-13 is about 500 ulps of headroom.
    public static let solveResidual = 1e-13

    /// |log det A − Σ log λᵢ| / n for random SPD matrices: both sides are sums of n logarithms of well-conditioned
    /// quantities (κ ≤ 9), each accurate to a few ulps of its O(1) magnitude.
    public static let logDeterminant = 1e-12

    /// Eigenvalues of matrices built with known spectra Q·diag(λ)·Qᵀ, relative to max(1, max|λ|): within n·ε·‖A‖
    /// of exact (Weyl) plus the rounding in forming Q·diag(λ)·Qᵀ, both about 1e-14 for n ≤ 30.
    public static let knownEigenvalue = 1e-12

    // MARK: Matrix functions: errors grow with κ (test matrices κ ≤ 9; Gaussian covariances κ ≤ 45).

    /// ‖S·S − A‖ / ‖A‖, ‖A^(−1/2)·A·A^(−1/2) − I‖ and ‖S·A^(−1/2) − I‖, entrywise: an eigendecomposition (O(nε))
    /// and two or three products, amplified by at most κ(A) ≤ 9; measured worst 8e-15, 1e-12 is 100× that.
    public static let matrixFunction = 1e-12

    /// ‖A·Σ₁·Aᵀ − Σ₂‖ / max(1, ‖Σ₂‖) for the Gaussian transport matrix: two eigendecompositions and six products,
    /// amplified by κ(Σ₁) ≤ 45; measured worst 1.4e-14 (d = 40), 1e-12 is 70× that.
    public static let gaussianTransport = 1e-12

    // MARK: Minimisers

    /// ‖x − x*‖∞ required of a minimiser by the brief. The runs stop at a gradient of `minimizerGradient` or on
    /// f-stagnation at rounding level; with Hessian eigenvalues ≥ 0.1 at x* the measured worst is 4e-8.
    public static let minimizer = 1e-6

    /// The gradient tolerance the minimiser tests ask for: 1e-10 keeps ‖x − x*‖ ≲ 1e-9 on the test problems
    /// (smallest Hessian eigenvalue ≥ 0.1 at x*) while staying about 1e5 above the rounding floor of the
    /// gradients of these O(1) functions.
    public static let minimizerGradient = 1e-10

    /// |f(x) − f*| at a reached minimiser: f − f* ≈ ½·λmax·‖x − x*‖² with λmax ≤ 1e3 on the test problems, so
    /// ‖x − x*‖ ≤ 1e-6 allows up to 5e-10; reached points (‖x − x*‖ ≲ 4e-8) give ≤ 1e-12. 1e-10 still fails any
    /// wrong local minimum or active set (differences ≥ 1e-2).
    public static let minimumValue = 1e-10

    /// ‖x − x*‖∞ against the solution of a box-constrained quadratic found by enumerating active sets (exact up to
    /// a small LU solve, ≈ 1e-15). Runs stop at a projected gradient of 1e-10 with Hessian eigenvalues ≥ 0.2,
    /// so ‖x − x*‖ ≤ 5e-10; measured worst 3e-10 over 300 random instances. 1e-8 is safe.
    public static let boundedMinimizer = 1e-8
}
