import ICNNCore
import Testing
import _ICNNTestSupport

@Suite("Tape behaviour: what is recorded, pruning, accumulation, higher order")
struct TapeTests {
    @Test func untrackedOperationsRecordNothing() {
        let x = Tensor<Float>(ones: [4])
        let y = (x * 2).softplus().sum()
        #expect(!y.isTracked)
        let tape = Tape<Float>()
        let w = tape.watch(x)
        _ = (x * 3).exp()  // untracked operand: not recorded
        #expect(tape.count == 1)
        let z = (w * 3).exp()
        #expect(z.isTracked)
        #expect(tape.count == 3)
        #expect(!z.detached.isTracked)
    }

    @Test func gradientsAccumulateOverSeveralUses() {
        // f(x) = Σ x·x + 3x  →  ∇f = 2x + 3
        let tape = Tape<Double>()
        let x = tape.watch(Tensor([1, -2, 0.5]))
        let f = (x * x + x * 3).sum()
        let g = gradient(of: f, wrt: [x])[0]
        #expect(g.scalars == [5, -1, 4])
    }

    @Test func unusedInputsGetZerosAndIntermediatesWork() {
        let tape = Tape<Double>()
        let x = tape.watch(Tensor([1, 2]))
        let unused = tape.watch(Tensor([7, 7, 7]))
        let h = x.squared()
        let f = (h * 3).sum()
        let g = gradient(of: f, wrt: [x, unused, h])
        #expect(g[0].scalars == [6, 12])
        #expect(g[1].scalars == [0, 0, 0])
        #expect(g[2].scalars == [3, 3])
        // Not tracked at all: zeros too.
        #expect(gradient(of: f, wrt: [Tensor<Double>([1])])[0].scalars == [0])
    }

    @Test func backwardWithoutGraphRecordsNothing() {
        let tape = Tape<Double>()
        let x = tape.watch(Tensor([0.3, -0.4]))
        let f = x.softplus().sum()
        let before = tape.count
        let g = gradient(of: f, wrt: [x])[0]
        #expect(tape.count == before)
        #expect(!g.isTracked)
        let g2 = gradient(of: f, wrt: [x], createGraph: true)[0]
        #expect(tape.count > before)
        #expect(g2.isTracked)
    }

    @Test func thirdDerivativeOfExp() {
        // d³/dx³ eˣ = eˣ, by differentiating three times.
        let tape = Tape<Double>()
        let x = tape.watch(Tensor([0.7]))
        let f = x.exp().sum()
        let d1 = gradient(of: f, wrt: [x], createGraph: true)[0]
        let d2 = gradient(of: d1.sum(), wrt: [x], createGraph: true)[0]
        let d3 = gradient(of: d2.sum(), wrt: [x])[0]
        #expect(abs(d3.scalar - exp(0.7)) < Tolerances.exactDouble)
    }

    @Test func seedWeightsTheOutput() {
        let tape = Tape<Double>()
        let x = tape.watch(Tensor([1, 2, 3]))
        let y = x.squared()
        let g = gradient(of: y, wrt: [x], seed: Tensor([1, 0, -1]))[0]
        #expect(g.scalars == [2, 0, -6])
    }

    @Test("A ReLU network has zero Hessian almost everywhere", arguments: [11, 12, 13] as [UInt64])
    func reluNetworkHessianVanishes(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let w1 = Tensor<Double>(normal: [16, 3], using: &rng), b1 = Tensor<Double>(normal: [16], using: &rng)
        let w2 = Tensor<Double>(normal: [8, 16], using: &rng), b2 = Tensor<Double>(normal: [8], using: &rng)
        let w3 = Tensor<Double>(normal: [1, 8], using: &rng)
        func f(_ x: Tensor<Double>) -> Tensor<Double> {
            let z1 = (matmul(x, w1, transposeB: true) + b1).relu()
            let z2 = Tensor.maximum(matmul(z1, w2, transposeB: true) + b2, Tensor(0))
            return matmul(z2, w3, transposeB: true).sum()
        }
        let x0 = Tensor<Double>(normal: [5, 3], using: &rng)
        let tape = Tape<Double>()
        let x = tape.watch(x0)
        let g = gradient(of: f(x), wrt: [x], createGraph: true)[0]
        #expect(g.scalars.contains { $0 != 0 })  // the network is not flat
        let v = Tensor<Double>(normal: [5, 3], using: &rng)
        let hv = gradient(of: (g * v).sum(), wrt: [x])[0]
        #expect(hv.scalars.allSatisfy { $0 == 0 })
        // And a finite difference of gradients agrees (no kink is crossed at this step size, a.e.).
        let report = GradientCheck.check({ f($0[0]) }, at: [x0], using: &rng)
        #expect(report.secondOrderError < Tolerances.secondOrderRelative, "\(report)")
    }

    @Test func hessianVectorProductOfQuadratic() {
        // f(x) = ½ xᵀAx with A symmetric: ∇f = Ax, H v = A v.
        let a = Tensor<Double>(rows: [[2, 1, 0], [1, 3, 1], [0, 1, 4]])
        let tape = Tape<Double>()
        let x = tape.watch(Tensor(shape: [1, 3], scalars: [0.5, -1, 2]))
        let f = (matmul(x, a) * x).sum() * 0.5
        let g = gradient(of: f, wrt: [x], createGraph: true)[0]
        #expect(g.scalars == [0, -0.5, 7])
        let v = Tensor<Double>(shape: [1, 3], scalars: [1, 0, -1])
        let hv = gradient(of: (g * v).sum(), wrt: [x])[0]
        #expect(hv.scalars == [2, 0, -4])
    }
}

#if canImport(Glibc)
import Glibc
#endif
