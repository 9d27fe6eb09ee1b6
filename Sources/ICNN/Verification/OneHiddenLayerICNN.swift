/// A one-hidden-layer ReLU ICNN with an affine skip:
///
///     f(x) = Σ_j a_j relu(w_j · x + b_j) + v · x + c,   a_j ≥ 0
///
/// the form of a convex one-hidden-layer ReLU network (Gagneux et al. 2025, papers.md §4): neurons with the same
/// kink hyperplane are merged (relu(−u) = relu(u) − u), and the network is convex on R^d iff every merged output
/// weight is ≥ 0. It is our FICNN with one hidden layer and ReLU (`model()`).
public struct OneHiddenLayerICNN: Sendable, Hashable {
    /// w_j, row-major [hidden, inputs].
    public var hiddenWeight: [Double]
    /// b_j, [hidden].
    public var hiddenBias: [Double]
    /// a_j ≥ 0, [hidden].
    public var outputWeight: [Double]
    /// v, [inputs].
    public var skip: [Double]
    /// c.
    public var constant: Double

    /// The input dimension.
    public var inputCount: Int { skip.count }
    /// The hidden width.
    public var width: Int { outputWeight.count }

    /// f(x).
    public func callAsFunction(_ x: [Double]) -> Double {
        let d = inputCount
        var f = constant
        for i in 0..<d { f += skip[i] * x[i] }
        for j in 0..<width {
            var u = hiddenBias[j]
            for i in 0..<d { u += hiddenWeight[j * d + i] * x[i] }
            f += outputWeight[j] * max(u, 0)
        }
        return f
    }

    /// The same network as a library model: `FICNN(inputs: d, widths: [width], activation: .relu)` with
    /// effective weights rounded to Float (so its certificate holds; values agree to Float rounding).
    public func model() -> Model<FICNN> {
        let d = inputCount, n = max(width, 1)
        let pad = n - width
        let architecture = FICNN(inputs: d, widths: [n], activation: .relu)
        func t(_ v: [Double], _ shape: [Int]) -> Tensor<Float> { Tensor(shape: shape, scalars: v.map { Float($0) }) }
        return Model(
            architecture,
            weights: [
                t(hiddenWeight + Array(repeating: 0, count: pad * d), [n, d]),
                t(hiddenBias + Array(repeating: 0, count: pad), [n]),
                t(outputWeight.map { max($0, 0) } + Array(repeating: 0, count: pad), [1, n]),
                t(skip, [1, d]), t([constant], [1]),
            ]
        )
    }
}
