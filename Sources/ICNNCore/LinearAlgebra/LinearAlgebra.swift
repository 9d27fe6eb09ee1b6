#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small dense linear algebra in Double on rank-2 `Tensor<Double>` matrices: Cholesky (`Cholesky`), LU with partial
/// pivoting (`LUDecomposition`), the symmetric eigendecomposition (`SymmetricEigendecomposition`) and functions of
/// symmetric positive definite matrices built on it (square root, inverse square root, the Gaussian optimal
/// transport matrix).
///
/// Meant for matrices up to a few hundred rows (covariances, Hessians, the small systems inside solvers): every
/// algorithm is O(n³) and written for accuracy and clarity, not speed. Matrices are row-major `[n, n]` tensors;
/// nothing here is recorded on a tape.
///
/// User data never traps: a matrix that is not square, not finite, not symmetric, not positive definite or singular
/// gives a `LinearAlgebra.Failure` as a `Result`, never a crash. Shape mismatches between arguments that the caller
/// controls (a right-hand side of the wrong length) are programmer errors and are preconditions.
public enum LinearAlgebra {
    /// The default tolerance of the symmetry checks: |a_ij − a_ji| ≤ 1e-10·max|a_kl|. Products like X·Xᵀ computed
    /// in floating point are symmetric to about n·ε relative (3e-14 for n = 200), far inside this; a matrix that is
    /// genuinely not symmetric misses it by orders of magnitude.
    public static let defaultSymmetryTolerance = 1e-10

    /// The n×n identity matrix.
    /// - Precondition: n ≥ 0.
    /// - Complexity: O(n²).
    public static func identity(_ n: Int) -> Tensor<Double> {
        require(n >= 0, "identity of negative size \(n)")
        var scalars = [Double](repeating: 0, count: n * n)
        for i in 0..<n { scalars[i * n + i] = 1 }
        return Tensor(shape: [n, n], scalars: scalars)
    }

    /// A square matrix with `diagonal` on its diagonal and zeros elsewhere.
    /// - Parameter diagonal: n values.
    /// - Returns: an `[n, n]` tensor.
    /// - Complexity: O(n²).
    public static func diagonalMatrix(_ diagonal: [Double]) -> Tensor<Double> {
        let n = diagonal.count
        var scalars = [Double](repeating: 0, count: n * n)
        for i in 0..<n { scalars[i * n + i] = diagonal[i] }
        return Tensor(shape: [n, n], scalars: scalars)
    }

    /// Whether `matrix` is square, finite and symmetric to within `tolerance` relative to its largest entry:
    /// |a_ij − a_ji| ≤ tolerance·max|a_kl| for all i, j.
    ///
    /// Edge cases: any rank other than 2, a non-square shape, or a NaN/±∞ entry gives `false`; the 0×0 matrix and
    /// the zero matrix are symmetric.
    /// - Parameters:
    ///   - matrix: any tensor.
    ///   - tolerance: the relative tolerance; 0 asks for exact symmetry.
    /// - Complexity: O(n²).
    public static func isSymmetric(_ matrix: Tensor<Double>, tolerance: Double = defaultSymmetryTolerance) -> Bool {
        guard case .success(let m) = squareEntries(matrix) else { return false }
        return asymmetricPair(m.entries, m.n, tolerance: tolerance) == nil
    }

    /// The largest |a_ij| of a matrix: the scale the relative tolerances here refer to. NaN if an entry is NaN.
    /// - Complexity: O(count).
    public static func maxAbsoluteEntry(_ matrix: Tensor<Double>) -> Double {
        matrix.withUnsafeBufferPointer { p in
            var m = 0.0
            for v in p {
                if v.isNaN { return .nan }
                m = max(m, abs(v))
            }
            return m
        }
    }
}

// MARK: - Internal helpers shared by the factorisations

extension LinearAlgebra {
    /// The order and row-major entries of a square, finite rank-2 tensor, or why it is not one.
    static func squareEntries(_ matrix: Tensor<Double>) -> Result<(n: Int, entries: [Double]), Failure> {
        guard matrix.rank == 2, matrix.shape[0] == matrix.shape[1] else {
            return .failure(.notSquare(shape: matrix.shape))
        }
        let entries = matrix.scalars
        for v in entries where !v.isFinite { return .failure(.nonFinite) }
        return .success((matrix.shape[0], entries))
    }

    /// The entries of a square, finite, symmetric matrix, symmetrised exactly as (a_ij + a_ji)/2.
    static func symmetricEntries(
        _ matrix: Tensor<Double>,
        tolerance: Double
    ) -> Result<(n: Int, entries: [Double]), Failure> {
        switch squareEntries(matrix) {
        case .failure(let f):
            return .failure(f)
        case .success(var m):
            if let (i, j) = asymmetricPair(m.entries, m.n, tolerance: tolerance) {
                return .failure(.notSymmetric(row: i, column: j))
            }
            symmetrize(&m.entries, m.n)
            return .success(m)
        }
    }

    /// The first (i, j), i > j, whose entries differ by more than `tolerance`·max|a|, if any.
    static func asymmetricPair(_ a: [Double], _ n: Int, tolerance: Double) -> (Int, Int)? {
        var scale = 0.0
        for v in a { scale = max(scale, abs(v)) }
        let allowed = tolerance * scale
        for i in 0..<n {
            for j in 0..<i where abs(a[i * n + j] - a[j * n + i]) > allowed { return (i, j) }
        }
        return nil
    }

    /// Row-major n×n product a·b of flat arrays.
    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n {
                let aik = a[i * n + k]
                if aik == 0 { continue }
                for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
            }
        }
        return c
    }

    /// Replaces a nearly symmetric flat matrix by its symmetric part.
    static func symmetrize(_ a: inout [Double], _ n: Int) {
        for i in 0..<n {
            for j in 0..<i {
                let mean = 0.5 * (a[i * n + j] + a[j * n + i])
                a[i * n + j] = mean
                a[j * n + i] = mean
            }
        }
    }
}
