#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A batch of convex problems  min_{lower ≤ y ≤ upper} f(xᵦ, y) − ε·Σⱼ H((yⱼ − lⱼ)/(uⱼ − lⱼ)),  one per condition
/// row xᵦ, sharing the objective f and the box. H(t) = −t log t − (1 − t) log(1 − t) is the binary entropy; the
/// entropy weight ε ≥ 0 is 0 for plain minimisation and positive for the entropy-regularised problem of the
/// bundle entropy method (Amos et al. 2017, §5.2), which needs a bounded box.
public struct ConvexProblem: Sendable {
    /// The function f(x, y), convex in y.
    public var objective: ConvexObjective
    /// One row of `objective.conditionInputs.count` values per problem (an empty row when f has no conditions).
    public var conditions: [[Float]]
    /// Lower bounds per convex input (−∞ for none).
    public var lower: [Double]
    /// Upper bounds per convex input (+∞ for none).
    public var upper: [Double]
    /// The entropy weight ε ≥ 0.
    public var entropyWeight: Double

    /// A validated problem batch.
    /// - Parameters:
    ///   - objective: f.
    ///   - conditions: B rows of condition values; `[[]]` (one problem) when f is convex in every input.
    ///   - lower: n lower bounds, or one value for all convex inputs; nil for −∞.
    ///   - upper: n upper bounds, or one value for all; nil for +∞.
    ///   - entropyWeight: ε ≥ 0; ε > 0 needs finite bounds.
    /// - Throws: `MinimizationError` naming the bad bound or row: wrong counts, NaN, lower > upper, no rows, a
    ///   non-finite condition, ε < 0, or ε > 0 on an unbounded box.
    public init(
        _ objective: ConvexObjective,
        conditions: [[Float]] = [[]],
        lower: [Double]? = nil,
        upper: [Double]? = nil,
        entropyWeight: Double = 0
    ) throws {
        let n = objective.convexCount
        func expand(_ b: [Double]?, _ name: String, _ fill: Double) throws -> [Double] {
            guard let b else { return Array(repeating: fill, count: n) }
            if b.count == 1 { return Array(repeating: b[0], count: n) }
            guard b.count == n else {
                throw MinimizationError("\(name) has \(b.count) values but the model has \(n) convex inputs")
            }
            return b
        }
        let lo = try expand(lower, "lower", -.infinity), up = try expand(upper, "upper", .infinity)
        for j in 0..<n {
            if lo[j].isNaN || up[j].isNaN { throw MinimizationError("bound \(j + 1) is NaN") }
            if lo[j] > up[j] {
                throw MinimizationError("lower bound \(lo[j]) exceeds upper bound \(up[j]) for convex input \(j + 1)")
            }
            if lo[j] == .infinity || up[j] == -.infinity {
                throw MinimizationError("empty box for convex input \(j + 1): [\(lo[j]), \(up[j])]")
            }
        }
        guard !conditions.isEmpty else { throw MinimizationError("no problems: the conditions have no rows") }
        let m = objective.conditionInputs.count
        for (r, row) in conditions.enumerated() {
            guard row.count == m else {
                throw MinimizationError("condition row \(r + 1) has \(row.count) values, expected \(m)")
            }
            if let k = row.firstIndex(where: { !$0.isFinite }) {
                throw MinimizationError("condition row \(r + 1), value \(k + 1) is not finite")
            }
        }
        guard entropyWeight >= 0 && entropyWeight.isFinite else {
            throw MinimizationError("the entropy weight must be finite and ≥ 0, got \(entropyWeight)")
        }
        if entropyWeight > 0, let j = (0..<n).first(where: { !lo[$0].isFinite || !up[$0].isFinite }) {
            throw MinimizationError("entropy regularisation needs finite bounds, convex input \(j + 1) has none")
        }
        self.objective = objective
        self.conditions = conditions
        self.lower = lo
        self.upper = up
        self.entropyWeight = entropyWeight
    }

    /// The number of problems B.
    public var count: Int { conditions.count }
    /// The number of convex inputs n.
    public var dimension: Int { objective.convexCount }
    /// Whether every bound is finite.
    public var isBounded: Bool { lower.allSatisfy(\.isFinite) && upper.allSatisfy(\.isFinite) }

    /// A starting point per problem: the box centre, the finite bound for half-bounded coordinates, 0 otherwise.
    public var defaultStart: [Double] {
        let centre = (0..<dimension).map { j -> Double in
            switch (lower[j].isFinite, upper[j].isFinite) {
            case (true, true): (lower[j] + upper[j]) / 2
            case (true, false): max(lower[j], 0)
            case (false, true): min(upper[j], 0)
            case (false, false): 0
            }
        }
        return Array((0..<count).map { _ in centre }.joined())
    }

    /// The box actually searched by the gradient methods: with ε > 0 it is shrunk by a relative 1e-9 so that the
    /// entropy's gradient stays finite (it is ±∞ at the faces; the regularised minimiser lies strictly inside).
    var searchBox: (lower: [Double], upper: [Double]) {
        guard entropyWeight > 0 else { return (lower, upper) }
        let margin = 1e-9
        return (
            (0..<dimension).map { lower[$0] + margin * (upper[$0] - lower[$0]) },
            (0..<dimension).map { upper[$0] - margin * (upper[$0] - lower[$0]) }
        )
    }

    /// The full objective (f − εH) and its gradient for `rows` at `y` (rows.count × n values), in one batched
    /// network evaluation.
    func evaluate(rows: [Int], y: [Double]) -> (values: [Double], gradients: [Double]) {
        var (values, gradients) = objective.evaluate(conditions, rows: rows, y: y)
        guard entropyWeight > 0 else { return (values, gradients) }
        let n = dimension
        for r in 0..<rows.count {
            for j in 0..<n {
                let width = upper[j] - lower[j]
                guard width > 0 else { continue }
                let t = (y[r * n + j] - lower[j]) / width
                values[r] += entropyWeight * negativeEntropy(t)
                gradients[r * n + j] += entropyWeight * (log(t) - log1p(-t)) / width
            }
        }
        return (values, gradients)
    }

    /// ‖P(y − g) − y‖∞ for one row (the box's projected-gradient mapping; zero exactly at a minimiser).
    func gradientMapping(_ y: ArraySlice<Double>, _ g: ArraySlice<Double>) -> Double {
        var m = 0.0
        for (j, (yj, gj)) in zip(y, g).enumerated() {
            m = max(m, abs(min(max(yj - gj, lower[j]), upper[j]) - yj))
        }
        return m
    }
}

/// −H(t) = t log t + (1 − t) log(1 − t), with 0 log 0 = 0; NaN outside [0, 1].
func negativeEntropy(_ t: Double) -> Double {
    guard t > 0 && t < 1 else { return t == 0 || t == 1 ? 0 : .nan }
    return t * log(t) + (1 - t) * log1p(-t)
}
