extension ReLUNetwork {
    /// Reads a ReLU MLP saved from a PyTorch `nn.Sequential` of `nn.Linear` and `nn.ReLU` modules (e.g. by
    /// `safetensors.torch.save_file(model.state_dict(), path)`).
    ///
    /// Accepted layout: every tensor is named `<prefix><N>.weight` (shape [out, in]) or `<prefix><N>.bias`
    /// (shape [out]; may be absent for `bias=False`), with one common prefix (empty, `net.`, `layers.`, …) and N
    /// a non-negative integer, the module index. The Linear layers are taken in increasing N; a ReLU is assumed
    /// between consecutive Linear layers (ReLU modules hold no tensors, so a file cannot show them: other
    /// activations are not detected). The last layer must have one output. Any dtype that converts exactly to
    /// Double is accepted (F32, F64, F16, BF16). Files written by this library's `MLP` use the prefix `layers.`.
    /// - Throws: `VerificationError` naming the file and the offending tensor.
    public init(safeTensors file: SafeTensorsFile, path: String? = nil) throws {
        func fail(_ reason: String, code: VerificationError.Code = .notAReLUNetwork) -> VerificationError {
            VerificationError(code: code, path: path, reason: reason)
        }
        guard !file.names.isEmpty else { throw fail("the file holds no tensors: not a ReLU MLP") }
        var prefix: String?
        var weights: [Int: String] = [:]
        var biases: [Int: String] = [:]
        for name in file.names {
            var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, let kind = parts.popLast(), kind == "weight" || kind == "bias",
                let indexText = parts.popLast(), let index = Int(indexText), index >= 0
            else {
                throw fail(
                    "tensor '\(name)' is not '<N>.weight' or '<N>.bias': not a ReLU MLP in nn.Sequential layout"
                )
            }
            let own = parts.map { $0 + "." }.joined()
            if let prefix, prefix != own {
                throw fail("tensor '\(name)' has prefix '\(own)', others have '\(prefix)': mixed modules")
            }
            prefix = own
            if kind == "weight" { weights[index] = name } else { biases[index] = name }
        }
        for (index, name) in biases where weights[index] == nil {
            throw fail("tensor '\(name)' has no matching weight '\(prefix ?? "")\(index).weight'")
        }
        var layers: [Layer] = []
        for index in weights.keys.sorted() {
            let name = weights[index] ?? ""
            let w = try Self.read(file, name, path: path)
            guard w.rank == 2, w.shape[0] >= 1, w.shape[1] >= 1 else {
                throw fail("tensor '\(name)' has shape \(w.shape); a Linear weight is [out, in]")
            }
            let (outputs, inputs) = (w.shape[0], w.shape[1])
            if let previous = layers.last, previous.outputs != inputs {
                throw fail(
                    "tensor '\(name)' has \(inputs) inputs but the previous layer has \(previous.outputs) outputs"
                )
            }
            var bias = [Double](repeating: 0, count: outputs)
            if let biasName = biases[index] {
                let b = try Self.read(file, biasName, path: path)
                guard b.shape == [outputs] else {
                    throw fail("tensor '\(biasName)' has shape \(b.shape), want [\(outputs)]")
                }
                bias = b.scalars
            }
            layers.append(Layer(inputs: inputs, outputs: outputs, weight: w.scalars, bias: bias))
        }
        guard let last = layers.last, last.outputs == 1 else {
            throw fail(
                "the last layer '\(weights[weights.keys.max() ?? 0] ?? "")' has \(layers.last?.outputs ?? 0) outputs; "
                    + "verification needs a scalar output",
                code: .nonScalarOutput
            )
        }
        self.init(layers: layers)
    }

    /// The ReLU MLP of a swift-icnn model file of kind `mlp`, with the file's standardisation folded in: the
    /// network maps raw inputs to the target in its own units, f(x) = s_y·g((x − m_x)/s_x) + m_y.
    /// - Throws: `VerificationError` when the file is not an MLP or a scale is zero or not finite.
    public init(modelFile: ModelFile, path: String? = nil) throws {
        guard case .mlp(let mlp) = modelFile.description.architecture else {
            throw VerificationError(
                code: .notAReLUNetwork,
                path: path,
                reason: "model kind '\(modelFile.description.architecture.kind)' is not a ReLU MLP"
            )
        }
        let weights = modelFile.regressor.model.weights
        let sizes = [mlp.inputs] + mlp.widths + [1]
        var layers: [Layer] = []
        for k in 0..<(sizes.count - 1) {
            layers.append(
                Layer(
                    inputs: sizes[k],
                    outputs: sizes[k + 1],
                    weight: weights[2 * k].scalars.map(Double.init),
                    bias: weights[2 * k + 1].scalars.map(Double.init)
                )
            )
        }
        let input = modelFile.regressor.inputStandardization, target = modelFile.regressor.targetStandardization
        let scales = (input.scale + target.scale).map(Double.init)
        guard scales.allSatisfy({ $0.isFinite && $0 != 0 }), (input.mean + target.mean).allSatisfy(\.isFinite) else {
            throw VerificationError(
                code: .notAReLUNetwork,
                path: path,
                reason: "the standardisation has a zero or non-finite scale or mean"
            )
        }
        self = ReLUNetwork(layers: layers).composed(
            inputMean: input.mean.map(Double.init),
            inputScale: input.scale.map(Double.init),
            outputMean: Double(target.mean[0]),
            outputScale: Double(target.scale[0])
        )
    }

    private static func read(_ file: SafeTensorsFile, _ name: String, path: String?) throws -> Tensor<Double> {
        let t: Tensor<Double>
        do {
            t = try file.tensor(name, as: Double.self)
        } catch let error as ModelFileError {
            throw VerificationError(code: .unreadableFile, reason: error.description)
        }
        guard t.scalars.allSatisfy(\.isFinite) else {
            throw VerificationError(code: .notAReLUNetwork, path: path, reason: "tensor '\(name)' has NaN or Inf")
        }
        return t
    }
}
