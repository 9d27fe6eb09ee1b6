import CICNNKernels
import ICNNCore
import Testing

/// Every instruction-set level this CPU can run (portable, AVX2, AVX-512, as far as supported).
private let levels: [Int] = Array(0...Int(icnn_cpu_level().rawValue))

private func cpuLevel(_ level: Int) -> icnn_cpu_level_t { icnn_cpu_level_t(rawValue: UInt32(level)) }

/// Bit-identical, except that any two NaNs match.
private func identical(_ a: Float, _ b: Float) -> Bool { (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern }

/// The two-operand operations of `icnn_elementwise.h` with their plain scalar definitions (the engine's loops).
enum BinaryOperation: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case add, subtract, multiply, divide, maximum, firstLaneMask, multiplyReluMask, multiplySigmoid
    case multiplySigmoidDerivative

    var testDescription: String { rawValue }

    var code: icnn_binary_op_t {
        switch self {
        case .add: ICNN_BINARY_ADD
        case .subtract: ICNN_BINARY_SUBTRACT
        case .multiply: ICNN_BINARY_MULTIPLY
        case .divide: ICNN_BINARY_DIVIDE
        case .maximum: ICNN_BINARY_MAXIMUM
        case .firstLaneMask: ICNN_BINARY_FIRST_LANE_MASK
        case .multiplyReluMask: ICNN_BINARY_MULTIPLY_RELU_MASK
        case .multiplySigmoid: ICNN_BINARY_MULTIPLY_SIGMOID
        case .multiplySigmoidDerivative: ICNN_BINARY_MULTIPLY_SIGMOID_DERIVATIVE
        }
    }

    /// The scalar result; `sigmoid` is the vector sigmoid of the same level (multiply-sigmoid uses it).
    func reference(_ a: Float, _ b: Float, sigmoid: (Float) -> Float) -> Float {
        switch self {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .maximum: b > a ? b : a
        case .firstLaneMask: b > a ? 0 : 1
        case .multiplyReluMask: b > 0 ? a : 0
        case .multiplySigmoid: a * sigmoid(b)
        case .multiplySigmoidDerivative: a * b - (a * b) * b
        }
    }
}

/// One operand layout for `icnn_vbinary2d`: row and column strides of a and b over rows × cols.
struct BinaryLayout: CustomTestStringConvertible, Sendable {
    var name: String
    var ars: @Sendable (Int) -> Int, acs: Int, brs: @Sendable (Int) -> Int, bcs: Int
    var testDescription: String { name }

    static let all: [BinaryLayout] = [
        .init(name: "same shape", ars: { $0 }, acs: 1, brs: { $0 }, bcs: 1),
        .init(name: "b a row", ars: { $0 }, acs: 1, brs: { _ in 0 }, bcs: 1),
        .init(name: "a a row", ars: { _ in 0 }, acs: 1, brs: { $0 }, bcs: 1),
        .init(name: "b one per row", ars: { $0 }, acs: 1, brs: { _ in 1 }, bcs: 0),
        .init(name: "a one scalar", ars: { _ in 0 }, acs: 0, brs: { $0 }, bcs: 1),
        .init(name: "both scalars", ars: { _ in 0 }, acs: 0, brs: { _ in 0 }, bcs: 0),
    ]
}

@Suite("Elementwise kernels (C) against the scalar loops")
struct ElementwiseKernelTests {
    /// Values that take every branch: signs, zeros, ties, NaN, infinities, large and tiny magnitudes.
    static let values: [Float] = [
        -3, 0.5, 0, -0.0, 2, 2, .nan, .infinity, -.infinity, 1e-30, -1e30, 7.25, -0.125, 1, 40, -90,
    ]

    private func value(_ i: Int, _ salt: Int) -> Float {
        Self.values[(i * 7 + salt) % Self.values.count] + (i % 3 == 0 ? 0 : Float(i) * 0.01)
    }

    @Test(
        "Every layout and awkward size, unaligned, nothing written past the end",
        arguments: BinaryOperation.allCases,
        levels
    )
    func layouts(operation: BinaryOperation, level: Int) {
        let l = cpuLevel(level)
        func sigmoid(_ x: Float) -> Float {
            var x = x, y: Float = 0
            icnn_vsigmoid_level(l, &x, &y, 1)
            return y
        }
        let sentinel: Float = 12345
        for layout in BinaryLayout.all {
            for (rows, cols) in [(1, 0), (0, 5), (1, 1), (1, 15), (1, 16), (1, 17), (3, 31), (2, 33), (5, 67)] {
                // Operand arrays start one element past an aligned address (unaligned vector loads).
                let a = (0..<(1 + rows * cols + 1)).map { value($0, 1) }
                let b = (0..<(1 + rows * cols + 1)).map { value($0, 4) }
                var y = [Float](repeating: sentinel, count: rows * cols + 17)
                a.withUnsafeBufferPointer { ab in
                    b.withUnsafeBufferPointer { bb in
                        y.withUnsafeMutableBufferPointer { yb in
                            icnn_vbinary2d_level(
                                l,
                                operation.code,
                                rows,
                                cols,
                                ab.baseAddress! + 1,
                                layout.ars(cols),
                                layout.acs,
                                bb.baseAddress! + 1,
                                layout.brs(cols),
                                layout.bcs,
                                yb.baseAddress! + 1
                            )
                        }
                    }
                }
                #expect(y[0] == sentinel && y[(1 + rows * cols)...].allSatisfy { $0 == sentinel })
                for r in 0..<rows {
                    for c in 0..<cols {
                        let av = a[1 + r * layout.ars(cols) + c * layout.acs]
                        let bv = b[1 + r * layout.brs(cols) + c * layout.bcs]
                        let expected = operation.reference(av, bv, sigmoid: sigmoid)
                        let got = y[1 + r * cols + c]
                        #expect(
                            identical(got, expected),
                            "\(operation) \(layout.name) L\(level) \(rows)×\(cols) at (\(r), \(c)): \(av), \(bv) → \(got)"
                        )
                    }
                }
            }
        }
    }

    @Test("In place: the output may be either operand", arguments: BinaryOperation.allCases, levels)
    func inPlace(operation: BinaryOperation, level: Int) {
        let l = cpuLevel(level)
        for n in [1, 7, 16, 33, 100] {
            let a = (0..<n).map { value($0, 2) }, b = (0..<n).map { value($0, 9) }
            var expected = [Float](repeating: 0, count: n)
            icnn_vbinary2d_level(l, operation.code, 1, n, a, 0, 1, b, 0, 1, &expected)
            var first = a, second = b
            first.withUnsafeMutableBufferPointer { p in
                icnn_vbinary2d_level(l, operation.code, 1, n, p.baseAddress!, 0, 1, b, 0, 1, p.baseAddress!)
            }
            second.withUnsafeMutableBufferPointer { p in
                icnn_vbinary2d_level(l, operation.code, 1, n, a, 0, 1, p.baseAddress!, 0, 1, p.baseAddress!)
            }
            #expect(zip(first, expected).allSatisfy(identical), "\(operation) level \(level) n = \(n), y = a")
            #expect(zip(second, expected).allSatisfy(identical), "\(operation) level \(level) n = \(n), y = b")
        }
    }

    @Test("Log-sum-exp weight alone equals icnn_vlse2's weight", arguments: levels)
    func logSumExpWeight(level: Int) {
        let l = cpuLevel(level)
        for n in [0, 1, 15, 16, 17, 67] {
            let a = (0..<n).map { value($0, 3) }, b = (0..<n).map { value($0, 11) }
            for tau: Float in [0.1, 1, 3.7] {
                var w = [Float](repeating: 0, count: n + 8), y = [Float](repeating: 0, count: n)
                var expected = [Float](repeating: 0, count: n)
                icnn_vlse2_level(l, a, b, tau, &y, &expected, n)
                icnn_vlse2_weight_level(l, a, b, tau, &w, n)
                #expect(zip(w, expected).allSatisfy(identical), "level \(level) n = \(n) τ = \(tau)")
                #expect(w[n...].allSatisfy { $0 == 0 }, "level \(level) n = \(n) wrote past the end")
            }
        }
    }

    @Test("Tensor ops on Float agree with the same ops on Double, broadcasting included")
    func tensorOpsMatchDouble() {
        /// +, −, ·, /, maximum of a and b, in that order.
        func results<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>) -> [Tensor<S>] {
            [a + b, a - b, a * b, a / (b.absolute() + 1), Tensor.maximum(a, b), b - a, b * a]
        }
        var rng = SeededGenerator(seed: 7)
        let x = Tensor<Double>(normal: [5, 19], using: &rng)
        let row = Tensor<Double>(normal: [19], using: &rng)
        let column = Tensor<Double>(normal: [5, 1], using: &rng)
        let scalar = Tensor<Double>(0.75)
        for other in [x * 0.5 + 0.25, row, column, scalar] {
            let double = results(x, other)
            let float = results(x.converted(to: Float.self), other.converted(to: Float.self))
            for (index, (f, d)) in zip(float, double).enumerated() {
                #expect(f.shape == d.shape)
                let errors = zip(f.scalars, d.scalars).map { Swift.abs(Double($0) - $1) / max(1, Swift.abs($1)) }
                let worst = errors.max() ?? 0
                #expect(worst < 1e-6, "op \(index) with \(other.shape): relative error \(worst)")
            }
        }
    }
}
