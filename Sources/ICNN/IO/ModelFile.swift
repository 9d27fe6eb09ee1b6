import Foundation

/// A trained model in one `.safetensors` file: the *effective* weights as little-endian Float32 under their slot
/// names, and everything else as JSON in the header's `__metadata__` under the key `icnn.config`:
/// ```json
/// {"format": 1, "architecture": {...}, "inputs": ["x1", "x2"], "target": "y",
///  "inputStandardization": {"mean": [...], "scale": [...]}, "targetStandardization": {...},
///  "strategy": "softplus", "training": {"epochs": "100", ...}}
/// ```
/// The model evaluates f(x) = s_y·g((x − m_x)/s_x) + m_y, with g the architecture's forward pass (README,
/// "Model files", shows it in numpy).
public struct ModelFile: Sendable {
    /// The version of this layout.
    public static let formatVersion = 1
    /// The metadata key holding the JSON description.
    public static let configKey = "icnn.config"

    /// The JSON stored under `icnn.config`.
    public struct Description: Sendable, Codable, Hashable {
        public var format: Int
        public var architecture: AnyArchitecture
        public var inputs: [String]
        public var target: String
        public var inputStandardization: Standardization
        public var targetStandardization: Standardization
        public var strategy: String
        public var training: [String: String]
    }

    /// The model.
    public var regressor: Regressor<AnyArchitecture>
    /// Column names, strategy and training notes.
    public var description: Description

    /// A model file for `regressor`.
    public init(
        _ regressor: Regressor<AnyArchitecture>,
        inputs: [String],
        target: String,
        strategy: String,
        training: [String: String] = [:]
    ) {
        self.regressor = regressor
        self.description = Description(
            format: Self.formatVersion,
            architecture: regressor.model.architecture,
            inputs: inputs,
            target: target,
            inputStandardization: regressor.inputStandardization,
            targetStandardization: regressor.targetStandardization,
            strategy: strategy,
            training: training
        )
    }

    /// Writes the file atomically.
    /// - Throws: `FileWriteError` when the destination cannot be written.
    public func write(to path: String) throws {
        var file = SafeTensorsFile()
        file.setWeights(of: regressor.model)
        try file.setDescription(description, key: Self.configKey)
        try file.write(to: path)
    }

    /// Reads and validates a model file: the description must decode, and every slot of its architecture must
    /// be present with the right shape.
    /// - Throws: `ModelFileError` naming the file and, where it applies, the tensor.
    public init(contentsOf path: String) throws {
        let file = try SafeTensorsFile(contentsOf: path)
        let description = try file.description(
            Description.self,
            key: Self.configKey,
            what: "model",
            missing: "not a swift-icnn model file",
            path: path
        )
        guard description.format == Self.formatVersion else {
            throw ModelFileError(
                code: .invalidMetadata,
                path: path,
                reason: "format \(description.format) is not supported (this build reads \(Self.formatVersion))"
            )
        }
        let architecture = description.architecture
        guard description.inputs.count == architecture.inputCount,
            description.inputStandardization.mean.count == architecture.inputCount,
            description.inputStandardization.scale.count == architecture.inputCount,
            description.targetStandardization.mean.count == 1, description.targetStandardization.scale.count == 1
        else {
            throw ModelFileError(
                code: .invalidMetadata,
                path: path,
                reason:
                    "input names or standardisation do not match the architecture's \(architecture.inputCount) inputs"
            )
        }
        let weights = try file.weights(for: architecture, path: path)
        self.regressor = Regressor(
            model: Model(architecture, weights: weights),
            inputStandardization: description.inputStandardization,
            targetStandardization: description.targetStandardization
        )
        self.description = description
    }
}
