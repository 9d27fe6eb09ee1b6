import Foundation

/// How the gate temperature τ of HyCNN potentials changes over the outer iterations of a transport fit
/// (papers.md §2: large τ suits high dimension; in 2-D the HyCNN paper cycles τ). Architectures without a smooth
/// gate ignore it.
public enum TemperatureSchedule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// τ stays as built.
    case constant
    /// Geometric cosine cycles from `high` down to `low` and back, `period` iterations each:
    /// τ_t = high·(low/high)^{(1 − cos(2πt/period))/2}.
    case cyclic(low: Float, high: Float, period: Int)
    /// Geometric decay from `from` at the first iteration to `to` at the last: τ_t = from·(to/from)^{t/(T−1)}.
    case annealed(from: Float, to: Float)

    /// τ at outer iteration t of T, or nil for `.constant`.
    public func temperature(at t: Int, of iterations: Int) -> Float? {
        switch self {
        case .constant:
            return nil
        case .cyclic(let low, let high, let period):
            let phase = (1 - cos(2 * Double.pi * Double(t % period) / Double(period))) / 2
            return Float(Double(high) * pow(Double(low) / Double(high), phase))
        case .annealed(let from, let to):
            let fraction = iterations > 1 ? Double(t) / Double(iterations - 1) : 1
            return Float(Double(from) * pow(Double(to) / Double(from), fraction))
        }
    }

    /// Why the schedule is unusable, or nil.
    public var violation: String? {
        switch self {
        case .constant: nil
        case .cyclic(let low, let high, let period):
            low > 0 && high >= low && high.isFinite && period >= 1
                ? nil : "a cyclic τ schedule needs 0 < low ≤ high and a period ≥ 1, got \(low), \(high), \(period)"
        case .annealed(let from, let to):
            from > 0 && to > 0 && from.isFinite && to.isFinite
                ? nil : "an annealed τ schedule needs positive finite temperatures, got \(from), \(to)"
        }
    }

    /// Parses `constant`, `cyclic:LOW:HIGH:PERIOD` or `anneal:FROM:TO` (the CLI's spelling); nil otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":").map(String.init)
        switch parts.first {
        case "constant" where parts.count == 1:
            self = .constant
        case "cyclic" where parts.count == 4:
            guard let low = Float(parts[1]), let high = Float(parts[2]), let period = Int(parts[3]) else { return nil }
            self = .cyclic(low: low, high: high, period: period)
        case "anneal" where parts.count == 3:
            guard let from = Float(parts[1]), let to = Float(parts[2]) else { return nil }
            self = .annealed(from: from, to: to)
        default:
            return nil
        }
        if violation != nil { return nil }
    }

    public var description: String {
        switch self {
        case .constant: "constant"
        case .cyclic(let low, let high, let period): "cyclic:\(low):\(high):\(period)"
        case .annealed(let from, let to): "anneal:\(from):\(to)"
        }
    }
}
