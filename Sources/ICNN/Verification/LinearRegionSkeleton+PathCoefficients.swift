extension LinearRegionSkeleton {
    /// A path coefficient c_ν(D) = w_out D_L W_L ⋯ D_{l+1} W_{l+1} e_k found on neuron ν's zero set: the jump of
    /// f's gradient across ν's boundary is c_ν(D)·∇z_ν, so f is convex on the box iff all of them are ≥ 0.
    struct PathCoefficient {
        /// Global neuron number of ν.
        var neuron: Int
        /// The activation pattern of the layers after ν's (one Bool per neuron, layer by layer).
        var pattern: [Bool]
        /// c_ν(D).
        var value: Double
        /// A bound on its rounding error.
        var errorBound: Double
        /// An edge (d ≥ 2) or vertex (d = 1) of the skeleton on ν's zero set where D occurs.
        var cell: Int
    }

    /// What the path coefficients say.
    struct PathCoefficientSummary {
        /// Distinct (neuron, pattern) pairs checked.
        var checked = 0
        /// Coefficients < 0 beyond rounding, at most `limit`.
        var negative: [PathCoefficient] = []
        /// Coefficients within rounding of 0 whose sign cannot be told, at most `limit`.
        var unresolved: [PathCoefficient] = []
        /// Patterns skipped because too many deeper boundaries meet on one edge.
        var skipped = 0
    }

    /// Checks c_ν(D) ≥ 0 for every neuron ν and every downstream pattern D met on ν's zero set: on every edge
    /// inside the zero set (d ≥ 2) or at every vertex on it (d = 1). Where the edge also lies on a deeper
    /// neuron's zero set, both of that neuron's states occur next to it and both are checked.
    func checkPathCoefficients(limit: Int = 8) -> PathCoefficientSummary {
        let d = dimension
        let hidden = network.hiddenWidths.count
        let total = network.neuronCount
        var summary = PathCoefficientSummary()
        // (ν, D) pairs seen, per layer of ν: the sign words from the next layer's first one (bits of ν's layer
        // and below cleared), then ν. In the last hidden layer c_ν = w_out[ν] whatever the pattern.
        var seen = (0..<hidden).map { l in
            FlatKeyTable(keyLength: wordCount - (layerStarts[l + 1] >> 6) + 1, capacity: 1 << 12)
        }
        var lastLayerSeen = [Bool](repeating: false, count: network.hiddenWidths[hidden - 1])
        var cache: [[UInt64]: (value: [Double], magnitude: [Double])] = [:]
        let layerOf = (0..<total).map { neuron($0).layer }
        // Each layer's weights by column (input), so that c_ν(D) reads ν's outgoing weights contiguously.
        let byColumn: [[Double]] = network.layers.map { layer in
            var t = [Double](repeating: 0, count: layer.weight.count)
            for i in 0..<layer.outputs { for c in 0..<layer.inputs { t[c * layer.outputs + i] = layer[i, c] } }
            return t
        }
        let cellCount = d == 1 ? vertexCount : edgeCount
        var zeroSet = [Int](repeating: 0, count: d)  // global neuron numbers on the cell's zero set, ascending
        var cellBits = [UInt64](repeating: 0, count: wordCount)
        var key = [UInt64](repeating: 0, count: wordCount + 1)
        var pattern = [UInt64](repeating: 0, count: wordCount)
        for cell in 0..<cellCount {
            var count = 0
            if d == 1 {
                if let g = neuron(ofHyperplane: zeros[cell]) {
                    zeroSet[0] = g
                    count = 1
                }
                for w in 0..<wordCount { cellBits[w] = bits[w][cell] }
            } else {
                let a = Int(edges[2 * cell]), b = Int(edges[2 * cell + 1])
                var i = 0, j = 0
                while i < d && j < d {
                    let x = zeros[a * d + i], y = zeros[b * d + j]
                    if x == y {
                        if let g = neuron(ofHyperplane: x) {
                            zeroSet[count] = g
                            count += 1
                        }
                        i += 1
                        j += 1
                    } else if x < y {
                        i += 1
                    } else {
                        j += 1
                    }
                }
                for w in 0..<wordCount { cellBits[w] = bits[w][a] | bits[w][b] }
            }
            for position in 0..<count {
                let g = zeroSet[position]
                let (l, k) = neuron(g)
                // The deeper neurons whose zero set also holds the cell: both states occur next to it.
                var ambiguous: [Int] = []
                for other in (position + 1)..<count where layerOf[zeroSet[other]] > l {
                    ambiguous.append(zeroSet[other])
                }
                guard ambiguous.count <= 12 else {
                    summary.skipped += 1
                    continue
                }
                let first = layerStarts[l + 1]
                for combination in 0..<(1 << ambiguous.count) {
                    for w in 0..<wordCount { pattern[w] = cellBits[w] }
                    for (i, m) in ambiguous.enumerated() where (combination >> i) & 1 == 1 {
                        pattern[m >> 6] |= UInt64(1) << UInt64(m & 63)
                    }
                    if l == hidden - 1 {
                        guard !lastLayerSeen[k] else { continue }
                        lastLayerSeen[k] = true
                    } else {
                        let firstWord = first >> 6
                        for w in firstWord..<wordCount { key[w - firstWord] = pattern[w] }
                        key[0] &= ~((UInt64(1) << UInt64(first & 63)) &- 1)
                        key[wordCount - firstWord] = UInt64(g)
                        let inserted = key.withUnsafeBufferPointer { seen[l].insert($0).inserted }
                        guard inserted else { continue }
                    }
                    summary.checked += 1
                    let (value, bound): (Double, Double)
                    if l == hidden - 1 {
                        value = network.outputLayer.weight[k]
                        bound = 0
                    } else {
                        let next = downstreamVector(layer: l + 1, pattern: pattern, cache: &cache)
                        let outputs = network.layers[l + 1].outputs
                        var s = 0.0, magnitude = 0.0
                        byColumn[l + 1].withUnsafeBufferPointer { column in
                            let w = UnsafeBufferPointer(rebasing: column[(k * outputs)..<((k + 1) * outputs)])
                            // The active neurons of layer l + 1: the set bits of words first/64 … (first+outputs−1)/64.
                            for word in (first >> 6)...((first + outputs - 1) >> 6) {
                                var bits = pattern[word]
                                while bits != 0 {
                                    let i = word * 64 + bits.trailingZeroBitCount - first
                                    bits &= bits &- 1
                                    guard i >= 0 && i < outputs else { continue }
                                    s += next.value[i] * w[i]
                                    magnitude += next.magnitude[i] * abs(w[i])
                                }
                            }
                        }
                        value = s
                        bound = 4 * Double(total + 2) * Double.ulpOfOne * magnitude
                    }
                    guard value < 0 || (value <= bound && bound > 0) else { continue }
                    // Within rounding of 0: decide the sign exactly when the expansion stays small.
                    let exact = value >= -bound ? exactCoefficient(layer: l, index: k, pattern: pattern) : nil
                    if let exact, exact.sign >= 0 { continue }
                    let found = PathCoefficient(
                        neuron: g,
                        pattern: (first..<total).map { Self.bit(pattern, $0) },
                        value: exact?.value ?? value,
                        errorBound: exact == nil ? bound : 0,
                        cell: cell
                    )
                    if value < -bound || exact != nil {
                        if summary.negative.count < limit { summary.negative.append(found) }
                    } else if summary.unresolved.count < limit {
                        summary.unresolved.append(found)
                    }
                }
            }
        }
        return summary
    }

    /// v_j(D) = (v_{j+1} ∘ D_{j+1}) W_{j+1}, v_{L} = w_out: the row vector that maps layer j's post-activations
    /// to the output for the pattern D of the layers after j; with the same product of absolute values.
    private func downstreamVector(
        layer j: Int,
        pattern: [UInt64],
        cache: inout [[UInt64]: (value: [Double], magnitude: [Double])]
    ) -> (value: [Double], magnitude: [Double]) {
        let hidden = network.hiddenWidths.count
        if j == hidden - 1 {
            let key = [UInt64.max]
            if let cached = cache[key] { return cached }
            let w = network.outputLayer.weight
            cache[key] = (w, w.map(abs))
            return (w, w.map(abs))
        }
        var key = Self.masked(pattern, from: layerStarts[j + 1])
        key.append(UInt64(j))
        if let cached = cache[key] { return cached }
        let next = downstreamVector(layer: j + 1, pattern: pattern, cache: &cache)
        let layer = network.layers[j + 1]
        var value = [Double](repeating: 0, count: layer.inputs)
        var magnitude = value
        for i in 0..<layer.outputs where Self.bit(pattern, layerStarts[j + 1] + i) {
            let (vi, mi) = (next.value[i], next.magnitude[i])
            for c in 0..<layer.inputs {
                value[c] += vi * layer[i, c]
                magnitude[c] += mi * abs(layer[i, c])
            }
        }
        cache[key] = (value, magnitude)
        return (value, magnitude)
    }

    /// c_ν(D) for ν = (l, k), computed exactly (`ExactSum`); nil when the expansions grow past
    /// `maximumComponents` or a weight is too large or too small for the error-free products.
    func exactCoefficient(layer l: Int, index k: Int, pattern: [UInt64], maximumComponents: Int = 4096) -> ExactSum? {
        let safe = network.layers.allSatisfy { layer in
            layer.weight.allSatisfy { $0 == 0 || (abs($0) > 1e-100 && abs($0) < 1e100) }
        }
        guard safe else { return nil }
        let hidden = network.hiddenWidths.count
        var v = network.outputLayer.weight.map { w -> ExactSum in
            var s = ExactSum()
            s.add(w)
            return s
        }
        var j = hidden - 1
        while j > l {
            let layer = network.layers[j]
            var next = [ExactSum](repeating: ExactSum(), count: layer.inputs)
            let columns = j - 1 == l ? [k] : Array(0..<layer.inputs)
            for i in 0..<layer.outputs where Self.bit(pattern, layerStarts[j] + i) {
                for c in columns where layer[i, c] != 0 {
                    next[c].addProduct(v[i], layer[i, c])
                    if next[c].components.count > maximumComponents { return nil }
                }
            }
            v = next
            j -= 1
        }
        return v[k]
    }

    static func bit(_ words: [UInt64], _ g: Int) -> Bool { words[g >> 6] >> UInt64(g & 63) & 1 == 1 }

    /// The words holding bits ≥ `start`, with the bits below it cleared.
    static func masked(_ words: [UInt64], from start: Int) -> [UInt64] {
        let first = start >> 6
        guard first < words.count else { return [] }
        var out = Array(words[first...])
        out[0] &= ~((UInt64(1) << UInt64(start & 63)) &- 1)
        return out
    }

    /// The number of linear regions (full-dimensional cells) meeting the skeleton: the distinct sign vectors
    /// obtained at each vertex by putting each neuron it lies on on either side.
    func regionCount() -> Int {
        let d = dimension
        var regions = FlatKeyTable(keyLength: wordCount, capacity: vertexCount)
        var key = [UInt64](repeating: 0, count: wordCount)
        var through: [Int] = []
        for v in 0..<vertexCount {
            through.removeAll(keepingCapacity: true)
            for i in 0..<d { if let g = neuron(ofHyperplane: zeros[v * d + i]) { through.append(g) } }
            for combination in 0..<(1 << through.count) {
                for w in 0..<wordCount { key[w] = bits[w][v] }
                for (i, g) in through.enumerated() where (combination >> i) & 1 == 1 {
                    key[g >> 6] |= UInt64(1) << UInt64(g & 63)
                }
                _ = regions.insert(key)
            }
        }
        return regions.count
    }
}
