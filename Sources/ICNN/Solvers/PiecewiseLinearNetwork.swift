/// A convex piecewise-linear network in Double over its convex inputs y ∈ R^d, the form every supported model
/// reduces to once its non-convex inputs are fixed:
///
///     z₁ = σ₁(W^y₁ y + b₁),  z_k = σ_k(W^z_k z_{k−1} + W^y_k y + b_k),  f(y) = w^z·z_L + w^y·y + b
///
/// where each σ_k is the elementwise maximum of one or two affine lanes of the same inputs, and of 0 when
/// `nonNegative` (ReLU: one lane and 0; leaky ReLU: a and slope·a; identity: one lane; hard-max HyCNN: two lanes).
/// Every W^z ≥ 0 (checked by the caller), so f is convex and non-decreasing in each z.
struct PiecewiseLinearNetwork: Sendable {
    /// One affine map of the previous layer's z and of y: W^z z + W^y y + b, `width` outputs.
    struct Affine: Sendable {
        /// width × (previous width), row-major; empty for the first layer.
        var wz: [Double]
        /// width × d, row-major; empty when the layer has no input skip (GroupMax).
        var wy: [Double]
        /// width.
        var b: [Double]
        var width: Int { b.count }
    }

    /// One layer: z = max(lanes…, [0]).
    struct Layer: Sendable {
        var lanes: [Affine]
        var nonNegative: Bool
        var width: Int { lanes[0].width }
    }

    /// The number of convex inputs d.
    var inputs: Int
    var layers: [Layer]
    /// The output's affine map (width 1).
    var output: Affine

    /// f(y) in Double.
    /// - Precondition: y has length d.
    func evaluate(_ y: [Double]) -> Double {
        precondition(y.count == inputs, "PiecewiseLinearNetwork: \(y.count) inputs, want \(inputs)")
        var z: [Double] = []
        for layer in layers {
            var next = Array(repeating: layer.nonNegative ? 0 : -Double.infinity, count: layer.width)
            for lane in layer.lanes {
                let a = Self.apply(lane, z: z, y: y)
                for u in 0..<layer.width { next[u] = max(next[u], a[u]) }
            }
            z = next
        }
        return Self.apply(output, z: z, y: y)[0]
    }

    /// W^z z + W^y y + b.
    static func apply(_ lane: Affine, z: [Double], y: [Double]) -> [Double] {
        var out = lane.b
        for u in 0..<lane.width {
            var s = out[u]
            if !lane.wz.isEmpty { for p in z.indices { s += lane.wz[u * z.count + p] * z[p] } }
            if !lane.wy.isEmpty { for i in y.indices { s += lane.wy[u * y.count + i] * y[i] } }
            out[u] = s
        }
        return out
    }

    /// The epigraph linear program (papers.md §1, exact inference): variables y (with the given bounds) and one
    /// epigraph variable t per hidden unit (≥ 0 for a `nonNegative` layer, free otherwise), one row per lane and
    /// unit, W^z t_{k−1} + W^y y − t_k ≤ −b, and the objective w^z·t_L + w^y·y. Its optimum plus `output.b[0]`
    /// is min f over the box; the first d variables of an optimal vertex are a minimiser.
    func linearProgram(lower: [Double], upper: [Double]) -> LinearProgram {
        let d = inputs
        var starts = [d]
        for layer in layers { starts.append(starts[starts.count - 1] + layer.width) }
        let variables = starts[starts.count - 1]
        var objective = output.wy.isEmpty ? Array(repeating: 0.0, count: d) : output.wy
        var lo = lower, hi = upper
        for layer in layers {
            lo += Array(repeating: layer.nonNegative ? 0 : -.infinity, count: layer.width)
            hi += Array(repeating: .infinity, count: layer.width)
        }
        objective += Array(repeating: 0, count: variables - d)
        let last = layers.count - 1
        for p in 0..<layers[last].width { objective[starts[last] + p] = output.wz[p] }
        var lp = LinearProgram(objective: objective, lower: lo, upper: hi)
        for (k, layer) in layers.enumerated() {
            let previous = k > 0 ? layers[k - 1].width : 0
            for lane in layer.lanes {
                for u in 0..<layer.width {
                    var terms: [(column: Int, value: Double)] = []
                    if !lane.wz.isEmpty {
                        for p in 0..<previous { terms.append((starts[k - 1] + p, lane.wz[u * previous + p])) }
                    }
                    if !lane.wy.isEmpty { for i in 0..<d { terms.append((i, lane.wy[u * d + i])) } }
                    terms.append((starts[k] + u, -1))
                    lp.addConstraint(terms, .lessOrEqual, -lane.b[u])
                }
            }
        }
        return lp
    }

    /// A feasible warm start for `linearProgram` from the forward pass at y0: the variables take their forward
    /// values (t = z(y0)); in each unit the lane that attains the maximum has its t basic (its row tight) and the
    /// other lanes' slacks are basic, while a ReLU unit at 0 keeps t nonbasic at its bound 0 with every slack
    /// basic. This basis is block triangular with −1 on the tight rows, hence non-singular, and it is feasible,
    /// so the simplex method skips phase 1 and starts phase 2 at f(y0).
    /// - Precondition: y0 has length d and lies in the bounds the program was built with.
    func warmStart(at y0: [Double]) -> SimplexSolver.WarmStart {
        let variables = inputs + layers.reduce(0) { $0 + $1.width }
        let rows = layers.reduce(0) { $0 + $1.lanes.count * $1.width }
        var values = y0
        var basic: [Int] = []
        var z: [Double] = []
        var column = inputs, row = 0
        for layer in layers {
            let lanes = layer.lanes.map { Self.apply($0, z: z, y: y0) }
            var next = Array(repeating: 0.0, count: layer.width)
            for u in 0..<layer.width {
                var tight = layer.nonNegative ? -1 : 0
                var best = layer.nonNegative ? 0 : lanes[0][u]
                for (l, lane) in lanes.enumerated() where lane[u] > best {
                    (tight, best) = (l, lane[u])
                }
                next[u] = best
                if tight >= 0 { basic.append(column + u) }
                for l in lanes.indices where l != tight { basic.append(variables + row + l * layer.width + u) }
            }
            values += next
            z = next
            column += layer.width
            row += layer.lanes.count * layer.width
        }
        precondition(basic.count == rows, "warm start: \(basic.count) basic variables for \(rows) rows")
        return SimplexSolver.WarmStart(values: values, basic: basic)
    }
}
