/// Elementwise optimiser rules for `TensorScalar._optimizerUpdate`. Not API: use `SGD`, `Adam`, `AdamW` and
/// `GradientClipping`.
///
/// The caller computes every coefficient in Double (bias corrections, 1 − β, 1 − lr·λ) and rounds it once to
/// `Scalar`; the kernel then makes one pass over the buffers with no temporaries. In the formulas, `x` is the
/// buffer updated in place, `g` the gradient and `s0`, `s1` the state buffers of `_optimizerUpdate`.
public enum _UpdateRule<Scalar: TensorScalar>: Sendable {
    /// Plain SGD: x ← x − lr·(g + λ·x). No state.
    case sgd(learningRate: Scalar, weightDecay: Scalar)

    /// SGD with momentum as in PyTorch, with the buffer in `s0`: d = g + λ·x;
    /// s0 ← d on the first step, else μ·s0 + (1 − dampening)·d; x ← x − lr·(nesterov ? d + μ·s0 : s0).
    case momentum(
        learningRate: Scalar,
        momentum: Scalar,
        dampening: Scalar,
        weightDecay: Scalar,
        nesterov: Bool,
        firstStep: Bool
    )

    /// Adam and AdamW, with the first moment in `s0` and the second in `s1`:
    /// d = g + λ·x (coupled L2; λ = 0 for AdamW); s0 ← β₁·s0 + (1 − β₁)·d; s1 ← β₂·s1 + (1 − β₂)·d²;
    /// x ← x·decay − stepSize·s0 / (√s1 · inverseRootBiasCorrection2 + ε), where stepSize = lr / (1 − β₁ᵗ),
    /// inverseRootBiasCorrection2 = 1/√(1 − β₂ᵗ) and decay = 1 − lr·λ_decoupled (1 for Adam).
    case adam(
        stepSize: Scalar,
        beta1: Scalar,
        oneMinusBeta1: Scalar,
        beta2: Scalar,
        oneMinusBeta2: Scalar,
        epsilon: Scalar,
        inverseRootBiasCorrection2: Scalar,
        weightDecay: Scalar,
        decay: Scalar
    )

    /// Returns Σ x² accumulated in Double; `x` is only read.
    case sumOfSquares

    /// x ← min(max(x, −limit), limit); NaN stays NaN.
    case clamp(limit: Scalar)
}

extension _UpdateRule {
    /// Whether the update runs with subnormal operands and results flushed to zero: the steps that keep
    /// geometrically decaying state (momentum and moments), not the exact reductions and clamps.
    var flushesSubnormals: Bool {
        switch self {
        case .sgd, .momentum, .adam: true
        case .sumOfSquares, .clamp: false
        }
    }
}
