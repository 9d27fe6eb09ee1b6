import Foundation

/// A learned transport map in one `.safetensors` file: the effective weights of the potential f under
/// `potential.<slot>` and of the critic g under `critic.<slot>` (little-endian Float32, the slot names of
/// `ModelFile`), and the rest as JSON in the header's `__metadata__` under `icnn.transport`:
/// ```json
/// {"format": 1, "architecture": {...}, "columns": ["pc1", "pc2"], "center": [...], "scale": 1.7,
///  "potentialStrategy": "softplus", "criticStrategy": "softplus", "training": {"iterations": "1000", ...}}
/// ```
/// The map is T(x) = center + scale·∇f((x − center)/scale) and its inverse center + scale·∇g((y − center)/scale).
public struct TransportFile: Sendable {
    /// The version of this layout.
    public static let formatVersion = 1
    /// The metadata key holding the JSON description.
    public static let configKey = "icnn.transport"

    /// The JSON stored under `icnn.transport`.
    public struct Description: Sendable, Codable, Hashable {
        public var format: Int
        public var architecture: AnyArchitecture
        public var columns: [String]
        public var center: [Float]
        public var scale: Float
        public var potentialStrategy: String
        public var criticStrategy: String
        public var training: [String: String]
    }

    /// The map.
    public var map: TransportMap<AnyArchitecture>
    /// Column names, strategies and training notes.
    public var description: Description

    /// A file for `map` over the named columns.
    /// - Precondition: one name per coordinate.
    public init(
        _ map: TransportMap<AnyArchitecture>,
        columns: [String],
        potentialStrategy: String,
        criticStrategy: String,
        training: [String: String] = [:]
    ) {
        precondition(columns.count == map.dimension, "\(columns.count) column names for a map of \(map.dimension)")
        self.map = map
        self.description = Description(
            format: Self.formatVersion,
            architecture: map.potential.architecture,
            columns: columns,
            center: map.center,
            scale: map.scale,
            potentialStrategy: potentialStrategy,
            criticStrategy: criticStrategy,
            training: training
        )
    }

    /// Writes the file atomically.
    /// - Throws: `FileWriteError` when the destination cannot be written.
    public func write(to path: String) throws {
        var file = SafeTensorsFile()
        for (prefix, model) in [("potential", map.potential), ("critic", map.critic)] {
            for (slot, w) in zip(model.architecture.slots, model.weights) {
                file.setTensor("\(prefix).\(slot.name)", w)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        file.metadata[Self.configKey] = String(decoding: try encoder.encode(description), as: UTF8.self)
        try file.write(to: path)
    }

    /// Reads and validates a transport file: the description must decode and agree with itself, and every slot
    /// of both potentials must be present with the right shape.
    /// - Throws: `ModelFileError` naming the file and, where it applies, the tensor.
    public init(contentsOf path: String) throws {
        let file = try SafeTensorsFile(contentsOf: path)
        guard let json = file.metadata[Self.configKey] else {
            let hint = file.metadata[ModelFile.configKey] != nil ? " (it is a model file from icnn fit)" : ""
            throw ModelFileError(
                code: .missingField,
                path: path,
                reason: "no '\(Self.configKey)' entry in the metadata: not a transport map\(hint)"
            )
        }
        let description: Description
        do {
            description = try JSONDecoder().decode(Description.self, from: Data(json.utf8))
        } catch {
            throw ModelFileError(
                code: .invalidMetadata,
                path: path,
                reason: "'\(Self.configKey)' is not a valid transport description (\(error))"
            )
        }
        let architecture = description.architecture
        let d = architecture.inputCount
        guard description.format == Self.formatVersion, description.columns.count == d,
            description.center.count == d, description.scale > 0, description.scale.isFinite,
            architecture.convexInputs.count == d
        else {
            throw ModelFileError(
                code: .invalidMetadata,
                path: path,
                reason: "format \(description.format), \(description.columns.count) columns, center of "
                    + "\(description.center.count) and scale \(description.scale) do not describe a map of "
                    + "\(d) convex inputs (format \(Self.formatVersion))"
            )
        }
        var models: [Model<AnyArchitecture>] = []
        for prefix in ["potential", "critic"] {
            var weights: [Tensor<Float>] = []
            for slot in architecture.slots {
                let name = "\(prefix).\(slot.name)"
                guard let shape = file.shape(of: name) else {
                    throw ModelFileError(
                        code: .tensorNotFound,
                        path: path,
                        tensor: name,
                        reason: "missing from the file"
                    )
                }
                guard shape == slot.shape else {
                    throw ModelFileError(
                        code: .shapeMismatch,
                        path: path,
                        tensor: name,
                        reason: "has shape \(shape), the architecture needs \(slot.shape)"
                    )
                }
                weights.append(try file.tensor(name, as: Float.self))
            }
            models.append(Model(architecture, weights: weights))
        }
        self.map = TransportMap(
            potential: models[0],
            critic: models[1],
            center: description.center,
            scale: description.scale
        )
        self.description = description
    }
}
