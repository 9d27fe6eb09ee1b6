#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entropic OT baseline: the barycentric projection of the Sinkhorn plan between source and target samples,
/// extended to new points through the target potential g (Pooladian & Niles-Weed 2021):
///
///     T_ε(x) = Σⱼ wⱼ(x)·yⱼ,   wⱼ(x) = e^{(gⱼ − ‖x − yⱼ‖²)/ε} / Σₖ e^{(gₖ − ‖x − yₖ‖²)/ε}
///
/// At a training source point xᵢ this is exactly Σⱼ πᵢⱼ yⱼ / Σⱼ πᵢⱼ. Large ε shrinks every point toward the target
/// mean; small ε approaches the (discrete) OT map. The ε grid is {0.1, 1, 10} (cost units, ‖x − y‖²).
public struct EntropicTransportMap: Sendable {
    /// The target samples y₁ … y_m, `[m, d]`.
    public var target: Tensor<Double>
    /// The target potential g (m values) of the Sinkhorn solution.
    public var targetPotential: [Double]
    /// ε, the regularisation the plan was computed with.
    public var epsilon: Double
    /// Whether the Sinkhorn run reached its tolerance.
    public var converged: Bool

    /// Solves entropic OT between `source` [n, d] and `target` [m, d] with `sinkhorn`.
    /// - Precondition: as for `Sinkhorn.solve`.
    public init(source: Tensor<Double>, target: Tensor<Double>, sinkhorn: Sinkhorn) {
        let solution = sinkhorn.solve(source, target)
        self.target = target
        self.targetPotential = solution.targetPotential
        self.epsilon = sinkhorn.epsilon
        self.converged = solution.converged
    }

    /// T_ε(x) for each row of `x` [k, d].
    /// - Precondition: `x` has d columns.
    /// - Complexity: k·m·d.
    public func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> {
        let d = PointCloud.commonDimension(x, target, "entropic map")
        let (k, m) = (x.shape[0], target.shape[0])
        let cost = PointCloud.squaredDistances(x, target)
        var out = [Double](repeating: 0, count: k * d)
        var weights = [Double](repeating: 0, count: m)
        target.withUnsafeBufferPointer { y in
            for i in 0..<k {
                var largest = -Double.infinity
                for j in 0..<m { largest = Swift.max(largest, targetPotential[j] - cost[i * m + j]) }
                var total = 0.0
                for j in 0..<m {
                    weights[j] = exp((targetPotential[j] - cost[i * m + j] - largest) / epsilon)
                    total += weights[j]
                }
                for j in 0..<m {
                    let w = weights[j] / total
                    for c in 0..<d { out[i * d + c] += w * y[j * d + c] }
                }
            }
        }
        return Tensor(shape: [k, d], scalars: out)
    }
}
