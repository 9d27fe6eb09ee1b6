extension SimplexSolver.Engine {
    /// The outcome of a ratio test.
    enum Step {
        /// Nothing limits the entering variable.
        case unbounded
        /// The entering variable reaches its own opposite bound after `step`: no basis change.
        case flip(step: Double)
        /// The basic variable in `row` leaves at the bound `leavingTo` after the entering one moves by `step`.
        case pivot(row: Int, step: Double, leavingTo: Double)
    }

    /// The bound a basic variable moves toward when it changes with sign `delta`, or nil when none limits it.
    /// In phase 1 an infeasible variable is limited by the bound it violates (it may then leave there) and not
    /// at all when it moves away from it.
    private func target(_ v: Int, _ delta: Double, phase1: Bool) -> Double? {
        if phase1 {
            let tol = options.primalTolerance
            if x[v] < lower[v] - tol { return delta > 0 ? lower[v] : nil }
            if x[v] > upper[v] + tol { return delta < 0 ? upper[v] : nil }
        }
        let bound = delta > 0 ? upper[v] : lower[v]
        return bound.isFinite ? bound : nil
    }

    /// Harris's two-pass ratio test (or, under Bland's rule, the exact minimum ratio with the smallest variable
    /// index among ties) for entering variable `q` moving in `direction` with transformed column `alpha`.
    func ratioTest(entering q: Int, direction: Int, alpha: [Double], phase1: Bool, bland: Bool) -> Step {
        let tol = options.primalTolerance, pivotTolerance = options.pivotTolerance
        let sign = -Double(direction)
        // How far the entering variable can move before its own bound (+∞ when that bound is infinite).
        let range = direction > 0 ? upper[q] - x[q] : x[q] - lower[q]
        if bland {
            var best = -1, bestRatio = Double.infinity, bestBound = 0.0
            for i in 0..<m {
                let delta = sign * alpha[i]
                guard abs(delta) > pivotTolerance, let bound = target(head[i], delta, phase1: phase1) else { continue }
                let ratio = max(0, (bound - x[head[i]]) / delta)
                let tie = abs(ratio - bestRatio) <= 1e-12 * (1 + bestRatio)
                if best < 0 || (ratio < bestRatio && !tie) || (tie && head[i] < head[best]) {
                    (best, bestRatio, bestBound) = (i, ratio, bound)
                }
            }
            if range.isFinite && range <= bestRatio { return .flip(step: range) }
            return best < 0 ? .unbounded : .pivot(row: best, step: bestRatio, leavingTo: bestBound)
        }
        // Pass 1: the largest step that keeps every basic variable within its bounds widened by the tolerance.
        var thetaMax = Double.infinity
        for i in 0..<m {
            let delta = sign * alpha[i]
            guard abs(delta) > pivotTolerance, let bound = target(head[i], delta, phase1: phase1) else { continue }
            thetaMax = min(thetaMax, (bound - x[head[i]] + (delta > 0 ? tol : -tol)) / delta)
        }
        if range.isFinite && range <= thetaMax { return .flip(step: range) }
        if thetaMax == .infinity { return .unbounded }
        // Pass 2: among the variables that would block within that step, the largest pivot leaves.
        var best = -1, bestPivot = 0.0, bestRatio = 0.0, bestBound = 0.0
        for i in 0..<m {
            let delta = sign * alpha[i]
            guard abs(delta) > pivotTolerance, let bound = target(head[i], delta, phase1: phase1) else { continue }
            let ratio = (bound - x[head[i]]) / delta
            if ratio <= thetaMax && abs(delta) > bestPivot {
                (best, bestPivot, bestRatio, bestBound) = (i, abs(delta), ratio, bound)
            }
        }
        return .pivot(row: best, step: max(0, bestRatio), leavingTo: bestBound)
    }

    /// Replaces the basic column at position `r` by the one whose transformed column is `alpha`: B⁻¹ ← E·B⁻¹
    /// with the elementary row transformation E that maps alpha to e_r.
    mutating func pivot(row r: Int, alpha: [Double]) {
        let m = self.m
        let pivotValue = alpha[r]
        binv.withUnsafeMutableBufferPointer { b in
            alpha.withUnsafeBufferPointer { a in
                for c in 0..<m {
                    let column = c * m
                    let t = b[column + r]
                    if t == 0 { continue }
                    let f = t / pivotValue
                    for i in 0..<m { b[column + i] -= f * a[i] }
                    b[column + r] = f
                }
            }
        }
    }

    /// Rebuilds B⁻¹ for the current basis from the identity (the slack basis) by pivoting every basic structural
    /// column in on the largest entry among the rows still held by a slack that is not basic (partial pivoting),
    /// then recomputes the basic values x_B = B⁻¹(b − N x_N). A column with no usable pivot (numerically
    /// dependent) is made nonbasic at its nearest bound and the row's slack stays basic.
    mutating func refactorize() {
        let m = self.m
        let target = head
        binv = Array(repeating: 0, count: m * m)
        for i in 0..<m { binv[i * m + i] = 1 }
        var newHead = Array(n..<(n + m))
        var locked = Array(repeating: false, count: m)
        for v in target where v >= n { locked[v - n] = true }
        for v in target { position[v] = -1 }
        for j in target where j < n {
            let alpha = transformedColumn(j)
            var r = -1, best = options.pivotTolerance
            for i in 0..<m where !locked[i] && abs(alpha[i]) > best { (r, best) = (i, abs(alpha[i])) }
            guard r >= 0 else {
                // Dependent column: leave it nonbasic, at its nearest finite bound (a free one keeps its value).
                if lower[j].isFinite && (!upper[j].isFinite || x[j] - lower[j] <= upper[j] - x[j]) {
                    x[j] = lower[j]
                } else if upper[j].isFinite {
                    x[j] = upper[j]
                }
                continue
            }
            pivot(row: r, alpha: alpha)
            newHead[r] = j
            locked[r] = true
        }
        head = newHead
        for (i, v) in head.enumerated() { position[v] = i }
        // x_B = B⁻¹ (b − N x_N).
        var residual = rhs
        for j in 0..<n where position[j] < 0 && x[j] != 0 {
            for k in columnStarts[j]..<columnStarts[j + 1] { residual[rowIndices[k]] -= values[k] * x[j] }
        }
        for i in 0..<m where position[n + i] < 0 { residual[i] -= x[n + i] }
        var basic = Array(repeating: 0.0, count: m)
        binv.withUnsafeBufferPointer { b in
            for c in 0..<m where residual[c] != 0 {
                let column = c * m, v = residual[c]
                for i in 0..<m { basic[i] += v * b[column + i] }
            }
        }
        for i in 0..<m { x[head[i]] = basic[i] }
        pivotsSinceRefactorization = 0
    }
}
