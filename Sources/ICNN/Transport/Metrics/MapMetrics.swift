/// Metrics of a transport map T̂ against a known map T on sample points x₁ … xₙ ~ P, all in Double and
/// accumulated in Double. Points are rows of `[n, d]` tensors; `predicted` holds T̂(xᵢ), `truth` holds T(xᵢ).
///
/// - mean squared map error: (1/n) Σᵢ ‖T̂(xᵢ) − T(xᵢ)‖² (summed over coordinates, averaged over points: the HyCNN
///   paper's "map MSE");
/// - L2-UVP (Korotin et al. 2021): 100 · E‖T̂(x) − T(x)‖² / Var(Q) percent, with Var(Q) = E‖y − E y‖² the total
///   variance of the target Q = T#P;
/// - cosine of displacements (Korotin et al.): ⟨T̂ − id, T − id⟩ / (‖T̂ − id‖·‖T − id‖) in L²(P), one global
///   cosine (not a mean of per-point cosines).
public enum MapMetrics {
    /// The mean squared map error (1/n) Σᵢ ‖predictedᵢ − truthᵢ‖².
    /// - Precondition: both `[n, d]` with the same shape, n, d ≥ 1.
    public static func meanSquaredError(predicted: Tensor<Double>, truth: Tensor<Double>) -> Double {
        precondition(predicted.shape == truth.shape, "map error: shapes \(predicted.shape) and \(truth.shape) differ")
        let (n, _) = PointCloud.shape(predicted, "map error")
        var s = 0.0
        predicted.withUnsafeBufferPointer { p in
            truth.withUnsafeBufferPointer { t in
                for i in p.indices {
                    let e = p[i] - t[i]
                    s += e * e
                }
            }
        }
        return s / Double(n)
    }

    /// The total variance E‖y − E y‖² = trace of the covariance (the biased, 1/n, estimate) of the rows of `y`.
    /// - Precondition: `y` is `[n, d]` with n, d ≥ 1.
    public static func totalVariance(_ y: Tensor<Double>) -> Double {
        let (n, d) = PointCloud.shape(y, "total variance")
        let m = PointCloud.mean(y)
        var s = 0.0
        y.withUnsafeBufferPointer { p in
            for i in 0..<n {
                for k in 0..<d {
                    let e = p[i * d + k] - m[k]
                    s += e * e
                }
            }
        }
        return s / Double(n)
    }

    /// L2-UVP in percent: 100 · meanSquaredError(predicted, truth) / Var(Q).
    /// - Parameters:
    ///   - predicted: T̂(xᵢ), `[n, d]`.
    ///   - truth: T(xᵢ), `[n, d]`.
    ///   - targetVariance: Var(Q) = E‖y − E y‖² of the target; when nil, the total variance of `truth` (T(xᵢ) are
    ///     samples of Q = T#P).
    /// - Precondition: same shapes; the variance used is positive.
    public static func unexplainedVariancePercentage(
        predicted: Tensor<Double>,
        truth: Tensor<Double>,
        targetVariance: Double? = nil
    ) -> Double {
        let variance = targetVariance ?? totalVariance(truth)
        precondition(variance > 0, "L2-UVP: the target variance \(variance) is not positive")
        return 100 * meanSquaredError(predicted: predicted, truth: truth) / variance
    }

    /// The cosine between the displacements T̂(x) − x and T(x) − x in L²(P):
    /// Σᵢ⟨T̂(xᵢ) − xᵢ, T(xᵢ) − xᵢ⟩ / √(Σᵢ‖T̂(xᵢ) − xᵢ‖² · Σᵢ‖T(xᵢ) − xᵢ‖²), in [−1, 1].
    ///
    /// Edge case: when either map moves no point (a zero displacement), the cosine is undefined and NaN is returned.
    /// - Precondition: `source`, `predicted`, `truth` are `[n, d]` with the same shape.
    public static func displacementCosine(
        source: Tensor<Double>,
        predicted: Tensor<Double>,
        truth: Tensor<Double>
    ) -> Double {
        precondition(
            predicted.shape == source.shape && truth.shape == source.shape,
            "displacement cosine: shapes \(source.shape), \(predicted.shape), \(truth.shape) differ"
        )
        _ = PointCloud.shape(source, "displacement cosine")
        var dot = 0.0, predictedNorm = 0.0, truthNorm = 0.0
        source.withUnsafeBufferPointer { x in
            predicted.withUnsafeBufferPointer { p in
                truth.withUnsafeBufferPointer { t in
                    for i in x.indices {
                        let a = p[i] - x[i], b = t[i] - x[i]
                        dot += a * b
                        predictedNorm += a * a
                        truthNorm += b * b
                    }
                }
            }
        }
        guard predictedNorm > 0, truthNorm > 0 else { return .nan }
        return dot / (predictedNorm * truthNorm).squareRoot()
    }
}
