import ICNN
import Testing
import _ICNNTestSupport

@Suite("Minimisation over convex inputs")
struct MinimizerTests {
    static let solver = Minimizer(tolerance: Tolerances.minimizerCertificate, maxIterations: 5000)
    static let smoothMethods: [Minimizer.Method] = [.lbfgs, .gradient, .accelerated]

    @Test("a quadratic FICNN: the known minimiser, unconstrained and clipped by a box", arguments: smoothMethods)
    func quadratic(method: Minimizer.Method) throws {
        let a: [Float] = [1, 2, 4], c: [Float] = [0.5, -1.5, 2]
        let objective = ConvexObjective(SolverTestModels.quadratic(a: a, c: c))
        let free = try Self.solver.minimize(ConvexProblem(objective), method: method)
        #expect(free.isConverged, "\(free.status), gap \(free.gaps)")
        for j in 0..<3 {
            #expect(abs(free.argmin[0][j] - Double(c[j])) <= Tolerances.knownMinimizer, "\(free.argmin[0])")
        }
        #expect(abs(free.values[0]) <= Tolerances.methodsAgreeValue)

        // Box [-1, 1]³: the solution is c clipped, with the last two coordinates on a bound.
        let boxed = try Self.solver.minimize(ConvexProblem(objective, lower: [-1], upper: [1]), method: method)
        #expect(boxed.isConverged, "\(boxed.status)")
        let expected = c.map { Double(min(max($0, -1), 1)) }
        for j in 0..<3 { #expect(abs(boxed.argmin[0][j] - expected[j]) <= Tolerances.knownMinimizer) }
        let value = zip(zip(a, c), expected).reduce(0.0) { s, p in
            s + Double(p.0.0) / 2 * (p.1 - Double(p.0.1)) * (p.1 - Double(p.0.1))
        }
        #expect(abs(boxed.values[0] - value) <= Tolerances.methodsAgreeValue)
    }

    @Test("a sum of smoothed hinges: minimiser at the hinges' centre", arguments: smoothMethods)
    func hinges(method: Minimizer.Method) throws {
        let c: [Float] = [0.25, -0.75, 1.5, 0]
        let problem = try ConvexProblem(SolverTestModels.hinges(c: c, temperature: 0.5), lower: [-3], upper: [3])
        let result = try Self.solver.minimize(problem, method: method, start: [2, 2, -2, 1])
        #expect(result.isConverged, "\(result.status)")
        // Curvature 1/(2τ) = 1 at the minimiser.
        for j in 0..<4 { #expect(abs(result.argmin[0][j] - Double(c[j])) <= Tolerances.knownMinimizer) }
    }

    @Test("all methods agree on a smooth PICNN, batched over conditions")
    func methodsAgree() throws {
        var rng = SeededGenerator(seed: 11)
        let model = Model(PICNN(inputs: 5, convexIn: [1, 3], widths: [16, 16]), using: &rng)
        let x = Tensor<Float>(normal: [12, 3], using: &rng).scalars
        let problem = try ConvexProblem(
            ConvexObjective(model),
            conditions: (0..<12).map { Array(x[$0 * 3..<$0 * 3 + 3]) },
            lower: [-1, -2],
            upper: [1, 0.5]
        )
        let results = try Self.smoothMethods.map { try Self.solver.minimize(problem, method: $0) }
        for r in results {
            #expect(r.isConverged, "\(r.method): \(r.status), gaps up to \(r.gaps.max() ?? 0)")
            #expect(r.argmin.count == 12 && r.values.count == 12)
        }
        for r in results.dropFirst() {
            for k in 0..<12 {
                #expect(
                    abs(r.values[k] - results[0].values[k]) <= Tolerances.methodsAgreeValue,
                    "\(r.method) row \(k): \(r.values[k]) vs lbfgs \(results[0].values[k])"
                )
            }
        }
        // Each value is a minimum: no better point on a grid over the box (the first problem).
        var grid: [[Double]] = []
        for i in 0...20 {
            for j in 0...20 { grid.append([-1 + Double(i) / 10, -2 + 2.5 * Double(j) / 20]) }
        }
        let values = problem.objective.gridValues(problem.conditions[0], grid)
        #expect(values.min()! >= results[0].values[0] - Tolerances.methodsAgreeValue)
    }

    @Test("bundle entropy agrees with L-BFGS-B on the entropy-regularised problem on [0, 1]ⁿ")
    func bundleAgreesWithLBFGS() throws {
        var rng = SeededGenerator(seed: 5)
        let model = Model(PICNN(inputs: 6, convexIn: [2, 3, 4, 5], widths: [16, 16]), using: &rng)
        let x = Tensor<Float>(normal: [8, 2], standardDeviation: 2, using: &rng).scalars
        let problem = try ConvexProblem(
            ConvexObjective(model),
            conditions: (0..<8).map { Array(x[$0 * 2..<$0 * 2 + 2]) },
            lower: [0],
            upper: [1],
            entropyWeight: 1
        )
        #expect(Minimizer.resolve(.auto, for: problem) == .bundle)
        let bundle = try Self.solver.minimize(problem, method: .bundle)
        let lbfgs = try Self.solver.minimize(problem, method: .lbfgs)
        #expect(bundle.isConverged, "\(bundle.status), gaps up to \(bundle.gaps.max() ?? 0)")
        #expect(bundle.certificate == .dualityGap && lbfgs.certificate == .gradientMapping)
        for k in 0..<8 {
            // The duality gap bounds the suboptimality: L-BFGS-B cannot be better by more than it (plus rounding).
            #expect(bundle.values[k] - lbfgs.values[k] <= bundle.gaps[k] + Tolerances.methodsAgreeValue)
            for j in 0..<4 {
                #expect(
                    abs(bundle.argmin[k][j] - lbfgs.argmin[k][j]) <= Tolerances.bundleVersusLBFGS,
                    "row \(k): bundle \(bundle.argmin[k]) vs lbfgs \(lbfgs.argmin[k])"
                )
            }
        }
    }

    @Test("exact inference (lp) on ReLU PICNN rows in user units: auto picks it, and no method or grid point beats it")
    func exactInference() throws {
        var rng = SeededGenerator(seed: 17)
        let arch = AnyArchitecture.picnn(PICNN(inputs: 4, convexIn: [1, 2], widths: [16, 16], activation: .relu))
        let regressor = Regressor(
            model: Model(arch, using: &rng),
            inputStandardization: Standardization(
                fitting: Tensor(normal: [50, 4], mean: 1, standardDeviation: 2, using: &rng)
            ),
            targetStandardization: Standardization(
                fitting: Tensor(normal: [50, 1], mean: -3, standardDeviation: 5, using: &rng)
            )
        )
        let objective = ConvexObjective(regressor)
        #expect(objective.supportsExactInference)
        let problem = try ConvexProblem(
            objective,
            conditions: [[0.5, 0], [-1, 2], [3, 1]],
            lower: [-2, 0],
            upper: [3, 4]
        )
        #expect(Minimizer.resolve(.auto, for: problem) == .lp)
        let exact = try Self.solver.minimize(problem)
        #expect(exact.method == .lp && exact.isConverged && exact.certificate == .dualityGap, "\(exact.status)")
        let accelerated = try Self.solver.minimize(problem, method: .accelerated)
        for r in 0..<3 {
            // The LP value is f at its argmin (Float evaluation, O(1–10) values: 1e-4 covers the rounding) …
            let atArgmin = objective.gridValues(problem.conditions[r], [exact.argmin[r]])[0]
            #expect(abs(atArgmin - exact.values[r]) <= 1e-4 * (1 + abs(exact.values[r])), "row \(r)")
            // … and nothing does better: neither a gradient method nor a 41 × 41 grid of the box.
            #expect(accelerated.values[r] >= exact.values[r] - 1e-4 * (1 + abs(exact.values[r])))
            var grid: [[Double]] = []
            for i in 0...40 { for j in 0...40 { grid.append([-2 + Double(i) / 8, Double(j) / 10]) } }
            let best = objective.gridValues(problem.conditions[r], grid).min()!
            #expect(best >= exact.values[r] - 1e-4 * (1 + abs(exact.values[r])), "row \(r): grid \(best)")
        }
        // A smooth model or a closure objective is refused by lp, with a reason.
        let smooth = try ConvexProblem(ConvexObjective(SolverTestModels.quadratic(a: [1], c: [0])))
        #expect(throws: MinimizationError.self) { try Self.solver.minimize(smooth, method: .lp) }
    }

    @Test("a warm start at the solution needs no iterations")
    func warmStart() throws {
        let objective = ConvexObjective(SolverTestModels.quadratic(a: [1, 3], c: [0.5, -0.5]))
        let result = try Self.solver.minimize(ConvexProblem(objective), method: .lbfgs, start: [0.5, -0.5])
        #expect(result.isConverged && result.iterations == 0)
    }

    @Test("an unbounded problem is reported, and a box makes it bounded")
    func unbounded() throws {
        // f(y) = y₁ − y₂ + ½y₁²: unbounded below along +y₂.
        let objective = ConvexObjective(inputCount: 2, convexInputs: [0, 1]) { y in
            let y1 = y.sliced(axis: 1, start: 0, length: 1), y2 = y.sliced(axis: 1, start: 1, length: 1)
            return y1 - y2 + y1.squared() * 0.5
        }
        for method in Self.smoothMethods {
            let result = try Self.solver.minimize(ConvexProblem(objective), method: method)
            #expect(result.status == .unbounded(row: 0), "\(method): \(result.status)")
        }
        let boxed = try Self.solver.minimize(ConvexProblem(objective, upper: [10]), method: .lbfgs)
        #expect(boxed.isConverged && abs(boxed.argmin[0][0] + 1) <= Tolerances.knownMinimizer)
        #expect(abs(boxed.argmin[0][1] - 10) <= Tolerances.knownMinimizer)
    }

    @Test("malformed problems are rejected with a one-line reason")
    func errors() throws {
        let objective = ConvexObjective(SolverTestModels.quadratic(a: [1, 1], c: [0, 0]))
        func reason(_ body: () throws -> Void) -> String {
            do { try body() } catch { return "\(error)" }
            return ""
        }
        #expect(reason { _ = try ConvexProblem(objective, lower: [1], upper: [0]) }.contains("exceeds upper"))
        #expect(reason { _ = try ConvexProblem(objective, lower: [0, 0, 0]) }.contains("has 3 values"))
        #expect(reason { _ = try ConvexProblem(objective, entropyWeight: 1) }.contains("finite bounds"))
        #expect(reason { _ = try ConvexProblem(objective, conditions: []) }.contains("no rows"))
        #expect(
            reason { _ = try Self.solver.minimize(ConvexProblem(objective, lower: [0], upper: [1]), method: .bundle) }
                .contains("entropy weight")
        )
        #expect(
            reason { _ = try Self.solver.minimize(ConvexProblem(objective), start: [0]) }.contains("start has 1")
        )
    }
}

extension ConvexObjective {
    /// f(x, y) at each grid point y for one condition row x, in Float widened to Double (for brute-force checks).
    func gridValues(_ condition: [Float], _ grid: [[Double]]) -> [Double] {
        var rows: [Float] = []
        for y in grid {
            var row = [Float](repeating: 0, count: inputCount)
            for (k, c) in conditionInputs.enumerated() { row[c] = condition[k] }
            for (k, c) in convexInputs.enumerated() { row[c] = Float(y[k]) }
            rows += row
        }
        let input = Tensor(shape: [grid.count, inputCount], scalars: rows)
        return self(input).scalars.map(Double.init)
    }
}
