import ICNN
import Testing
import _ICNNTestSupport

@Suite struct ExactInferenceTests {
    /// A 2-D case: a model with two convex inputs (and, for a PICNN, a fixed x), evaluated on a grid.
    struct GridCase: Sendable, CustomTestStringConvertible {
        var name: String
        var architecture: AnyArchitecture
        /// The full input row; the convex entries are overwritten by the grid.
        var point: [Double]
        var testDescription: String { name }
    }

    static let gridCases: [GridCase] = [
        GridCase(
            name: "ReLU FICNN",
            architecture: .ficnn(FICNN(inputs: 2, widths: [16, 16], activation: .relu)),
            point: [0, 0]
        ),
        GridCase(
            name: "leaky-ReLU FICNN",
            architecture: .ficnn(FICNN(inputs: 2, widths: [12, 12], activation: .leakyRelu(slope: 0.2))),
            point: [0, 0]
        ),
        GridCase(
            name: "ReLU PICNN",
            architecture: .picnn(PICNN(inputs: 3, convexIn: [1, 2], widths: [12, 12], activation: .relu)),
            point: [0.4, 0, 0]
        ),
        GridCase(
            name: "hard-max HyCNN",
            architecture: .hycnn(HyCNN(inputs: 2, widths: [8, 8], gate: .max)),
            point: [0, 0]
        ),
        GridCase(name: "GroupMax", architecture: .hycnn(HyCNN.groupMax(inputs: 2, widths: [8, 8])), point: [0, 0]),
    ]

    /// The LP minimum over [−1.5, 1.5]² against a 241×241 grid: no grid value is below it (up to Float rounding),
    /// and the best grid value is within (L₁ + L₂)·h/2 of it, where Lᵢ is the largest slope along axis i seen
    /// between grid neighbours (the minimiser is at most h/2 from a grid point in each coordinate). The Float
    /// model at the argmin equals the LP value.
    @Test(arguments: gridCases) func lpMinimumMatchesDenseGrid(_ c: GridCase) throws {
        for seed in UInt64(1)...3 {
            var rng = SeededGenerator(seed: seed)
            let model = Model(c.architecture, using: &rng)
            let convex = c.architecture.convexInputs
            let (lo, hi, steps) = (-1.5, 1.5, 241)
            let h = (hi - lo) / Double(steps - 1)
            var rows: [Float] = []
            for a in 0..<steps {
                for b in 0..<steps {
                    var p = c.point
                    p[convex[0]] = lo + Double(a) * h
                    p[convex[1]] = lo + Double(b) * h
                    rows += p.map { Float($0) }
                }
            }
            let f = model(Tensor(shape: [steps * steps, c.point.count], scalars: rows)).scalars.map(Double.init)
            var slope = [0.0, 0.0]
            for a in 0..<steps {
                for b in 0..<steps {
                    if a + 1 < steps { slope[0] = max(slope[0], abs(f[(a + 1) * steps + b] - f[a * steps + b]) / h) }
                    if b + 1 < steps { slope[1] = max(slope[1], abs(f[a * steps + b + 1] - f[a * steps + b]) / h) }
                }
            }
            let gridMin = f.min() ?? .nan
            let result = try ExactInference.minimize(model, at: c.point, lower: [lo, lo], upper: [hi, hi])
            #expect(result.status == .optimal, "seed \(seed): \(result.status)")
            let floatError = Tolerances.exactInferenceFloat * max(1, abs(result.value))
            let gridAllowance = (slope[0] + slope[1]) * h / 2 + floatError
            #expect(
                gridMin >= result.value - floatError,
                "seed \(seed): grid \(gridMin) below the LP minimum \(result.value)"
            )
            #expect(
                gridMin - result.value <= gridAllowance,
                "seed \(seed): grid minimum \(gridMin), LP \(result.value), allowed gap \(gridAllowance)"
            )
            #expect(
                result.argmin.allSatisfy { $0 >= lo - 1e-9 && $0 <= hi + 1e-9 },
                "argmin \(result.argmin) outside the box"
            )
            // f(argmin) by the Float model and in Double.
            var p = c.point
            for (k, column) in convex.enumerated() { p[column] = result.argmin[k] }
            let modelAtArgmin = Double(model(Tensor(shape: [1, p.count], scalars: p.map { Float($0) })).scalar)
            #expect(
                abs(modelAtArgmin - result.value) <= floatError,
                "seed \(seed): f(argmin) \(modelAtArgmin), LP \(result.value)"
            )
            #expect(abs(result.modelValue - result.value) <= Tolerances.lpObjective * max(1, abs(result.value)))
            #expect(result.dualityGap <= Tolerances.lpFeasibility && result.primalResidual <= Tolerances.lpFeasibility)
        }
    }

    /// f(y) = |y₁ − a| + |y₂ − b| written as a ReLU FICNN, z₁ = relu(±(y − (a, b))), optionally through a second
    /// layer z₂ = relu(1ᵀz₁) = 1ᵀz₁ so that a W^z is involved.
    static func hinges(a: Float, b: Float, twoLayers: Bool) -> Model<AnyArchitecture> {
        let arch = FICNN(inputs: 2, widths: twoLayers ? [4, 1] : [4], activation: .relu)
        var weights = [
            Tensor<Float>(shape: [4, 2], scalars: [1, 0, -1, 0, 0, 1, 0, -1]), Tensor<Float>([-a, a, -b, b]),
        ]
        if twoLayers {
            weights += [
                Tensor<Float>(shape: [1, 4], scalars: [1, 1, 1, 1]), Tensor(zeros: [1, 2]), Tensor(zeros: [1]),
            ]
            weights += [Tensor<Float>(shape: [1, 1], scalars: [1]), Tensor(zeros: [1, 2]), Tensor(zeros: [1])]
        } else {
            weights += [
                Tensor<Float>(shape: [1, 4], scalars: [1, 1, 1, 1]), Tensor(zeros: [1, 2]), Tensor(zeros: [1]),
            ]
        }
        return Model(AnyArchitecture.ficnn(arch), weights: weights)
    }

    @Test(arguments: [false, true]) func sumOfHingesHasItsKnownMinimiser(twoLayers: Bool) throws {
        let model = Self.hinges(a: 0.25, b: -0.75, twoLayers: twoLayers)
        let result = try ExactInference.minimize(model, at: [0, 0], lower: [nil, nil], upper: [nil, nil])
        #expect(result.status == .optimal)
        #expect(abs(result.argmin[0] - 0.25) <= Tolerances.exactDouble, "argmin \(result.argmin)")
        #expect(abs(result.argmin[1] + 0.75) <= Tolerances.exactDouble, "argmin \(result.argmin)")
        #expect(abs(result.value) <= Tolerances.exactDouble)
        #expect(result.columns == 2 + (twoLayers ? 5 : 4) && result.rows == (twoLayers ? 5 : 4))
        // On a box that excludes (a, b) the minimiser is the box point nearest to it in each coordinate.
        let boxed = try ExactInference.minimize(model, at: [0, 0], lower: [0.5, nil], upper: [1, 0])
        #expect(
            abs(boxed.argmin[0] - 0.5) <= Tolerances.exactDouble
                && abs(boxed.argmin[1] + 0.75) <= Tolerances.exactDouble
        )
        #expect(abs(boxed.value - 0.25) <= Tolerances.exactDouble)
    }

    /// f(y) = −y as a FICNN (a dead ReLU unit and a negative input skip in the output).
    static let negativeSlope = Model(
        AnyArchitecture.ficnn(FICNN(inputs: 1, widths: [1], activation: .relu)),
        weights: [
            Tensor(zeros: [1, 1]), Tensor(zeros: [1]), Tensor(zeros: [1, 1]),
            Tensor<Float>(shape: [1, 1], scalars: [-1]), Tensor(zeros: [1]),
        ]
    )

    @Test func unboundedBelowIsAStatus() throws {
        let free = try ExactInference.minimize(Self.negativeSlope, at: [0], lower: [nil], upper: [nil])
        #expect(free.status == .unbounded)
        let halfLine = try ExactInference.minimize(Self.negativeSlope, at: [0], lower: [-3], upper: [nil])
        #expect(halfLine.status == .unbounded)
        let capped = try ExactInference.minimize(Self.negativeSlope, at: [0], lower: [nil], upper: [2])
        #expect(capped.status == .optimal)
        #expect(abs(capped.value + 2) <= Tolerances.exactDouble && abs(capped.argmin[0] - 2) <= Tolerances.exactDouble)
    }

    @Test func supportsExactlyThePiecewiseLinearModels() {
        #expect(ExactInference.supports(.ficnn(FICNN(inputs: 2, widths: [4], activation: .relu))))
        #expect(ExactInference.supports(.ficnn(FICNN(inputs: 2, widths: [4], activation: .identity))))
        #expect(ExactInference.supports(.picnn(PICNN(inputs: 3, convexIn: [0], widths: [4], activation: .relu))))
        #expect(ExactInference.supports(.hycnn(HyCNN.groupMax(inputs: 2, widths: [4]))))
        #expect(!ExactInference.supports(.ficnn(FICNN(inputs: 2, widths: [4], activation: .softplus))))
        #expect(
            !ExactInference.supports(
                .ficnn(FICNN(inputs: 2, widths: [4], activation: .relu, quadraticFirstLayer: true))
            )
        )
        #expect(!ExactInference.supports(.ficnn(FICNN(inputs: 2, widths: [4], activation: .relu, strongConvexity: 1))))
        #expect(!ExactInference.supports(.hycnn(HyCNN(inputs: 2, widths: [4], gate: .logSumExp(temperature: 1)))))
        #expect(!ExactInference.supports(.mlp(MLP(inputs: 2, widths: [4]))))
    }

    @Test func unsupportedAndInvalidCallsThrow() throws {
        var rng = SeededGenerator(seed: 5)
        let softplus = Model(AnyArchitecture.ficnn(FICNN(inputs: 2, widths: [4], activation: .softplus)), using: &rng)
        let error = #expect(throws: ExactInferenceError.self) {
            try ExactInference.minimize(softplus, at: [0, 0], lower: [nil, nil], upper: [nil, nil])
        }
        #expect(error?.code == .unsupportedModel)
        #expect(error?.description.contains("softplus") == true, "\(String(describing: error))")

        let relu = Model(AnyArchitecture.ficnn(FICNN(inputs: 2, widths: [4], activation: .relu)), using: &rng)
        let crossed = #expect(throws: ExactInferenceError.self) {
            try ExactInference.minimize(relu, at: [0, 0], lower: [0, 2], upper: [1, 1])
        }
        #expect(crossed?.code == .invalidArgument)
        #expect(crossed?.description.contains("convex input 1 (column 1)") == true, "\(String(describing: crossed))")
        #expect(throws: ExactInferenceError.self) {
            try ExactInference.minimize(relu, at: [0, 0], lower: [nil], upper: [nil, nil])
        }
        #expect(throws: ExactInferenceError.self) {
            try ExactInference.minimize(relu, at: [0, 0, 0], lower: [nil, nil], upper: [nil, nil])
        }
        #expect(throws: ExactInferenceError.self) {
            try ExactInference.minimize(relu, at: [0, 0], lower: [.nan, nil], upper: [nil, nil])
        }
        let picnn = Model(
            AnyArchitecture.picnn(PICNN(inputs: 2, convexIn: [1], widths: [4], activation: .relu)),
            using: &rng
        )
        let rowError = #expect(throws: ExactInferenceError.self) {
            try ExactInference.minimize(picnn, rows: [[0, 0], [.infinity, 0]], lower: [nil], upper: [nil])
        }
        #expect(rowError?.description.contains("row 2") == true, "\(String(describing: rowError))")

        // A negative W^z: not convex, so the LP would only be a lower bound.
        var weights = Self.hinges(a: 0, b: 0, twoLayers: true).weights
        weights[2] = Tensor<Float>(shape: [1, 4], scalars: [1, -1, 1, 1])
        let notConvex = Model(
            AnyArchitecture.ficnn(FICNN(inputs: 2, widths: [4, 1], activation: .relu)),
            weights: weights
        )
        let signError = #expect(throws: ExactInferenceError.self) {
            try ExactInference.minimize(notConvex, at: [0, 0], lower: [nil, nil], upper: [nil, nil])
        }
        #expect(signError?.code == .notConvex)
    }

    @Test func batchedRowsMatchSingleCalls() throws {
        var rng = SeededGenerator(seed: 9)
        let model = Model(
            AnyArchitecture.picnn(PICNN(inputs: 4, convexIn: [1, 3], widths: [8, 8], activation: .relu)),
            using: &rng
        )
        let rows = (0..<4).map { r in [Double(r) * 0.3 - 0.5, 0, Double(r) * -0.2, 0] }
        let batch = try ExactInference.minimize(model, rows: rows, lower: [-1, -1], upper: [1, 1])
        #expect(batch.count == rows.count)
        for (row, result) in zip(rows, batch) {
            let single = try ExactInference.minimize(model, at: row, lower: [-1, -1], upper: [1, 1])
            #expect(single == result)
        }
    }
}
