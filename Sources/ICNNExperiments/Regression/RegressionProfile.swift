import Foundation
import ICNN

/// A "rotational profile" (HyCNN paper, Fig. 1c): the fitted function along a line through the origin,
/// t ↦ f̂(t·v) for a random unit direction v, beside the truth f(t·v), for t ∈ [−r, r] with r = √(d/3) the
/// root-mean-square norm of the training inputs.
public struct RegressionProfile: Sendable, Hashable {
    /// The run it comes from.
    public var key: RegressionRun.Key
    /// Which direction (0-based); direction k is the same unit vector for every run with the same d.
    public var direction: Int
    /// The positions t, the predictions f̂(t·v) and the truth f(t·v).
    public var t: [Double], prediction: [Double], truth: [Double]

    public init(key: RegressionRun.Key, direction: Int, t: [Double], prediction: [Double], truth: [Double]) {
        (self.key, self.direction, self.t, self.prediction, self.truth) = (key, direction, t, prediction, truth)
    }

    /// The unit directions for dimension d: normal vectors, normalised, from a generator seeded by d alone.
    public static func directions(dimension d: Int, count: Int) -> [[Double]] {
        var rng = SeededGenerator(seed: 0x9E0F_11E5 ^ UInt64(d))
        return (0..<count).map { _ in
            let v = (0..<d).map { _ in rng.nextNormal() }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / Swift.max(norm, 1e-300) }
        }
    }

    /// The profiles of a fitted model along `directions` at `points` evenly spaced positions.
    /// - Precondition: points ≥ 2.
    public static func measure<A: Architecture>(
        _ regressor: Regressor<A>,
        key: RegressionRun.Key,
        shift: [Double],
        directions: Int,
        points: Int
    ) -> [RegressionProfile] {
        precondition(points >= 2, "a profile needs at least 2 points")
        let d = key.dimension
        let radius = (Double(d) / 3).squareRoot()
        let t = (0..<points).map { -radius + 2 * radius * Double($0) / Double(points - 1) }
        return Self.directions(dimension: d, count: directions).enumerated().map { k, v in
            let x = Tensor<Float>(shape: [points, d], scalars: t.flatMap { ti in v.map { Float(ti * $0) } })
            let prediction = regressor.predict(x).scalars.map(Double.init)
            let truth = t.map { ti in key.target.value(at: v.map { ti * $0 }, shift: shift) }
            return RegressionProfile(key: key, direction: k, t: t, prediction: prediction, truth: truth)
        }
    }

    /// The header of `profiles.csv`.
    public static let csvHeader = [
        "target", "d", "noise", "family", "width", "depth", "seed", "direction", "t", "prediction", "truth",
    ]

    /// The profile as CSV lines (one per point, no trailing newline).
    public var csvLines: [String] {
        let prefix = [
            key.target.rawValue, "\(key.dimension)", "\(key.noise)", key.family.rawValue, "\(key.width)",
            "\(key.depth)", "\(key.seed)", "\(direction)",
        ].joined(separator: ",")
        return t.indices.map { i in
            prefix + "," + [t[i], prediction[i], truth[i]].map { String(format: "%.6g", $0) }.joined(separator: ",")
        }
    }

    /// All profiles in CSV form.
    public static func csv(_ profiles: [RegressionProfile]) -> String {
        ([csvHeader.joined(separator: ",")] + profiles.flatMap(\.csvLines)).joined(separator: "\n") + "\n"
    }

    /// Parses a `profiles.csv` written by `csv(_:)`, grouping consecutive points of one (run, direction).
    /// - Throws: `RegressionError` naming the line and column of the first malformed field.
    public static func parseCSV(_ text: String, file: String) throws -> [RegressionProfile] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { return [] }
        guard header.split(separator: ",").map(String.init) == csvHeader else {
            throw RegressionError(file: file, row: 1, reason: "the header is not '\(csvHeader.joined(separator: ","))'")
        }
        var out: [RegressionProfile] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let row = offset + 2
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == csvHeader.count else {
                throw RegressionError(file: file, row: row, reason: "\(f.count) fields, expected \(csvHeader.count)")
            }
            func bad(_ c: Int) -> RegressionError {
                RegressionError(file: file, row: row, column: csvHeader[c], reason: "'\(f[c])' is not valid here")
            }
            guard let target = RegressionTarget(rawValue: f[0]) else { throw bad(0) }
            guard let d = Int(f[1]), d >= 1 else { throw bad(1) }
            guard let noise = Double(f[2]), noise >= 0 else { throw bad(2) }
            guard let family = RegressionFamily(rawValue: f[3]) else { throw bad(3) }
            guard let width = Int(f[4]), width >= 1 else { throw bad(4) }
            guard let depth = Int(f[5]), depth >= 1 else { throw bad(5) }
            guard let seed = Int(f[6]), seed >= 0 else { throw bad(6) }
            guard let direction = Int(f[7]), direction >= 0 else { throw bad(7) }
            var values: [Double] = []
            for c in 8...10 {
                guard let v = Double(f[c]) else { throw bad(c) }
                values.append(v)
            }
            let key = RegressionRun.Key(
                target: target,
                dimension: d,
                noise: noise,
                family: family,
                width: width,
                depth: depth,
                seed: seed
            )
            if let last = out.last, last.key == key, last.direction == direction {
                out[out.count - 1].t.append(values[0])
                out[out.count - 1].prediction.append(values[1])
                out[out.count - 1].truth.append(values[2])
            } else {
                out.append(
                    RegressionProfile(
                        key: key,
                        direction: direction,
                        t: [values[0]],
                        prediction: [values[1]],
                        truth: [values[2]]
                    )
                )
            }
        }
        return out
    }
}
