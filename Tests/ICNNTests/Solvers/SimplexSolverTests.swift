import ICNN
import Testing
import _ICNNTestSupport

@Suite struct SimplexSolverTests {
    /// |a − b| ≤ lpObjective·max(1, |b|).
    static func expectValue(_ a: Double, _ b: Double, _ what: String = "objective") {
        let allowed = Tolerances.lpObjective * max(1, abs(b))
        #expect(abs(a - b) <= allowed, "\(what) \(a), want \(b) (allowed error \(allowed))")
    }

    /// Checks the KKT conditions of a solution from the problem data alone: primal feasibility, the dual signs of
    /// y and of d = c − Aᵀy (recomputed here), complementary slackness of rows and bounds, and equal values.
    static func expectKKT(_ lp: LinearProgram, _ s: LinearProgramSolution) {
        let tol = Tolerances.lpFeasibility
        #expect(s.status == .optimal)
        #expect(lp.maximumViolation(s.x) <= tol, "primal violation \(lp.maximumViolation(s.x))")
        let activity = lp.rowActivities(s.x)
        var d = lp.objective
        for i in 0..<lp.constraintCount {
            for (j, a) in lp.row(i) { d[j] -= a * s.rowDuals[i] }
            let y = s.rowDuals[i], slack = activity[i] - lp.rightHandSides[i]
            switch lp.relations[i] {
            case .lessOrEqual: #expect(y <= tol, "row \(i): ≤ row with dual \(y) > 0")
            case .greaterOrEqual: #expect(y >= -tol, "row \(i): ≥ row with dual \(y) < 0")
            case .equal: break
            }
            #expect(abs(y * slack) <= tol, "row \(i): dual \(y) on a row with slack \(slack)")
        }
        for j in 0..<lp.variableCount {
            let atLower = s.x[j] - lp.lower[j] <= tol, atUpper = lp.upper[j] - s.x[j] <= tol
            if !atLower { #expect(d[j] <= tol, "x\(j) = \(s.x[j]) above its lower bound with reduced cost \(d[j])") }
            if !atUpper { #expect(d[j] >= -tol, "x\(j) = \(s.x[j]) below its upper bound with reduced cost \(d[j])") }
        }
        #expect(s.dualityGap <= tol * max(1, abs(s.objective)), "duality gap \(s.dualityGap)")
        #expect(s.primalResidual <= tol && s.dualResidual <= tol, "residuals \(s.primalResidual), \(s.dualResidual)")
    }

    @Test func textbookMaximisation() {
        // max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18, x, y ≥ 0: optimum (2, 6), value 36.
        var lp = LinearProgram(objective: [-3, -5], lower: [0, 0], upper: [.infinity, .infinity])
        lp.addConstraint([(0, 1)], .lessOrEqual, 4)
        lp.addConstraint([(1, 2)], .lessOrEqual, 12)
        lp.addConstraint([(0, 3), (1, 2)], .lessOrEqual, 18)
        let s = SimplexSolver().solve(lp)
        Self.expectKKT(lp, s)
        Self.expectValue(s.objective, -36)
        Self.expectValue(s.x[0], 2, "x")
        Self.expectValue(s.x[1], 6, "y")
        // The shadow prices of this classic example: 0, 3/2, 1 (for the maximisation), negated here.
        Self.expectValue(s.rowDuals[1], -1.5, "dual of row 2")
        Self.expectValue(s.rowDuals[2], -1, "dual of row 3")
    }

    /// Beale's example, on which Dantzig's rule with the textbook tie-break cycles forever.
    static func beale() -> LinearProgram {
        var lp = LinearProgram(
            objective: [-0.75, 20, -0.5, 6],
            lower: [0, 0, 0, 0],
            upper: [.infinity, .infinity, .infinity, .infinity]
        )
        lp.addConstraint(dense: [0.25, -8, -1, 9], .lessOrEqual, 0)
        lp.addConstraint(dense: [0.5, -12, -0.5, 3], .lessOrEqual, 0)
        lp.addConstraint(dense: [0, 0, 1, 0], .lessOrEqual, 1)
        return lp
    }

    @Test(arguments: [1, 50]) func bealeCyclingExample(degenerateLimit: Int) {
        var options = SimplexSolver.Options()
        options.degenerateLimit = degenerateLimit  // 1: Bland's rule from the first degenerate pivot on
        let lp = Self.beale()
        let s = SimplexSolver(options: options).solve(lp)
        Self.expectKKT(lp, s)
        Self.expectValue(s.objective, -1.25)
        #expect(s.iterations < 100, "\(s.iterations) iterations on a 3-row problem")
    }

    @Test func infeasibleProgram() {
        var lp = LinearProgram(objective: [1, 1], lower: [0, 0], upper: [.infinity, .infinity])
        lp.addConstraint([(0, 1), (1, 1)], .lessOrEqual, 1)
        lp.addConstraint([(0, 1), (1, 1)], .greaterOrEqual, 3)
        #expect(SimplexSolver().solve(lp).status == .infeasible)
    }

    @Test func infeasibleEqualitiesAndCrossedBounds() {
        var lp = LinearProgram(objective: [0, 0], lower: [-.infinity, -.infinity], upper: [.infinity, .infinity])
        lp.addConstraint([(0, 1), (1, 1)], .equal, 1)
        lp.addConstraint([(0, 2), (1, 2)], .equal, 3)
        #expect(SimplexSolver().solve(lp).status == .infeasible)
        let crossed = LinearProgram(objective: [1], lower: [2], upper: [1])
        #expect(SimplexSolver().solve(crossed).status == .infeasible)
    }

    @Test func unboundedPrograms() {
        var lp = LinearProgram(objective: [-1, 0], lower: [0, 0], upper: [.infinity, .infinity])
        lp.addConstraint([(0, 1), (1, -1)], .lessOrEqual, 1)
        let s = SimplexSolver().solve(lp)
        #expect(s.status == .unbounded)
        #expect(lp.maximumViolation(s.x) <= Tolerances.lpFeasibility, "the ray starts at a feasible point")
        // A free variable with a cost and no row: unbounded at once.
        let free = LinearProgram(objective: [1], lower: [-.infinity], upper: [.infinity])
        #expect(SimplexSolver().solve(free).status == .unbounded)
    }

    @Test func equalitiesAndFreeVariables() {
        // x − y = 1, x + 2y = 4 with free x, y: the unique point (2, 1).
        var lp = LinearProgram(objective: [1, 1], lower: [-.infinity, -.infinity], upper: [.infinity, .infinity])
        lp.addConstraint([(0, 1), (1, -1)], .equal, 1)
        lp.addConstraint([(0, 1), (1, 2)], .equal, 4)
        let s = SimplexSolver().solve(lp)
        Self.expectKKT(lp, s)
        Self.expectValue(s.x[0], 2, "x")
        Self.expectValue(s.x[1], 1, "y")
        // min t s.t. t ≥ |x − 2| (two rows), x and t free: t = 0 at x = 2.
        var hinge = LinearProgram(objective: [0, 1], lower: [-.infinity, -.infinity], upper: [.infinity, .infinity])
        hinge.addConstraint([(0, 1), (1, -1)], .lessOrEqual, 2)
        hinge.addConstraint([(0, -1), (1, -1)], .lessOrEqual, -2)
        let h = SimplexSolver().solve(hinge)
        Self.expectKKT(hinge, h)
        Self.expectValue(h.x[0], 2, "x")
        Self.expectValue(h.objective, 0)
    }

    @Test func upperBoundsAndBoundFlips() {
        // max Σ xᵢ over the box [0, 1]³ with a loose row: every variable flips to its upper bound.
        var lp = LinearProgram(objective: [-1, -2, -3], lower: [0, 0, 0], upper: [1, 1, 1])
        lp.addConstraint([(0, 1), (1, 1), (2, 1)], .lessOrEqual, 10)
        let s = SimplexSolver().solve(lp)
        Self.expectKKT(lp, s)
        Self.expectValue(s.objective, -6)
        // Fixed variables and a variable with only an upper bound.
        var fixed = LinearProgram(objective: [1, -1], lower: [3, -.infinity], upper: [3, 5])
        fixed.addConstraint([(0, 1), (1, 1)], .greaterOrEqual, 0)
        let f = SimplexSolver().solve(fixed)
        Self.expectKKT(fixed, f)
        Self.expectValue(f.objective, -2)
    }

    /// A random program that is feasible (rows hold at a random point) and bounded (c is built from a dual
    /// feasible y and d), with every kind of bound and relation.
    static func randomProgram(rows m: Int, columns n: Int, density: Double, seed: UInt64) -> LinearProgram {
        var rng = SeededGenerator(seed: seed)
        func uniform(_ a: Double, _ b: Double) -> Double { Double.random(in: a..<b, using: &rng) }
        var lower = [Double](), upper = [Double]()
        for _ in 0..<n {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: (lower, upper) = (lower + [uniform(-2, 0)], upper + [uniform(0.5, 3)])
            case 1: (lower, upper) = (lower + [uniform(-2, 0)], upper + [.infinity])
            case 2: (lower, upper) = (lower + [-.infinity], upper + [uniform(0, 2)])
            default: (lower, upper) = (lower + [-.infinity], upper + [.infinity])
            }
        }
        let x0 = (0..<n).map { j in
            lower[j].isFinite
                ? (upper[j].isFinite ? (lower[j] + upper[j]) / 2 : lower[j] + 0.5)
                : (upper[j].isFinite ? upper[j] - 0.5 : 0)
        }
        var rows: [[Double]] = []
        var relations: [LinearProgram.Relation] = [], rhs: [Double] = [], y: [Double] = []
        for _ in 0..<m {
            let a = (0..<n).map { _ in uniform(0, 1) < density ? uniform(-1, 1) : 0 }
            let ax = zip(a, x0).reduce(0) { $0 + $1.0 * $1.1 }
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: (relations, rhs, y) = (relations + [.equal], rhs + [ax], y + [uniform(-1, 1)])
            case 1:
                (relations, rhs, y) = (relations + [.greaterOrEqual], rhs + [ax - uniform(0, 1)], y + [uniform(0, 1)])
            default:
                (relations, rhs, y) = (relations + [.lessOrEqual], rhs + [ax + uniform(0, 1)], y + [uniform(-1, 0)])
            }
            rows.append(a)
        }
        // c = Aᵀy + d with d ≥ 0 where only a lower bound exists, ≤ 0 with only an upper one, 0 when free.
        var c = (0..<n).map { j in
            if lower[j].isFinite && upper[j].isFinite { return uniform(-1, 1) }
            if lower[j].isFinite { return uniform(0, 1) }
            if upper[j].isFinite { return uniform(-1, 0) }
            return 0.0
        }
        for i in 0..<m { for j in 0..<n { c[j] += rows[i][j] * y[i] } }
        var lp = LinearProgram(objective: c, lower: lower, upper: upper)
        for i in 0..<m { lp.addConstraint(dense: rows[i], relations[i], rhs[i]) }
        return lp
    }

    @Test(arguments: [(5, 8, 1.0), (20, 12, 0.5), (40, 60, 0.2), (120, 80, 0.1)])
    func randomProgramsSatisfyKKT(m: Int, n: Int, density: Double) {
        for seed in UInt64(1)...5 {
            let lp = Self.randomProgram(rows: m, columns: n, density: density, seed: seed &* 7919 &+ UInt64(m))
            let s = SimplexSolver().solve(lp)
            Self.expectKKT(lp, s)
        }
    }

    @Test func refactorizationEveryFewPivotsGivesTheSameOptimum() {
        let lp = Self.randomProgram(rows: 60, columns: 50, density: 0.3, seed: 42)
        var options = SimplexSolver.Options()
        options.refactorizationInterval = 3
        let a = SimplexSolver().solve(lp), b = SimplexSolver(options: options).solve(lp)
        Self.expectKKT(lp, a)
        Self.expectKKT(lp, b)
        Self.expectValue(b.objective, a.objective)
    }

    /// Warm starts from arbitrary values and bases (infeasible ones included, and nonbasic values strictly inside
    /// their bounds) reach the cold start's optimum.
    @Test func warmStartsReachTheSameOptimum() {
        for seed in UInt64(1)...4 {
            let lp = Self.randomProgram(rows: 30, columns: 25, density: 0.4, seed: seed)
            let cold = SimplexSolver().solve(lp)
            Self.expectKKT(lp, cold)
            var rng = SeededGenerator(seed: seed)
            let values = (0..<lp.variableCount).map { _ in Double.random(in: -3..<3, using: &rng) }
            let basic = Array((0..<(lp.variableCount + lp.constraintCount)).shuffled(using: &rng).prefix(20))
            let warm = SimplexSolver().solve(lp, start: .init(values: values, basic: basic))
            Self.expectKKT(lp, warm)
            Self.expectValue(warm.objective, cold.objective)
            // Restarting from the optimum's own point takes no pivots to prove it optimal.
            let again = SimplexSolver().solve(lp, start: .init(values: cold.x, basic: []))
            Self.expectKKT(lp, again)
            Self.expectValue(again.objective, cold.objective)
        }
    }

    @Test func iterationLimitIsAStatus() {
        let lp = Self.randomProgram(rows: 40, columns: 40, density: 0.5, seed: 3)
        var options = SimplexSolver.Options()
        options.maximumIterations = 2
        let s = SimplexSolver(options: options).solve(lp)
        #expect(s.status == .iterationLimit)
        #expect(s.iterations == 2)
    }

    /// The best vertex of a tiny boxed program, by enumerating every choice of n active constraints (rows or
    /// bounds) and solving for the point where they hold with equality.
    static func bruteForceMinimum(_ lp: LinearProgram) -> Double? {
        let n = lp.variableCount
        var planes: [([Double], Double)] = []
        for i in 0..<lp.constraintCount {
            var a = Array(repeating: 0.0, count: n)
            for (j, v) in lp.row(i) { a[j] = v }
            planes.append((a, lp.rightHandSides[i]))
        }
        for j in 0..<n {
            var e = Array(repeating: 0.0, count: n)
            e[j] = 1
            planes += [(e, lp.lower[j]), (e, lp.upper[j])]
        }
        var best: Double? = nil
        func visit(_ chosen: [Int], from start: Int) {
            if chosen.count == n {
                let a = Tensor<Double>(shape: [n, n], scalars: chosen.flatMap { planes[$0].0 })
                let b = Tensor<Double>(shape: [n, 1], scalars: chosen.map { planes[$0].1 })
                guard case .success(let sol) = LinearAlgebra.solve(a, b) else { return }
                let x = sol.scalars
                if lp.maximumViolation(x) <= 1e-9 {
                    let v = lp.objectiveValue(x)
                    best = min(best ?? v, v)
                }
                return
            }
            for k in start..<planes.count { visit(chosen + [k], from: k + 1) }
        }
        visit([], from: 0)
        return best
    }

    @Test func agreesWithBruteForceOnTinyPrograms() throws {
        var rng = SeededGenerator(seed: 11)
        for trial in 0..<30 {
            let n = 2 + trial % 2
            let c = (0..<n).map { _ in Double.random(in: -1..<1, using: &rng) }
            var lp = LinearProgram(
                objective: c,
                lower: Array(repeating: -1, count: n),
                upper: Array(repeating: 2, count: n)
            )
            for _ in 0..<4 {
                let a = (0..<n).map { _ in Double.random(in: -1..<1, using: &rng) }
                lp.addConstraint(dense: a, .lessOrEqual, Double.random(in: -0.5..<1, using: &rng))
            }
            let s = SimplexSolver().solve(lp)
            if let best = Self.bruteForceMinimum(lp) {
                Self.expectKKT(lp, s)
                Self.expectValue(s.objective, best)
            } else {
                #expect(s.status == .infeasible, "trial \(trial): no feasible vertex, solver says \(s.status)")
            }
        }
    }
}
