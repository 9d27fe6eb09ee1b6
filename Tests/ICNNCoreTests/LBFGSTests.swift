import ICNNCore
import Testing
import _ICNNTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Standard smooth test problems with known minimisers.
enum TestObjectives {
    /// The chained Rosenbrock function Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²: minimum 0 at (1, …, 1), a curved narrow
    /// valley; for n = 2 the classic "banana" from (−1.2, 1).
    static func rosenbrock(_ x: [Double]) -> (value: Double, gradient: [Double]) {
        var f = 0.0
        var g = [Double](repeating: 0, count: x.count)
        for i in 0..<(x.count - 1) {
            let a = 1 - x[i]
            let b = x[i + 1] - x[i] * x[i]
            f += a * a + 100 * b * b
            g[i] += -2 * a - 400 * x[i] * b
            g[i + 1] += 200 * b
        }
        return (f, g)
    }

    /// The extended (separable) Rosenbrock function of Moré, Garbow & Hillstrom (1981), problem 21: pairs
    /// 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)², standard start (−1.2, 1, −1.2, 1, …), minimum 0 at (1, …, 1).
    static func extendedRosenbrock(_ x: [Double]) -> (value: Double, gradient: [Double]) {
        var f = 0.0
        var g = [Double](repeating: 0, count: x.count)
        for i in stride(from: 0, to: x.count - 1, by: 2) {
            let a = 1 - x[i]
            let b = x[i + 1] - x[i] * x[i]
            f += a * a + 100 * b * b
            g[i] = -2 * a - 400 * x[i] * b
            g[i + 1] = 200 * b
        }
        return (f, g)
    }

    /// ½xᵀQx − bᵀx and its gradient Qx − b, for a row-major symmetric Q.
    static func quadratic(_ q: [Double], _ b: [Double]) -> @Sendable ([Double]) -> (value: Double, gradient: [Double]) {
        { x in
            let n = b.count
            var g = [Double](repeating: 0, count: n)
            var f = 0.0
            for i in 0..<n {
                for j in 0..<n { g[i] += q[i * n + j] * x[j] }
                f += 0.5 * x[i] * g[i] - b[i] * x[i]
                g[i] -= b[i]
            }
            return (f, g)
        }
    }
}

/// A test start: a name, the dimension and the starting point.
struct RosenbrockCase: Sendable, CustomTestStringConvertible {
    var name: String
    var start: [Double]
    var chained: Bool
    var testDescription: String { name }
}

@Suite struct LBFGSTests {
    static let settings = LBFGS.Configuration(gradientTolerance: Tolerances.minimizerGradient)

    static let rosenbrockCases = [
        RosenbrockCase(name: "2-D from (−1.2, 1)", start: [-1.2, 1], chained: true),
        RosenbrockCase(name: "2-D from (−1.2, −1)", start: [-1.2, -1], chained: true),
        RosenbrockCase(
            name: "extended 10-D from (−1.2, 1, …)",
            start: (0..<10).map { $0 % 2 == 0 ? -1.2 : 1 },
            chained: false
        ),
        RosenbrockCase(name: "chained 10-D from 0", start: [Double](repeating: 0, count: 10), chained: true),
    ]

    @Test(arguments: rosenbrockCases)
    func reachesRosenbrockMinimiser(problem: RosenbrockCase) {
        let r = LBFGS(configuration: Self.settings).minimize(from: problem.start) { x in
            problem.chained ? TestObjectives.rosenbrock(x) : TestObjectives.extendedRosenbrock(x)
        }
        let distance = MatrixTestSupport.maxDifference(r.x, [Double](repeating: 1, count: problem.start.count))
        #expect(r.isConverged, "\(r)")
        #expect(distance <= Tolerances.minimizer, "‖x − 1‖∞ = \(distance), allowed \(Tolerances.minimizer); \(r)")
        #expect(r.value <= Tolerances.minimumValue)
        #expect(r.gradient.count == problem.start.count && r.evaluations <= 2 * r.iterations + 10)
    }

    @Test(arguments: [2, 5, 10, 30])
    func solvesConvexQuadraticInAboutNIterations(n: Int) throws {
        let seed = UInt64(9000 + n)
        var rng = SeededGenerator(seed: seed)
        let q = MatrixTestSupport.randomSPD(n, shift: 0.2, &rng)  // κ about 20
        let b = Tensor<Double>(normal: [n], using: &rng)
        let solution = try Cholesky.factor(q).get().solve(b.scalars)
        // m ≥ n and a near-exact line search (c₂ = 0.01): L-BFGS then behaves as conjugate gradients.
        // The relative-decrease test is off: f* ≠ 0, so f stops changing measurably long before ‖g‖ reaches 1e-10.
        let settings = LBFGS.Configuration(
            memory: max(n, 10),
            gradientTolerance: Tolerances.minimizerGradient,
            relativeDecreaseTolerance: 0,
            curvature: 0.01
        )
        let f = TestObjectives.quadratic(q.scalars, b.scalars)
        let r = LBFGS(configuration: settings).minimize(from: [Double](repeating: 0, count: n), f)
        #expect(r.status == .converged(.gradient), "seed \(seed): \(r)")
        #expect(r.iterations <= n + 3, "seed \(seed): \(r.iterations) iterations for n = \(n)")
        #expect(MatrixTestSupport.maxDifference(r.x, solution) <= Tolerances.minimizer, "seed \(seed)")
    }

    @Test func warmStartAtTheMinimiserStopsImmediately() {
        let r = LBFGS().minimize(from: [1, 1], TestObjectives.rosenbrock)
        #expect(r.status == .converged(.gradient) && r.iterations == 0 && r.evaluations == 1)
        // A warm start near the solution needs far fewer evaluations than a cold one.
        let cold = LBFGS(configuration: Self.settings).minimize(from: [-1.2, 1], TestObjectives.rosenbrock)
        let warm = LBFGS(configuration: Self.settings).minimize(from: [0.99, 0.98], TestObjectives.rosenbrock)
        #expect(warm.isConverged && warm.evaluations < cold.evaluations / 2, "warm \(warm), cold \(cold)")
        // No variables: nothing to do.
        let empty = LBFGS().minimize(from: []) { _ in (3, []) }
        #expect(empty.status == .converged(.gradient) && empty.value == 3)
    }

    @Test func stopsAtIterationAndEvaluationLimits() {
        let few = LBFGS(configuration: .init(gradientTolerance: 0, maxIterations: 3))
            .minimize(from: [-1.2, 1], TestObjectives.rosenbrock)
        #expect(few.status == .maxIterations && few.iterations == 3)
        let cheap = LBFGS(configuration: .init(gradientTolerance: 0, maxEvaluations: 7))
            .minimize(from: [-1.2, 1], TestObjectives.rosenbrock)
        #expect(cheap.status == .maxEvaluations && cheap.evaluations <= 7)
        // Whatever the reason for stopping, the point returned is the best accepted one and its value is f(x).
        #expect(cheap.value == TestObjectives.rosenbrock(cheap.x).value && cheap.value < 24.2)
    }

    @Test func relativeDecreaseStopsStagnation() {
        // f = x⁴ has a singular Hessian at its minimiser: convergence is only linear, and with no gradient test
        // the relative-decrease test (absolute for |f| < 1) ends the run once f changes by ≤ 1e-12.
        let r = LBFGS(configuration: .init(gradientTolerance: 0, relativeDecreaseTolerance: 1e-12))
            .minimize(from: [0.7]) { x in (x[0] * x[0] * x[0] * x[0], [4 * x[0] * x[0] * x[0]]) }
        #expect(r.status == .converged(.relativeDecrease), "\(r)")
        // f ≲ 1e-10 there, so |x| ≲ 3e-3.
        #expect(abs(r.x[0]) <= 1e-2, "\(r)")
    }
}

@Suite struct LBFGSBadObjectiveTests {
    @Test func nanAtTheStartIsReported() {
        let r = LBFGS().minimize(from: [1, 2]) { _ in (.nan, [0, 0]) }
        #expect(r.status == .nonFinite && r.evaluations == 1 && r.value.isNaN && r.x == [1, 2])
        let g = LBFGS().minimize(from: [1, 2]) { _ in (1, [.infinity, 0]) }
        #expect(g.status == .nonFinite)
    }

    @Test func nanEverywhereElseIsReported() {
        // Finite only at the start; every trial point is NaN.
        let r = LBFGS().minimize(from: [3]) { x in x[0] == 3 ? (9, [6]) : (.nan, [.nan]) }
        #expect(r.status == .nonFinite && r.x == [3] && r.value == 9, "\(r)")
        #expect(r.evaluations <= 1 + 20, "one line search's worth of evaluations")
    }

    @Test func nanOutsideTheDomainIsAvoided() {
        // f = x − log(x) − log(2 − x) + … is NaN for x ≤ 0 or x ≥ 2; the minimiser is interior. The line search must
        // back off from NaN and still converge.
        let r = LBFGS(configuration: .init(gradientTolerance: Tolerances.minimizerGradient)).minimize(
            from: [1.9]
        ) { x in
            let t = x[0]
            guard t > 0 && t < 2 else { return (.nan, [.nan]) }
            return (4 * t - log(t) - log(2 - t), [4 - 1 / t + 1 / (2 - t)])
        }
        // 4 − 1/t + 1/(2 − t) = 0 ⇔ 4t² − 10t + 2 = 0 ⇔ t = (5 − √17)/4.
        let solution = (5 - 17.0.squareRoot()) / 4
        #expect(r.isConverged && abs(r.x[0] - solution) <= Tolerances.minimizer, "\(r)")
    }

    @Test func inconsistentGradientFailsTheLineSearch() {
        // The "gradient" points uphill: no step can decrease f, and the run says so instead of looping.
        let r = LBFGS().minimize(from: [1, 1]) { x in (x[0] * x[0] + x[1] * x[1], [-2 * x[0], -2 * x[1]]) }
        #expect(r.status == .lineSearchFailed && r.x == [1, 1], "\(r)")
    }

    @Test func wrongGradientLengthIsInvalidInput() {
        let r = LBFGS().minimize(from: [1, 2]) { _ in (1, [0]) }
        guard case .invalidInput(let reason) = r.status else {
            Issue.record("expected invalidInput, got \(r.status)")
            return
        }
        #expect(reason.contains("1 values for 2 variables"))
    }
}
