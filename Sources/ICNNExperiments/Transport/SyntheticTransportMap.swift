import Foundation
import ICNN

/// The HyCNN paper's synthetic transport problems (papers.md §2): a source law P and a known map T, the target
/// being T#P. Identity and diagonal scaling draw P = N(0, I); x + sign(x) and 4x³ draw P = Unif[−1, 1]^d. Each map
/// is the gradient of a convex function, so it is the optimal map for the squared cost.
public enum SyntheticTransportMap: String, Sendable, Hashable, CaseIterable, Codable {
    /// T(x) = x.
    case identity
    /// T(x)ᵢ = (1 + sin(i)/2)·xᵢ, i = 1 … d.
    case scaling
    /// T(x) = x + sign(x) (componentwise; the map splits the cube into 2^d corners).
    case sign
    /// T(x) = 4x³ (componentwise).
    case cube

    /// n independent draws of P, `[n, d]`.
    public func sourceSample(_ n: Int, dimension d: Int, using rng: inout SeededGenerator) -> Tensor<Double> {
        switch self {
        case .identity, .scaling: Tensor(normal: [n, d], using: &rng)
        case .sign, .cube: Tensor(uniform: [n, d], low: -1, high: 1, using: &rng)
        }
    }

    /// T applied to each row of `x` [n, d].
    public func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> {
        let d = x.shape[1]
        var out = x.scalars
        for (i, v) in out.enumerated() {
            out[i] =
                switch self {
                case .identity: v
                case .scaling: (1 + sin(Double(i % d + 1)) / 2) * v
                case .sign: v + (v > 0 ? 1 : v < 0 ? -1 : 0)
                case .cube: 4 * v * v * v
                }
        }
        return Tensor(shape: x.shape, scalars: out)
    }

    /// The paper's map MSE at d = 50: HyCNN, the best ICNN variant, entropic OT.
    public var paperFigures: (hycnn: Double, icnn: Double, entropic: Double) {
        switch self {
        case .identity: (0.386, 2.05, 32.8)
        case .scaling: (0.406, 2.02, 33.7)
        case .sign: (19.8, 24.8, 89.2)
        case .cube: (19.8, 21.9, 82.2)
        }
    }
}
