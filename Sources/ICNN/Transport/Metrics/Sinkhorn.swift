#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entropic optimal transport between two uniformly weighted point clouds with the squared Euclidean cost
/// c(x, y) = ‖x − y‖² (not ½‖x − y‖²), solved by log-domain Sinkhorn iterations, and the debiased Sinkhorn
/// divergence built on it (Feydy et al. 2019):
///
///     OT_ε(α, β) = min_π ⟨C, π⟩ + ε·KL(π ‖ α⊗β)  = max_{f, g} ⟨α, f⟩ + ⟨β, g⟩ − ε⟨α⊗β, e^{(f⊕g − C)/ε} − 1⟩
///     S_ε(α, β)  = OT_ε(α, β) − ½·OT_ε(α, α) − ½·OT_ε(β, β)
///
/// with α = (1/n)Σδ_{xᵢ}, β = (1/m)Σδ_{yⱼ}. The updates are the soft-minimum ("log-sum-exp") forms
/// fᵢ = −ε·log Σⱼ βⱼ e^{(gⱼ − Cᵢⱼ)/ε} and gⱼ = −ε·log Σᵢ αᵢ e^{(fᵢ − Cᵢⱼ)/ε}, stable for any ε > 0. After a g-update
/// the column marginals are exact, so the dual value reduces to ⟨α, f⟩ + ⟨β, g⟩; the iteration stops when the row
/// marginals are within `tolerance` in L¹ (Σᵢ |πᵢ· − αᵢ|) or after `maximumIterations` full (f, g) updates.
///
/// With `annealing`, ε starts at the largest cost and halves per (f, g) update down to the target ε (ε-scaling),
/// which warm-starts the potentials; the iterations at the target ε then converge to the same fixed point, far
/// sooner when ε is small relative to the costs.
///
/// Properties the tests check: S_ε(α, α) = 0; S_ε(α, α shifted by t) = ‖t‖² for every ε (the cross terms of the
/// squared cost are separable); OT_ε → the optimal assignment cost as ε → 0 (OT ≤ OT_ε ≤ OT + ε·log n for n = m).
/// Memory: the n×m cost matrix and its transpose (16·n·m bytes).
public struct Sinkhorn: Sendable, Hashable, Codable {
    /// The regularisation ε > 0, in units of the cost (squared distance).
    public var epsilon: Double
    /// The L¹ marginal violation at which the iteration stops.
    public var tolerance: Double
    /// The cap on (f, g) updates at the target ε (annealing stages not included).
    public var maximumIterations: Int
    /// Whether ε is annealed from the largest cost down to `epsilon` first.
    public var annealing: Bool

    /// A solver.
    /// - Precondition: ε > 0, tolerance > 0, maximumIterations ≥ 1.
    public init(epsilon: Double = 0.1, tolerance: Double = 1e-6, maximumIterations: Int = 5000, annealing: Bool = true)
    {
        precondition(epsilon > 0 && epsilon.isFinite, "Sinkhorn: ε must be positive and finite, got \(epsilon)")
        precondition(tolerance > 0, "Sinkhorn: the tolerance must be positive, got \(tolerance)")
        precondition(maximumIterations >= 1, "Sinkhorn: at least one iteration, got \(maximumIterations)")
        self.epsilon = epsilon
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.annealing = annealing
    }

    /// The result of `solve`.
    public struct Solution: Sendable {
        /// The dual potential f on the source points (n values), in cost units.
        public var sourcePotential: [Double]
        /// The dual potential g on the target points (m values).
        public var targetPotential: [Double]
        /// OT_ε = ⟨α, f⟩ + ⟨β, g⟩.
        public var cost: Double
        /// The (f, g) updates made at the target ε.
        public var iterations: Int
        /// The final L¹ row-marginal violation Σᵢ |πᵢ· − 1/n|.
        public var marginalError: Double
        /// Whether `marginalError` ≤ tolerance (otherwise the iteration cap was reached).
        public var converged: Bool
    }

    /// Solves entropic OT between the rows of `x` [n, d] and `y` [m, d] (uniform weights).
    /// - Precondition: both clouds non-empty with the same dimension, finite.
    /// - Complexity: n·m·d for the costs, then 2·n·m exponentials per update.
    public func solve(_ x: Tensor<Double>, _ y: Tensor<Double>) -> Solution {
        let cost = PointCloud.squaredDistances(x, y)
        return solve(cost: cost, rows: x.shape[0], columns: y.shape[0])
    }

    /// `solve(x, y)` started from a target potential g (m values, e.g. `targetPotential` of a solution for
    /// nearby source points and the same `y`) instead of zero, with no annealing: the iterations converge to the
    /// same fixed point, and far sooner when g is close to it. A `warmStart` of another length is ignored.
    /// - Precondition: as for `solve`.
    public func solve(_ x: Tensor<Double>, _ y: Tensor<Double>, warmStart: [Double]) -> Solution {
        let cost = PointCloud.squaredDistances(x, y)
        let usable = warmStart.count == y.shape[0] && warmStart.allSatisfy(\.isFinite)
        return solve(cost: cost, rows: x.shape[0], columns: y.shape[0], warmStart: usable ? warmStart : nil)
    }

    /// The debiased Sinkhorn divergence S_ε(x, y) = OT_ε(x, y) − ½OT_ε(x, x) − ½OT_ε(y, y), ≥ 0 up to the
    /// tolerance (not clamped). Each of the three problems runs to `tolerance` or the iteration cap; the two
    /// self-transport terms by `selfTransport`.
    /// - Precondition: as for `solve`.
    public func divergence(_ x: Tensor<Double>, _ y: Tensor<Double>) -> Double {
        solve(x, y).cost - 0.5 * selfTransport(x).cost - 0.5 * selfTransport(y).cost
    }

    /// S_ε(x, y) for a sequence of clouds x against one fixed y (validation during training): the cross term
    /// starts from the previous call's target potential, and OT_ε(y, y) is computed once.
    public struct Tracker: Sendable {
        /// The solver.
        public let sinkhorn: Sinkhorn
        /// The fixed cloud y.
        public let target: Tensor<Double>
        /// ½·OT_ε(y, y).
        let halfTargetSelf: Double
        /// The last cross term's target potential (empty before the first call).
        var potential: [Double] = []
        /// The (f, g) updates of the last cross term.
        public private(set) var lastIterations = 0

        /// A tracker for `target`; solves OT_ε(y, y) now.
        public init(_ sinkhorn: Sinkhorn, target: Tensor<Double>) {
            self.sinkhorn = sinkhorn
            self.target = target
            halfTargetSelf = 0.5 * sinkhorn.selfTransport(target).cost
        }

        /// S_ε(x, y), equal to `sinkhorn.divergence(x, target)` up to the tolerance.
        public mutating func divergence(_ x: Tensor<Double>) -> Double {
            let cross = potential.isEmpty ? sinkhorn.solve(x, target) : sinkhorn.solve(x, target, warmStart: potential)
            potential = cross.targetPotential
            lastIterations = cross.iterations
            return cross.cost - 0.5 * sinkhorn.selfTransport(x).cost - halfTargetSelf
        }
    }

    /// Entropic OT of the cloud `x` [n, d] with itself, OT_ε(x, x), by the symmetric iteration
    /// f ← ½(f + T(f)) with T(f)ᵢ = −ε·log (1/n) Σⱼ e^{(fⱼ − Cᵢⱼ)/ε} (Feydy et al. 2019): the two optimal
    /// potentials of a problem with itself are equal, so one potential and one soft-minimum per step suffice, and
    /// averaging each step with the last makes the iteration settle in a few steps where the alternating one
    /// (`solve(x, x)`) oscillates for hundreds. It stops when the plan of (f, f) has row (and, by symmetry, column)
    /// marginals within `tolerance` in L¹; the reported cost is the dual value of (f, T(f)), whose column
    /// marginals are exact, as in `solve`. Annealing as in `solve`.
    /// - Returns: `sourcePotential` f, `targetPotential` T(f), the cost, the steps at the target ε.
    /// - Precondition: `x` non-empty and finite.
    public func selfTransport(_ x: Tensor<Double>) -> Solution {
        let n = x.shape[0]
        let c = PointCloud.squaredDistances(x, x)
        precondition(c.allSatisfy(\.isFinite), "Sinkhorn: the costs are not all finite (NaN or infinite points?)")
        var f = [Double](repeating: 0, count: n), t = f
        func average() { for i in 0..<n { f[i] = 0.5 * (f[i] + t[i]) } }
        if annealing {
            var e = c.max() ?? 0
            while e > epsilon {
                Self.softMinimum(c, rows: n, columns: n, potential: f, epsilon: e, into: &t)
                average()
                e *= 0.5
            }
        }
        var error = Double.infinity
        var iterations = 0
        while iterations < maximumIterations {
            Self.softMinimum(c, rows: n, columns: n, potential: f, epsilon: epsilon, into: &t)
            iterations += 1
            error = 0
            for i in 0..<n { error += abs(expm1((f[i] - t[i]) / epsilon)) }
            error /= Double(n)
            if error <= tolerance { break }
            average()
        }
        var value = 0.0
        for i in 0..<n { value += (f[i] + t[i]) / Double(n) }
        return Solution(
            sourcePotential: f,
            targetPotential: t,
            cost: value,
            iterations: iterations,
            marginalError: error,
            converged: error <= tolerance
        )
    }

    /// Sinkhorn on a row-major n×m cost matrix with uniform weights.
    func solve(cost c: [Double], rows n: Int, columns m: Int, warmStart: [Double]? = nil) -> Solution {
        precondition(c.allSatisfy(\.isFinite), "Sinkhorn: the costs are not all finite (NaN or infinite points?)")
        var ct = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { ct[j * n + i] = c[i * m + j] } }
        var f = [Double](repeating: 0, count: n), g = warmStart ?? [Double](repeating: 0, count: m)
        if annealing && warmStart == nil {
            var e = c.max() ?? 0
            while e > epsilon {
                Self.softMinimum(c, rows: n, columns: m, potential: g, epsilon: e, into: &f)
                Self.softMinimum(ct, rows: m, columns: n, potential: f, epsilon: e, into: &g)
                e *= 0.5
            }
        }
        Self.softMinimum(c, rows: n, columns: m, potential: g, epsilon: epsilon, into: &f)
        var next = f
        var error = Double.infinity
        var iterations = 0
        while iterations < maximumIterations {
            Self.softMinimum(ct, rows: m, columns: n, potential: f, epsilon: epsilon, into: &g)
            iterations += 1
            // Row marginals of (f, g): πᵢ· = (1/n)·e^{(fᵢ − f'ᵢ)/ε} with f' the next f-update.
            Self.softMinimum(c, rows: n, columns: m, potential: g, epsilon: epsilon, into: &next)
            error = 0
            for i in 0..<n { error += abs(expm1((f[i] - next[i]) / epsilon)) }
            error /= Double(n)
            if error <= tolerance { break }
            swap(&f, &next)
        }
        var value = 0.0
        for v in f { value += v / Double(n) }
        for v in g { value += v / Double(m) }
        return Solution(
            sourcePotential: f,
            targetPotential: g,
            cost: value,
            iterations: iterations,
            marginalError: error,
            converged: error <= tolerance
        )
    }

    /// outᵢ = −ε·log((1/cols) Σⱼ e^{(hⱼ − Cᵢⱼ)/ε}) for a row-major rows×cols cost C, with the maximum factored out.
    static func softMinimum(
        _ c: [Double],
        rows: Int,
        columns: Int,
        potential h: [Double],
        epsilon: Double,
        into out: inout [Double]
    ) {
        c.withUnsafeBufferPointer { cp in
            h.withUnsafeBufferPointer { hp in
                out.withUnsafeMutableBufferPointer { op in
                    guard let cb = cp.baseAddress, let hb = hp.baseAddress, let ob = op.baseAddress else { return }
                    VectorMath.softMinimumRows(
                        cb,
                        rows: rows,
                        columns: columns,
                        potential: hb,
                        epsilon: epsilon,
                        into: ob
                    )
                }
            }
        }
    }
}
