import ICNNCore
import Testing
import _ICNNTestSupport

/// A box-constrained convex quadratic min ½xᵀQx − bᵀx over l ≤ x ≤ u, solved exactly by enumeration.
struct BoxQuadratic: Sendable, CustomTestStringConvertible {
    var seed: UInt64
    var q: [Double]
    var b: [Double]
    var lower: [Double]
    var upper: [Double]
    var testDescription: String { "seed \(seed), n = \(b.count)" }

    /// A random instance: Q SPD (κ ≲ 21), b standard normal, so that some bounds bind; some sides unbounded.
    init(seed: UInt64, n: Int) {
        self.seed = seed
        var rng = SeededGenerator(seed: seed)
        q = MatrixTestSupport.randomSPD(n, shift: 0.2, &rng).scalars
        b = Tensor<Double>(normal: [n], using: &rng).scalars
        lower = (0..<n).map { $0 % 3 == 2 ? -.infinity : -0.5 }
        upper = (0..<n).map { $0 % 4 == 3 ? .infinity : 0.5 }
    }

    /// The exact minimiser: for every assignment of each coordinate to {lower, upper, free}, fix the bound
    /// coordinates, solve Q_FF·x_F = b_F − Q_FB·x_B for the free ones, keep the candidate if it is feasible; the
    /// feasible candidate with the smallest value is the global minimiser (Q is positive definite, so the true
    /// minimiser is the unconstrained minimiser on the face of its own active set). 3ⁿ candidates.
    func exactSolution() -> [Double] {
        let n = b.count
        let f = TestObjectives.quadratic(q, b)
        var best: [Double] = []
        var bestValue = Double.infinity
        var total = 1
        for _ in 0..<n { total *= 3 }
        for code in 0..<total {
            var status = [Int](repeating: 0, count: n)  // 0 free, 1 lower, 2 upper
            var c = code
            for i in 0..<n {
                status[i] = c % 3
                c /= 3
            }
            var x = [Double](repeating: 0, count: n)
            var feasibleSides = true
            for i in 0..<n where status[i] != 0 {
                x[i] = status[i] == 1 ? lower[i] : upper[i]
                if !x[i].isFinite { feasibleSides = false }
            }
            guard feasibleSides else { continue }
            let free = (0..<n).filter { status[$0] == 0 }
            if !free.isEmpty {
                var system = [Double]()
                var rhs = [Double]()
                for i in free {
                    for j in free { system.append(q[i * n + j]) }
                    var r = b[i]
                    for j in 0..<n where status[j] != 0 { r -= q[i * n + j] * x[j] }
                    rhs.append(r)
                }
                guard let lu = LUDecomposition(Tensor(shape: [free.count, free.count], scalars: system)) else {
                    continue
                }
                for (k, v) in lu.solve(rhs).enumerated() { x[free[k]] = v }
            }
            guard (0..<n).allSatisfy({ x[$0] >= lower[$0] - 1e-12 && x[$0] <= upper[$0] + 1e-12 }) else { continue }
            let value = f(x).value
            if value < bestValue {
                bestValue = value
                best = x
            }
        }
        return best
    }
}

@Suite struct LBFGSBTests {
    static let settings = LBFGSB.Configuration(gradientTolerance: Tolerances.minimizerGradient)
    /// For problems with f* ≠ 0: the relative-decrease test off, so that the gradient test decides.
    static let gradientOnly = LBFGSB.Configuration(
        gradientTolerance: Tolerances.minimizerGradient,
        relativeDecreaseTolerance: 0
    )

    static let quadratics = [
        // Seeds chosen so that each solution has both active and free coordinates (checked in the test).
        BoxQuadratic(seed: 12, n: 3), BoxQuadratic(seed: 12, n: 4), BoxQuadratic(seed: 13, n: 5),
        BoxQuadratic(seed: 14, n: 6), BoxQuadratic(seed: 15, n: 7),
    ]

    @Test(arguments: quadratics)
    func boundConstrainedQuadraticMatchesEnumeration(problem: BoxQuadratic) {
        let solution = problem.exactSolution()
        let n = problem.b.count
        let active = (0..<n).filter { solution[$0] == problem.lower[$0] || solution[$0] == problem.upper[$0] }
        #expect(!active.isEmpty && active.count < n, "the instance should have active and free bounds: \(solution)")
        let r = LBFGSB(configuration: Self.gradientOnly).minimize(
            from: [Double](repeating: 0, count: n),
            lower: problem.lower,
            upper: problem.upper,
            TestObjectives.quadratic(problem.q, problem.b)
        )
        #expect(r.isConverged, "\(r)")
        let error = MatrixTestSupport.maxDifference(r.x, solution)
        #expect(error <= Tolerances.boundedMinimizer, "‖x − x*‖∞ = \(error); \(r)")
        // Active coordinates sit exactly on their bound.
        for i in active { #expect(r.x[i] == solution[i], "coordinate \(i): \(r.x[i]) vs bound \(solution[i])") }
    }

    @Test func separableQuadraticByHand() {
        // (x − 3)² + (y + 2)² over [0, 1]²: the minimiser (1, 0) has the upper bound of x and the lower bound of y
        // active; the projected gradient there is zero although the gradient is (−4, 4).
        let r = LBFGSB(configuration: Self.settings).minimize(from: [0.5, 0.5], lower: [0, 0], upper: [1, 1]) { x in
            ((x[0] - 3) * (x[0] - 3) + (x[1] + 2) * (x[1] + 2), [2 * (x[0] - 3), 2 * (x[1] + 2)])
        }
        #expect(r.status == .converged(.gradient) && r.x == [1, 0] && r.value == 8 && r.gradient == [-4, 4], "\(r)")
        #expect(r.gradientNorm == 0)
    }

    /// Rosenbrock on boxes that exclude (1, 1). With y free, 100(y − x²)² can be made 0, so the constrained
    /// minimum is (1 − x)² at the x bound nearest 1, with y = x².
    static let rosenbrockBoxes: [(lower: [Double], upper: [Double], start: [Double], solution: [Double])] = [
        ([-1.5, -0.5], [0.5, 2], [-1.2, 1], [0.5, 0.25]),  // upper bound on x active
        ([1.5, -3], [3, 3], [2.5, -2], [1.5, 2.25]),  // lower bound on x active
        ([-1.5, -0.5], [0.5, 2], [3, 3], [0.5, 0.25]),  // start outside the box: projected to (0.5, 2)
        ([0.5, 0.25], [0.5, 3], [0.5, 2], [0.5, 0.25]),  // x fixed by equal bounds, y's lower bound active
    ]

    @Test(arguments: 0..<rosenbrockBoxes.count)
    func rosenbrockOnABoxExcludingTheMinimiser(index: Int) {
        let box = Self.rosenbrockBoxes[index]
        var outside = 0
        let r = LBFGSB(configuration: Self.settings).minimize(from: box.start, lower: box.lower, upper: box.upper) {
            x in
            if x[0] < box.lower[0] || x[0] > box.upper[0] || x[1] < box.lower[1] || x[1] > box.upper[1] { outside += 1 }
            return TestObjectives.rosenbrock(x)
        }
        #expect(r.isConverged, "\(r)")
        #expect(MatrixTestSupport.maxDifference(r.x, box.solution) <= Tolerances.minimizer, "\(r.x); \(r)")
        let expected = (1 - box.solution[0]) * (1 - box.solution[0])
        #expect(abs(r.value - expected) <= Tolerances.minimumValue)
        #expect(outside == 0, "the objective was evaluated outside the box \(outside) times")
    }

    @Test(arguments: LBFGSTests.rosenbrockCases)
    func infiniteBoundsAgreeWithLBFGS(problem: RosenbrockCase) {
        let f: MinimizationObjective = {
            problem.chained ? TestObjectives.rosenbrock($0) : TestObjectives.extendedRosenbrock($0)
        }
        let n = problem.start.count
        let bounded = LBFGSB(configuration: Self.settings).minimize(
            from: problem.start,
            lower: [Double](repeating: -.infinity, count: n),
            upper: [Double](repeating: .infinity, count: n),
            f
        )
        let free = LBFGS(configuration: LBFGSTests.settings).minimize(from: problem.start, f)
        #expect(bounded.isConverged && free.isConverged, "L-BFGS-B: \(bounded); L-BFGS: \(free)")
        #expect(MatrixTestSupport.maxDifference(bounded.x, free.x) <= Tolerances.minimizer)
        #expect(MatrixTestSupport.maxDifference(bounded.x, [Double](repeating: 1, count: n)) <= Tolerances.minimizer)
        // Same model, so a comparable amount of work (not identical: the line searches start differently).
        #expect(bounded.evaluations <= 2 * free.evaluations + 10, "L-BFGS-B: \(bounded); L-BFGS: \(free)")
    }
}

@Suite struct LBFGSBInputTests {
    static let invalid: [(name: String, lower: [Double], upper: [Double], start: [Double])] = [
        ("lower > upper", [0, 2], [1, 1], [0.5, 0.5]),
        ("too few bounds", [0], [1, 1], [0.5, 0.5]),
        ("NaN bound", [0, .nan], [1, 1], [0.5, 0.5]),
        ("NaN start", [0, 0], [1, 1], [0.5, .nan]),
        ("lower bound +∞", [0, .infinity], [1, .infinity], [0.5, 0.5]),
    ]

    @Test(arguments: 0..<invalid.count)
    func malformedBoxesAreInvalidInput(index: Int) {
        let c = Self.invalid[index]
        var calls = 0
        let r = LBFGSB().minimize(from: c.start, lower: c.lower, upper: c.upper) { x in
            calls += 1
            return (0, x)
        }
        guard case .invalidInput = r.status else {
            Issue.record("\(c.name): expected invalidInput, got \(r.status)")
            return
        }
        #expect(calls == 0 && r.evaluations == 0, "\(c.name)")
    }

    @Test func nonFiniteObjectiveIsReported() {
        let atStart = LBFGSB().minimize(from: [0.5], lower: [0], upper: [1]) { _ in (.infinity, [1]) }
        #expect(atStart.status == .nonFinite && atStart.evaluations == 1)
        let elsewhere = LBFGSB().minimize(from: [0.5], lower: [0], upper: [1]) { x in
            x[0] == 0.5 ? (1, [1]) : (.nan, [0])
        }
        #expect(elsewhere.status == .nonFinite && elsewhere.x == [0.5] && elsewhere.value == 1, "\(elsewhere)")
        let wrongLength = LBFGSB().minimize(from: [0.5], lower: [0], upper: [1]) { _ in (1, [1, 2]) }
        guard case .invalidInput = wrongLength.status else {
            Issue.record("expected invalidInput, got \(wrongLength.status)")
            return
        }
    }

    @Test func startAtAKKTPointStopsImmediately() {
        // f = x on [2, 5]: the minimiser is the lower bound, where the gradient 1 is nonzero but the projected
        // gradient is zero.
        let r = LBFGSB().minimize(from: [2], lower: [2], upper: [5]) { x in (x[0], [1]) }
        #expect(r.status == .converged(.gradient) && r.iterations == 0 && r.gradientNorm == 0)
        // A linear objective with an unbounded side has no minimiser; the run ends without trapping.
        let unbounded = LBFGSB(configuration: .init(maxIterations: 50)).minimize(
            from: [0],
            lower: [-.infinity],
            upper: [0]
        ) { x in (x[0], [1]) }
        #expect(!unbounded.isConverged && unbounded.value < -1, "\(unbounded)")
    }
}
