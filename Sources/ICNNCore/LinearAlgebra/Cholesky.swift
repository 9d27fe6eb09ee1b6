#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix, with L lower triangular and a
/// positive diagonal; solves A·x = b and gives log det A.
///
/// Use it for covariances, Gram matrices and Hessians: it is the cheapest test of positive definiteness (it fails
/// exactly when a pivot is ≤ 0 in floating point) and, when it succeeds, the most stable solver for them.
///
/// ```swift
/// switch Cholesky.factor(covariance) {
/// case .success(let c): let x = c.solve(b); let logDet = c.logDeterminant
/// case .failure(let reason): print(reason)   // e.g. "not positive definite: Cholesky pivot 3 is not positive"
/// }
/// ```
///
/// Error bound: the computed factor is exact for A + E with ‖E‖ ≤ c·n·ε·‖A‖ (backward stable), so the residual
/// ‖L·Lᵀ − A‖/‖A‖ is O(nε) whatever the conditioning, and a solve has relative error O(κ(A)·nε).
public struct Cholesky: Sendable {
    /// The order n of the factored matrix.
    public let dimension: Int
    /// L, row-major n×n, zero above the diagonal.
    @usableFromInline let factor: [Double]

    init(dimension: Int, factor: [Double]) {
        self.dimension = dimension
        self.factor = factor
    }

    /// Factors a symmetric positive definite matrix.
    ///
    /// The matrix must be symmetric to within `symmetryTolerance` (see `LinearAlgebra.isSymmetric`); its symmetric
    /// part (A + Aᵀ)/2 is factored.
    ///
    /// Edge cases: a 0×0 matrix factors (L is 0×0, log det = 0). A positive semidefinite singular matrix usually
    /// fails at a pivot that rounds to ≤ 0, but may instead succeed with a tiny pivot: positive definiteness is
    /// decided to working precision only.
    /// - Parameters:
    ///   - matrix: an `[n, n]` tensor.
    ///   - symmetryTolerance: the relative symmetry tolerance.
    /// - Returns: the factorisation, or `.notSquare`, `.nonFinite`, `.notSymmetric` or `.notPositiveDefinite(pivot:)`
    ///   with the first row whose pivot is ≤ 0.
    /// - Complexity: n³/3 multiply-adds.
    public static func factor(
        _ matrix: Tensor<Double>,
        symmetryTolerance: Double = LinearAlgebra.defaultSymmetryTolerance
    ) -> Result<Cholesky, LinearAlgebra.Failure> {
        let entries: [Double]
        let n: Int
        switch LinearAlgebra.symmetricEntries(matrix, tolerance: symmetryTolerance) {
        case .failure(let f): return .failure(f)
        case .success(let m): (n, entries) = (m.n, m.entries)
        }
        var l = [Double](repeating: 0, count: n * n)
        // Row by row (Cholesky–Banachiewicz): row i of L from rows 0..<i, each entry a dot product of two
        // contiguous row prefixes.
        let failedPivot: Int? = l.withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return nil }  // n = 0
            for i in 0..<n {
                for j in 0...i {
                    var s = entries[i * n + j]
                    let rowI = p + i * n
                    let rowJ = p + j * n
                    for k in 0..<j { s -= rowI[k] * rowJ[k] }
                    if i == j {
                        // `!(s > 0)` also catches NaN from overflow.
                        guard s > 0 else { return i }
                        rowI[i] = s.squareRoot()
                    } else {
                        rowI[j] = s / rowJ[j]
                    }
                }
            }
            return nil
        }
        if let pivot = failedPivot { return .failure(.notPositiveDefinite(pivot: pivot)) }
        return .success(Cholesky(dimension: n, factor: l))
    }

    /// Factors `matrix`, or returns nil when `factor(_:)` would fail (not square, not finite, not symmetric, not
    /// positive definite).
    /// - Parameter matrix: an `[n, n]` tensor.
    /// - Complexity: n³/3 multiply-adds.
    public init?(_ matrix: Tensor<Double>) {
        guard case .success(let c) = Cholesky.factor(matrix) else { return nil }
        self = c
    }

    /// L as an `[n, n]` tensor, zero above the diagonal.
    public var lower: Tensor<Double> { Tensor(shape: [dimension, dimension], scalars: factor) }

    /// log det A = 2·Σ log L_ii: finite for any positive definite matrix, even when det A itself would under- or
    /// overflow. 0 for the 0×0 matrix.
    /// - Complexity: O(n).
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += log(factor[i * dimension + i]) }
        return 2 * s
    }

    /// x = A⁻¹·b.
    /// - Parameter b: n values.
    /// - Returns: n values.
    /// - Precondition: `b.count == dimension`.
    /// - Complexity: n² multiply-adds.
    public func solve(_ b: [Double]) -> [Double] {
        require(
            b.count == dimension,
            "Cholesky solve: right-hand side has \(b.count) values, matrix is \(dimension)×\(dimension)"
        )
        var x = b
        solveInPlace(&x, columns: 1)
        return x
    }

    /// X = A⁻¹·B for one or several right-hand sides.
    /// - Parameter b: shape `[n]` or `[n, k]`.
    /// - Returns: a tensor of the shape of `b`.
    /// - Precondition: `b` has rank 1 or 2 and its first extent is n.
    /// - Complexity: k·n² multiply-adds.
    public func solve(_ b: Tensor<Double>) -> Tensor<Double> {
        require(
            (b.rank == 1 || b.rank == 2) && b.shape[0] == dimension,
            "Cholesky solve: right-hand side of shape \(b.shape) for a \(dimension)×\(dimension) matrix"
        )
        var x = b.scalars
        solveInPlace(&x, columns: b.rank == 1 ? 1 : b.shape[1])
        return Tensor(shape: b.shape, scalars: x)
    }

    /// y = L⁻¹·b (forward substitution): whitens b, since ‖L⁻¹(x − m)‖² is the Mahalanobis distance under A.
    /// - Parameter b: n values.
    /// - Returns: n values.
    /// - Precondition: `b.count == dimension`.
    /// - Complexity: n²/2 multiply-adds.
    public func solveLower(_ b: [Double]) -> [Double] {
        require(
            b.count == dimension,
            "Cholesky solveLower: right-hand side has \(b.count) values, matrix is \(dimension)×\(dimension)"
        )
        var y = b
        forward(&y, columns: 1)
        return y
    }

    /// Solves L·Lᵀ·X = B in place for B row-major n×k.
    func solveInPlace(_ x: inout [Double], columns k: Int) {
        forward(&x, columns: k)
        backward(&x, columns: k)
    }

    /// L·Y = B in place.
    func forward(_ x: inout [Double], columns k: Int) {
        let n = dimension
        for i in 0..<n {
            for j in 0..<i {
                let lij = factor[i * n + j]
                if lij == 0 { continue }
                for c in 0..<k { x[i * k + c] -= lij * x[j * k + c] }
            }
            let d = factor[i * n + i]
            for c in 0..<k { x[i * k + c] /= d }
        }
    }

    /// Lᵀ·X = Y in place.
    func backward(_ x: inout [Double], columns k: Int) {
        let n = dimension
        var i = n - 1
        while i >= 0 {
            for j in (i + 1)..<n {
                let lji = factor[j * n + i]
                if lji == 0 { continue }
                for c in 0..<k { x[i * k + c] -= lji * x[j * k + c] }
            }
            let d = factor[i * n + i]
            for c in 0..<k { x[i * k + c] /= d }
            i -= 1
        }
    }
}
