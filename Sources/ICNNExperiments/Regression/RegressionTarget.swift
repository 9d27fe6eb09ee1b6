import ICNN

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The six target functions of the HyCNN convex regression study (papers.md §2), on x ∈ R^d.
///
/// f1 ‖x‖², f2 ‖x‖₄⁴, f3 ‖x‖² + 0.25·sin(20‖x‖) (not convex; always fitted without noise), f4 ‖x‖₁,
/// f5 exp(‖x‖₁/√d), f6 max(‖x − μ‖², ‖x + μ‖²) with a shift μ ~ N(0, I/d) drawn per seed (`RegressionData`).
public enum RegressionTarget: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case f1, f2, f3, f4, f5, f6

    /// The formula, as printed in tables.
    public var formula: String {
        switch self {
        case .f1: "‖x‖²"
        case .f2: "‖x‖₄⁴"
        case .f3: "‖x‖² + 0.25 sin(20‖x‖)"
        case .f4: "‖x‖₁"
        case .f5: "exp(‖x‖₁/√d)"
        case .f6: "max(‖x−μ‖², ‖x+μ‖²)"
        }
    }

    /// Whether the function is convex (all but f3).
    public var isConvex: Bool { self != .f3 }

    /// Whether the protocol always fits it without noise (f3: its oscillation is below the noise level).
    public var isAlwaysNoiseless: Bool { self == .f3 }

    /// Whether it needs the shift μ (f6).
    public var needsShift: Bool { self == .f6 }

    public var description: String { rawValue }

    /// f(x) for one point, in Double.
    /// - Parameters:
    ///   - x: the point (d coordinates).
    ///   - shift: μ for f6 (d coordinates); ignored by the others.
    /// - Precondition: for f6, `shift.count == x.count`.
    public func value<C: Collection>(at x: C, shift: [Double] = []) -> Double where C.Element == Double {
        switch self {
        case .f1: return x.reduce(0) { $0 + $1 * $1 }
        case .f2: return x.reduce(0) { $0 + ($1 * $1) * ($1 * $1) }
        case .f3:
            let s = x.reduce(0) { $0 + $1 * $1 }
            return s + 0.25 * sin(20 * s.squareRoot())
        case .f4: return x.reduce(0) { $0 + abs($1) }
        case .f5: return exp(x.reduce(0) { $0 + abs($1) } / Double(x.count).squareRoot())
        case .f6:
            precondition(shift.count == x.count, "f6 needs a shift of \(x.count) coordinates, got \(shift.count)")
            var minus = 0.0, plus = 0.0
            for (xi, mi) in zip(x, shift) {
                minus += (xi - mi) * (xi - mi)
                plus += (xi + mi) * (xi + mi)
            }
            return Swift.max(minus, plus)
        }
    }

    /// f(x) for every row of x [n, d] → [n, 1] (evaluated in Double, rounded once to Float).
    /// - Precondition: x has rank 2; for f6, `shift.count == d`.
    public func values(_ x: Tensor<Float>, shift: [Double] = []) -> Tensor<Float> {
        precondition(x.rank == 2, "targets take a batch [n, d], got shape \(x.shape)")
        let (n, d) = (x.shape[0], x.shape[1])
        var out = [Float](repeating: 0, count: n)
        x.withUnsafeBufferPointer { p in
            var row = [Double](repeating: 0, count: d)
            for r in 0..<n {
                for j in 0..<d { row[j] = Double(p[r * d + j]) }
                out[r] = Float(value(at: row, shift: shift))
            }
        }
        return Tensor(shape: [n, 1], scalars: out)
    }
}
