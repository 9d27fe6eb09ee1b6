#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The squared maximum mean discrepancy between two point clouds with Gaussian (RBF) kernels
/// k_γ(x, y) = exp(−γ‖x − y‖²), averaged over several bandwidths γ (the CellOT evaluation):
///
///     MMD²_γ(X, Y) = (1/n²) Σᵢⱼ k_γ(xᵢ, xⱼ) + (1/m²) Σᵢⱼ k_γ(yᵢ, yⱼ) − (2/nm) Σᵢⱼ k_γ(xᵢ, yⱼ)
///     MMD(X, Y)    = mean over γ of MMD²_γ(X, Y)
///
/// This is the **biased** (V-statistic) estimate: the diagonal terms k(x, x) = 1 are kept, so it is ≥ 0, it is
/// exactly 0 for identical clouds, and it overestimates the population MMD² by O(1/n + 1/m).
public struct MaximumMeanDiscrepancy: Sendable, Hashable, Codable {
    /// The kernel bandwidths γ (each positive), averaged over.
    public var gammas: [Double]

    /// The CellOT bandwidths γ ∈ {2, 1, 0.5, 0.1, 0.01, 0.005}.
    public static let defaultGammas: [Double] = [2, 1, 0.5, 0.1, 0.01, 0.005]

    /// An estimator with the given bandwidths.
    /// - Precondition: at least one γ, all positive and finite.
    public init(gammas: [Double] = Self.defaultGammas) {
        precondition(
            !gammas.isEmpty && gammas.allSatisfy { $0 > 0 && $0.isFinite },
            "MMD needs positive finite bandwidths, got \(gammas)"
        )
        self.gammas = gammas
    }

    /// The mean over γ of the biased MMD²_γ between the rows of `x` [n, d] and `y` [m, d].
    /// - Precondition: both clouds non-empty with the same dimension d.
    /// - Complexity: (n + m)²·d for the distances, (n + m)² exponentials per γ.
    public func callAsFunction(_ x: Tensor<Double>, _ y: Tensor<Double>) -> Double {
        _ = PointCloud.commonDimension(x, y, "MMD")
        let xx = PointCloud.squaredDistances(x, x)
        let yy = PointCloud.squaredDistances(y, y)
        let xy = PointCloud.squaredDistances(x, y)
        var total = 0.0
        for gamma in gammas {
            total += Self.meanKernel(xx, gamma) + Self.meanKernel(yy, gamma) - 2 * Self.meanKernel(xy, gamma)
        }
        return total / Double(gammas.count)
    }

    /// The mean of exp(−γ·dᵢⱼ) over a distance matrix.
    private static func meanKernel(_ distances: [Double], _ gamma: Double) -> Double {
        var s = 0.0
        for v in distances { s += exp(-gamma * v) }
        return s / Double(distances.count)
    }
}
