extension LBFGSB {
    /// The limited-memory BFGS approximation of the Hessian in compact form (Byrd, Nocedal & Schnabel 1994,
    /// Theorem 2.3), as L-BFGS-B uses it:
    ///
    ///     B = θ·I − W·M·Wᵀ,   W = [Y  θ·S]  (n × 2k),   M = K⁻¹,   K = [[−D, Lᵀ], [L, θ·SᵀS]]  (2k × 2k)
    ///
    /// with S, Y the last k ≤ m correction pairs as columns, D = diag(sᵢᵀyᵢ), L the strictly lower triangle of
    /// SᵀY (L_ij = sᵢᵀy_j for i > j) and θ = yᵀy/sᵀy of the newest pair. With no pairs, B = I.
    /// K is kept factored (LU); M·v is a solve.
    struct CompactMatrix {
        let capacity: Int
        private(set) var s: [[Double]] = []
        private(set) var y: [[Double]] = []
        /// The scaling θ of B₀ = θ·I.
        private(set) var theta = 1.0
        /// K row-major, 2k × 2k.
        private(set) var middleInverse: [Double] = []
        private var factoredMiddleInverse: LUDecomposition?

        init(capacity: Int) { self.capacity = capacity }

        /// The number k of pairs held.
        var count: Int { s.count }
        var isEmpty: Bool { s.isEmpty }
        /// 2k: the length of the vectors Wᵀv.
        var size: Int { 2 * s.count }

        mutating func removeAll() {
            s.removeAll()
            y.removeAll()
            theta = 1
            middleInverse = []
            factoredMiddleInverse = nil
        }

        /// Keeps the pair if sᵀy > ε·yᵀy (so B stays positive definite), dropping the oldest beyond the capacity,
        /// and refactors K. If K is singular to working precision (nearly dependent steps), only the new pair is
        /// kept, or none if that alone is still singular.
        mutating func append(s newS: [Double], y newY: [Double]) {
            let sy = Vectors.dot(newS, newY)
            let yy = Vectors.dot(newY, newY)
            guard sy > Double.ulpOfOne * yy, sy.isFinite, yy.isFinite else { return }
            if s.count == capacity {
                s.removeFirst()
                y.removeFirst()
            }
            s.append(newS)
            y.append(newY)
            theta = yy / sy
            if !refactor() {
                s = [newS]
                y = [newY]
                if !refactor() { removeAll() }
            }
        }

        /// Builds and factors K; false if it is singular.
        private mutating func refactor() -> Bool {
            let k = s.count
            let size = 2 * k
            var kk = [Double](repeating: 0, count: size * size)
            for i in 0..<k {
                for j in 0..<k {
                    if i == j {
                        kk[i * size + i] = -Vectors.dot(s[i], y[i])
                    } else if i > j {
                        let l = Vectors.dot(s[i], y[j])  // L_ij
                        kk[(k + i) * size + j] = l  // L, lower-left block
                        kk[j * size + (k + i)] = l  // Lᵀ, upper-right block
                    }
                    if i >= j {
                        let ss = theta * Vectors.dot(s[i], s[j])
                        kk[(k + i) * size + (k + j)] = ss
                        kk[(k + j) * size + (k + i)] = ss
                    }
                }
            }
            middleInverse = kk
            if case .success(let lu) = LUDecomposition.factor(entries: kk, n: size) {
                factoredMiddleInverse = lu
                return true
            }
            factoredMiddleInverse = nil
            return false
        }

        /// Row i of W: (y₁[i], …, y_k[i], θ·s₁[i], …, θ·s_k[i]).
        func row(_ i: Int) -> [Double] {
            let k = s.count
            var w = [Double](repeating: 0, count: 2 * k)
            for j in 0..<k {
                w[j] = y[j][i]
                w[k + j] = theta * s[j][i]
            }
            return w
        }

        /// Wᵀ·v (2k values).
        func transposeTimes(_ v: [Double]) -> [Double] {
            let k = s.count
            var out = [Double](repeating: 0, count: 2 * k)
            for j in 0..<k {
                out[j] = Vectors.dot(y[j], v)
                out[k + j] = theta * Vectors.dot(s[j], v)
            }
            return out
        }

        /// M·v = K⁻¹·v (2k values).
        func middleTimes(_ v: [Double]) -> [Double] {
            // K is factored whenever pairs are held (`append` drops them otherwise); with none, M is 0×0.
            guard let lu = factoredMiddleInverse else { return v }
            return lu.solve(v)
        }
    }
}
