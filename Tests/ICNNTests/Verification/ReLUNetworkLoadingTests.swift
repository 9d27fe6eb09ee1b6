import Foundation
import ICNN
import Testing

@Suite("Reading ReLU networks for verification")
struct ReLUNetworkLoadingTests {
    /// The compensated two-layer network of `ConvexityVerifierTests` as PyTorch tensors.
    static func sequentialFile(prefix: String = "", a: Float = 2, double: Bool = false) -> SafeTensorsFile {
        var file = SafeTensorsFile()
        let layers: [(Int, [Float], [Int], [Float])] = [
            (0, [1, 0, 0, 1], [2, 2], [0, 0]), (2, [1, 1, -1, 1], [2, 2], [0.125, -0.5]), (4, [1, a], [1, 2], [0]),
        ]
        for (index, w, shape, b) in layers {
            if double {
                file.setTensor("\(prefix)\(index).weight", Tensor(shape: shape, scalars: w.map(Double.init)))
                file.setTensor("\(prefix)\(index).bias", Tensor(b.map(Double.init)))
            } else {
                file.setTensor("\(prefix)\(index).weight", Tensor(shape: shape, scalars: w))
                file.setTensor("\(prefix)\(index).bias", Tensor(b))
            }
        }
        return file
    }

    @Test("PyTorch nn.Sequential layout, F32 or F64, with or without a prefix", arguments: ["", "net.", "model.body."])
    func sequentialLayout(prefix: String) throws {
        for double in [false, true] {
            let network = try ReLUNetwork(safeTensors: Self.sequentialFile(prefix: prefix, double: double))
            #expect(network == ConvexityVerifierTests.compensated(2))
        }
    }

    @Test("a file written to disk verifies end to end; without biases the layers are linear")
    func fromDisk() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/net.safetensors"
            try Self.sequentialFile().write(to: path)
            let report = try ConvexityVerifier(lower: [-1], upper: [1]).verify(VerifiableModel(contentsOf: path))
            #expect(report.verdict == .notConvex)
            var file = Self.sequentialFile(a: 1)
            for name in file.names where name.hasSuffix(".bias") { file.removeTensor(name) }
            let network = try ReLUNetwork(safeTensors: file)
            #expect(network.layers.allSatisfy { $0.bias.allSatisfy { $0 == 0 } })
        }
    }

    @Test(
        "malformed layouts are errors naming the tensor",
        arguments: [
            ("0.running_mean", VerificationError.Code.notAReLUNetwork, "0.running_mean"),
            ("wrong shape", .notAReLUNetwork, "2.weight"),
            ("two outputs", .nonScalarOutput, "4.weight"),
            ("orphan bias", .notAReLUNetwork, "6.bias"),
            ("mixed prefix", .notAReLUNetwork, "net.2.weight"),
        ]
    )
    func malformed(change: String, code: VerificationError.Code, named: String) throws {
        var file = Self.sequentialFile()
        switch change {
        case "0.running_mean": file.setTensor("0.running_mean", Tensor<Float>([0, 0]))
        case "wrong shape": file.setTensor("2.weight", Tensor<Float>(shape: [2, 3], scalars: [1, 1, 1, 1, 1, 1]))
        case "two outputs":
            file.setTensor("4.weight", Tensor<Float>(shape: [2, 2], scalars: [1, 1, 1, 1]))
            file.setTensor("4.bias", Tensor<Float>([0, 0]))
        case "orphan bias": file.setTensor("6.bias", Tensor<Float>([0]))
        default:
            file.removeTensor("2.weight")
            file.setTensor("net.2.weight", Tensor<Float>(shape: [2, 2], scalars: [1, 1, 1, 1]))
        }
        do {
            _ = try ReLUNetwork(safeTensors: file, path: "x.safetensors")
            Issue.record("\(change) was accepted")
        } catch let error as VerificationError {
            #expect(error.code == code, "\(error)")
            #expect(error.description.hasPrefix("x.safetensors: ") && error.description.contains(named), "\(error)")
        }
    }

    @Test("an unreadable or missing file is an error, not a trap")
    func unreadable() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/junk.safetensors"
            try Data("not a safetensors file".utf8).write(to: URL(fileURLWithPath: path))
            for p in [path, folder + "/missing.safetensors"] {
                #expect(throws: VerificationError.self) { try VerifiableModel(contentsOf: p) }
            }
        }
    }

    @Test("an MLP model file is read with its standardisation folded in")
    func mlpModelFile() throws {
        try withTemporaryDirectory { folder in
            var rng = SeededGenerator(seed: 5)
            let architecture = AnyArchitecture.mlp(MLP(inputs: 2, widths: [6, 4]))
            var model = Model(architecture, using: &rng)
            model.weights = model.weights.map { w in Tensor(shape: w.shape, scalars: w.scalars.map { $0 + 0.05 }) }
            var input = Standardization(identity: 2)
            input.mean = [0.5, -1]
            input.scale = [2, 0.25]
            var target = Standardization(identity: 1)
            target.mean = [3]
            target.scale = [1.5]
            let regressor = Regressor(model: model, inputStandardization: input, targetStandardization: target)
            let path = folder + "/mlp.safetensors"
            try ModelFile(regressor, inputs: ["a", "b"], target: "y", strategy: "none").write(to: path)
            guard case .reluNetwork(let network) = try VerifiableModel(contentsOf: path) else {
                Issue.record("an MLP file was not read as a ReLU network")
                return
            }
            for _ in 0..<50 {
                let x = [rng.nextUniform(in: -2, 2), rng.nextUniform(in: -2, 2)]
                let expected = Double(
                    regressor.predict(Tensor(shape: [1, 2], scalars: x.map { Float($0) })).scalars[0]
                )
                #expect(abs(network(x) - expected) <= 1e-4 * (1 + abs(expected)), "at \(x)")
            }
            let report = try ConvexityVerifier(lower: [-1], upper: [1]).verify(network)
            #expect(report.verdict != .undetermined, "\(report.reason ?? "")")
        }
    }

    @Test("library ICNN files: convex by their certificate; a broken one is refuted by sampling")
    func libraryModels() throws {
        try withTemporaryDirectory { folder in
            var rng = SeededGenerator(seed: 2)
            let cases: [(AnyArchitecture, String)] = [
                (.ficnn(FICNN(inputs: 2, widths: [8, 8])), "convex on R^2"),
                (.picnn(PICNN(inputs: 2, convexIn: [1], widths: [8, 8])), "convex in b on all of their values"),
            ]
            for (architecture, claim) in cases {
                let model = Model(architecture, using: &rng)
                let regressor = Regressor(
                    model: model,
                    inputStandardization: Standardization(identity: 2),
                    targetStandardization: Standardization(identity: 1)
                )
                let path = folder + "/\(architecture.kind).safetensors"
                try ModelFile(regressor, inputs: ["a", "b"], target: "y", strategy: "projection").write(to: path)
                let report = try ConvexityVerifier(lower: [-1], upper: [1]).verify(VerifiableModel(contentsOf: path))
                #expect(report.verdict == .convex && report.method == .structural)
                #expect(report.claim.hasPrefix(claim), "\(report.claim)")
            }
            // A FICNN with its output turned upside down (concave): the certificate fails and sampling refutes.
            let model = Model(AnyArchitecture.ficnn(FICNN(inputs: 2, widths: [8])), using: &rng)
            var target = Standardization(identity: 1)
            target.scale = [-1]
            let regressor = Regressor(
                model: model,
                inputStandardization: Standardization(identity: 2),
                targetStandardization: target
            )
            let path = folder + "/concave.safetensors"
            try ModelFile(regressor, inputs: ["a", "b"], target: "y", strategy: "projection").write(to: path)
            var verifier = ConvexityVerifier(lower: [-2], upper: [2])
            verifier.samples = 4000
            let report = try verifier.verify(VerifiableModel(contentsOf: path))
            #expect(report.verdict == .notConvex && report.method == .sampling, "\(report.reason ?? "")")
            let w = try #require(report.witness)
            #expect(w.gap > w.allowance)
            #expect((report.smallestHessianEigenvalue ?? 0) < 0)
        }
    }

    @Test(
        "a PyTorch-layout file written by numpy verifies",
        .enabled(if: pythonWithNumpy, "python3 with numpy is not installed")
    )
    func numpyWritten() throws {
        let script = """
            import json, struct, sys, numpy as np
            layers = {"net.0": ([[1, 0], [0, 1]], [0, 0]), "net.2": ([[1, 1], [-1, 1]], [0.125, -0.5]),
                      "net.4": ([[1, float(sys.argv[2])]], [0])}
            header, data = {"__metadata__": {"framework": "pt"}}, b""
            for name, (w, b) in layers.items():
                for suffix, array in (("weight", np.array(w, np.float32)), ("bias", np.array(b, np.float32))):
                    raw = array.astype("<f4").tobytes()
                    header[name + "." + suffix] = {"dtype": "F32", "shape": list(array.shape),
                                                   "data_offsets": [len(data), len(data) + len(raw)]}
                    data += raw
            text = json.dumps(header).encode()
            text += b" " * (-len(text) % 8)
            open(sys.argv[1], "wb").write(struct.pack("<Q", len(text)) + text + data)
            """
        try withTemporaryDirectory { folder in
            for (a, verdict) in [("1", VerificationReport.Verdict.convex), ("2", .notConvex)] {
                let path = folder + "/torch\(a).safetensors"
                let result = try #require(runPython(script, [path, a]))
                #expect(result.status == 0, "\(result.output)")
                let report = try ConvexityVerifier(lower: [-1], upper: [1]).verify(VerifiableModel(contentsOf: path))
                #expect(report.verdict == verdict)
            }
        }
    }
}
