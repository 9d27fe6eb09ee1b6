import ICNNCore
import Testing
import _ICNNTestSupport

@Suite("Tensor values, shapes and broadcasting")
struct TensorTests {
    @Test func creationAndAccess() {
        let t = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.shape == [2, 3])
        #expect(t.count == 6)
        #expect(t.rank == 2)
        #expect(t[1, 2] == 6)
        #expect(t[flat: 4] == 5)
        #expect(Tensor<Double>(3.5).scalar == 3.5)
        #expect(Tensor<Double>(3.5).shape == [])
        #expect(Tensor<Float>(rows: [[1, 2], [3, 4]]).scalars == [1, 2, 3, 4])
        #expect(Tensor<Float>(zeros: [0, 4]).count == 0)
    }

    @Test func copyOnWrite() {
        let a = Tensor<Float>(shape: [3], scalars: [1, 2, 3])
        var b = a
        b[1] = 20
        #expect(a.scalars == [1, 2, 3])
        #expect(b.scalars == [1, 20, 3])
        var c = b
        c.add(Tensor<Float>(ones: [3]))
        #expect(b.scalars == [1, 20, 3])
        #expect(c.scalars == [2, 21, 4])
    }

    @Test func broadcastingArithmetic() {
        let m = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect((m + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((m * Tensor(shape: [2, 1], scalars: [2, 3])).scalars == [2, 4, 6, 12, 15, 18])
        #expect((Tensor(shape: [2, 1], scalars: [1, 2]) - Tensor([1, 2, 3])).shape == [2, 3])
        #expect((Tensor(shape: [2, 1], scalars: [1, 2]) - Tensor([1, 2, 3])).scalars == [0, -1, -2, 1, 0, -1])
        #expect((m / Tensor<Double>(2)).scalars == [0.5, 1, 1.5, 2, 2.5, 3])
        let cube = Tensor<Double>(shape: [2, 2, 3], scalars: (0..<12).map(Double.init))
        let col = Tensor<Double>(shape: [2, 1], scalars: [100, 200])
        #expect((cube + col).scalars == [100, 101, 102, 203, 204, 205, 106, 107, 108, 209, 210, 211])
    }

    @Test func reductions() {
        let cube = Tensor<Double>(shape: [2, 2, 3], scalars: (0..<12).map(Double.init))
        #expect(cube.sum().scalar == 66)
        #expect(cube.mean().scalar == 5.5)
        #expect(cube.sum(alongAxes: [0]).scalars == [6, 8, 10, 12, 14, 16])
        #expect(cube.sum(alongAxes: [2]).scalars == [3, 12, 21, 30])
        #expect(cube.sum(alongAxes: [0, 2]).scalars == [24, 42])
        #expect(cube.sum(alongAxes: [1], keepingDimensions: true).shape == [2, 1, 3])
        #expect(cube.summed(toShape: [3]).scalars == [18, 22, 26])
        #expect(cube.summed(toShape: [2, 1]).scalars == [24, 42])
        // Long sums use several partial sums: check a length that leaves a tail.
        let long = Tensor<Float>(ones: [1003])
        #expect(long.sum().scalar == 1003)
    }

    @Test func shapes() {
        let m = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(m.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(m.reshaped([3, -1]).shape == [3, 2])
        #expect(m.sliced(axis: 1, start: 1, length: 2).scalars == [2, 3, 5, 6])
        #expect(
            Tensor.concatenate([m, m.sliced(axis: 1, start: 0, length: 1)], axis: 1).scalars
                == [1, 2, 3, 1, 4, 5, 6, 4]
        )
        #expect(m.rows([1, 0, 1]).scalars == [4, 5, 6, 1, 2, 3, 4, 5, 6])
        #expect(Tensor<Float>([1, 2]).broadcast(to: [2, 2]).scalars == [1, 2, 1, 2])
        let big = Tensor<Float>(shape: [37, 45], scalars: (0..<(37 * 45)).map(Float.init))
        #expect(big.transposed().transposed().scalars == big.scalars)
        #expect(big.transposed()[44, 36] == big[36, 44])
    }

    @Test func matmulAgainstReference() {
        var rng = SeededGenerator(seed: 5)
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = Tensor<Double>(normal: ta ? [7, 5] : [5, 7], using: &rng)
            let b = Tensor<Double>(normal: tb ? [3, 7] : [7, 3], using: &rng)
            let c = matmul(a, b, transposeA: ta, transposeB: tb)
            #expect(c.shape == [5, 3])
            for i in 0..<5 {
                for j in 0..<3 {
                    var s = 0.0
                    for p in 0..<7 { s += (ta ? a[p, i] : a[i, p]) * (tb ? b[j, p] : b[p, j]) }
                    #expect(abs(c[i, j] - s) < Tolerances.exactDouble * 10)
                }
            }
        }
    }

    @Test func activationsMatchDoubleReference() {
        let xs: [Float] = [-100, -30, -5, -1, -0.1, 0, 0.1, 1, 5, 30, 100]
        let x = Tensor<Float>(xs)
        let sp = x.softplus().scalars, sg = x.sigmoid().scalars
        for (i, v) in xs.enumerated() {
            let d = Double(v)
            let softplus = max(d, 0) + log1p(exp(-abs(d)))
            let sigmoid = 1 / (1 + exp(-d))
            #expect(abs(Double(sp[i]) - softplus) <= Tolerances.floatVersusDouble * max(1e-30, abs(softplus)) + 1e-38)
            #expect(abs(Double(sg[i]) - sigmoid) <= Tolerances.floatVersusDouble * max(1e-30, sigmoid) + 1e-38)
        }
        #expect(Tensor<Float>([Float.infinity]).softplus().scalar == .infinity)
        #expect(Tensor<Float>([-Float.infinity]).softplus().scalar == 0)
        #expect(Tensor<Float>([.nan]).softplus().scalar.isNaN)
        let lse = Tensor.logSumExp(Tensor<Double>([1000, -1000, 0]), Tensor([1000, 5, 0]), temperature: 1).scalars
        #expect(abs(lse[0] - (1000 + log(2))) < 1e-9)
        #expect(lse[1] == 5)
        #expect(abs(lse[2] - log(2)) < 1e-15)
    }
}

#if canImport(Glibc)
import Glibc
#endif
