import ICNN
import Testing
import _ICNNTestSupport

@Suite("Argmin differentiation: implicit and unrolled, against finite differences")
struct ArgminDifferentiationTests {
    static let architecture = StronglyConvexPICNN(conditions: 3, convex: 2, hidden: 4)
    static let solver = Minimizer(tolerance: Tolerances.minimizerCertificate, maxIterations: 5000)

    /// A model, conditions, an upstream gradient and a random direction in (θ, x).
    struct Setup {
        var model: Model<StronglyConvexPICNN>
        var conditions: [[Float]]
        var upstream: [[Double]]
        var weightDirection: [Tensor<Float>]
        var conditionDirection: [[Float]]
    }

    static func setup(seed: UInt64) -> Setup {
        var rng = SeededGenerator(seed: seed)
        let model = Model(architecture, using: &rng)
        let x = (0..<3).map { _ in (0..<3).map { _ in Float.random(in: -1...1, using: &rng) } }
        let v = (0..<3).map { _ in (0..<2).map { _ in Double.random(in: -1...1, using: &rng) } }
        let dw = architecture.slots.map { Tensor<Float>(normal: $0.shape, using: &rng) }
        let dx = (0..<3).map { _ in (0..<3).map { _ in Float.random(in: -1...1, using: &rng) } }
        return Setup(model: model, conditions: x, upstream: v, weightDirection: dw, conditionDirection: dx)
    }

    /// The setup moved by t along its direction.
    static func moved(_ s: Setup, _ t: Float) -> (Model<StronglyConvexPICNN>, [[Float]]) {
        let w = zip(s.model.weights, s.weightDirection).map { $0 + $1 * t }
        let x = zip(s.conditions, s.conditionDirection).map { zip($0, $1).map { $0 + t * $1 } }
        return (Model(architecture, weights: w), x)
    }

    /// ⟨∂L/∂θ, dθ⟩ + ⟨∂L/∂x, dx⟩.
    static func directional(_ g: ArgminDifferentiation.Gradients, _ s: Setup) -> Double {
        var total = 0.0
        for (a, d) in zip(g.weights, s.weightDirection) {
            total += zip(a.scalars, d.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let gx = g.conditions.scalars
        for (r, row) in s.conditionDirection.enumerated() {
            for (k, d) in row.enumerated() { total += Double(gx[r * 3 + k]) * Double(d) }
        }
        return total
    }

    static func loss(_ y: [[Double]], _ v: [[Double]]) -> Double {
        zip(y, v).reduce(0) { s, p in s + zip(p.0, p.1).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    static func solve(
        _ model: Model<StronglyConvexPICNN>,
        _ x: [[Float]],
        _ lower: [Double],
        _ upper: [Double]
    )
        throws -> [[Double]]
    {
        let result = try solver.minimize(
            ConvexProblem(ConvexObjective(model), conditions: x, lower: lower, upper: upper),
            method: .lbfgs
        )
        #expect(result.isConverged, "\(result.status), gaps \(result.gaps)")
        return result.argmin
    }

    static func expectClose(_ analytic: Double, _ numeric: Double, _ label: String) {
        let error = abs(analytic - numeric) / max(abs(numeric), 1e-2)
        #expect(error <= Tolerances.argminGradientRelative, "\(label): analytic \(analytic), numeric \(numeric)")
    }

    @Test("implicit gradients match central differences of re-solved problems", arguments: [false, true])
    func implicit(boxed: Bool) throws {
        let s = Self.setup(seed: 20)
        // The box [-1, 1]² clips four of the six coordinates of these minimisers and leaves two inside (checked
        // below), so the active set is exercised; unboxed, every coordinate is free.
        let lower: [Double] = boxed ? [-1, -1] : [-.infinity, -.infinity]
        let upper: [Double] = boxed ? [1, 1] : [.infinity, .infinity]
        let y = try Self.solve(s.model, s.conditions, lower, upper)
        if boxed {
            #expect(y.joined().filter { abs(abs($0) - 1) < 1e-9 }.count == 4, "active bounds: \(y)")
            #expect(y.joined().filter { abs(abs($0) - 1) > 1e-3 }.count == 2, "free coordinates: \(y)")
        }
        let g = ArgminDifferentiation.implicit(
            s.model,
            conditions: s.conditions,
            argmin: y,
            lower: lower,
            upper: upper,
            upstream: s.upstream
        )
        let h: Float = 1e-2
        let (mp, xp) = Self.moved(s, h), (mm, xm) = Self.moved(s, -h)
        let numeric =
            (Self.loss(try Self.solve(mp, xp, lower, upper), s.upstream)
                - Self.loss(try Self.solve(mm, xm, lower, upper), s.upstream)) / (2 * Double(h))
        Self.expectClose(Self.directional(g, s), numeric, boxed ? "boxed" : "free")
    }

    @Test("unrolled gradients match central differences of the unrolled map, and approach the implicit ones")
    func unrolled() throws {
        let s = Self.setup(seed: 22)
        let lower = [-0.5, -0.5], upper = [0.5, 0.5]
        let start = [[Double]](repeating: [0, 0], count: 3)
        func run(
            _ model: Model<StronglyConvexPICNN>,
            _ x: [[Float]],
            steps: Int
        ) -> (
            [[Double]], ArgminDifferentiation.Gradients
        ) {
            ArgminDifferentiation.unrolled(
                model,
                conditions: x,
                start: start,
                lower: lower,
                upper: upper,
                steps: steps,
                stepSize: 0.5,
                upstream: s.upstream
            )
        }
        let (_, g) = run(s.model, s.conditions, steps: 10)
        let h: Float = 1e-2
        let (mp, xp) = Self.moved(s, h), (mm, xm) = Self.moved(s, -h)
        let numeric =
            (Self.loss(run(mp, xp, steps: 10).0, s.upstream) - Self.loss(run(mm, xm, steps: 10).0, s.upstream))
            / (2 * Double(h))
        Self.expectClose(Self.directional(g, s), numeric, "unrolled K = 10")

        // Many steps converge to the minimiser, and the unrolled gradient to the implicit one.
        let (yLong, gLong) = run(s.model, s.conditions, steps: 60)
        let y = try Self.solve(s.model, s.conditions, lower, upper)
        for (a, b) in zip(yLong.joined(), y.joined()) { #expect(abs(a - b) <= 1e-4) }
        let implicit = ArgminDifferentiation.implicit(
            s.model,
            conditions: s.conditions,
            argmin: y,
            lower: lower,
            upper: upper,
            upstream: s.upstream
        )
        Self.expectClose(Self.directional(gLong, s), Self.directional(implicit, s), "unrolled K = 60 vs implicit")
    }

    @Test("bundle entropy: the KKT system of the active planes matches central differences on a ReLU PICNN")
    func bundleKKT() throws {
        var rng = SeededGenerator(seed: 30)
        let arch = PICNN(inputs: 4, convexIn: [2, 3], widths: [8, 8], activation: .relu)
        let model = Model(arch, using: &rng)
        let conditions = (0..<3).map { _ in (0..<2).map { _ in Float.random(in: -1...1, using: &rng) } }
        let upstream = (0..<3).map { _ in (0..<2).map { _ in Double.random(in: -1...1, using: &rng) } }
        let direction = arch.slots.map { Tensor<Float>(normal: $0.shape, using: &rng) }
        let epsilon = 0.5, lower = [0.0, 0], upper = [1.0, 1]
        let solver = BundleEntropy(tolerance: 1e-8, maxIterations: 100)
        func solve(_ m: Model<PICNN>) throws -> (ConvexMinimum, [BundleEntropy.Bundle]) {
            let problem = try ConvexProblem(
                ConvexObjective(m),
                conditions: conditions,
                lower: lower,
                upper: upper,
                entropyWeight: epsilon
            )
            let (result, bundles) = solver.solve(problem, from: problem.defaultStart)
            #expect(result.isConverged, "\(result.status), gaps \(result.gaps)")
            return (result, bundles)
        }
        let (result, bundles) = try solve(model)
        let (argmin, g) = ArgminDifferentiation.bundle(
            model,
            conditions: conditions,
            bundles: bundles,
            lower: lower,
            upper: upper,
            entropyWeight: epsilon,
            upstream: upstream
        )
        for (a, b) in zip(argmin.joined(), result.argmin.joined()) { #expect(abs(a - b) <= 1e-4) }
        var analytic = 0.0
        for (a, d) in zip(g.weights, direction) {
            analytic += zip(a.scalars, d.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let h: Float = 1e-3
        func moved(_ t: Float) -> Model<PICNN> {
            Model(arch, weights: zip(model.weights, direction).map { $0 + $1 * t })
        }
        let numeric =
            (Self.loss(try solve(moved(h)).0.argmin, upstream) - Self.loss(try solve(moved(-h)).0.argmin, upstream))
            / (2 * Double(h))
        Self.expectClose(analytic, numeric, "bundle KKT")
    }
}
