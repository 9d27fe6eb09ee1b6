import ICNNCore
import _ICNNTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Textbook Double implementations of the optimisers on flat arrays, written from the papers' and PyTorch's
/// formulas element by element (no folded coefficients), to check the fused kernels against.
enum OptimizerReference {
    /// One PyTorch SGD step. `buffer` is nil before the first step with momentum.
    static func sgd(
        _ x: inout [Double],
        _ g: [Double],
        buffer: inout [Double]?,
        learningRate lr: Double,
        momentum mu: Double,
        dampening: Double,
        nesterov: Bool,
        weightDecay wd: Double
    ) {
        var d = zip(g, x).map { $0 + wd * $1 }
        if mu > 0 {
            let b: [Double]
            if let old = buffer {
                b = zip(old, d).map { mu * $0 + (1 - dampening) * $1 }
            } else {
                b = d
            }
            buffer = b
            d = nesterov ? zip(d, b).map { $0 + mu * $1 } : b
        }
        for i in x.indices { x[i] -= lr * d[i] }
    }

    /// One Adam/AdamW step at 1-based step `t`: bias-corrected moments, m̂/(√v̂ + ε).
    static func adam(
        _ x: inout [Double],
        _ g: [Double],
        m: inout [Double],
        v: inout [Double],
        t: Int,
        learningRate lr: Double,
        beta1: Double,
        beta2: Double,
        epsilon: Double,
        l2: Double,
        decoupled: Double
    ) {
        for i in x.indices {
            let d = g[i] + l2 * x[i]
            x[i] *= 1 - lr * decoupled
            m[i] = beta1 * m[i] + (1 - beta1) * d
            v[i] = beta2 * v[i] + (1 - beta2) * d * d
            let mHat = m[i] / (1 - pow(beta1, Double(t)))
            let vHat = v[i] / (1 - pow(beta2, Double(t)))
            x[i] -= lr * mHat / (vHat.squareRoot() + epsilon)
        }
    }
}

/// The step tolerance for a scalar type (see `Tolerances+Optimizers.swift`).
func stepTolerance<S: TensorScalar>(_: S.Type) -> Double {
    S.self == Float.self ? Tolerances.optimizerStepFloat : Tolerances.optimizerStepDouble
}

/// The tolerance for tens of steps against a closed form.
func longRunTolerance<S: TensorScalar>(_: S.Type) -> Double {
    S.self == Float.self ? Tolerances.optimizerLongRunFloat : Tolerances.optimizerLongRunDouble
}

/// The largest error of `values` against `reference`, relative to max(1, |reference|).
func worstError<S: TensorScalar>(_ values: [S], _ reference: [Double]) -> Double {
    precondition(values.count == reference.count, "compared \(values.count) values with \(reference.count)")
    var worst = 0.0
    for (a, r) in zip(values, reference) { worst = max(worst, abs(Double(a) - r) / max(1, abs(r))) }
    return worst
}

/// Draws a tensor of `S` from N(0, 1) and returns it with its exact values in Double (the reference's inputs).
func drawNormal<S: TensorScalar>(
    _ shape: [Int],
    _ rng: inout SeededGenerator,
    as: S.Type = S.self
)
    -> (Tensor<S>, [Double])
{
    let t = Tensor<S>(normal: shape, using: &rng)
    return (t, t.scalars.map(Double.init))
}
