/// The 1-skeleton (vertices and edges) of the linear regions of a ReLU network inside a box, built by edge
/// subdivision one neuron at a time (Gagneux et al. 2025, papers.md §4; Berzins 2023).
///
/// Hyperplane ids: box facet x_i = lower_i is 2i, x_i = upper_i is 2i+1, hidden neuron number g (counted over the
/// layers in order) is 2d + g. Every vertex stores its position, the ids of the d hyperplanes it lies on (its
/// *zero set*, sorted) and one bit per neuron, set when the neuron's pre-activation is > 0 there. An edge lies on
/// d − 1 hyperplanes, the common zero set of its endpoints, and its sign vector is the OR of theirs.
///
/// Processing neuron ν of layer l, its pre-activation z_ν is affine on every cell of the current complex (the
/// pattern of layers < l is constant there), so: (1) each edge whose endpoints have opposite signs is split at
/// the interpolated zero; (2) two new vertices on the boundary of the same 2-face are joined by a new edge lying
/// in ν's zero set. A 2-face containing an edge is named by the edge's sign vector with one of its zero-set
/// hyperplanes set to one side (only the inner side of a box facet), so (2) is a hash join on that name; each
/// name must be met exactly twice.
///
/// General position is checked, not assumed: a vertex within rounding of a new neuron's zero set, an edge whose
/// endpoints do not share d − 1 hyperplanes, or a 2-face met other than twice makes the build stop as
/// `.degenerate` with the reason, and the verifier answers "undetermined".
struct LinearRegionSkeleton {
    /// How the build ended.
    enum Outcome: Equatable {
        case complete
        case degenerate(String)
        case tooLarge(String)
        /// `build`'s checkpoint asked to stop; `build` can be called again to go on.
        case paused
        /// A neuron of the last hidden layer with a negative output weight has a boundary in the box: the
        /// edge (d ≥ 2) or vertex (d = 1) of the skeleton on it, where c_ν = w_out[ν] < 0 whatever the pattern.
        /// `build` can be called again to go on.
        case negativeLastLayerBoundary(neuron: Int, cell: Int)
    }

    let network: ReLUNetwork
    let lower: [Double]
    let upper: [Double]
    /// The input dimension d.
    let dimension: Int
    /// First global neuron number of each hidden layer (plus the total at the end).
    let layerStarts: [Int]
    /// UInt64 words of one vertex's sign bits.
    let wordCount: Int
    /// Positions, d per vertex.
    var positions: [Double] = []
    /// Zero sets, d sorted hyperplane ids per vertex.
    var zeros: [Int32] = []
    /// Sign bits: `bits[w][v]` holds neurons 64w ..< 64w + 64 at vertex v (stored by word, so that setting one
    /// neuron's bit at every vertex runs through memory in order).
    var bits: [[UInt64]]
    /// Endpoints, two per edge.
    var edges: [Int32] = []
    /// Global number of the next neuron `build` inserts.
    private(set) var nextNeuron = 0
    /// The current layer's pre-activations at the vertices present when it began (`layerPreactivations`).
    private var layerColumns: [Double] = []
    /// The vertex count when the current layer began.
    private var layerRows = 0
    /// The vertices created within the current layer, in order.
    private var parents: [Parent] = []

    var vertexCount: Int { positions.count / dimension }
    var edgeCount: Int { edges.count / 2 }

    /// The box's 2^d vertices and d·2^(d−1) edges.
    /// - Precondition: `lower < upper` coordinatewise, one bound per input, d ≤ 24.
    init(network: ReLUNetwork, lower: [Double], upper: [Double]) {
        let d = network.inputCount
        precondition(lower.count == d && upper.count == d && zip(lower, upper).allSatisfy(<), "bad box")
        precondition(d <= 24, "the box has 2^\(d) vertices")
        self.network = network
        self.lower = lower
        self.upper = upper
        self.dimension = d
        var starts = [0]
        for width in network.hiddenWidths { starts.append(starts[starts.count - 1] + width) }
        self.layerStarts = starts
        self.wordCount = max(1, (network.neuronCount + 63) / 64)
        self.bits = Array(repeating: Array(repeating: 0, count: 1 << d), count: wordCount)
        for mask in 0..<(1 << d) {
            for i in 0..<d {
                let high = (mask >> i) & 1 == 1
                positions.append(high ? upper[i] : lower[i])
                zeros.append(Int32(2 * i + (high ? 1 : 0)))
            }
            for i in 0..<d where (mask >> i) & 1 == 0 {
                edges.append(Int32(mask))
                edges.append(Int32(mask | (1 << i)))
            }
        }
    }

    /// The hidden layer and index within it of global neuron `g`.
    func neuron(_ g: Int) -> (layer: Int, index: Int) {
        var l = 0
        while layerStarts[l + 1] <= g { l += 1 }
        return (l, g - layerStarts[l])
    }

    /// Hyperplane id of global neuron `g`.
    func hyperplane(ofNeuron g: Int) -> Int32 { Int32(2 * dimension + g) }

    /// Global neuron number of hyperplane `id`, nil for a box facet.
    func neuron(ofHyperplane id: Int32) -> Int? {
        let g = Int(id) - 2 * dimension
        return g >= 0 ? g : nil
    }

    /// Processes the hidden neurons not processed yet, in order, until all are (`.complete`), the build fails
    /// (`.degenerate`, `.tooLarge`) or is paused (`.paused`, `.negativeLastLayerBoundary`; call again to go on).
    /// - Parameters:
    ///   - stopAtNegativeLastLayer: pause after inserting a last-hidden-layer neuron with a negative output
    ///     weight that has a boundary in the box.
    ///   - progress: called after each neuron with (done, total, vertices).
    ///   - checkpoint: called after each neuron with the vertex count; returning false pauses the build.
    mutating func build(
        vertexLimit: Int,
        stopAtNegativeLastLayer: Bool = false,
        progress: ((Int, Int, Int) -> Void)? = nil,
        checkpoint: ((Int) -> Bool)? = nil
    ) -> Outcome {
        let total = network.neuronCount
        let hidden = network.hiddenWidths.count
        while nextNeuron < total {
            let (l, k) = neuron(nextNeuron)
            if k == 0 {
                // Pre-activations at the vertices present now; those of vertices created within this layer
                // follow from their parents (z is affine along the split edge), one neuron at a time.
                layerRows = vertexCount
                layerColumns = layerPreactivations(l)
                parents = []
            }
            var z = [Double]()
            z.reserveCapacity(vertexCount)
            z.append(contentsOf: layerColumns[(k * layerRows)..<((k + 1) * layerRows)])
            for p in parents { z.append(z[Int(p.a)] + p.t * (z[Int(p.b)] - z[Int(p.a)])) }
            let edgesBefore = edgeCount, verticesBefore = vertexCount
            let outcome = insertNeuron(layer: l, index: k, z: z)
            if outcome != .complete { return outcome }
            nextNeuron += 1
            if k == network.hiddenWidths[l] - 1 { layerColumns = [] }
            if vertexCount > vertexLimit {
                return .tooLarge(
                    "the skeleton passed the limit of \(vertexLimit) vertices at neuron (\(l), \(k)) "
                        + "of \(total); raise the limit or shrink the box"
                )
            }
            progress?(nextNeuron, total, vertexCount)
            if stopAtNegativeLastLayer && l == hidden - 1 && network.outputLayer.weight[k] < 0
                && vertexCount > verticesBefore
            {
                // d ≥ 2: the joining edges are the last ones added; d = 1: the new vertex.
                let cell = dimension == 1 ? vertexCount - 1 : edgeCount - 1
                if dimension == 1 || edgeCount > edgesBefore + (vertexCount - verticesBefore) {
                    return .negativeLastLayerBoundary(neuron: nextNeuron - 1, cell: cell)
                }
            }
            if let checkpoint, !checkpoint(vertexCount) { return .paused }
        }
        return .complete
    }

    /// The pre-activations of hidden layer `l` at every vertex, column-major: neuron k's values at the V
    /// vertices are entries k·V ..< (k+1)·V. Computed by a Double forward pass from the positions (chunks of
    /// 4096 rows, GEMM).
    func layerPreactivations(_ l: Int) -> [Double] {
        let d = dimension
        let width = network.hiddenWidths[l]
        let count = vertexCount
        var out = [Double](repeating: 0, count: width * count)
        let chunk = 4096
        var start = 0
        while start < count {
            let rows = min(chunk, count - start)
            var h = Tensor<Double>(shape: [rows, d], scalars: Array(positions[(start * d)..<((start + rows) * d)]))
            for j in 0...l {
                let layer = network.layers[j]
                h = linear(
                    h,
                    weight: Tensor(shape: [layer.outputs, layer.inputs], scalars: layer.weight),
                    adding: Tensor(layer.bias)
                )
                if j < l { h = h.relu() }
            }
            h.withUnsafeBufferPointer { values in
                out.withUnsafeMutableBufferPointer { columns in
                    for r in 0..<rows {
                        for k in 0..<width { columns[k * count + start + r] = values[r * width + k] }
                    }
                }
            }
            start += rows
        }
        return out
    }

    /// Inserts neuron k of layer l: splits the edges it crosses and joins the new vertices across 2-faces.
    /// A vertex created within the current layer: the ends of the edge it split and where.
    struct Parent {
        var a: Int32
        var b: Int32
        var t: Double
    }

    private mutating func insertNeuron(layer l: Int, index k: Int, z: [Double]) -> Outcome {
        let d = dimension
        let g = layerStarts[l] + k
        let id = hyperplane(ofNeuron: g)
        let word = g >> 6, bit = UInt64(1) << UInt64(g & 63)
        let n = vertexCount
        // The sign of z at every vertex, as bits (`positive`, and neuron g's bit of the vertices' sign vectors),
        // branch-free, with the range of |z|.
        var positive = [UInt64](repeating: 0, count: (n + 63) / 64)
        var scale = 0.0, smallest = Double.infinity
        z.withUnsafeBufferPointer { zp in
            positive.withUnsafeMutableBufferPointer { pp in
                bits[word].withUnsafeMutableBufferPointer { bp in
                    var start = 0
                    while start < n {
                        let end = min(start + 64, n)
                        var mask: UInt64 = 0
                        for v in start..<end {
                            let value = zp[v], magnitude = abs(value)
                            scale = max(scale, magnitude)
                            smallest = min(smallest, magnitude)
                            let p: UInt64 = value > 0 ? 1 : 0
                            mask |= p << UInt64(v - start)
                            bp[v] |= bit & (0 &- p)
                        }
                        pp[start >> 6] = mask
                        start = end
                    }
                }
            }
        }
        if scale == 0 { return .complete }  // identically zero on the box: relu(0) = 0, no boundary
        let tolerance = 1e-9 * scale
        if smallest <= tolerance {
            let v = z.firstIndex { abs($0) <= tolerance } ?? 0
            return .degenerate(
                "neuron (\(l), \(k)) passes within rounding of a vertex of the skeleton at "
                    + "\(Array(positions[(v * d)..<((v + 1) * d)])) (several boundaries meet there)"
            )
        }
        // The edges whose endpoints have opposite signs.
        var crossing: [Int32] = []
        edges.withUnsafeBufferPointer { ep in
            positive.withUnsafeBufferPointer { pp in
                for e in 0..<(ep.count / 2) {
                    let a = Int(ep[2 * e]), b = Int(ep[2 * e + 1])
                    if ((pp[a >> 6] >> UInt64(a & 63)) ^ (pp[b >> 6] >> UInt64(b & 63))) & 1 != 0 {
                        crossing.append(Int32(e))
                    }
                }
            }
        }
        // 2-face names: the d − 2 other zero-set ids, then the sign words.
        let keyLength = max(d - 2, 0) + wordCount
        var faces = FlatKeyTable(keyLength: keyLength, capacity: 2 * (d - 1) * crossing.count)
        var faceFirst: [Int32] = [], faceCount: [UInt8] = []
        var key = [UInt64](repeating: 0, count: keyLength)
        var common = [Int32](repeating: 0, count: d)
        for edge in crossing {
            let e = Int(edge)
            let a = Int(edges[2 * e]), b = Int(edges[2 * e + 1])
            let za = z[a], zb = z[b]
            // The edge's zero set: the d − 1 hyperplanes its endpoints share (sorted, as the vertices' are).
            var shared = 0
            var i = 0, j = 0
            while i < d && j < d {
                let x = zeros[a * d + i], y = zeros[b * d + j]
                if x == y {
                    if shared < d { common[shared] = x }
                    shared += 1
                    i += 1
                    j += 1
                } else if x < y {
                    i += 1
                } else {
                    j += 1
                }
            }
            guard shared == d - 1 else {
                return .degenerate("an edge's endpoints share \(shared) boundaries instead of \(d - 1)")
            }
            let t = za / (za - zb)
            let v = vertexCount
            for c in 0..<d {
                let pa = positions[a * d + c], pb = positions[b * d + c]
                positions.append(pa + t * (pb - pa))
            }
            // Coordinates on a box facet stay exactly on it.
            for c in 0..<(d - 1) where Int(common[c]) < 2 * d {
                let axis = Int(common[c]) / 2
                positions[v * d + axis] = Int(common[c]) % 2 == 0 ? lower[axis] : upper[axis]
            }
            // The new id is the largest so far, so appending it keeps the zero set sorted.
            zeros.append(contentsOf: common[0..<(d - 1)])
            zeros.append(id)
            for w in 0..<wordCount { bits[w].append((bits[w][a] | bits[w][b]) & (w == word ? ~bit : ~0)) }
            parents.append(Parent(a: Int32(a), b: Int32(b), t: t))
            edges[2 * e + 1] = Int32(v)
            edges.append(Int32(v))
            edges.append(Int32(b))
            // The 2-faces containing edge (a, b): its sign vector with one zero-set hyperplane set to a side.
            for drop in 0..<(d - 1) {
                var slot = 0
                for c in 0..<(d - 1) where c != drop {
                    key[slot] = UInt64(UInt32(bitPattern: common[c]))
                    slot += 1
                }
                for w in 0..<wordCount { key[slot + w] = bits[w][v] }
                let hg = neuron(ofHyperplane: common[drop])
                for positive in hg == nil ? [false] : [false, true] {
                    if positive, let hg { key[slot + (hg >> 6)] |= UInt64(1) << UInt64(hg & 63) }
                    let (entry, inserted) = faces.insert(key)
                    if inserted {
                        faceFirst.append(Int32(v))
                        faceCount.append(1)
                    } else {
                        guard faceCount[entry] == 1 else {
                            return .degenerate("neuron (\(l), \(k)) meets a 2-face's boundary more than twice")
                        }
                        faceCount[entry] = 2
                        edges.append(faceFirst[entry])
                        edges.append(Int32(v))
                    }
                }
            }
        }
        if faceCount.contains(where: { $0 != 2 }) {
            return .degenerate("neuron (\(l), \(k)) crosses a 2-face's boundary only once (rounding)")
        }
        return .complete
    }
}
