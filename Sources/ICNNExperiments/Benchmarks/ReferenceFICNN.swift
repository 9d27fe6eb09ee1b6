import ICNN

/// The benchmark network of `shared/bench` (Amos et al. eq. 2 without the quadratic term):
/// z₁ = softplus(W^y₀ y + b₀), z_{k+1} = softplus(W^z_k z_k + W^y_k y + b_k) for k = 1…L−1,
/// f(y) = w^z_L · z_L + w^y_L · y + b_L, with every W^z ≥ 0 (kept by clamping after each optimiser step).
/// Weights are stored [out, in] as in PyTorch and initialised as PyTorch's `nn.Linear` does
/// (uniform ±1/√fan-in), so both frameworks time the same arithmetic.
struct ReferenceFICNN {
    var wy: [Tensor<Float>]  // L+1 matrices: [h, d] × L, then [1, d]
    var by: [Tensor<Float>]  // L+1 biases: [h] × L, then [1]
    var wz: [Tensor<Float>]  // L matrices: [h, h] × (L−1), then [1, h]; all ≥ 0

    init(inputs d: Int, width h: Int, depth L: Int, using rng: inout SeededGenerator) {
        func uniform(_ shape: [Int], fanIn: Int) -> Tensor<Float> {
            let bound = 1 / Float(fanIn).squareRoot()
            return Tensor(uniform: shape, low: -bound, high: bound, using: &rng)
        }
        wy = (0..<L).map { _ in uniform([h, d], fanIn: d) } + [uniform([1, d], fanIn: d)]
        by = (0..<L).map { _ in uniform([h], fanIn: d) } + [uniform([1], fanIn: d)]
        wz = (0..<(L - 1)).map { _ in uniform([h, h], fanIn: h) } + [uniform([1, h], fanIn: h)]
        clampWeights()
    }

    /// All trainable tensors, in a fixed order.
    var parameters: [Tensor<Float>] {
        get { wy + by + wz }
        set {
            let n = wy.count
            wy = Array(newValue[0..<n])
            by = Array(newValue[n..<(2 * n)])
            wz = Array(newValue[(2 * n)...])
        }
    }

    /// Projects the z-path weights back onto the non-negative cone.
    mutating func clampWeights() {
        for k in wz.indices { wz[k].clamp(min: 0) }
    }

    /// One optimiser step on all parameters, then the clamp, in place: the parameters are moved out of the model
    /// first, so no second reference makes the update or the clamp copy them.
    mutating func step(_ optimizer: inout Adam<Float>, along gradients: [Tensor<Float>]) {
        let n = wy.count
        var p = parameters
        (wy, by, wz) = ([], [], [])
        optimizer.update(&p, along: gradients)
        for k in (2 * n)..<p.count { p[k].clamp(min: 0) }
        (wy, by, wz) = (Array(p[0..<n]), Array(p[n..<(2 * n)]), Array(p[(2 * n)...]))
    }

    /// f(y) for a batch y of shape [B, d]; the result has shape [B, 1].
    func callAsFunction(_ y: Tensor<Float>, parameters p: [Tensor<Float>]? = nil) -> Tensor<Float> {
        let p = p ?? parameters
        let n = self.wy.count  // L + 1
        func wy(_ k: Int) -> Tensor<Float> { p[k] }
        func by(_ k: Int) -> Tensor<Float> { p[n + k] }
        func wz(_ k: Int) -> Tensor<Float> { p[2 * n + k - 1] }  // W^z_k for k = 1…L
        let L = n - 1
        var z = linear(y, weight: wy(0), adding: by(0)).softplus()
        for k in 1..<L {
            z = linear(z, weight: wz(k), adding: linear(y, weight: wy(k), adding: by(k))).softplus()
        }
        return linear(z, weight: wz(L), adding: linear(y, weight: wy(L), adding: by(L)))
    }
}
