extension SimplexSolver {
    /// The working state of one solve: the program in column form with slacks, the basis and its inverse.
    ///
    /// Variables 0..<n are the structural ones, n + i is the slack of row i (column eᵢ). Nonbasic variables sit
    /// at a bound, or at 0 when free; `x` holds every variable's current value.
    struct Engine {
        let m: Int
        let n: Int
        let options: Options
        /// Structural columns, compressed sparse columns.
        let columnStarts: [Int]
        let rowIndices: [Int]
        let values: [Double]
        let rhs: [Double]
        let cost: [Double]
        var lower: [Double]
        var upper: [Double]
        var x: [Double]
        /// The basic variable at each basis position (length m).
        var head: [Int]
        /// The basis position of each variable, −1 when nonbasic.
        var position: [Int]
        /// B⁻¹, column-major: binv[c·m + i] = (B⁻¹)ᵢ꜀.
        var binv: [Double]
        var iterations = 0
        var pivotsSinceRefactorization = 0
        let iterationLimit: Int
        let refactorizationInterval: Int

        init(_ problem: LinearProgram, options: Options, start: WarmStart?) {
            let (m, n) = (problem.constraintCount, problem.variableCount)
            self.m = m
            self.n = n
            self.options = options
            // Transpose the rows into columns.
            var counts = Array(repeating: 0, count: n + 1)
            for c in problem.columnIndices { counts[c + 1] += 1 }
            for j in 0..<n { counts[j + 1] += counts[j] }
            var fill = counts
            var rows = Array(repeating: 0, count: problem.nonZeroCount)
            var vals = Array(repeating: 0.0, count: problem.nonZeroCount)
            for i in 0..<m {
                for k in problem.rowStarts[i]..<problem.rowStarts[i + 1] {
                    let c = problem.columnIndices[k]
                    rows[fill[c]] = i
                    vals[fill[c]] = problem.values[k]
                    fill[c] += 1
                }
            }
            columnStarts = counts
            rowIndices = rows
            values = vals
            rhs = problem.rightHandSides
            cost = problem.objective + Array(repeating: 0, count: m)
            lower = problem.lower
            upper = problem.upper
            for relation in problem.relations {
                switch relation {
                case .lessOrEqual: (lower, upper) = (lower + [0], upper + [.infinity])
                case .greaterOrEqual: (lower, upper) = (lower + [-.infinity], upper + [0])
                case .equal: (lower, upper) = (lower + [0], upper + [0])
                }
            }
            x = zip(lower, upper).map { l, u in l.isFinite ? l : (u.isFinite ? u : 0) }
            head = Array(n..<(n + m))
            if let start {
                for j in 0..<n { x[j] = min(max(start.values[j], lower[j]), upper[j]) }
                // The requested basic variables, then slacks not requested, up to m; `refactorize` places them.
                let requested = Set(start.basic)
                head = Array((start.basic + head.filter { !requested.contains($0) }).prefix(m))
            }
            position = Array(repeating: -1, count: n + m)
            for (i, v) in head.enumerated() { position[v] = i }
            binv = []
            iterationLimit = options.maximumIterations ?? max(10_000, 20 * (m + n))
            refactorizationInterval = max(1, options.refactorizationInterval ?? max(100, m / 2))
        }

        /// The structural values and the row duals y = c_Bᵀ B⁻¹ of the phase-2 costs.
        func solution() -> (x: [Double], rowDuals: [Double]) {
            (Array(x[0..<n]), duals(basicCosts: head.map { cost[$0] }))
        }

        /// Runs phase 1 and phase 2 to a verdict.
        mutating func run() -> LinearProgramStatus {
            refactorize()
            var degenerateRun = 0
            var bland = false
            // The phase-2 duals, updated after each pivot (phase-1 costs change with x, so phase 1 recomputes).
            var phaseTwoDuals: [Double]? = nil
            while true {
                if iterations >= iterationLimit { return .iterationLimit }
                if pivotsSinceRefactorization >= refactorizationInterval {
                    refactorize()
                    phaseTwoDuals = nil
                }
                let fresh = pivotsSinceRefactorization == 0
                let infeasibility = basicInfeasibility()
                let phase1 = infeasibility > 0
                let y: [Double]
                if phase1 {
                    phaseTwoDuals = nil
                    y = duals(basicCosts: phaseOneCosts())
                } else if let known = phaseTwoDuals {
                    y = known
                } else {
                    y = duals(basicCosts: head.map { cost[$0] })
                }
                guard let (q, direction, reducedCost) = entering(duals: y, phase1: phase1, bland: bland) else {
                    // A verdict is only given on a freshly rebuilt inverse.
                    if !fresh {
                        refactorize()
                        phaseTwoDuals = nil
                        continue
                    }
                    return phase1 ? .infeasible : .optimal
                }
                let alpha = transformedColumn(q)
                let sign = Double(direction)
                switch ratioTest(entering: q, direction: direction, alpha: alpha, phase1: phase1, bland: bland) {
                case .unbounded:
                    if !fresh {
                        refactorize()
                        phaseTwoDuals = nil
                        continue
                    }
                    // Phase 1 cannot be unbounded (its cost is bounded below); a ray here is numerical noise.
                    return phase1 ? .infeasible : .unbounded
                case .flip(let step):
                    x[q] = direction > 0 ? upper[q] : lower[q]
                    for i in 0..<m where alpha[i] != 0 { x[head[i]] -= sign * step * alpha[i] }
                    iterations += 1
                    degenerateRun = 0
                    bland = false
                    if !phase1 { phaseTwoDuals = y }
                case .pivot(let r, let step, let leavingTo):
                    x[q] += sign * step
                    for i in 0..<m where alpha[i] != 0 { x[head[i]] -= sign * step * alpha[i] }
                    let leaving = head[r]
                    x[leaving] = leavingTo
                    if !phase1 {
                        // y ← y + (d_q / α_r)·(row r of the old B⁻¹): d_q becomes 0, d_leaving = −d_q/α_r.
                        var updated = y
                        let ratio = reducedCost / alpha[r]
                        binv.withUnsafeBufferPointer { b in
                            for c in 0..<m { updated[c] += ratio * b[c * m + r] }
                        }
                        phaseTwoDuals = updated
                    }
                    pivot(row: r, alpha: alpha)
                    position[leaving] = -1
                    head[r] = q
                    position[q] = r
                    iterations += 1
                    pivotsSinceRefactorization += 1
                    if step * abs(reducedCost) <= 1e-12 * (1 + abs(infeasibility)) {
                        degenerateRun += 1
                        if degenerateRun >= options.degenerateLimit { bland = true }
                    } else {
                        degenerateRun = 0
                        bland = false
                    }
                }
            }
        }

        /// The sum of the basic variables' bound violations beyond the primal tolerance (0 when feasible).
        func basicInfeasibility() -> Double {
            var sum = 0.0
            let tol = options.primalTolerance
            for v in head {
                if x[v] < lower[v] - tol {
                    sum += lower[v] - x[v]
                } else if x[v] > upper[v] + tol {
                    sum += x[v] - upper[v]
                }
            }
            return sum
        }

        /// The phase-1 cost of each basic variable: −1 below its lower bound, +1 above its upper bound, else 0.
        func phaseOneCosts() -> [Double] {
            let tol = options.primalTolerance
            return head.map { v in x[v] < lower[v] - tol ? -1 : (x[v] > upper[v] + tol ? 1 : 0) }
        }

        /// y = c_Bᵀ B⁻¹ for the given basic costs.
        func duals(basicCosts: [Double]) -> [Double] {
            let nonZero = basicCosts.indices.filter { basicCosts[$0] != 0 }
            let weights = nonZero.map { basicCosts[$0] }
            var y = Array(repeating: 0.0, count: m)
            if nonZero.isEmpty { return y }
            let m = self.m
            binv.withUnsafeBufferPointer { b in
                nonZero.withUnsafeBufferPointer { rows in
                    weights.withUnsafeBufferPointer { w in
                        for c in 0..<m {
                            let column = c * m
                            var s = 0.0
                            for k in 0..<rows.count { s += w[k] * b[column + rows[k]] }
                            y[c] = s
                        }
                    }
                }
            }
            return y
        }

        /// The entering variable, its direction (+1 increase, −1 decrease) and its reduced cost, or nil when no
        /// reduced cost has the improving sign (optimal for the current phase). A nonbasic variable strictly
        /// inside its bounds (a warm start's value) may move either way.
        func entering(duals y: [Double], phase1: Bool, bland: Bool) -> (Int, Int, Double)? {
            let tol = options.dualTolerance
            var best: (Int, Int, Double)? = nil
            var bestScore = 0.0
            y.withUnsafeBufferPointer { y in
                rowIndices.withUnsafeBufferPointer { rows in
                    values.withUnsafeBufferPointer { vals in
                        for j in 0..<(n + m) where position[j] < 0 && lower[j] < upper[j] {
                            var d: Double
                            if j < n {
                                d = phase1 ? 0 : cost[j]
                                for k in columnStarts[j]..<columnStarts[j + 1] { d -= vals[k] * y[rows[k]] }
                            } else {
                                d = -y[j - n]
                            }
                            let direction: Int
                            if d < -tol && x[j] < upper[j] {
                                direction = 1
                            } else if d > tol && x[j] > lower[j] {
                                direction = -1
                            } else {
                                continue
                            }
                            if bland {
                                if best == nil { best = (j, direction, d) }
                                continue
                            }
                            if abs(d) > bestScore {
                                bestScore = abs(d)
                                best = (j, direction, d)
                            }
                        }
                    }
                }
            }
            return best
        }

        /// B⁻¹ a_j.
        func transformedColumn(_ j: Int) -> [Double] {
            var alpha = Array(repeating: 0.0, count: m)
            binv.withUnsafeBufferPointer { b in
                alpha.withUnsafeMutableBufferPointer { a in
                    if j >= n {
                        let column = (j - n) * m
                        for i in 0..<m { a[i] = b[column + i] }
                        return
                    }
                    for k in columnStarts[j]..<columnStarts[j + 1] {
                        let column = rowIndices[k] * m, v = values[k]
                        for i in 0..<m { a[i] += v * b[column + i] }
                    }
                }
            }
            return alpha
        }
    }
}
