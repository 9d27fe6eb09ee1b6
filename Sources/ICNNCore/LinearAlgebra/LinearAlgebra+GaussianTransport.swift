extension LinearAlgebra {
    /// The matrix A of the optimal transport (Monge, squared Euclidean cost) map between Gaussians
    /// N(m₁, Σ₁) → N(m₂, Σ₂), T(x) = m₂ + A·(x − m₁), with
    ///
    ///     A = Σ₁^(−1/2)·(Σ₁^(1/2)·Σ₂·Σ₁^(1/2))^(1/2)·Σ₁^(−1/2).
    ///
    /// A is the unique symmetric positive semidefinite solution of A·Σ₁·A = Σ₂, so T pushes N(m₁, Σ₁) forward to
    /// N(m₂, Σ₂) exactly, and T is the gradient of the convex potential ½(x − m₁)ᵀA(x − m₁) + m₂ᵀx: the closed form
    /// that learned transport maps are checked against.
    ///
    /// Edge cases: Σ₁ must be positive definite (its inverse square root is needed); Σ₂ may be singular (a
    /// degenerate target), giving a singular A. With `eigenvalueFloor` f > 0, the eigenvalues of Σ₁ and of the
    /// middle matrix are raised to at least f first (regularised covariances); then nothing but shape or finiteness
    /// can fail. Accuracy: errors grow with κ(Σ₁); for κ(Σ₁) ≤ 1e4 the identity A·Σ₁·A = Σ₂ holds to about
    /// 1e-10 relative.
    /// - Parameters:
    ///   - sigma1: the source covariance, `[d, d]`, symmetric positive definite.
    ///   - sigma2: the target covariance, `[d, d]`, symmetric positive semidefinite.
    ///   - eigenvalueFloor: nil (the default) to reject invalid covariances, or a floor f > 0.
    /// - Returns: A as a `[d, d]` exactly symmetric tensor, or why a covariance was rejected.
    /// - Precondition: when both are square, they have the same shape; `eigenvalueFloor`, if given, is positive.
    /// - Complexity: about 25d³ flops.
    public static func gaussianTransportMatrix(
        from sigma1: Tensor<Double>,
        to sigma2: Tensor<Double>,
        eigenvalueFloor: Double? = nil
    ) -> Result<Tensor<Double>, Failure> {
        if let f = eigenvalueFloor {
            require(f > 0, "gaussianTransportMatrix: eigenvalueFloor must be positive, got \(f)")
        }
        let source: SymmetricEigendecomposition
        switch SymmetricEigendecomposition.compute(sigma1) {
        case .failure(let f): return .failure(f)
        case .success(let e): source = e
        }
        let target: (n: Int, entries: [Double])
        switch symmetricEntries(sigma2, tolerance: defaultSymmetryTolerance) {
        case .failure(let f): return .failure(f)
        case .success(let m): target = m
        }
        require(
            target.n == source.dimension,
            "gaussianTransportMatrix: covariances of shapes \(sigma1.shape) and \(sigma2.shape) differ"
        )
        let n = target.n
        // One eigendecomposition of Σ₁ gives both Σ₁^(1/2) and Σ₁^(−1/2).
        let lambda: [Double]
        switch source.clampedEigenvalues(floor: eigenvalueFloor, strictlyPositive: true) {
        case .failure(let f): return .failure(f)
        case .success(let v): lambda = v
        }
        let root = source.reconstructedEntries(lambda.map { $0.squareRoot() })
        let inverseRoot = source.reconstructedEntries(lambda.map { 1 / $0.squareRoot() })
        // C = Σ₁^(1/2)·Σ₂·Σ₁^(1/2), symmetric PSD; its square root.
        var middle = multiply(multiply(root, target.entries, n), root, n)
        symmetrize(&middle, n)
        let middleRoot: [Double]
        switch SymmetricEigendecomposition.compute(entries: middle, n: n) {
        case .failure(let f): return .failure(f)
        case .success(let e):
            switch e.clampedEigenvalues(floor: eigenvalueFloor, strictlyPositive: false) {
            case .failure(let f): return .failure(f)
            case .success(let v): middleRoot = e.reconstructedEntries(v.map { $0.squareRoot() })
            }
        }
        var a = multiply(multiply(inverseRoot, middleRoot, n), inverseRoot, n)
        symmetrize(&a, n)
        return .success(Tensor(shape: [n, n], scalars: a))
    }
}
