extension LinearAlgebra {
    /// Why a factorisation or matrix function could not be computed. These are expected outcomes on user data
    /// (a covariance that is singular, a Hessian that is indefinite) and come back as the failure of a `Result`.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The tensor is not a square rank-2 matrix; carries its shape.
        case notSquare(shape: [Int])
        /// An entry is NaN or ±∞.
        case nonFinite
        /// Entries (row, column) and (column, row) differ by more than the symmetry tolerance.
        case notSymmetric(row: Int, column: Int)
        /// Cholesky met a pivot ≤ 0 at this (0-based) row: the matrix is not positive definite (to working
        /// precision).
        case notPositiveDefinite(pivot: Int)
        /// A matrix function needs positive (or, for the square root, non-negative) eigenvalues and met this one.
        case nonPositiveEigenvalue(Double)
        /// LU met a pivot column with no usable pivot: the matrix is singular to working precision.
        case singular(column: Int)
        /// The symmetric eigenvalue iteration did not converge within its iteration limit (not seen in practice
        /// for finite input).
        case noConvergence(iterations: Int)

        /// One line saying what was wrong.
        public var description: String {
            switch self {
            case .notSquare(let shape): "not a square matrix: shape \(shape)"
            case .nonFinite: "the matrix has a NaN or infinite entry"
            case .notSymmetric(let i, let j): "not symmetric: entries (\(i), \(j)) and (\(j), \(i)) differ"
            case .notPositiveDefinite(let k): "not positive definite: Cholesky pivot \(k) is not positive"
            case .nonPositiveEigenvalue(let v): "eigenvalue \(v) is not positive"
            case .singular(let k): "singular to working precision: no usable pivot in column \(k)"
            case .noConvergence(let n): "the eigenvalue iteration did not converge in \(n) steps"
            }
        }
    }
}
