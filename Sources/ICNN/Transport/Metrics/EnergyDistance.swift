/// The energy distance between two point clouds (Székely & Rizzo), the MMD of the kernel −‖x − y‖:
///
///     E(X, Y) = (2/nm) Σᵢⱼ ‖xᵢ − yⱼ‖ − (1/n²) Σᵢⱼ ‖xᵢ − xⱼ‖ − (1/m²) Σᵢⱼ ‖yᵢ − yⱼ‖
///
/// V-statistic form: ≥ 0, exactly 0 for identical clouds, and a metric on laws with finite first moments. Used to
/// choose among transport maps in high dimension, where the Sinkhorn divergence with a small ε is dominated by
/// the sampling noise of a few hundred points and favours maps that contract (measured at d = 50 in
/// docs/TRANSPORT.md); with the squared cost and a large ε it sees little beyond the means.
public struct EnergyDistance: Sendable, Hashable, Codable {
    /// The estimator.
    public init() {}

    /// E(X, Y) between the rows of `x` [n, d] and `y` [m, d].
    /// - Precondition: both clouds non-empty with the same dimension d.
    /// - Complexity: (n + m)²·d.
    public func callAsFunction(_ x: Tensor<Double>, _ y: Tensor<Double>) -> Double {
        _ = PointCloud.commonDimension(x, y, "energy distance")
        func meanDistance(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
            let squared = PointCloud.squaredDistances(a, b)
            return squared.reduce(0.0) { $0 + $1.squareRoot() } / Double(squared.count)
        }
        return max(0, 2 * meanDistance(x, y) - meanDistance(x, x) - meanDistance(y, y))
    }
}
