extension ReLUNetwork {
    /// Which neurons keep one sign on the box, by interval bound propagation in Double with a rounding margin:
    /// per neuron (layer by layer) +1 when its pre-activation is > 0 on the whole box, −1 when < 0, 0 when
    /// neither could be shown. A neuron flagged in `free` is reported 0 and taken as anywhere in [0, max].
    /// - Precondition: one bound per input, `lower ≤ upper`; `free` is empty or has one entry per neuron.
    func signBounds(lower: [Double], upper: [Double], free: [Bool] = []) -> [Int8] {
        precondition(lower.count == inputCount && upper.count == inputCount, "one bound per input")
        precondition(free.isEmpty || free.count == neuronCount, "one flag per neuron")
        var lo = lower, hi = upper
        var states: [Int8] = []
        states.reserveCapacity(neuronCount)
        for layer in layers.dropLast() {
            var nextLo = [Double](repeating: 0, count: layer.outputs), nextHi = nextLo
            for r in 0..<layer.outputs {
                var a = layer.bias[r], b = layer.bias[r], magnitude = abs(layer.bias[r])
                for c in 0..<layer.inputs {
                    let w = layer[r, c]
                    a += w >= 0 ? w * lo[c] : w * hi[c]
                    b += w >= 0 ? w * hi[c] : w * lo[c]
                    magnitude += abs(w) * max(abs(lo[c]), abs(hi[c]))
                }
                let slack = 4 * Double(layer.inputs + 2) * Double.ulpOfOne * magnitude
                (a, b) = (a - slack, b + slack)
                if !free.isEmpty && free[states.count] {
                    states.append(0)
                    (nextLo[r], nextHi[r]) = (0, max(b, 0))
                } else if a > 0 {
                    states.append(1)
                    (nextLo[r], nextHi[r]) = (a, b)
                } else if b < 0 {
                    states.append(-1)
                } else {
                    states.append(0)
                    (nextLo[r], nextHi[r]) = (0, b)
                }
            }
            (lo, hi) = (nextLo, nextHi)
        }
        return states
    }

    /// Whether f is convex on the box by a structural argument that uses the box: neurons shown dead there
    /// (`signBounds`) are dropped, a neuron shown active whose live inputs are all affine (first layer, or
    /// such neurons) is affine, and every weight from a live non-affine neuron into a live neuron or the
    /// output must be ≥ 0. Then each live pre-activation is convex (non-negative combination of convex terms
    /// plus an affine one), and so is f. Returns the first weight that breaks it, nil when it holds.
    func firstWeightBreakingBoxCertificate(lower: [Double], upper: [Double]) -> (layer: Int, row: Int, column: Int)? {
        let states = signBounds(lower: lower, upper: upper)
        var start = 0
        var affine = [Bool](repeating: true, count: inputCount)  // the inputs
        var live = [Bool](repeating: true, count: inputCount)
        for (l, layer) in layers.enumerated() {
            let isOutput = l == layers.count - 1
            var nextAffine = [Bool](repeating: false, count: layer.outputs)
            var nextLive = nextAffine
            for r in 0..<layer.outputs {
                let state: Int8 = isOutput ? 0 : states[start + r]
                if state < 0 { continue }  // dead: contributes nothing
                nextLive[r] = true
                var inputsAffine = true
                for c in 0..<layer.inputs where live[c] && layer[r, c] != 0 {
                    if !affine[c] {
                        inputsAffine = false
                        if layer[r, c] < 0 { return (l, r, c) }
                    }
                }
                nextAffine[r] = !isOutput && state > 0 && inputsAffine
            }
            if !isOutput { start += layer.outputs }
            (affine, live) = (nextAffine, nextLive)
        }
        return nil
    }
}
