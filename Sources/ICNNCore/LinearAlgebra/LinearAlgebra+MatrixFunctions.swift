/// Functions of symmetric matrices through their eigendecomposition: f(A) = V·diag(f(λ))·Vᵀ.
extension SymmetricEigendecomposition {
    /// V·diag(f(λ))·Vᵀ, exactly symmetric (the upper triangle is computed and mirrored).
    /// - Parameter f: applied to each eigenvalue.
    /// - Returns: an `[n, n]` tensor.
    /// - Complexity: n³ multiply-adds.
    public func reconstructed(applying f: (Double) -> Double) -> Tensor<Double> {
        Tensor(shape: [dimension, dimension], scalars: reconstructedEntries(eigenvalues.map(f)))
    }

    /// V·diag(values)·Vᵀ as row-major entries.
    func reconstructedEntries(_ values: [Double]) -> [Double] {
        let n = dimension
        var out = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            let w = values[k]
            if w == 0 { continue }
            let row = k * n
            for i in 0..<n {
                let wi = w * vectorRows[row + i]
                if wi == 0 { continue }
                for j in i..<n { out[i * n + j] += wi * vectorRows[row + j] }
            }
        }
        for i in 0..<n {
            for j in 0..<i { out[i * n + j] = out[j * n + i] }
        }
        return out
    }

    /// The eigenvalues clamped for a square root (`minimum` = 0) or inverse square root (`minimum` > 0), or the
    /// offending eigenvalue.
    ///
    /// With a floor, every eigenvalue below it is raised to it. Without, eigenvalues within the rounding allowance
    /// δ = n·ε·max|λ| of zero are treated as zero (square root) and anything lower, or for the inverse square root
    /// anything ≤ δ, is a failure.
    func clampedEigenvalues(floor: Double?, strictlyPositive: Bool) -> Result<[Double], LinearAlgebra.Failure> {
        if let floor { return .success(eigenvalues.map { Swift.max($0, floor) }) }
        var largest = 0.0
        for v in eigenvalues { largest = Swift.max(largest, abs(v)) }
        let allowance = Double(Swift.max(dimension, 1)) * Double.ulpOfOne * largest
        var out = eigenvalues
        for (k, v) in eigenvalues.enumerated() {
            if strictlyPositive ? v <= allowance : v < -allowance { return .failure(.nonPositiveEigenvalue(v)) }
            out[k] = Swift.max(v, 0)
        }
        return .success(out)
    }
}

extension LinearAlgebra {
    /// The symmetric positive semidefinite square root S of a symmetric positive (semi)definite matrix: S·S = A,
    /// S = V·diag(√λ)·Vᵀ.
    ///
    /// Edge cases: eigenvalues within n·ε·max|λ| below zero are rounding and are taken as 0, so a singular PSD
    /// matrix has a (singular) root. Without a floor, a clearly negative eigenvalue is a failure. With
    /// `eigenvalueFloor` f, every eigenvalue below f is first raised to f (a regularisation that never fails).
    /// - Parameters:
    ///   - matrix: an `[n, n]` symmetric tensor.
    ///   - eigenvalueFloor: nil (the default) to reject indefinite input, or a floor f ≥ 0.
    /// - Returns: an `[n, n]` exactly symmetric tensor, or `.notSquare`, `.nonFinite`, `.notSymmetric`,
    ///   `.nonPositiveEigenvalue(λ)` with the offending eigenvalue.
    /// - Precondition: `eigenvalueFloor`, if given, is ≥ 0.
    /// - Complexity: about 10n³ flops.
    public static func squareRoot(
        ofPositiveDefinite matrix: Tensor<Double>,
        eigenvalueFloor: Double? = nil
    ) -> Result<Tensor<Double>, Failure> {
        if let f = eigenvalueFloor { require(f >= 0, "squareRoot: eigenvalueFloor must be ≥ 0, got \(f)") }
        return SymmetricEigendecomposition.compute(matrix).flatMap { eig in
            eig.clampedEigenvalues(floor: eigenvalueFloor, strictlyPositive: false).map { values in
                Tensor(shape: matrix.shape, scalars: eig.reconstructedEntries(values.map { $0.squareRoot() }))
            }
        }
    }

    /// The inverse square root A^(−1/2) = V·diag(1/√λ)·Vᵀ of a symmetric positive definite matrix, so that
    /// A^(−1/2)·A·A^(−1/2) = I.
    ///
    /// Edge cases: without a floor, an eigenvalue ≤ n·ε·max|λ| (zero or negative to working precision) is a
    /// failure. With `eigenvalueFloor` f > 0, every eigenvalue below f is raised to f first (never fails).
    /// Accuracy: the relative error grows like κ(A)^(1/2)·nε.
    /// - Parameters:
    ///   - matrix: an `[n, n]` symmetric tensor.
    ///   - eigenvalueFloor: nil (the default) to reject singular or indefinite input, or a floor f > 0.
    /// - Returns: an `[n, n]` exactly symmetric tensor, or `.notSquare`, `.nonFinite`, `.notSymmetric`,
    ///   `.nonPositiveEigenvalue(λ)`.
    /// - Precondition: `eigenvalueFloor`, if given, is positive.
    /// - Complexity: about 10n³ flops.
    public static func inverseSquareRoot(
        ofPositiveDefinite matrix: Tensor<Double>,
        eigenvalueFloor: Double? = nil
    ) -> Result<Tensor<Double>, Failure> {
        if let f = eigenvalueFloor {
            require(f > 0, "inverseSquareRoot: eigenvalueFloor must be positive, got \(f)")
        }
        return SymmetricEigendecomposition.compute(matrix).flatMap { eig in
            eig.clampedEigenvalues(floor: eigenvalueFloor, strictlyPositive: true).map { values in
                Tensor(shape: matrix.shape, scalars: eig.reconstructedEntries(values.map { 1 / $0.squareRoot() }))
            }
        }
    }
}
