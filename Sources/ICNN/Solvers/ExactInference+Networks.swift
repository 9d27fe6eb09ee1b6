extension ExactInference {
    /// The lanes of a piecewise-linear activation applied to `a`, and whether 0 is a lane too; nil when the
    /// activation is not piecewise linear and convex non-decreasing.
    static func lanes(
        _ activation: Activation,
        _ a: PiecewiseLinearNetwork.Affine
    )
        -> (lanes: [PiecewiseLinearNetwork.Affine], nonNegative: Bool)?
    {
        switch activation {
        case .relu: return ([a], true)
        case .identity: return ([a], false)
        case .leakyRelu(let slope):
            guard (0...1).contains(slope) else { return nil }
            if slope == 0 { return ([a], true) }
            if slope == 1 { return ([a], false) }
            let s = Double(slope)
            let scaled = PiecewiseLinearNetwork.Affine(
                wz: a.wz.map { $0 * s },
                wy: a.wy.map { $0 * s },
                b: a.b.map { $0 * s }
            )
            return ([a, scaled], false)
        case .softplus, .softplusTemperature: return nil
        }
    }

    /// The layer σ(a) of a piecewise-linear activation.
    /// - Precondition: `lanes(activation, a)` is not nil (the caller checked `supports`).
    static func layer(_ activation: Activation, _ a: PiecewiseLinearNetwork.Affine) -> PiecewiseLinearNetwork.Layer {
        guard let (laneList, nonNegative) = lanes(activation, a) else {
            preconditionFailure("activation \(activation) is not piecewise linear")
        }
        return PiecewiseLinearNetwork.Layer(lanes: laneList, nonNegative: nonNegative)
    }

    /// Why the architecture's forward pass is not piecewise linear in its convex inputs, or nil.
    static func unsupportedReason(_ architecture: AnyArchitecture) -> String? {
        let dummy = PiecewiseLinearNetwork.Affine(wz: [], wy: [], b: [])
        switch architecture {
        case .ficnn(let a):
            if a.quadraticFirstLayer { return "a FICNN with a quadratic first layer is not piecewise linear" }
            if a.strongConvexity != 0 {
                return "a FICNN with strong convexity α = \(a.strongConvexity) is not piecewise linear"
            }
            return lanes(a.activation, dummy) == nil
                ? "activation \(a.activation) is not piecewise linear, convex and non-decreasing" : nil
        case .picnn(let a):
            return lanes(a.activation, dummy) == nil
                ? "activation \(a.activation) is not piecewise linear, convex and non-decreasing" : nil
        case .hycnn(let a):
            return a.gate == .max ? nil : "gate \(a.gate) is not piecewise linear (only the hard max is)"
        case .mlp: return "an MLP is not convex in any input"
        case .convolutionalFICNN, .convolutionalPICNN:
            return "exact inference does not unroll convolutions into the LP yet; use L-BFGS-B or the gradient methods"
        }
    }

    /// The weights as Double arrays, in slot order.
    private static func doubles(_ weights: [Tensor<Float>]) -> [[Double]] {
        weights.map { $0.scalars.map(Double.init) }
    }

    /// The network of a supported FICNN.
    static func network(_ a: FICNN, weights: [Tensor<Float>]) -> PiecewiseLinearNetwork {
        var w = doubles(weights)[...]
        func next() -> [Double] { w.removeFirst() }
        let wy0 = next(), b0 = next()
        var layers = [layer(a.activation, .init(wz: [], wy: wy0, b: b0))]
        for _ in 1..<a.widths.count {
            let wz = next(), wy = next(), b = next()
            layers.append(layer(a.activation, .init(wz: wz, wy: wy, b: b)))
        }
        let wz = next(), wy = next(), b = next()
        return PiecewiseLinearNetwork(inputs: a.inputs, layers: layers, output: .init(wz: wz, wy: wy, b: b))
    }

    /// The network of a hard-max HyCNN or GroupMax.
    static func network(_ a: HyCNN, weights: [Tensor<Float>]) -> PiecewiseLinearNetwork {
        var w = doubles(weights)[...]
        func next() -> [Double] { w.removeFirst() }
        var layers: [PiecewiseLinearNetwork.Layer] = []
        for l in a.widths.indices {
            var lanes: [PiecewiseLinearNetwork.Affine] = []
            for _ in 1...2 {
                let v = l > 0 ? next() : []
                let wx = l == 0 || a.inputSkips ? next() : []
                lanes.append(.init(wz: v, wy: wx, b: next()))
            }
            layers.append(.init(lanes: lanes, nonNegative: false))
        }
        let v = next()
        let wx = a.inputSkips ? next() : []
        return PiecewiseLinearNetwork(inputs: a.inputs, layers: layers, output: .init(wz: v, wy: wx, b: next()))
    }

    /// The network of a PICNN in y with x fixed at `point`'s non-convex entries: the x-path u_i is evaluated
    /// first, so the gates become constants, W^z diag([W^{zu}u + b^z]₊) ≥ 0 and W^y diag(W^{yu}u + b^y).
    static func network(_ a: PICNN, weights: [Tensor<Float>], point: [Double]) -> PiecewiseLinearNetwork {
        let w = doubles(weights)
        let L = a.widths.count
        let dy = a.convexIn.count
        // The x-path.
        var u = [a.otherInputs.map { point[$0] }]
        for i in 0..<L {
            let affine = PiecewiseLinearNetwork.Affine(wz: [], wy: w[2 * i], b: w[2 * i + 1])
            let pre = PiecewiseLinearNetwork.apply(affine, z: [], y: u[i])
            u.append(pre.map { v in activate(a.activation, v) })
        }
        var k = 2 * L
        func next() -> [Double] {
            defer { k += 1 }
            return w[k]
        }
        func matvec(_ m: [Double], _ v: [Double], adding b: [Double]) -> [Double] {
            PiecewiseLinearNetwork.apply(.init(wz: [], wy: m, b: b), z: [], y: v)
        }
        var layers: [PiecewiseLinearNetwork.Layer] = []
        var output = PiecewiseLinearNetwork.Affine(wz: [], wy: [], b: [])
        for i in 0...L {
            var wzEffective: [Double] = []
            if i > 0 {
                let wz = next(), wzu = next(), bz = next()
                let gate = matvec(wzu, u[i], adding: bz).map { max($0, 0) }
                let previous = gate.count
                wzEffective = wz.enumerated().map { $0.element * gate[$0.offset % previous] }
            }
            let wy = next(), wyu = next(), by = next(), wu = next(), b = next()
            let scale = matvec(wyu, u[i], adding: by)
            let wyEffective = wy.enumerated().map { $0.element * scale[$0.offset % dy] }
            let affine = PiecewiseLinearNetwork.Affine(wz: wzEffective, wy: wyEffective, b: matvec(wu, u[i], adding: b))
            if i < L {
                layers.append(layer(a.activation, affine))
            } else {
                output = affine
            }
        }
        return PiecewiseLinearNetwork(inputs: dy, layers: layers, output: output)
    }

    /// A piecewise-linear activation of one value in Double.
    private static func activate(_ activation: Activation, _ v: Double) -> Double {
        switch activation {
        case .relu: max(v, 0)
        case .leakyRelu(let slope): v > 0 ? v : Double(slope) * v
        case .identity: v
        case .softplus, .softplusTemperature: preconditionFailure("activation \(activation) is not piecewise linear")
        }
    }
}
