import Foundation
import ICNN

/// The study's 2-D transport pairs, drawn to be looked at: N(0, I) → eight Gaussians on a ring, N(0, I) → two
/// moons, and a checkerboard → the complementary checkerboard.
public enum PlanarTransportPair: String, Sendable, Hashable, CaseIterable, Codable {
    /// N(0, I) → an equal mixture of N(2·(cos θₖ, sin θₖ), 0.2²·I), θₖ = 2πk/8.
    case ring = "gaussian-to-ring"
    /// N(0, I) → two interleaved half circles with N(0, 0.1²) noise, centred, scaled by 1.5.
    case moons = "gaussian-to-moons"
    /// Uniform on the dark squares of a 4 × 4 board on [−2, 2]² → uniform on the light squares.
    case checkerboard = "checkerboard"

    /// n draws of the source, `[n, 2]`.
    public func sourceSample(_ n: Int, using rng: inout SeededGenerator) -> Tensor<Double> {
        switch self {
        case .ring, .moons: Tensor(normal: [n, 2], using: &rng)
        case .checkerboard: Self.board(n, dark: true, using: &rng)
        }
    }

    /// n draws of the target, `[n, 2]`.
    public func targetSample(_ n: Int, using rng: inout SeededGenerator) -> Tensor<Double> {
        var out = [Double]()
        out.reserveCapacity(2 * n)
        switch self {
        case .ring:
            for _ in 0..<n {
                let angle = 2 * Double.pi * Double(rng.nextInt(below: 8)) / 8
                out += [2 * cos(angle) + 0.2 * rng.nextNormal(), 2 * sin(angle) + 0.2 * rng.nextNormal()]
            }
        case .moons:
            for _ in 0..<n {
                let t = Double.pi * rng.nextUniform()
                let (x, y) = rng.nextInt(below: 2) == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
                out += [1.5 * (x - 0.5 + 0.1 * rng.nextNormal()), 1.5 * (y - 0.25 + 0.1 * rng.nextNormal())]
            }
        case .checkerboard:
            return Self.board(n, dark: false, using: &rng)
        }
        return Tensor(shape: [n, 2], scalars: out)
    }

    /// Uniform points on the squares of a 4 × 4 board on [−2, 2]² whose cell indices (i + j) are even (dark) or
    /// odd (light).
    private static func board(_ n: Int, dark: Bool, using rng: inout SeededGenerator) -> Tensor<Double> {
        var out = [Double]()
        out.reserveCapacity(2 * n)
        while out.count < 2 * n {
            let x = rng.nextUniform(in: -2, 2), y = rng.nextUniform(in: -2, 2)
            let parity = (Int((x + 2).rounded(.down)) + Int((y + 2).rounded(.down))) % 2 == 0
            if parity == dark { out += [x, y] }
        }
        return Tensor(shape: [n, 2], scalars: out)
    }
}
