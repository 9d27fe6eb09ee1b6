import ICNN

/// Test problems with known minimisers.
enum SolverTestModels {
    /// A FICNN that is exactly f(y) = ½ Σⱼ aⱼ (yⱼ − cⱼ)² (quadratic first layer, identity activation): minimiser c,
    /// minimum 0, conjugate f*(v) = Σⱼ vⱼcⱼ + vⱼ²/(2aⱼ).
    /// - Precondition: a > 0, a.count == c.count.
    static func quadratic(a: [Float], c: [Float]) -> Model<FICNN> {
        let n = a.count
        let arch = FICNN(inputs: n, widths: [n], activation: .identity, quadraticFirstLayer: true)
        var identity = [Float](repeating: 0, count: n * n)
        for j in 0..<n { identity[j * n + j] = 1 }
        let offset = zip(a, c).reduce(Float(0)) { $0 + $1.0 * $1.1 * $1.1 / 2 }
        return Model(
            arch,
            weights: [
                Tensor(zeros: [n, n]), Tensor(zeros: [n]), Tensor(shape: [n, n], scalars: identity),
                Tensor(shape: [1, n], scalars: a.map { $0 / 2 }),
                Tensor(shape: [1, n], scalars: zip(a, c).map { -$0 * $1 }), Tensor([offset]),
            ]
        )
    }

    /// A sum of smoothed hinges f(y) = Σⱼ τ·softplus((yⱼ − cⱼ)/τ) + τ·softplus((cⱼ − yⱼ)/τ) ≈ Σⱼ |yⱼ − cⱼ|: symmetric
    /// about c, so its minimiser is exactly c, with curvature 1/(2τ) there.
    static func hinges(c: [Float], temperature tau: Float) -> ConvexObjective {
        let n = c.count
        let centre = Tensor(shape: [1, n], scalars: c)
        return ConvexObjective(inputCount: n, convexInputs: Array(0..<n)) { y in
            let d = y - centre
            return (d.softplus(temperature: tau) + (-d).softplus(temperature: tau))
                .sum(alongAxes: [1], keepingDimensions: true)
        }
    }
}

/// f(x, y) = ½‖y − (W x + b)‖² + ½ Σ softplus(V y + U x): smooth, 1-strongly convex in y, arbitrary in x; the
/// minimiser over y is near W x + b. Conditions x are columns 0..<m, convex inputs y columns m..<m+n.
struct StronglyConvexPICNN: Architecture {
    var conditions: Int
    var convex: Int
    var hidden: Int

    var inputCount: Int { conditions + convex }
    var convexInputs: [Int] { Array(conditions..<(conditions + convex)) }
    var slots: [ParameterSlot] {
        [
            ParameterSlot("w", [convex, conditions]), ParameterSlot("b", [convex]),
            ParameterSlot("v", [hidden, convex]), ParameterSlot("u", [hidden, conditions]),
        ]
    }
    var nonlinearities: [(name: String, violation: String?)] { [("softplus", nil)] }
    var isSmooth: Bool { true }

    func forward(_ input: Tensor<Float>, weights w: [Tensor<Float>]) -> Tensor<Float> {
        let x = input.sliced(axis: 1, start: 0, length: conditions)
        let y = input.sliced(axis: 1, start: conditions, length: convex)
        let r = y - linear(x, weight: w[0], adding: w[1])
        let s = linear(y, weight: w[2], adding: linear(x, weight: w[3])).softplus()
        return
            (r.squared().sum(alongAxes: [1], keepingDimensions: true) + s.sum(alongAxes: [1], keepingDimensions: true))
            * 0.5
    }

    func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        slots.map { Tensor(normal: $0.shape, standardDeviation: 0.5, using: &rng) }
    }
}
