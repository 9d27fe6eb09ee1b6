import ICNNCore
import Testing
import _ICNNTestSupport

@Suite("Gradient clipping by global norm and by value")
struct GradientClippingTests {
    @Test("The global norm of several tensors, against a Double reference")
    func globalNorm() {
        func check<S: TensorScalar>(_: S.Type) {
            var rng = SeededGenerator(seed: 41)
            // 37 elements: the four-way partial sums and their remainder loop both run.
            let (a, ra) = drawNormal([5, 7], &rng, as: S.self)
            let (b, rb) = drawNormal([2], &rng, as: S.self)
            let reference = (ra + rb).reduce(0) { $0 + $1 * $1 }.squareRoot()
            let norm = GradientClipping.globalNorm([a, b])
            #expect(abs(norm - reference) <= Tolerances.normDouble * reference, "\(S.self): \(norm) vs \(reference)")
            // 3-4-5 and 5-12-13: exact.
            #expect(GradientClipping.globalNorm([Tensor<S>([3, 4]), Tensor<S>([12])]) == 13)
            #expect(GradientClipping.globalNorm([Tensor<S>]()) == 0)
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("Above the threshold: the norm before is returned and the norm after equals maxNorm")
    func clipsAboveThreshold() {
        func check<S: TensorScalar>(_: S.Type) {
            var g = [Tensor<S>([3, 4]), Tensor<S>(shape: [1, 1], scalars: [12])]
            let before = GradientClipping.clipByGlobalNorm(&g, maxNorm: 6.5)
            #expect(before == 13)
            // The scale factor is exactly 1/2 here.
            #expect(g[0].scalars == [1.5, 2] && g[1].scalars == [6])
            #expect(g[1].shape == [1, 1])

            var rng = SeededGenerator(seed: 42)
            var random = [Tensor<S>(normal: [10, 3], using: &rng), Tensor<S>(normal: [7], using: &rng)]
            let direction = random.map { $0.scalars.map(Double.init) }
            let norm = GradientClipping.clipByGlobalNorm(&random, maxNorm: 0.75)
            #expect(norm > 0.75)
            let after = GradientClipping.globalNorm(random)
            #expect(abs(after - 0.75) <= Tolerances.clippedNormFloat * 0.75, "\(S.self): norm after \(after)")
            // The direction is kept: each element is scaled by 0.75/norm.
            for k in random.indices {
                let expected = direction[k].map { $0 * 0.75 / norm }
                #expect(worstError(random[k].scalars, expected) < stepTolerance(S.self))
            }
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("At or under the threshold, and for zero gradients, nothing changes")
    func noOp() {
        func check<S: TensorScalar>(_: S.Type) {
            var g = [Tensor<S>([3, 4])]
            #expect(GradientClipping.clipByGlobalNorm(&g, maxNorm: 5) == 5)
            #expect(g[0].scalars == [3, 4])
            #expect(GradientClipping.clipByGlobalNorm(&g, maxNorm: 100) == 5)
            #expect(g[0].scalars == [3, 4])
            var zeros = [Tensor<S>(zeros: [3]), Tensor<S>(zeros: [2, 2])]
            #expect(GradientClipping.clipByGlobalNorm(&zeros, maxNorm: 0) == 0)
            #expect(zeros.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } })
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("A non-finite norm is returned and the gradients are left unchanged")
    func nonFinite() {
        var withNaN = [Tensor<Float>([1, .nan]), Tensor<Float>([100])]
        #expect(GradientClipping.clipByGlobalNorm(&withNaN, maxNorm: 1).isNaN)
        #expect(withNaN[1].scalars == [100])
        var withInfinity = [Tensor<Double>([1, -.infinity])]
        #expect(GradientClipping.clipByGlobalNorm(&withInfinity, maxNorm: 1) == .infinity)
        #expect(withInfinity[0].scalars == [1, -.infinity])
    }

    @Test("Clipping by value clamps each element to [−limit, limit]")
    func byValue() {
        func check<S: TensorScalar>(_: S.Type) {
            var g = [Tensor<S>([-3, -0.5, 0, 0.25, 2, .infinity]), Tensor<S>([S.nan, -.infinity])]
            GradientClipping.clipByValue(&g, limit: 1)
            #expect(g[0].scalars == [-1, -0.5, 0, 0.25, 1, 1])
            #expect(g[1][0].isNaN && g[1][1] == -1)
        }
        check(Float.self)
        check(Double.self)
    }

    @Test("Shared gradients are copied; the other holder keeps its values")
    func copyOnWrite() {
        let original = Tensor<Float>([3, 4])
        var g = [original]
        GradientClipping.clipByGlobalNorm(&g, maxNorm: 1)
        GradientClipping.clipByValue(&g, limit: 0.5)
        #expect(original.scalars == [3, 4])
        #expect(g[0].scalars == [0.5, 0.5])
    }
}
