import Foundation

/// Models in safetensors files: their weights under slot names, and a JSON description in the metadata. Shared by
/// `ModelFile` (one regressor) and `TransportFile` (two potentials, names prefixed).
extension SafeTensorsFile {
    /// Stores `model`'s effective weights under `prefix` + slot name.
    mutating func setWeights<A: Architecture>(of model: Model<A>, prefix: String = "") {
        for (slot, w) in zip(model.architecture.slots, model.weights) { setTensor(prefix + slot.name, w) }
    }

    /// The effective weights of `architecture`, read from `prefix` + slot name, each checked present with its slot's
    /// shape.
    /// - Throws: `ModelFileError` naming `path` and the tensor.
    func weights<A: Architecture>(for architecture: A, prefix: String = "", path: String) throws -> [Tensor<Float>] {
        try architecture.slots.map { slot in
            let name = prefix + slot.name
            guard let shape = shape(of: name) else {
                throw ModelFileError(code: .tensorNotFound, path: path, tensor: name, reason: "missing from the file")
            }
            guard shape == slot.shape else {
                throw ModelFileError(
                    code: .shapeMismatch,
                    path: path,
                    tensor: name,
                    reason: "has shape \(shape), the architecture needs \(slot.shape)"
                )
            }
            return try tensor(name, as: Float.self)
        }
    }

    /// Stores `value` as sorted-key JSON under the metadata `key`.
    mutating func setDescription<T: Encodable>(_ value: T, key: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        metadata[key] = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The JSON under the metadata `key`, decoded.
    /// - Parameters:
    ///   - what: what the description is, for messages ("model", "transport").
    ///   - missing: the reason given when the key is absent.
    /// - Throws: `ModelFileError` (.missingField, .invalidMetadata) naming `path`.
    func description<T: Decodable>(_ type: T.Type, key: String, what: String, missing: String, path: String) throws -> T
    {
        guard let json = metadata[key] else {
            throw ModelFileError(
                code: .missingField,
                path: path,
                reason: "no '\(key)' entry in the metadata: \(missing)"
            )
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(json.utf8))
        } catch {
            throw ModelFileError(
                code: .invalidMetadata,
                path: path,
                reason: "'\(key)' is not a valid \(what) description (\(error))"
            )
        }
    }
}
