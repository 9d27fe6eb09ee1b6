import ICNNCore
import Testing
import _ICNNTestSupport

/// How to draw an input for an op: the range, and a margin to keep away from a kink or a domain edge.
struct InputDomain: Sendable {
    var low: Double = -2
    var high: Double = 2
    /// Values are pushed to at least this distance from `kink` (0 for none).
    var margin: Double = 0
    var kink: Double = 0

    static let free = InputDomain()
    static let positive = InputDomain(low: 0.5, high: 2)
    static let awayFromZero = InputDomain(margin: 0.1)
    /// Close to the kink but farther than the finite-difference step (h ≈ 6e-6): the op is smooth there.
    static let nearKink = InputDomain(low: -0.003, high: 0.003, margin: 0.001)

    func draw(_ shape: [Int], _ rng: inout SeededGenerator) -> Tensor<Double> {
        var t = Tensor<Double>(uniform: shape, low: low, high: high, using: &rng)
        guard margin > 0 else { return t }
        t.withUnsafeMutableBufferPointer { p in
            for i in p.indices where abs(p[i] - kink) < margin {
                p[i] = kink + (p[i] >= kink ? margin : -margin) * (1 + Double(i % 3))
            }
        }
        return t
    }
}

/// One op under test: a function of its inputs, their shapes and domains.
struct OpCase: Sendable, CustomTestStringConvertible {
    var name: String
    var shapes: [[Int]]
    var domains: [InputDomain]
    var op: @Sendable ([Tensor<Double>]) -> Tensor<Double>
    var testDescription: String { name }

    init(
        _ name: String,
        _ shapes: [[Int]],
        _ domains: [InputDomain]? = nil,
        _ op: @escaping @Sendable ([Tensor<Double>]) -> Tensor<Double>
    ) {
        self.name = name
        self.shapes = shapes
        self.domains = domains ?? Array(repeating: .free, count: shapes.count)
        self.op = op
    }
}

/// Lanes a and b kept apart (or close but apart) so that max(a, b) is smooth at the test point.
private let laneDomains = [InputDomain.free, InputDomain(low: -0.8, high: 0.8)]

let unaryCases: [OpCase] = [
    OpCase("negate", [[3, 4]]) { -$0[0] },
    OpCase("exp", [[3, 4]]) { $0[0].exp() },
    OpCase("log", [[3, 4]], [.positive]) { $0[0].log() },
    OpCase("squared", [[3, 4]]) { $0[0].squared() },
    OpCase("squareRoot", [[3, 4]], [.positive]) { $0[0].squareRoot() },
    OpCase("reciprocal", [[3, 4]], [.positive]) { $0[0].reciprocal() },
    OpCase("absolute", [[3, 4]], [.awayFromZero]) { $0[0].absolute() },
    OpCase("absolute near 0", [[3, 4]], [.nearKink]) { $0[0].absolute() },
    OpCase("tanh", [[3, 4]]) { $0[0].tanh() },
    OpCase("relu", [[3, 4]], [.awayFromZero]) { $0[0].relu() },
    OpCase("relu near 0", [[3, 4]], [.nearKink]) { $0[0].relu() },
    OpCase("leakyRelu", [[3, 4]], [.awayFromZero]) { $0[0].leakyRelu(slope: 0.2) },
    OpCase("leakyRelu near 0", [[3, 4]], [.nearKink]) { $0[0].leakyRelu(slope: 0.2) },
    OpCase("softplus", [[3, 4]]) { $0[0].softplus() },
    OpCase("softplus large |x|", [[3, 4]], [InputDomain(low: -30, high: 30)]) { ($0[0] * 0.1).softplus() },
    OpCase("softplus τ=0.3", [[3, 4]]) { $0[0].softplus(temperature: 0.3) },
    OpCase("sigmoid", [[3, 4]]) { $0[0].sigmoid() },
    OpCase("clamped", [[3, 4]], [InputDomain(low: -0.9, high: 2, margin: 0.1, kink: 0.5)]) {
        $0[0].clamped(min: -1, max: 0.5)
    },
    OpCase("scale", [[3, 4]]) { $0[0] * 1.7 },
    OpCase("shift", [[3, 4]]) { $0[0] + 0.3 },
    OpCase("scalar minus", [[3, 4]]) { 2 - $0[0] },
    OpCase("scalar divide", [[3, 4]]) { $0[0] / 3 },
]

let binaryCases: [OpCase] = [
    OpCase("add", [[3, 4], [3, 4]]) { $0[0] + $0[1] },
    OpCase("add bias row", [[3, 4], [4]]) { $0[0] + $0[1] },
    OpCase("subtract column", [[3, 4], [3, 1]]) { $0[0] - $0[1] },
    OpCase("multiply", [[3, 4], [3, 4]]) { $0[0] * $0[1] },
    OpCase("multiply 3-D broadcast", [[2, 3, 4], [3, 1]]) { $0[0] * $0[1] },
    OpCase("multiply scalar tensor", [[3, 4], []]) { $0[0] * $0[1] },
    OpCase("divide", [[3, 4], [3, 4]], [.free, .positive]) { $0[0] / $0[1] },
    OpCase("divide broadcast", [[4], [3, 4]], [.free, .positive]) { $0[0] / $0[1] },
    OpCase("maximum", [[3, 4], [3, 4]], laneDomains) { Tensor.maximum($0[0] * 3, $0[1]) },
    OpCase("maximum near tie", [[3, 4], [3, 4]], [.nearKink, .free]) { Tensor.maximum($0[0] + $0[1], $0[1]) },
    OpCase("logSumExp τ=1", [[3, 4], [3, 4]]) { Tensor.logSumExp($0[0], $0[1], temperature: 1) },
    OpCase("logSumExp τ=0.2", [[3, 4], [3, 4]]) { Tensor.logSumExp($0[0], $0[1], temperature: 0.2) },
    OpCase("logSumExp τ=5 broadcast", [[3, 4], [4]]) { Tensor.logSumExp($0[0], $0[1], temperature: 5) },
    OpCase("logSumExpWeight", [[3, 4], [3, 4]]) { Tensor.logSumExpWeight($0[0], $0[1], temperature: 0.7) },
]

let linearAlgebraCases: [OpCase] = [
    OpCase("matmul", [[3, 5], [5, 4]]) { matmul($0[0], $0[1]) },
    OpCase("matmul Bᵀ", [[3, 5], [4, 5]]) { matmul($0[0], $0[1], transposeB: true) },
    OpCase("matmul Aᵀ", [[5, 3], [5, 4]]) { matmul($0[0], $0[1], transposeA: true) },
    OpCase("matmul AᵀBᵀ", [[5, 3], [4, 5]]) { matmul($0[0], $0[1], transposeA: true, transposeB: true) },
    OpCase("matmul row vector", [[1, 5], [5, 1]]) { matmul($0[0], $0[1]) },
    OpCase("linear", [[3, 5], [4, 5]]) { linear($0[0], weight: $0[1]) },
    OpCase("linear + bias", [[3, 5], [4, 5], [4]]) { linear($0[0], weight: $0[1], adding: $0[2]) },
    OpCase("linear + full addend", [[3, 5], [4, 5], [3, 4]]) { linear($0[0], weight: $0[1], adding: $0[2]) },
    OpCase("linear + column addend", [[3, 5], [4, 5], [3, 1]]) { linear($0[0], weight: $0[1], adding: $0[2]) },
    OpCase("sum", [[3, 4]]) { $0[0].sum() },
    OpCase("mean", [[3, 4]]) { $0[0].mean() },
    OpCase("sum axis 0", [[3, 4]]) { $0[0].sum(alongAxes: [0]) },
    OpCase("sum axis 1 keep", [[3, 4]]) { $0[0].sum(alongAxes: [1], keepingDimensions: true) },
    OpCase("sum axes 0,2", [[2, 3, 4]]) { $0[0].sum(alongAxes: [0, 2]) },
    OpCase("mean axis 1", [[2, 3, 4]]) { $0[0].mean(alongAxes: [1]) },
    OpCase("broadcast", [[1, 4]]) { $0[0].broadcast(to: [3, 4]) },
    OpCase("broadcast leading", [[4]]) { $0[0].broadcast(to: [2, 3, 4]) },
    OpCase("reshape", [[3, 4]]) { $0[0].reshaped([2, -1]) },
    OpCase("transpose", [[3, 4]]) { $0[0].transposed() },
    OpCase("slice", [[3, 6]]) { $0[0].sliced(axis: 1, start: 2, length: 3) },
    OpCase("slice rows", [[5, 2]]) { $0[0].sliced(axis: 0, start: 1, length: 3) },
    OpCase("concatenate", [[3, 2], [3, 4]]) { Tensor.concatenate([$0[0], $0[1]], axis: 1) },
    OpCase("concatenate rows", [[2, 3], [1, 3], [3, 3]]) { Tensor.concatenate($0, axis: 0) },
    OpCase("gather with repeats and padding", [[3, 4]]) {
        $0[0].gathered(GatherIndex(sourceCount: 4, indices: [2, -1, 0, 2, 3, 3]))
    },
    OpCase("scatterAdd with collisions", [[3, 6]]) {
        $0[0].scatterAdded(GatherIndex(sourceCount: 4, indices: [2, -1, 0, 2, 3, 3]))
    },
    OpCase("convolution 3×3 padded, 2 channels", [[2, 32], [3, 18], [3]]) {
        let g = Convolution2D(height: 4, width: 4, channels: 2, kernel: 3, padding: 1)
        return convolution($0[0], weight: $0[1], geometry: g, adding: $0[2])
    },
    OpCase("convolution 2×2 stride 2", [[2, 25], [2, 4]]) {
        convolution(
            $0[0],
            weight: $0[1],
            geometry: Convolution2D(height: 5, width: 5, channels: 1, kernel: 2, stride: 2)
        )
    },
]

/// Compositions: the same checks through whole networks, where second-order terms cross layers.
let compositeCases: [OpCase] = [
    OpCase("softplus layer", [[4, 3], [5, 3], [5]]) {
        matmul($0[0], $0[1], transposeB: true).softplus() + $0[2]
    },
    OpCase("two softplus layers with skip", [[4, 2], [3, 2], [3, 3], [3, 2]]) { v in
        let z1 = matmul(v[0], v[1], transposeB: true).softplus()
        return (matmul(z1, v[2], transposeB: true) + matmul(v[0], v[3], transposeB: true)).softplus()
    },
    OpCase("maxout block", [[4, 2], [3, 2], [3, 2]], [.free, .free, .free]) { v in
        Tensor.logSumExp(
            matmul(v[0], v[1], transposeB: true),
            matmul(v[0], v[2], transposeB: true),
            temperature: 0.5
        )
    },
    OpCase("convolutional softplus layers with skip", [[2, 16], [2, 9], [2, 18], [2, 9]]) { v in
        let g1 = Convolution2D(height: 4, width: 4, channels: 1, kernel: 3, padding: 1)
        let g2 = Convolution2D(height: 4, width: 4, channels: 2, kernel: 3, padding: 1)
        let z1 = convolution(v[0], weight: v[1], geometry: g1).softplus()
        let skip = convolution(v[0], weight: v[3], geometry: g1).reshaped([-1, 2])
        return convolution(z1, weight: v[2], geometry: g2, adding: skip).softplus()
    },
    OpCase("input gradient inside", [[3, 2], [4, 2]]) { v in
        // A loss that itself contains a gradient: checks third-order machinery through the second-order check.
        let tape = v[0].isTracked ? nil : Tape<Double>()
        let x = tape?.watch(v[0]) ?? v[0]
        let f = matmul(x, v[1], transposeB: true).softplus().sum()
        return gradient(of: f, wrt: [x], createGraph: true)[0].squared()
    },
    OpCase("input gradient through a log-sum-exp gate", [[3, 2], [4, 2], [4, 2]]) { v in
        // ∇ₓ records the gate's kept lane weight as an op of both lanes; its VJP (w(1 − w)/τ) is checked here to
        // second order, i.e. third derivatives of the gate.
        let tape = v[0].isTracked ? nil : Tape<Double>()
        let x = tape?.watch(v[0]) ?? v[0]
        let gate = Tensor.logSumExp(
            matmul(x, v[1], transposeB: true),
            matmul(x, v[2], transposeB: true),
            temperature: 0.7
        )
        return gradient(of: gate.sum(), wrt: [x], createGraph: true)[0].squared()
    },
]

@Suite("Finite-difference checks of every op, first and second order, in Double")
struct OpGradientTests {
    func run(_ c: OpCase, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let xs = zip(c.shapes, c.domains).map { $1.draw($0, &rng) }
        let outputShape = c.op(xs).shape
        let f = GradientCheck.scalarised(c.op, outputShape: outputShape, using: &rng)
        let report = GradientCheck.check(f, at: xs, trials: 3, using: &rng)
        #expect(report.firstOrderError < Tolerances.finiteDifferenceRelative, "\(c.name) seed \(seed): \(report)")
        #expect(report.secondOrderError < Tolerances.secondOrderRelative, "\(c.name) seed \(seed): \(report)")
    }

    @Test(arguments: unaryCases) func unary(_ c: OpCase) { run(c, seed: 1) }
    @Test(arguments: binaryCases) func binary(_ c: OpCase) { run(c, seed: 2) }
    @Test(arguments: linearAlgebraCases) func linearAlgebra(_ c: OpCase) { run(c, seed: 3) }
    @Test(arguments: compositeCases) func composite(_ c: OpCase) { run(c, seed: 4) }

    @Test("The checker itself fails on a wrong derivative")
    func checkerCatchesWrongRule() {
        var rng = SeededGenerator(seed: 9)
        let x = Tensor<Double>(uniform: [5], using: &rng)
        // detached inside: the value is x² but the recorded derivative is that of the identity (1, not 2x).
        let wrong: ([Tensor<Double>]) -> Tensor<Double> = { v in
            let y = v[0].detached.squared() - v[0].detached + v[0]
            return y.sum()
        }
        let report = GradientCheck.check(wrong, at: [x], using: &rng)
        #expect(report.firstOrderError > 1e-2)
    }
}
