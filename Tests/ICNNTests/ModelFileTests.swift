import Foundation
import ICNN
import Testing
import _ICNNTestSupport

/// A temporary folder removed at the end of the test.
struct TemporaryFolder: ~Copyable {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "icnn-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

let savedArchitectures: [AnyArchitecture] = [
    .ficnn(FICNN(inputs: 3, widths: [8, 8], activation: .softplus)),
    .ficnn(
        FICNN(
            inputs: 3,
            widths: [8, 6],
            activation: .leakyRelu(slope: 0.1),
            quadraticFirstLayer: true,
            strongConvexity: 0.3
        )
    ),
    .ficnn(FICNN(inputs: 3, widths: [8], activation: .softplusTemperature(0.4))),
    .hycnn(HyCNN(inputs: 3, widths: [8, 8], gate: .max)),
    .hycnn(HyCNN(inputs: 3, widths: [8, 8, 4], gate: .logSumExp(temperature: 0.7))),
    .hycnn(HyCNN.groupMax(inputs: 3, widths: [8, 8])),
    .mlp(MLP(inputs: 3, widths: [8, 8])),
    .picnn(PICNN(inputs: 3, convexIn: [2], widths: [8, 8])),
    .convolutionalFICNN(ConvolutionalFICNN(height: 1, width: 3, filters: [4, 4])),
    .convolutionalPICNN(
        ConvolutionalPICNN(height: 3, width: 1, convexIn: [0, 2], filters: [2, 3], activation: .relu)
    ),
]

/// A regressor with random weights and a non-trivial standardisation.
func randomRegressor(_ a: AnyArchitecture, seed: UInt64) -> Regressor<AnyArchitecture> {
    var rng = SeededGenerator(seed: seed)
    var s = Standardization(identity: a.inputCount)
    s.mean = (0..<a.inputCount).map { Float($0) * 0.5 - 0.3 }
    s.scale = (0..<a.inputCount).map { 1.5 + Float($0) }
    var t = Standardization(identity: 1)
    t.mean = [2]
    t.scale = [3]
    return Regressor(model: Model(a, using: &rng), inputStandardization: s, targetStandardization: t)
}

@Suite("Model files: round trips, numpy evaluation, malformed files")
struct ModelFileTests {
    @Test("Save → load → predict is bit-identical", arguments: savedArchitectures)
    func roundTrip(_ a: AnyArchitecture) throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/m.safetensors"
        let regressor = randomRegressor(a, seed: 1)
        try ModelFile(regressor, inputs: ["a", "b", "c"], target: "y", strategy: "projection").write(to: path)
        let loaded = try ModelFile(contentsOf: path)
        var rng = SeededGenerator(seed: 2)
        let x = Tensor<Float>(normal: [50, 3], using: &rng)
        #expect(loaded.regressor.predict(x).scalars == regressor.predict(x).scalars)
        #expect(loaded.description.architecture == a)
        #expect(loaded.description.inputs == ["a", "b", "c"])
    }

    @Test(
        "Every saved architecture evaluates the same with numpy alone (Scripts/icnn_numpy.py)",
        .enabled(if: pythonWithNumpy, "python3 with numpy is not installed: numpy evaluation skipped"),
        arguments: savedArchitectures
    )
    func numpyEvaluation(_ a: AnyArchitecture) throws {
        let folder = TemporaryFolder()
        let model = folder.path + "/m.safetensors", data = folder.path + "/x.csv"
        let regressor = randomRegressor(a, seed: 3)
        try ModelFile(regressor, inputs: ["a", "b", "c"], target: "y", strategy: "softplus").write(to: model)
        var rng = SeededGenerator(seed: 4)
        let x = Tensor<Float>(uniform: [40, 3], low: -3, high: 3, using: &rng)
        try DataTable(columnNames: ["a", "b", "c"], values: x).write(to: data)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/icnn_numpy.py").path
        let result = runPython(try String(contentsOfFile: script, encoding: .utf8), [model, data])
        #expect(result?.status == 0, "\(result?.output ?? "python did not start")")
        let numpy = (result?.output ?? "").split(separator: "\n").compactMap { Double($0) }
        let ours = regressor.predict(x).scalars
        #expect(numpy.count == ours.count)
        for (n, o) in zip(numpy, ours) {
            // numpy computes in Float64 from the same Float32 weights: agreement to Float rounding.
            #expect(
                abs(n - Double(o)) <= Double(Tolerances.floatVersusDouble) * 10 * max(1, abs(n)),
                "numpy \(n), ours \(o)"
            )
        }
    }

    @Test func missingTensorAndWrongShapeAreNamed() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/m.safetensors"
        let a = AnyArchitecture.hycnn(HyCNN(inputs: 3, widths: [4]))
        try ModelFile(randomRegressor(a, seed: 5), inputs: ["a", "b", "c"], target: "y", strategy: "x").write(to: path)
        var file = try SafeTensorsFile(contentsOf: path)
        file.removeTensor("output.v")
        try file.write(to: path)
        let missing = #expect(throws: ModelFileError.self) { try ModelFile(contentsOf: path) }
        #expect(missing?.code == .tensorNotFound && missing?.tensor == "output.v")

        file.setTensor("output.v", Tensor<Float>(zeros: [2, 4]))
        try file.write(to: path)
        let shape = #expect(throws: ModelFileError.self) { try ModelFile(contentsOf: path) }
        #expect(shape?.code == .shapeMismatch && shape?.tensor == "output.v")
    }

    @Test func foreignSafetensorsFileIsRefused() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/torch.safetensors"
        var file = SafeTensorsFile()
        file.setTensor("0.weight", Tensor<Float>(zeros: [4, 2]))
        try file.write(to: path)
        let error = #expect(throws: ModelFileError.self) { try ModelFile(contentsOf: path) }
        #expect(error?.code == .missingField)
        #expect(error?.description.contains("not a swift-icnn model file") == true)
    }
}
