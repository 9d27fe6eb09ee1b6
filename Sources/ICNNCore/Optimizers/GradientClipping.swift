/// Gradient clipping over a list of gradient tensors, applied between the backward pass and the optimiser update.
public enum GradientClipping {
    /// The Euclidean norm of all elements of all tensors together, √(Σᵢ Σⱼ gᵢⱼ²), accumulated in Double.
    ///
    /// Squares of Float values are exact in Double and the sum is taken in a fixed order, so the result depends
    /// only on the values. Edge cases: an empty list or all zeros → 0; any NaN → NaN; any ±∞ → +∞; Double
    /// elements beyond about 1e154 in magnitude overflow the sum to +∞.
    /// - Parameter gradients: tensors of any shapes.
    /// - Returns: the global ℓ₂ norm (≥ 0, or NaN).
    /// - Complexity: one pass over the elements.
    public static func globalNorm<Scalar: TensorScalar>(_ gradients: [Tensor<Scalar>]) -> Double {
        var sum = 0.0
        for g in gradients {
            sum += Scalar._optimizerUpdate(.sumOfSquares, g.storage.base, nil, nil, nil, g.count)
        }
        return sum.squareRoot()
    }

    /// Rescales all gradients together so that their global norm is at most `maxNorm`, keeping their direction.
    ///
    /// When the global norm ‖g‖ exceeds `maxNorm`, every element is multiplied by maxNorm/‖g‖ (rounded once to
    /// `Scalar`), so the norm afterwards equals `maxNorm` up to rounding (a relative error of a few ulps of
    /// `Scalar`); otherwise nothing changes. Unlike `torch.nn.utils.clip_grad_norm_`, no 1e-6 is added to the
    /// norm. Tensors whose storage is not shared are scaled in place.
    ///
    /// Edge cases: zero gradients are left unchanged (norm 0). A NaN or infinite norm leaves the gradients
    /// unchanged and is returned, so the caller can skip the step.
    /// - Parameters:
    ///   - gradients: tensors of any shapes, scaled in place.
    ///   - maxNorm: the largest allowed global norm.
    /// - Returns: the global norm *before* clipping.
    /// - Precondition: `maxNorm ≥ 0`.
    @discardableResult
    public static func clipByGlobalNorm<Scalar: TensorScalar>(
        _ gradients: inout [Tensor<Scalar>],
        maxNorm: Double
    ) -> Double {
        require(maxNorm >= 0, "clipByGlobalNorm: maxNorm \(maxNorm) is negative or NaN")
        let norm = globalNorm(gradients)
        guard norm.isFinite, norm > maxNorm else { return norm }
        let factor = Scalar(maxNorm / norm)
        for i in gradients.indices {
            gradients[i].withUnsafeMutableBufferPointer { p in
                let base = p.baseAddress.unsafelyUnwrapped
                Scalar._unary(.scale(factor), base, base, p.count)
            }
        }
        return norm
    }

    /// Clamps every element of every gradient to [−limit, limit].
    ///
    /// Edge cases: NaN stays NaN; ±∞ becomes ±limit. Tensors whose storage is not shared are clamped in place.
    /// - Parameters:
    ///   - gradients: tensors of any shapes, clamped in place.
    ///   - limit: the largest allowed magnitude.
    /// - Precondition: `limit ≥ 0`.
    public static func clipByValue<Scalar: TensorScalar>(_ gradients: inout [Tensor<Scalar>], limit: Double) {
        require(limit >= 0, "clipByValue: limit \(limit) is negative or NaN")
        let rule = _UpdateRule<Scalar>.clamp(limit: Scalar(limit))
        for i in gradients.indices {
            gradients[i].withUnsafeMutableBufferPointer { p in
                _ = Scalar._optimizerUpdate(rule, p.baseAddress.unsafelyUnwrapped, nil, nil, nil, p.count)
            }
        }
    }
}
