#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning rate as a function of the step index, relative to a base rate.
///
/// Steps are counted from 0: the rate for the update about to be applied is `learningRate(at: optimizer.step,
/// base:)` (see `Optimizer.update(_:along:schedule:baseLearningRate:)`).
public enum LearningRateSchedule: Sendable, Hashable, Codable {
    /// The base rate at every step.
    case constant

    /// Optional linear warm-up, then cosine decay from the base rate to `floor`, then `floor`.
    ///
    /// With W = `warmupSteps` and N = `decaySteps`: for step s < W the rate is base·(s + 1)/W (so the first step
    /// is base/W and step W − 1 reaches base); for t = s − W in [0, N) it is
    /// floor + (base − floor)·(1 + cos(πt/N))/2 (base at t = 0, the midpoint at t = N/2); from t = N on it is
    /// `floor`. Unlike PyTorch's `CosineAnnealingLR`, the rate stays at the floor after N steps instead of rising.
    case cosine(decaySteps: Int, floor: Double = 0, warmupSteps: Int = 0)

    /// The base rate multiplied by `factor` every `every` steps: base·factor^⌊s / every⌋ (PyTorch's `StepLR`).
    case stepDecay(every: Int, factor: Double)

    /// The learning rate at a step.
    /// - Parameters:
    ///   - step: the 0-based index of the update.
    ///   - base: the base (peak) rate.
    /// - Returns: the rate for that update.
    /// - Precondition: `step ≥ 0`; `decaySteps`, `warmupSteps` ≥ 0; `every` > 0; `factor` ≥ 0.
    public func learningRate(at step: Int, base: Double) -> Double {
        require(step >= 0, "learning-rate schedule: negative step \(step)")
        switch self {
        case .constant:
            return base
        case let .cosine(decaySteps, floor, warmupSteps):
            require(
                decaySteps >= 0 && warmupSteps >= 0,
                "cosine schedule: negative step counts (decaySteps \(decaySteps), warmupSteps \(warmupSteps))"
            )
            if step < warmupSteps { return base * Double(step + 1) / Double(warmupSteps) }
            let t = step - warmupSteps
            if t >= decaySteps { return floor }
            let progress = Double(t) / Double(decaySteps)
            return floor + (base - floor) * 0.5 * (1 + cos(Double.pi * progress))
        case let .stepDecay(every, factor):
            require(every > 0, "step-decay schedule: period \(every) must be positive")
            require(factor >= 0, "step-decay schedule: factor \(factor) is negative or NaN")
            return base * pow(factor, Double(step / every))
        }
    }
}
