import Foundation

/// Everything needed to resume training exactly where it stopped: raw parameters, Adam's moments and step, the
/// generator's state, the loss history and the early-stopping best. Saved as one safetensors file (tensors
/// `raw.k`, `adam.m.k`, `adam.v.k`, `best.k`; the rest as JSON under `icnn.checkpoint`), written atomically.
struct TrainingCheckpoint {
    static let key = "icnn.checkpoint"

    struct State: Codable {
        var fingerprint: String
        var nextEpoch: Int
        var adamStep: Int
        var generator: [String]
        var trainingLoss: [Double]
        var validationLoss: [Double]
        var bestLoss: Double?
        var bestEpoch: Int?
    }

    var state: State
    var raw: [Tensor<Float>]
    var firstMoments: [Tensor<Float>]
    var secondMoments: [Tensor<Float>]
    var best: [Tensor<Float>]?

    func write(to path: String) throws {
        var file = SafeTensorsFile()
        for (k, t) in raw.enumerated() { file.setTensor("raw.\(k)", t) }
        for (k, t) in firstMoments.enumerated() { file.setTensor("adam.m.\(k)", t) }
        for (k, t) in secondMoments.enumerated() { file.setTensor("adam.v.\(k)", t) }
        for (k, t) in (best ?? []).enumerated() { file.setTensor("best.\(k)", t) }
        file.metadata[Self.key] = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try file.write(to: path)
    }

    /// Reads a checkpoint and checks that it belongs to the same run (architecture, strategy, data, settings).
    /// - Throws: `ModelFileError` for an unreadable, foreign or mismatched file.
    init(contentsOf path: String, fingerprint: String, parameterCount: Int) throws {
        let file = try SafeTensorsFile(contentsOf: path)
        guard let json = file.metadata[Self.key],
            let state = try? JSONDecoder().decode(State.self, from: Data(json.utf8))
        else {
            throw ModelFileError(code: .missingField, path: path, reason: "not a swift-icnn training checkpoint")
        }
        guard state.fingerprint == fingerprint else {
            throw ModelFileError(
                code: .invalidMetadata,
                path: path,
                reason: "the checkpoint was written by a different run (model, strategy, data or settings differ)"
            )
        }
        self.state = state
        func tensors(_ prefix: String, _ count: Int) throws -> [Tensor<Float>] {
            try (0..<count).map { try file.tensor("\(prefix).\($0)", as: Float.self) }
        }
        raw = try tensors("raw", parameterCount)
        let moments = state.adamStep > 0 ? parameterCount : 0
        firstMoments = try tensors("adam.m", moments)
        secondMoments = try tensors("adam.v", moments)
        best = state.bestEpoch == nil ? nil : try tensors("best", parameterCount)
    }

    init(state: State, raw: [Tensor<Float>], adam: AdamState<Float>, best: [Tensor<Float>]?) {
        self.state = state
        self.raw = raw
        self.firstMoments = adam.firstMoments
        self.secondMoments = adam.secondMoments
        self.best = best
    }
}
