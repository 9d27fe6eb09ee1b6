/// A model `ConvexityVerifier` can check, as read from a file.
///
/// Accepted files (all `.safetensors`):
/// - a swift-icnn model file (metadata key `icnn.config`) of kind `mlp`: a ReLU MLP, checked exactly, with the
///   file's input and target standardisation folded in, so the check is about the model in the user's units;
/// - a swift-icnn model file of another kind (`ficnn`, `icnnq`, `picnn`, `hycnn`, `groupmax`): checked by its
///   structural certificate (and by sampling when the certificate fails);
/// - any other safetensors file in PyTorch `nn.Sequential` layout (see `ReLUNetwork(safeTensors:)`).
public enum VerifiableModel: Sendable {
    /// A plain ReLU MLP in Double.
    case reluNetwork(ReLUNetwork)
    /// One of the library's own architectures (convex by construction when its certificate holds).
    case library(ModelFile)

    /// Reads a model from `path`.
    /// - Throws: `VerificationError` (unreadable file, not a ReLU MLP, non-scalar output).
    public init(contentsOf path: String) throws {
        let file: SafeTensorsFile
        do {
            file = try SafeTensorsFile(contentsOf: path)
        } catch let error as ModelFileError {
            throw VerificationError(code: .unreadableFile, reason: error.description)
        }
        if file.metadata[ModelFile.configKey] != nil {
            let model: ModelFile
            do {
                model = try ModelFile(contentsOf: path)
            } catch let error as ModelFileError {
                throw VerificationError(code: .unreadableFile, reason: error.description)
            }
            if case .mlp = model.description.architecture {
                self = .reluNetwork(try ReLUNetwork(modelFile: model, path: path))
            } else {
                self = .library(model)
            }
        } else {
            self = .reluNetwork(try ReLUNetwork(safeTensors: file, path: path))
        }
    }

    /// The input dimension.
    public var inputCount: Int {
        switch self {
        case .reluNetwork(let n): n.inputCount
        case .library(let m): m.description.architecture.inputCount
        }
    }
}
