extension LBFGS {
    /// The last m correction pairs (s, y) of L-BFGS and the two-loop recursion that applies the implied inverse
    /// Hessian approximation H to a vector.
    struct InverseHessianMemory {
        let capacity: Int
        private var s: [[Double]] = []
        private var y: [[Double]] = []
        private var rho: [Double] = []

        init(capacity: Int) { self.capacity = capacity }

        var isEmpty: Bool { s.isEmpty }

        mutating func removeAll() {
            s.removeAll()
            y.removeAll()
            rho.removeAll()
        }

        /// Keeps the pair if sᵀy > ε·yᵀy (positive curvature, so H stays positive definite), dropping the oldest
        /// beyond the capacity.
        mutating func append(s newS: [Double], y newY: [Double]) {
            let sy = Vectors.dot(newS, newY)
            let yy = Vectors.dot(newY, newY)
            guard sy > Double.ulpOfOne * yy, sy.isFinite, yy.isFinite else { return }
            if s.count == capacity {
                s.removeFirst()
                y.removeFirst()
                rho.removeFirst()
            }
            s.append(newS)
            y.append(newY)
            rho.append(1 / sy)
        }

        /// −H·g by the two-loop recursion; −g when empty.
        func direction(for g: [Double]) -> [Double] {
            var q = g
            let k = s.count
            var alpha = [Double](repeating: 0, count: k)
            for j in stride(from: k - 1, through: 0, by: -1) {
                alpha[j] = rho[j] * Vectors.dot(s[j], q)
                for i in q.indices { q[i] -= alpha[j] * y[j][i] }
            }
            if let sLast = s.last, let yLast = y.last {
                let gamma = Vectors.dot(sLast, yLast) / Vectors.dot(yLast, yLast)
                for i in q.indices { q[i] *= gamma }
            }
            for j in 0..<k {
                let beta = rho[j] * Vectors.dot(y[j], q)
                for i in q.indices { q[i] += (alpha[j] - beta) * s[j][i] }
            }
            for i in q.indices { q[i] = -q[i] }
            return q
        }
    }
}
