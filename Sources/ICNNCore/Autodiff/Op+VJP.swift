/// Vector-Jacobian products, one per primitive op, written with tensor operations.
///
/// When the backward pass is asked for a graph (`createGraph: true`), the inputs, output and upstream gradient
/// passed here are tracked, so every operation below is recorded and the gradient is differentiable again. When
/// it is not, they are plain values and the same code only computes. Masks and other piecewise-constant factors
/// (the ReLU step, the maxout lane choice) are computed as untracked constants: their derivative is zero almost
/// everywhere, which is exactly why the Hessian of a ReLU network vanishes almost everywhere.
extension Op {
    /// The gradients of the inputs given the gradient `g` of the output; `nil` where an input gets none.
    /// `needed[k]` says whether input k's gradient is wanted: the products skip the GEMMs of the others (e.g.
    /// g·W for a data input), which is most of the waste a backward pass would otherwise do.
    func vjp(
        _ g: Tensor<Scalar>,
        inputs x: [Tensor<Scalar>],
        output y: Tensor<Scalar>,
        needed: [Bool]
    )
        -> [Tensor<Scalar>?]
    {
        switch self {
        case .leaf:
            return []
        case .unary(let kernel):
            return [unaryVJP(kernel, g, x[0], y)]
        case .softplus(let s):
            // The sigmoid saved by the forward pass; with a graph it is recorded as the sigmoid of x (its value
            // reused), so the gradient stays differentiable.
            if !g.isTracked && !x[0].isTracked { return [Tensor.constant(.multiply, g, s)] }
            return [g * x[0].recording(.unary(.sigmoid), s)]
        case .logSumExp(let tau, let w):
            // The weight saved by the forward pass; with a graph it is recorded as the weight op of (a, b) with its
            // value reused (one record instead of the subtract, scale and sigmoid that recompute it).
            let weight =
                x[0].isTracked || x[1].isTracked ? Tensor.recording(.binary(.logSumExpWeight(tau)), x[0], x[1], w) : w
            let ga = g * weight
            return [ga, g - ga]
        case .binary(let kernel):
            let (ga, gb) = binaryVJP(kernel, g, x[0], x[1], y)
            return [ga.map { $0.summed(toShape: x[0].shape) }, gb.map { $0.summed(toShape: x[1].shape) }]
        case .matmul(let ta, let tb):
            let a = x[0], b = x[1]
            let ga: Tensor<Scalar>?, gb: Tensor<Scalar>?
            switch (ta, tb) {
            case (false, false):  // C = A B
                ga = needed[0] ? ICNNCore.matmul(g, b, transposeB: true) : nil
                gb = needed[1] ? ICNNCore.matmul(a, g, transposeA: true) : nil
            case (false, true):  // C = A Bᵀ
                ga = needed[0] ? ICNNCore.matmul(g, b) : nil
                gb = needed[1] ? ICNNCore.matmul(g, a, transposeA: true) : nil
            case (true, false):  // C = Aᵀ B
                ga = needed[0] ? ICNNCore.matmul(b, g, transposeB: true) : nil
                gb = needed[1] ? ICNNCore.matmul(a, g) : nil
            case (true, true):  // C = Aᵀ Bᵀ
                ga = needed[0] ? ICNNCore.matmul(b, g, transposeA: true, transposeB: true) : nil
                gb = needed[1] ? ICNNCore.matmul(g, a, transposeA: true, transposeB: true) : nil
            }
            return [ga, gb]
        case .linear:
            let gx = needed[0] ? ICNNCore.matmul(g, x[1]) : nil
            let gw = needed[1] ? ICNNCore.matmul(g, x[0], transposeA: true) : nil
            guard x.count == 3 else { return [gx, gw] }
            return [gx, gw, needed[2] ? g.summed(toShape: x[2].shape) : nil]
        case .sumToShape:
            return [g.broadcast(to: x[0].shape)]
        case .broadcastToShape:
            return [g.summed(toShape: x[0].shape)]
        case .reshape:
            return [g.reshaped(x[0].shape)]
        case .transpose:
            return [g.transposed()]
        case .slice(let axis, let start):
            return [g.embedded(axis: axis, start: start, extent: x[0].shape[axis])]
        case .embed(let axis, let start):
            return [g.sliced(axis: axis, start: start, length: x[0].shape[axis])]
        case .gather(let index):
            return [g.scatterAdded(index)]
        case .scatterAdd(let index):
            return [g.gathered(index)]
        case .concatenate(let axis):
            var start = 0
            return x.map { input in
                defer { start += input.shape[axis] }
                return g.sliced(axis: axis, start: start, length: input.shape[axis])
            }
        }
    }

    private func unaryVJP(
        _ kernel: _UnaryKernel<Scalar>,
        _ g: Tensor<Scalar>,
        _ x: Tensor<Scalar>,
        _ y: Tensor<Scalar>
    ) -> Tensor<Scalar>? {
        switch kernel {
        case .negate: return -g
        case .exp: return g * y
        case .log: return g / x
        case .square: return (g * x) * 2
        case .squareRoot: return (g / y) * 0.5
        case .reciprocal: return -(g * y * y)
        case .absolute: return g * x.detached.constant(.sign)
        case .tanh:
            let gy = g * y
            return g - gy * y
        case .relu:
            if !g.isTracked { return Tensor.constant(.multiplyReluMask, g, x.detached) }
            return g * x.detached.constant(.reluMask)
        case .leakyRelu(let slope): return g * x.detached.constant(.leakyReluSlope(slope))
        case .softplus:
            if !g.isTracked && !x.isTracked { return Tensor.constant(.multiplySigmoid, g, x) }
            return g * x.sigmoid()
        case .sigmoid:
            if !g.isTracked && !y.isTracked { return Tensor.constant(.multiplySigmoidDerivative, g, y) }
            let gy = g * y
            return gy - gy * y
        case .clamp(let lo, let hi): return g * x.detached.constant(.clampMask(lo, hi))
        case .scale(let c): return g * c
        case .shift: return g
        case .reluMask, .leakyReluSlope, .clampMask, .fill, .sign: return nil
        }
    }

    private func binaryVJP(
        _ kernel: _BinaryKernel<Scalar>,
        _ g: Tensor<Scalar>,
        _ a: Tensor<Scalar>,
        _ b: Tensor<Scalar>,
        _ y: Tensor<Scalar>
    ) -> (Tensor<Scalar>?, Tensor<Scalar>?) {
        switch kernel {
        case .add: return (g, g)
        case .subtract: return (g, -g)
        case .multiply: return (g * b, g * a)
        case .divide: return (g / b, -(g * y) / b)
        case .maximum:
            // Ties send the whole gradient to the first lane (the one `maximum` returns).
            let mask = Tensor.constant(.firstLaneMask, a.detached, b.detached)
            let ga = g * mask
            return (ga, g - ga)
        case .logSumExp(let tau):
            let w = Tensor.logSumExpWeight(a, b, temperature: tau)
            let ga = g * w
            return (ga, g - ga)
        case .logSumExpWeight(let tau):
            // y = sigmoid((a − b)/τ): dy/da = y(1 − y)/τ = −dy/db. Only recorded by the log-sum-exp VJP.
            let t: Tensor<Scalar>
            if !g.isTracked && !y.isTracked {
                t = Tensor.constant(.multiplySigmoidDerivative, g, y)
            } else {
                let gy = g * y
                t = gy - gy * y
            }
            let ga = t * (1 / tau)
            return (ga, -ga)
        case .firstLaneMask, .multiplySigmoid, .multiplySigmoidDerivative, .multiplyReluMask:
            return (nil, nil)
        }
    }
}
