import ICNNCore

/// Random test matrices from a seeded generator, and the error measures the linear-algebra tests report.
enum MatrixTestSupport {
    /// A random symmetric positive definite matrix X·Xᵀ/n + shift·I with X standard normal: eigenvalues in about
    /// [shift, 4 + shift] (Marchenko–Pastur), so κ ≲ 1 + 4/shift.
    static func randomSPD(_ n: Int, shift: Double = 0.5, _ rng: inout SeededGenerator) -> Tensor<Double> {
        let x = Tensor<Double>(normal: [n, n], using: &rng)
        let gram = matmul(x, x, transposeB: true) * (1 / Double(max(n, 1)))
        return symmetrized(gram + LinearAlgebra.identity(n) * shift)
    }

    /// A random symmetric matrix (X + Xᵀ)/2, X standard normal: indefinite for n ≥ 2 (almost surely).
    static func randomSymmetric(_ n: Int, _ rng: inout SeededGenerator) -> Tensor<Double> {
        symmetrized(Tensor<Double>(normal: [n, n], using: &rng))
    }

    /// A random orthogonal matrix: the eigenvectors of a random symmetric matrix.
    static func randomOrthogonal(_ n: Int, _ rng: inout SeededGenerator) -> Tensor<Double> {
        guard let e = SymmetricEigendecomposition(randomSymmetric(n, &rng)) else { return LinearAlgebra.identity(n) }
        return e.eigenvectors
    }

    /// (A + Aᵀ)/2, exactly symmetric.
    static func symmetrized(_ a: Tensor<Double>) -> Tensor<Double> { (a + a.transposed()) * 0.5 }

    /// max |aᵢ − bᵢ|.
    static func maxDifference(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
        precondition(a.shape == b.shape, "comparing shapes \(a.shape) and \(b.shape)")
        return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// max |aᵢ − bᵢ| over arrays.
    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "comparing \(a.count) and \(b.count) values")
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// max |aᵢ − bᵢ| / max(1, max |bᵢ|): an error relative to the reference's scale.
    static func relativeDifference(_ a: Tensor<Double>, _ reference: Tensor<Double>) -> Double {
        maxDifference(a, reference) / max(1, LinearAlgebra.maxAbsoluteEntry(reference))
    }

    /// diag(values) as a matrix.
    static func diagonal(_ values: [Double]) -> Tensor<Double> { LinearAlgebra.diagonalMatrix(values) }
}
