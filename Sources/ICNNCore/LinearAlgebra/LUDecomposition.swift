/// The LU factorisation with partial pivoting P·A = L·U of a square matrix: L unit lower triangular, U upper
/// triangular, P a row permutation. Solves general (non-symmetric) systems A·x = b.
///
/// ```swift
/// switch LUDecomposition.factor(a) {
/// case .success(let lu): let x = lu.solve(b)
/// case .failure(.singular(let column)): ...   // rank-deficient to working precision
/// case .failure(let other): ...
/// }
/// ```
///
/// Singularity: the matrix is reported singular when some pivot, the largest remaining entry of its column, has
/// magnitude ≤ n·ε·max|a_ij|. Such a matrix is within a relative perturbation of about n·ε of a singular one, so a
/// solve would be dominated by rounding. Above that threshold the factorisation proceeds, and the solve error is
/// O(κ(A)·nε) for the usual (small) growth factor of partial pivoting.
public struct LUDecomposition: Sendable {
    /// The order n of the factored matrix.
    public let dimension: Int
    /// L (strictly below the diagonal, unit diagonal implied) and U (on and above), row-major n×n.
    let factors: [Double]
    /// Row i of P·A is row `rowOrder[i]` of A.
    let rowOrder: [Int]
    /// +1 or −1: the sign of the permutation.
    let permutationSign: Double

    /// Factors a square matrix.
    ///
    /// Edge cases: a 0×0 matrix factors (determinant 1); the zero matrix is `.singular(column: 0)`.
    /// - Parameter matrix: an `[n, n]` tensor.
    /// - Returns: the factorisation, or `.notSquare`, `.nonFinite` or `.singular(column:)` naming the first column
    ///   without a usable pivot.
    /// - Complexity: 2n³/3 flops.
    public static func factor(_ matrix: Tensor<Double>) -> Result<LUDecomposition, LinearAlgebra.Failure> {
        switch LinearAlgebra.squareEntries(matrix) {
        case .failure(let f): return .failure(f)
        case .success(let m): return factor(entries: m.entries, n: m.n)
        }
    }

    /// Factors `matrix`, or returns nil when `factor(_:)` would fail (not square, not finite, singular).
    /// - Parameter matrix: an `[n, n]` tensor.
    /// - Complexity: 2n³/3 flops.
    public init?(_ matrix: Tensor<Double>) {
        guard case .success(let lu) = LUDecomposition.factor(matrix) else { return nil }
        self = lu
    }

    init(dimension: Int, factors: [Double], rowOrder: [Int], permutationSign: Double) {
        self.dimension = dimension
        self.factors = factors
        self.rowOrder = rowOrder
        self.permutationSign = permutationSign
    }

    /// Factors row-major finite entries (the engine behind `factor(_:)`, also used by the optimisers).
    static func factor(entries: [Double], n: Int) -> Result<LUDecomposition, LinearAlgebra.Failure> {
        var a = entries
        var order = Array(0..<n)
        var sign = 1.0
        var scale = 0.0
        for v in a { scale = max(scale, abs(v)) }
        let threshold = Double(n) * Double.ulpOfOne * scale
        for k in 0..<n {
            // Partial pivoting: the largest |entry| of column k on or below the diagonal.
            var p = k
            var best = abs(a[k * n + k])
            for i in (k + 1)..<n where abs(a[i * n + k]) > best {
                best = abs(a[i * n + k])
                p = i
            }
            guard best > threshold else { return .failure(.singular(column: k)) }
            if p != k {
                for j in 0..<n { a.swapAt(k * n + j, p * n + j) }
                order.swapAt(k, p)
                sign = -sign
            }
            let pivot = a[k * n + k]
            for i in (k + 1)..<n {
                let factor = a[i * n + k] / pivot
                a[i * n + k] = factor
                if factor == 0 { continue }
                for j in (k + 1)..<n { a[i * n + j] -= factor * a[k * n + j] }
            }
        }
        return .success(LUDecomposition(dimension: n, factors: a, rowOrder: order, permutationSign: sign))
    }

    /// det A = ±Π U_kk. May under- or overflow for large n; 1 for the 0×0 matrix.
    /// - Complexity: O(n).
    public var determinant: Double {
        var d = permutationSign
        for k in 0..<dimension { d *= factors[k * dimension + k] }
        return d
    }

    /// x = A⁻¹·b.
    /// - Parameter b: n values.
    /// - Returns: n values.
    /// - Precondition: `b.count == dimension`.
    /// - Complexity: 2n² flops.
    public func solve(_ b: [Double]) -> [Double] {
        require(
            b.count == dimension,
            "LU solve: right-hand side has \(b.count) values, matrix is \(dimension)×\(dimension)"
        )
        return solve(rowMajor: b, columns: 1)
    }

    /// X = A⁻¹·B for one or several right-hand sides.
    /// - Parameter b: shape `[n]` or `[n, k]`.
    /// - Returns: a tensor of the shape of `b`.
    /// - Precondition: `b` has rank 1 or 2 and its first extent is n.
    /// - Complexity: 2k·n² flops.
    public func solve(_ b: Tensor<Double>) -> Tensor<Double> {
        require(
            (b.rank == 1 || b.rank == 2) && b.shape[0] == dimension,
            "LU solve: right-hand side of shape \(b.shape) for a \(dimension)×\(dimension) matrix"
        )
        return Tensor(shape: b.shape, scalars: solve(rowMajor: b.scalars, columns: b.rank == 1 ? 1 : b.shape[1]))
    }

    /// Solves for B row-major n×k.
    func solve(rowMajor b: [Double], columns k: Int) -> [Double] {
        let n = dimension
        var x = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            let source = rowOrder[i]
            for c in 0..<k { x[i * k + c] = b[source * k + c] }
        }
        // L·Y = P·B (unit diagonal).
        for i in 0..<n {
            for j in 0..<i {
                let lij = factors[i * n + j]
                if lij == 0 { continue }
                for c in 0..<k { x[i * k + c] -= lij * x[j * k + c] }
            }
        }
        // U·X = Y.
        var i = n - 1
        while i >= 0 {
            for j in (i + 1)..<n {
                let uij = factors[i * n + j]
                if uij == 0 { continue }
                for c in 0..<k { x[i * k + c] -= uij * x[j * k + c] }
            }
            let d = factors[i * n + i]
            for c in 0..<k { x[i * k + c] /= d }
            i -= 1
        }
        return x
    }
}

extension LinearAlgebra {
    /// Solves the general square system A·X = B by LU with partial pivoting (see `LUDecomposition`).
    /// - Parameters:
    ///   - a: an `[n, n]` tensor.
    ///   - b: shape `[n]` or `[n, k]`.
    /// - Returns: X with the shape of `b`, or why A could not be factored (`.notSquare`, `.nonFinite`, `.singular`).
    /// - Precondition: when A is square, `b` has rank 1 or 2 and its first extent is n.
    /// - Complexity: 2n³/3 + 2k·n² flops.
    public static func solve(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Result<Tensor<Double>, Failure> {
        LUDecomposition.factor(a).map { $0.solve(b) }
    }
}
