/// The optimal transport map (squared Euclidean cost) between two Gaussians N(m_P, Σ_P) → N(m_Q, Σ_Q):
///
///     T(x) = m_Q + A(x − m_P),   A = Σ_P^{−1/2} (Σ_P^{1/2} Σ_Q Σ_P^{1/2})^{1/2} Σ_P^{−1/2}
///
/// (papers.md §2), the gradient of the convex potential ½(x − m_P)ᵀA(x − m_P) + m_Qᵀx. Built from known moments it
/// is the ground truth for Gaussian problems; fitted to samples (`init(fittingSource:target:)`) it is the "linear"
/// (Bures) baseline, which is exact only when both sides are Gaussian.
public struct GaussianTransportMap: Sendable {
    /// m_P, d values.
    public var sourceMean: [Double]
    /// m_Q, d values.
    public var targetMean: [Double]
    /// A, `[d, d]`, symmetric positive semidefinite.
    public var matrix: Tensor<Double>

    /// The map between given Gaussians.
    /// - Parameter eigenvalueFloor: nil to reject singular source covariances, or a floor f > 0 on the eigenvalues
    ///   (see `LinearAlgebra.gaussianTransportMatrix`).
    /// - Throws: `LinearAlgebra.Failure` when a covariance is not symmetric, not finite or (without a floor) the
    ///   source covariance is not positive definite.
    /// - Precondition: both moments have the same dimension.
    public init(from source: SampleMoments, to target: SampleMoments, eigenvalueFloor: Double? = nil) throws {
        precondition(
            source.mean.count == target.mean.count,
            "Gaussian map: dimensions \(source.mean.count) and \(target.mean.count) differ"
        )
        self.sourceMean = source.mean
        self.targetMean = target.mean
        self.matrix = try LinearAlgebra.gaussianTransportMatrix(
            from: source.covariance,
            to: target.covariance,
            eigenvalueFloor: eigenvalueFloor
        ).get()
    }

    /// The linear (Bures) baseline: the Gaussian map between the sample moments of `source` [n, d] and
    /// `target` [m, d]. Eigenvalues of the covariances are floored at `eigenvalueFloor` (default 1e-9·(1 + the
    /// largest variance)), so collinear samples do not fail.
    /// - Precondition: both clouds have at least 2 rows and the same dimension.
    public init(fittingSource source: Tensor<Double>, target: Tensor<Double>, eigenvalueFloor: Double? = nil) {
        let p = SampleMoments(of: source), q = SampleMoments(of: target)
        precondition(p.mean.count == q.mean.count, "Bures map: dimensions \(source.shape) and \(target.shape) differ")
        var largest = 0.0
        for k in 0..<p.mean.count { largest = Swift.max(largest, p.covariance[k, k], q.covariance[k, k]) }
        let floor = eigenvalueFloor ?? 1e-9 * (1 + largest)
        // With a positive floor only non-finite input can fail, and finite samples give finite moments.
        do {
            try self.init(from: p, to: q, eigenvalueFloor: floor)
        } catch {
            preconditionFailure("Bures map: \(error) (are the samples finite?)")
        }
    }

    /// T(x) = m_Q + A(x − m_P) for each row of `x` [n, d].
    /// - Precondition: `x` has d columns.
    public func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> {
        let d = sourceMean.count
        precondition(x.rank == 2 && x.shape[1] == d, "Gaussian map of dimension \(d) applied to shape \(x.shape)")
        let centred = x - Tensor(sourceMean)
        return matmul(centred, matrix) + Tensor(targetMean)  // A is symmetric: (x − m)A = ((A(x − m)ᵀ)ᵀ
    }

    /// W₂²(N(m_P, Σ_P), N(m_Q, Σ_Q)) = ‖m_P − m_Q‖² + tr Σ_P + tr Σ_Q − 2 tr (Σ_P^{1/2} Σ_Q Σ_P^{1/2})^{1/2}.
    /// - Throws: `LinearAlgebra.Failure` when a covariance is not symmetric positive semidefinite or not finite.
    /// - Precondition: both moments have the same dimension.
    public static func squaredWassersteinDistance(_ p: SampleMoments, _ q: SampleMoments) throws -> Double {
        let d = p.mean.count
        precondition(q.mean.count == d, "W2: dimensions \(d) and \(q.mean.count) differ")
        let root = try LinearAlgebra.squareRoot(ofPositiveDefinite: p.covariance).get()
        var middle = matmul(matmul(root, q.covariance), root)
        // Symmetrise the product's rounding so the eigendecomposition accepts it.
        middle = (middle + middle.transposed()) * 0.5
        let middleRoot = try LinearAlgebra.squareRoot(ofPositiveDefinite: middle).get()
        var value = 0.0
        for k in 0..<d {
            let e = p.mean[k] - q.mean[k]
            value += e * e + p.covariance[k, k] + q.covariance[k, k] - 2 * middleRoot[k, k]
        }
        return value
    }
}
