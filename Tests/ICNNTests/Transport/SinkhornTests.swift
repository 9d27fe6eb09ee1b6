import Foundation
import ICNN
import Testing
import _ICNNTestSupport

/// Points with rows `values`.
func cloud(_ values: [[Double]]) -> Tensor<Double> { Tensor(rows: values) }

/// All permutations of 0..<n (Heap's algorithm), for brute-force assignments on tiny problems.
func permutations(_ n: Int) -> [[Int]] {
    var out: [[Int]] = []
    var a = Array(0..<n)
    func generate(_ k: Int) {
        if k <= 1 {
            out.append(a)
            return
        }
        for i in 0..<k {
            generate(k - 1)
            a.swapAt(k % 2 == 0 ? i : 0, k - 1)
        }
    }
    generate(n)
    return out
}

/// The optimal assignment cost (1/n) min_σ Σᵢ ‖xᵢ − y_σ(i)‖² and the minimising σ, by enumeration.
func bruteForceAssignment(_ x: Tensor<Double>, _ y: Tensor<Double>) -> (cost: Double, assignment: [Int]) {
    let (n, d) = (x.shape[0], x.shape[1])
    var best = (cost: Double.infinity, assignment: [Int]())
    for p in permutations(n) {
        var c = 0.0
        for i in 0..<n { for k in 0..<d { c += (x[i, k] - y[p[i], k]) * (x[i, k] - y[p[i], k]) } }
        if c / Double(n) < best.cost { best = (c / Double(n), p) }
    }
    return best
}

@Suite("Sinkhorn: log-domain entropic OT and the debiased divergence")
struct SinkhornTests {
    static let strict = Sinkhorn(epsilon: 0.5, tolerance: 1e-9, maximumIterations: 100_000)

    @Test("One point each side: OT_ε is the squared distance, whatever ε")
    func singlePoints() {
        for epsilon in [0.01, 1.0, 100.0] {
            let s = Sinkhorn(epsilon: epsilon, tolerance: 1e-12)
            let solution = s.solve(cloud([[0, 0]]), cloud([[3, 4]]))
            #expect(solution.converged)
            #expect(abs(solution.cost - 25) <= Tolerances.metricArithmetic * 25)
        }
    }

    @Test("S_ε(X, X) = 0 and S_ε(X, X + t) = ‖t‖² exactly for every ε (separable cross terms of the squared cost)")
    func translation() {
        var rng = SeededGenerator(seed: 3)
        let x = Tensor<Double>(uniform: [40, 3], low: -1, high: 1, using: &rng)
        let t = Tensor<Double>([0.5, -1, 2])
        for epsilon in [0.2, 1.0, 5.0] {
            let s = Sinkhorn(epsilon: epsilon, tolerance: 1e-9, maximumIterations: 100_000)
            #expect(abs(s.divergence(x, x)) <= Tolerances.sinkhornValue)
            let shifted = s.divergence(x, x + t)
            #expect(abs(shifted - 5.25) <= Tolerances.sinkhornValue * 5.25, "ε = \(epsilon): \(shifted)")
        }
    }

    @Test("As ε → 0, OT_ε tends to the brute-force assignment cost: OT ≤ OT_ε ≤ OT + ε·log n", arguments: [1, 2, 3])
    func smallEpsilonMatchesAssignment(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor<Double>(uniform: [6, 2], low: -1, high: 1, using: &rng)
        let y = Tensor<Double>(normal: [6, 2], using: &rng)
        let exact = bruteForceAssignment(x, y).cost
        // The returned value is a dual objective with exact column marginals, so it never exceeds OT_ε (weak
        // duality) whether or not the iteration converged. Sinkhorn slows down when the plan is nearly a
        // permutation (measured: marginal violations of 1e-6 to 5e-6 after 5e4 iterations on these problems, even
        // at ε = 0.1 for seed 2), so the runs are only required to bracket the assignment cost.
        for epsilon in [0.1, 0.01, 0.001] {
            let solution = Sinkhorn(epsilon: epsilon, tolerance: 1e-7, maximumIterations: 50_000).solve(x, y)
            #expect(
                solution.cost >= exact - Tolerances.sinkhornSmallEpsilon,
                "ε = \(epsilon): \(solution.cost) < \(exact)"
            )
            #expect(
                solution.cost <= exact + epsilon * log(6.0) + Tolerances.metricArithmetic,
                "ε = \(epsilon): \(solution.cost) vs \(exact)"
            )
        }
    }

    @Test("Annealing changes the work, not the fixed point")
    func annealingAgrees() {
        var rng = SeededGenerator(seed: 5)
        let x = Tensor<Double>(normal: [30, 2], using: &rng)
        let y = Tensor<Double>(normal: [25, 2], mean: 1, using: &rng)
        let annealed = Self.strict.solve(x, y)
        var plain = Self.strict
        plain.annealing = false
        let direct = plain.solve(x, y)
        #expect(annealed.converged && direct.converged)
        #expect(abs(annealed.cost - direct.cost) <= Tolerances.sinkhornValue * abs(direct.cost))
    }

    @Test("The divergence is positive between different clouds and symmetric")
    func positiveAndSymmetric() {
        var rng = SeededGenerator(seed: 6)
        let x = Tensor<Double>(normal: [30, 2], using: &rng)
        let y = Tensor<Double>(uniform: [35, 2], low: -1, high: 1, using: &rng)
        let a = Self.strict.divergence(x, y), b = Self.strict.divergence(y, x)
        #expect(a > 0.01)
        #expect(abs(a - b) <= Tolerances.sinkhornValue)
    }

    @Test("The iteration cap is reported, not hidden")
    func reportsNonConvergence() {
        var rng = SeededGenerator(seed: 7)
        let x = Tensor<Double>(normal: [20, 2], using: &rng)
        let y = Tensor<Double>(normal: [20, 2], mean: 3, using: &rng)
        let solution = Sinkhorn(epsilon: 1e-3, tolerance: 1e-12, maximumIterations: 2, annealing: false).solve(x, y)
        #expect(!solution.converged)
        #expect(solution.iterations == 2)
        #expect(solution.marginalError > 1e-12)
    }

    @Test("The symmetric iteration finds OT_ε(X, X) of the alternating one; at small ε in far fewer steps")
    func selfTransport() {
        var rng = SeededGenerator(seed: 8)
        let x = Tensor<Double>(normal: [60, 3], using: &rng)
        for epsilon in [0.5, 1.0, 5.0] {
            for annealing in [true, false] {
                let s = Sinkhorn(epsilon: epsilon, tolerance: 1e-9, maximumIterations: 100_000, annealing: annealing)
                let symmetric = s.selfTransport(x), alternating = s.solve(x, x)
                #expect(symmetric.converged && alternating.converged, "ε = \(epsilon), annealing \(annealing)")
                #expect(
                    abs(symmetric.cost - alternating.cost) <= Tolerances.sinkhornValue * abs(alternating.cost),
                    "ε = \(epsilon): \(symmetric.cost) vs \(alternating.cost)"
                )
                // The alternating iteration oscillates when ε is small against the costs (here ≈ 6 on average);
                // at ε = 5 it contracts fast by itself and averaging only slows it (24 against 11 steps, each of
                // one soft-minimum against two).
                if epsilon <= 1 {
                    #expect(
                        symmetric.iterations < alternating.iterations,
                        "ε = \(epsilon), annealing \(annealing): \(symmetric.iterations) vs \(alternating.iterations)"
                    )
                }
                // Its two potentials agree at convergence: T(f) = f.
                let gap = zip(symmetric.sourcePotential, symmetric.targetPotential).map { abs($0 - $1) }.max() ?? 0
                #expect(gap <= 1e-6 * epsilon, "ε = \(epsilon): |f − T(f)| = \(gap)")
            }
        }
        // At ε = 0.2 the plan is nearly the identity permutation and the alternating iteration does not reach
        // 1e-9 in 20 000 steps; the symmetric one does in a few hundred, and its value is at least the alternating
        // one's (a dual value with exact column marginals, so a lower bound on OT_ε).
        let s = Sinkhorn(epsilon: 0.2, tolerance: 1e-9, maximumIterations: 20_000)
        let symmetric = s.selfTransport(x), alternating = s.solve(x, x)
        #expect(symmetric.converged && symmetric.iterations < 1000, "\(symmetric.iterations) steps")
        #expect(!alternating.converged)
        #expect(symmetric.cost >= alternating.cost - Tolerances.sinkhornValue * abs(alternating.cost))
    }

    @Test("A tracker warm-starts the cross term: the divergences of the cold solver, in fewer steps")
    func tracker() {
        var rng = SeededGenerator(seed: 9)
        let y = Tensor<Double>(normal: [80, 4], using: &rng)
        let start = Tensor<Double>(normal: [70, 4], mean: 1, using: &rng)
        let s = Sinkhorn(epsilon: 0.1, tolerance: 1e-7, maximumIterations: 50_000)
        var tracker = Sinkhorn.Tracker(s, target: y)
        // A cloud drifting a little between calls, as pushed validation points do during training.
        var coldSteps = 0, warmSteps = 0
        for k in 0..<5 {
            let x = start * (1 - 0.02 * Double(k))
            let warm = tracker.divergence(x)
            let cold = s.divergence(x, y)
            #expect(abs(warm - cold) <= 1e-5 * abs(cold), "call \(k): \(warm) vs \(cold)")
            if k > 0 {
                warmSteps += tracker.lastIterations
                coldSteps += s.solve(x, y).iterations
            }
        }
        #expect(warmSteps < coldSteps, "\(warmSteps) warm-started steps against \(coldSteps) annealed ones")
        // A warm start of the wrong length is ignored.
        let ignored = s.solve(start, y, warmStart: [1, 2, 3])
        #expect(abs(ignored.cost - s.solve(start, y).cost) <= 1e-12 * abs(ignored.cost))
    }
}
