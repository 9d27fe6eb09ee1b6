#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The eigendecomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix: eigenvalues in ascending order and an
/// orthonormal matrix V whose column j is the eigenvector of `eigenvalues[j]`.
///
/// Algorithm: the matrix is scaled by its largest entry, reduced to tridiagonal form by Householder reflections
/// (A = Q·T·Qᵀ), and T is diagonalised by implicit symmetric QR steps with Wilkinson shifts and deflation
/// (Golub & Van Loan, *Matrix Computations*, §8.3), accumulating the rotations into Q.
///
/// Error bound: backward stable. Each computed eigenvalue is within about n·ε·‖A‖ of an exact one, the residual
/// ‖A − V·diag(λ)·Vᵀ‖ and ‖VᵀV − I‖ are O(nε) (relative to ‖A‖ and 1), and an eigenvector is accurate to
/// O(nε·‖A‖/gap) where gap is the distance to the nearest other eigenvalue. Eigenvectors of a repeated eigenvalue
/// are an arbitrary orthonormal basis of its eigenspace.
///
/// Sign convention: each eigenvector is scaled by ±1 so that its entry of largest magnitude (the first, on ties)
/// is positive, so the result is deterministic.
public struct SymmetricEigendecomposition: Sendable {
    /// The n eigenvalues, ascending.
    public let eigenvalues: [Double]
    /// Row-major n×n with row j the eigenvector of `eigenvalues[j]` (that is, Vᵀ).
    let vectorRows: [Double]

    /// The order n of the matrix.
    public var dimension: Int { eigenvalues.count }

    /// V as an `[n, n]` tensor: column j is the unit eigenvector of `eigenvalues[j]`.
    public var eigenvectors: Tensor<Double> {
        Tensor(shape: [dimension, dimension], scalars: vectorRows).transposed()
    }

    /// The eigenvector of `eigenvalues[index]`, n values of unit length.
    /// - Precondition: 0 ≤ index < n.
    public func eigenvector(_ index: Int) -> [Double] {
        require(index >= 0 && index < dimension, "eigenvector \(index) of a \(dimension)×\(dimension) matrix")
        return Array(vectorRows[(index * dimension)..<((index + 1) * dimension)])
    }

    /// Decomposes a symmetric matrix.
    ///
    /// The matrix must be symmetric to within `symmetryTolerance` (see `LinearAlgebra.isSymmetric`); its symmetric
    /// part (A + Aᵀ)/2 is decomposed.
    ///
    /// Edge cases: the 0×0 matrix gives no eigenvalues; the zero matrix gives zeros and V = I.
    /// - Parameters:
    ///   - matrix: an `[n, n]` tensor.
    ///   - symmetryTolerance: the relative symmetry tolerance.
    /// - Returns: the decomposition, or `.notSquare`, `.nonFinite`, `.notSymmetric`, or (not expected for finite
    ///   input) `.noConvergence`.
    /// - Complexity: about 9n³ flops (tridiagonalisation with Q, then about two QR sweeps per eigenvalue).
    public static func compute(
        _ matrix: Tensor<Double>,
        symmetryTolerance: Double = LinearAlgebra.defaultSymmetryTolerance
    ) -> Result<SymmetricEigendecomposition, LinearAlgebra.Failure> {
        switch LinearAlgebra.symmetricEntries(matrix, tolerance: symmetryTolerance) {
        case .failure(let f): return .failure(f)
        case .success(let m): return compute(entries: m.entries, n: m.n)
        }
    }

    /// Decomposes `matrix`, or returns nil when `compute(_:)` would fail.
    /// - Parameter matrix: an `[n, n]` symmetric tensor.
    /// - Complexity: about 9n³ flops.
    public init?(_ matrix: Tensor<Double>) {
        guard case .success(let e) = SymmetricEigendecomposition.compute(matrix) else { return nil }
        self = e
    }

    init(eigenvalues: [Double], vectorRows: [Double]) {
        self.eigenvalues = eigenvalues
        self.vectorRows = vectorRows
    }

    /// Decomposes exactly symmetric, finite row-major entries.
    static func compute(entries: [Double], n: Int) -> Result<SymmetricEigendecomposition, LinearAlgebra.Failure> {
        var scale = 0.0
        for v in entries { scale = max(scale, abs(v)) }
        var identity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 1 }
        guard scale > 0 else {
            return .success(
                SymmetricEigendecomposition(
                    eigenvalues: [Double](repeating: 0, count: n),
                    vectorRows: identity
                )
            )
        }
        // Work on A / max|a| so that no intermediate over- or underflows.
        var a = entries
        for i in a.indices { a[i] /= scale }
        var (d, e, rows) = tridiagonalize(&a, n)
        let limit = 30 * max(n, 1)
        guard diagonalizeTridiagonal(&d, &e, &rows, n, maxSteps: limit) else {
            return .failure(.noConvergence(iterations: limit))
        }
        // Sort ascending, undo the scaling, fix signs.
        let order = (0..<n).sorted { (d[$0], $0) < (d[$1], $1) }
        var values = [Double](repeating: 0, count: n)
        var sorted = [Double](repeating: 0, count: n * n)
        for (j, source) in order.enumerated() {
            values[j] = d[source] * scale
            var largest = 0.0
            var sign = 1.0
            for i in 0..<n {
                let v = rows[source * n + i]
                if abs(v) > largest {
                    largest = abs(v)
                    sign = v < 0 ? -1 : 1
                }
            }
            for i in 0..<n { sorted[j * n + i] = sign * rows[source * n + i] }
        }
        return .success(SymmetricEigendecomposition(eigenvalues: values, vectorRows: sorted))
    }

    /// Householder reduction A = Q·T·Qᵀ of a symmetric row-major matrix (destroyed). Returns the diagonal d and
    /// subdiagonal e of T, and Qᵀ row-major (row k is column k of Q).
    static func tridiagonalize(_ a: inout [Double], _ n: Int) -> (d: [Double], e: [Double], qt: [Double]) {
        var qt = [Double](repeating: 0, count: n * n)
        for i in 0..<n { qt[i * n + i] = 1 }
        var v = [Double](repeating: 0, count: n)
        var p = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: n)
        for k in 0..<max(n - 2, 0) {
            // Reflect x = A[k+1..<n, k] onto α·e₁ with H = I − β·v·vᵀ, v = x − α·e₁, α = −sign(x₀)·‖x‖
            // (the sign that avoids cancellation in v₀).
            let start = k + 1
            var xScale = 0.0
            for i in start..<n { xScale = max(xScale, abs(a[i * n + k])) }
            if xScale == 0 { continue }
            var sumOfSquares = 0.0
            for i in start..<n {
                let t = a[i * n + k] / xScale
                sumOfSquares += t * t
            }
            let norm = xScale * sumOfSquares.squareRoot()
            let x0 = a[start * n + k]
            let alpha = x0 >= 0 ? -norm : norm
            for i in start..<n { v[i] = a[i * n + k] }
            v[start] -= alpha
            // vᵀv = ‖x‖² − 2α·x₀ + α² = 2‖x‖(‖x‖ + |x₀|), without cancellation.
            let beta = 1 / (norm * (norm + abs(x0)))
            // A₂₂ ← H·A₂₂·H = A₂₂ − v·wᵀ − w·vᵀ with p = β·A₂₂·v and w = p − (β·pᵀv/2)·v.
            var pv = 0.0
            for i in start..<n {
                var s = 0.0
                for j in start..<n { s += a[i * n + j] * v[j] }
                p[i] = beta * s
                pv += p[i] * v[i]
            }
            let half = 0.5 * beta * pv
            for i in start..<n { p[i] -= half * v[i] }  // p now holds w
            for i in start..<n {
                for j in start..<n { a[i * n + j] -= v[i] * p[j] + p[i] * v[j] }
            }
            a[start * n + k] = alpha
            a[k * n + start] = alpha
            for i in (start + 1)..<n {
                a[i * n + k] = 0
                a[k * n + i] = 0
            }
            // Q ← Q·H, that is Qᵀ ← H·Qᵀ on rows start..<n: Qᵀ −= β·v·(vᵀQᵀ).
            for c in 0..<n { u[c] = 0 }
            for i in start..<n where v[i] != 0 {
                let vi = v[i]
                for c in 0..<n { u[c] += vi * qt[i * n + c] }
            }
            for i in start..<n where v[i] != 0 {
                let bv = beta * v[i]
                for c in 0..<n { qt[i * n + c] -= bv * u[c] }
            }
        }
        var d = [Double](repeating: 0, count: n)
        var e = [Double](repeating: 0, count: max(n - 1, 0))
        for i in 0..<n { d[i] = a[i * n + i] }
        for i in 0..<max(n - 1, 0) { e[i] = a[(i + 1) * n + i] }
        return (d, e, qt)
    }

    /// Diagonalises the symmetric tridiagonal matrix (d, e) by implicit QR steps with Wilkinson shifts, rotating
    /// the rows of `rows` (Zᵀ) alongside. On return d holds the eigenvalues (unordered) and row k of `rows` the
    /// eigenvector of d[k]. Returns false if more than `maxSteps` QR steps were needed.
    static func diagonalizeTridiagonal(
        _ d: inout [Double],
        _ e: inout [Double],
        _ rows: inout [Double],
        _ n: Int,
        maxSteps: Int
    ) -> Bool {
        func negligible(_ i: Int) -> Bool {
            // e[i] couples d[i] and d[i+1]; dropping it perturbs the matrix by less than rounding already has.
            abs(e[i]) <= Double.ulpOfOne * (abs(d[i]) + abs(d[i + 1])) || abs(e[i]) < Double.leastNormalMagnitude
        }
        var steps = 0
        var hi = n - 1
        while hi > 0 {
            if negligible(hi - 1) {
                e[hi - 1] = 0
                hi -= 1
                continue
            }
            // The largest unreduced block [lo, hi] ending at hi.
            var lo = hi - 1
            while lo > 0 && !negligible(lo - 1) { lo -= 1 }
            if lo > 0 { e[lo - 1] = 0 }
            guard steps < maxSteps else { return false }
            steps += 1
            qrStep(&d, &e, &rows, n, lo, hi)
        }
        return true
    }

    /// One implicit symmetric QR step on the unreduced block [lo, hi]: a Wilkinson shift μ from the trailing 2×2,
    /// then Givens rotations chasing the bulge down the block.
    static func qrStep(_ d: inout [Double], _ e: inout [Double], _ rows: inout [Double], _ n: Int, _ lo: Int, _ hi: Int)
    {
        // μ is the eigenvalue of [[d₋, b], [b, d₊]] closer to d₊ = d[hi].
        let delta = 0.5 * (d[hi - 1] - d[hi])
        let b = e[hi - 1]
        let root = hypot(delta, b)
        let mu = d[hi] - b * (b / (delta + (delta >= 0 ? root : -root)))
        var x = d[lo] - mu
        var z = e[lo]
        for k in lo..<hi {
            // G acts on (k, k+1): choose (c, s) with s·x + c·z = 0, so Gᵀ·(x, z) = (r, 0).
            let r = hypot(x, z)
            let (c, s) = r == 0 ? (1.0, 0.0) : (x / r, -z / r)
            if k > lo { e[k - 1] = r }
            let (dk, ek, dk1) = (d[k], e[k], d[k + 1])
            d[k] = c * c * dk - 2 * c * s * ek + s * s * dk1
            d[k + 1] = s * s * dk + 2 * c * s * ek + c * c * dk1
            e[k] = c * s * (dk - dk1) + (c * c - s * s) * ek
            if k + 1 < hi {
                // The rotation creates a bulge at (k, k+2); the next rotation removes it.
                z = -s * e[k + 1]
                e[k + 1] *= c
                x = e[k]
            }
            // Z ← Z·G: rows k and k+1 of Zᵀ.
            let rk = k * n
            let rk1 = (k + 1) * n
            for i in 0..<n {
                let a = rows[rk + i]
                let bb = rows[rk1 + i]
                rows[rk + i] = c * a - s * bb
                rows[rk1 + i] = s * a + c * bb
            }
        }
    }
}
