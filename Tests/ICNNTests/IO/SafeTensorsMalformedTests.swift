import ICNN
import Testing

/// A malformed safetensors file and the error code it must give.
struct MalformedSafeTensors: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var code: ModelFileError.Code
    var tensor: String? = nil
    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], _ code: ModelFileError.Code, tensor: String? = nil) {
        self.name = name
        self.bytes = bytes
        self.code = code
        self.tensor = tensor
    }

    init(_ name: String, header: String, data: Int = 0, _ code: ModelFileError.Code, tensor: String? = nil) {
        self.init(name, safetensorsBytes(header: header, dataLength: data), code, tensor: tensor)
    }
}

@Suite("Malformed safetensors files give clear errors, never a crash")
struct SafeTensorsMalformedTests {
    static func t(
        _ name: String,
        _ dtype: String = "F32",
        _ shape: String = "[2]",
        _ offsets: String = "[0,8]"
    )
        -> String
    {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
    }

    static let cases: [MalformedSafeTensors] = [
        MalformedSafeTensors("empty file", [], .fileTooShort),
        MalformedSafeTensors("shorter than 8 bytes", [8, 0, 0], .fileTooShort),
        MalformedSafeTensors(
            "absurd header length",
            safetensorsBytes(header: "{}", declaredLength: 1 << 40),
            .headerTooLarge
        ),
        MalformedSafeTensors(
            "header length past the end",
            safetensorsBytes(header: "{}", declaredLength: 100),
            .truncated
        ),
        MalformedSafeTensors("invalid UTF-8", [3, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0xFF, 0x7D], .invalidHeader),
        MalformedSafeTensors("invalid JSON", header: "{\"a\":", .invalidHeader),
        MalformedSafeTensors("trailing garbage after JSON", header: "{} x", .invalidHeader),
        MalformedSafeTensors("not an object", header: "[1, 2]", .invalidHeader),
        MalformedSafeTensors("deep nesting", header: String(repeating: "[", count: 10_000), .invalidHeader),
        MalformedSafeTensors("entry not an object", header: "{\"a\": 3}", .invalidField, tensor: "a"),
        MalformedSafeTensors(
            "missing dtype",
            header: "{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}",
            data: 8,
            .missingField,
            tensor: "a"
        ),
        MalformedSafeTensors(
            "missing shape",
            header: "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}",
            data: 8,
            .missingField,
            tensor: "a"
        ),
        MalformedSafeTensors(
            "missing data_offsets",
            header: "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}",
            data: 8,
            .missingField,
            tensor: "a"
        ),
        MalformedSafeTensors(
            "shape not integers",
            header: "{" + t("a", "F32", "[2.0]") + "}",
            data: 8,
            .invalidField,
            tensor: "a"
        ),
        MalformedSafeTensors("shape not a list", header: "{" + t("a", "F32", "\"2\"") + "}", data: 8, .invalidField),
        MalformedSafeTensors(
            "three offsets",
            header: "{" + t("a", "F32", "[2]", "[0,4,8]") + "}",
            data: 8,
            .invalidField
        ),
        MalformedSafeTensors(
            "decreasing offsets",
            header: "{" + t("a", "F32", "[0]", "[8,0]") + "}",
            data: 8,
            .invalidField
        ),
        MalformedSafeTensors(
            "negative offset",
            header: "{" + t("a", "F32", "[2]", "[-8,0]") + "}",
            data: 8,
            .invalidField
        ),
        MalformedSafeTensors("unknown dtype", header: "{" + t("a", "Q4") + "}", data: 8, .unknownDType, tensor: "a"),
        MalformedSafeTensors("negative extent", header: "{" + t("a", "F32", "[-2]") + "}", data: 8, .negativeDimension),
        MalformedSafeTensors(
            "shape and offsets disagree",
            header: "{" + t("a", "F32", "[2,3]", "[0,20]") + "}",
            data: 20,
            .shapeMismatch,
            tensor: "a"
        ),
        MalformedSafeTensors(
            "shape overflows",
            header: "{" + t("a", "F32", "[4611686018427387904,4]", "[0,8]") + "}",
            data: 8,
            .shapeMismatch
        ),
        MalformedSafeTensors(
            "offsets past the end",
            header: "{" + t("a", "F32", "[2]", "[0,8]") + "}",
            data: 4,
            .offsetsOutOfBounds,
            tensor: "a"
        ),
        MalformedSafeTensors(
            "overlapping tensors",
            header: "{" + t("a", "F32", "[2]", "[0,8]") + "," + t("b", "F32", "[2]", "[4,12]") + "}",
            data: 12,
            .overlappingTensors,
            tensor: "b"
        ),
        MalformedSafeTensors(
            "gap between tensors",
            header: "{" + t("a", "F32", "[1]", "[0,4]") + "," + t("b", "F32", "[1]", "[8,12]") + "}",
            data: 12,
            .uncoveredBytes,
            tensor: "b"
        ),
        MalformedSafeTensors(
            "bytes after the last tensor",
            header: "{" + t("a", "F32", "[1]", "[0,4]") + "}",
            data: 8,
            .uncoveredBytes
        ),
        MalformedSafeTensors(
            "duplicate names",
            header: "{" + t("a", "F32", "[1]", "[0,4]") + "," + t("a", "F32", "[1]", "[4,8]") + "}",
            data: 8,
            .duplicateName,
            tensor: "a"
        ),
        MalformedSafeTensors("metadata with a number", header: "{\"__metadata__\":{\"epochs\":10}}", .invalidMetadata),
        MalformedSafeTensors("metadata not an object", header: "{\"__metadata__\":\"x\"}", .invalidMetadata),
        MalformedSafeTensors(
            "two metadata blocks",
            header: "{\"__metadata__\":{},\"__metadata__\":{}}",
            .duplicateName
        ),
    ]

    @Test(arguments: cases)
    func malformed(_ c: MalformedSafeTensors) throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/bad.safetensors"
            try AtomicFile.write(c.bytes, to: path)
            let error = try #require(throws: ModelFileError.self) { try SafeTensorsFile(contentsOf: path) }
            #expect(error.code == c.code, "\(error)")
            #expect(error.path == path)
            if let tensor = c.tensor { #expect(error.tensor == tensor, "\(error)") }
            #expect(error.description.hasPrefix(path + ": ") && !error.description.contains("\n"), "\(error)")
        }
    }

    @Test func missingFile() throws {
        let error = try #require(throws: ModelFileError.self) {
            try SafeTensorsFile(contentsOf: "/no/such/m.safetensors")
        }
        #expect(error.code == .fileNotFound)
    }

    /// Random corruptions of a valid file either read or throw `ModelFileError`; none traps.
    @Test func corruptedBytesNeverCrash() throws {
        var file = SafeTensorsFile(metadata: ["k": "v"])
        file.setTensor("a", Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        file.setTensor("b", Tensor<Double>([7, 8]))
        let valid = file.serialized()
        var generator = SeededGenerator(seed: 42)
        var outcomes = (read: 0, rejected: 0)
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
                if bytes.isEmpty { break }
            }
            do {
                let read = try SafeTensorsFile(bytes: bytes)
                for name in read.names { _ = try read.tensor(name, allowRounding: true) }
                outcomes.read += 1
            } catch is ModelFileError {
                outcomes.rejected += 1
            }
        }
        #expect(outcomes.rejected > 1000)
    }
}
