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
        file.setWeights(of: map.potential, prefix: "potential.")
        file.setWeights(of: map.critic, prefix: "critic.")
        try file.setDescription(description, key: Self.configKey)
        try file.write(to: path)
    }

    /// Reads and validates a transport file: the description must decode and agree with itself, and every slot
    /// of both potentials must be present with the right shape.
    /// - Throws: `ModelFileError` naming the file and, where it applies, the tensor.
    public init(contentsOf path: String) throws {
        let file = try SafeTensorsFile(contentsOf: path)
        let hint = file.metadata[ModelFile.configKey] != nil ? " (it is a model file from icnn fit)" : ""
        let description = try file.description(
            Description.self,
            key: Self.configKey,
            what: "transport",
            missing: "not a transport map\(hint)",
            path: path
        )
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
        let models = try ["potential.", "critic."].map { prefix in
            Model(architecture, weights: try file.weights(for: architecture, prefix: prefix, path: path))
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
