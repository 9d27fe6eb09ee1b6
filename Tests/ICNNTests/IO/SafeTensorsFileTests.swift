import ICNN
import Testing

/// Builds safetensors bytes by hand: the length prefix, a header text and `dataLength` bytes of data.
func safetensorsBytes(header: String, dataLength: Int = 0, declaredLength: UInt64? = nil) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    let length = declaredLength ?? UInt64(headerBytes.count)
    let prefix = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
    return prefix + headerBytes + (0..<dataLength).map { UInt8(truncatingIfNeeded: $0 &* 37) }
}

@Suite("SafeTensorsFile writes and reads tensors exactly")
struct SafeTensorsFileTests {
    @Test("Float and Double tensors round-trip bit for bit, with metadata")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 3)
        let weights = Tensor<Float>(
            shape: [5, 3],
            scalars: (0..<15).map { _ in
                Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
            }
        )
        let special = Tensor<Float>([0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude])
        let precise = Tensor<Double>(shape: [2, 2], scalars: [1.0 / 3.0, -.pi, 1e-300, 1e300])
        var file = SafeTensorsFile(metadata: ["icnn.config": "{\"layers\": [3, 5]}", "note": "ünïcode \"quoted\"\n"])
        file.setTensor("wz.0", weights)
        file.setTensor("special", special)
        file.setTensor("precise", precise)
        file.setTensor("scalar", Tensor<Float>(2.5))
        file.setTensor("empty", Tensor<Float>(zeros: [0, 4]))
        try withTemporaryDirectory { folder in
            let path = folder + "/model.safetensors"
            try file.write(to: path)
            #expect(fileNames(in: folder) == ["model.safetensors"])
            let back = try SafeTensorsFile(contentsOf: path)
            #expect(back.names == ["empty", "precise", "scalar", "special", "wz.0"])
            #expect(back.metadata == file.metadata)
            #expect(back.dtype(of: "precise") == .f64 && back.dtype(of: "wz.0") == .f32)
            for name in ["wz.0", "special", "scalar", "empty"] {
                let original: Tensor<Float> = try file.tensor(name)
                let read: Tensor<Float> = try back.tensor(name)
                #expect(read.shape == original.shape)
                #expect(read.scalars.map(\.bitPattern) == original.scalars.map(\.bitPattern), "\(name)")
            }
            let d = try back.tensor("precise", as: Double.self)
            #expect(d.scalars.map(\.bitPattern) == precise.scalars.map(\.bitPattern))
            let widened = try back.tensor("wz.0", as: Double.self)
            #expect(widened.scalars == weights.scalars.map(Double.init))
        }
    }

    @Test("the bytes are deterministic: sorted names, header padded to 8 bytes with spaces")
    func deterministicLayout() throws {
        var a = SafeTensorsFile(metadata: ["b": "2", "a": "1"])
        a.setTensor("zeta", Tensor<Float>([1, 2]))
        a.setTensor("alpha", Tensor<Float>([3]))
        var b = SafeTensorsFile(metadata: ["a": "1", "b": "2"])
        b.setTensor("alpha", Tensor<Float>([3]))
        b.setTensor("zeta", Tensor<Float>([1, 2]))
        let bytes = a.serialized()
        #expect(bytes == b.serialized())
        let length = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        #expect(length % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        #expect(
            header.hasPrefix(
                "{\"__metadata__\":{\"a\":\"1\",\"b\":\"2\"},"
                    + "\"alpha\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                    + "\"zeta\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}"
            )
        )
        #expect(header.hasSuffix("}") || header.hasSuffix(" "))
        #expect(bytes.count == 8 + length + 12)
        // Data follows in name order: alpha (3) then zeta (1, 2).
        let data = try SafeTensorsFile(bytes: bytes)
        #expect(try data.tensor("alpha").scalars == [3])
        #expect(try data.tensor("zeta").scalars == [1, 2])
    }

    @Test("a PyTorch-style state dict: layer names, [out, in] weights, an int64 counter, data not in name order")
    func pytorchStyle() throws {
        let w0: [Float] = (0..<12).map { Float($0) * 0.25 - 1 }  // "0.weight" [4, 3]
        let b0: [Float] = [0.5, -0.5, 1, 0]  // "0.bias" [4]
        let w2: [Float] = [1, 2, 3, 4]  // "2.weight" [1, 4]
        let b2: [Float] = [-3]  // "2.bias" [1]
        func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
        // Laid out as torch does (largest element first, then by name), which is not name order.
        var data: [UInt8] = le(Int64(1234))  // "1.num_batches_tracked" I64 []
        var offsets: [String: (Int, Int)] = ["1.num_batches_tracked": (0, 8)]
        for (name, values) in [("0.bias", b0), ("0.weight", w0), ("2.bias", b2), ("2.weight", w2)] {
            let begin = data.count
            for v in values { data += le(v.bitPattern) }
            offsets[name] = (begin, data.count)
        }
        func entry(_ name: String, _ dtype: String, _ shape: [Int]) -> String {
            let (begin, end) = offsets[name]!
            return "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
        }
        let header =
            "{\"__metadata__\":{\"format\":\"pt\"},"
            + [
                entry("0.weight", "F32", [4, 3]), entry("0.bias", "F32", [4]),
                entry("1.num_batches_tracked", "I64", []),
                entry("2.weight", "F32", [1, 4]), entry("2.bias", "F32", [1]),
            ].joined(separator: ", ") + "}"
        let file = try SafeTensorsFile(bytes: safetensorsBytes(header: header) + data, source: "model.pt.safetensors")
        #expect(file.metadata == ["format": "pt"])
        #expect(file.names == ["0.bias", "0.weight", "1.num_batches_tracked", "2.bias", "2.weight"])
        let weight = try file.tensor("0.weight")
        #expect(weight.shape == [4, 3] && weight.scalars == w0)
        #expect(try file.tensor("0.bias").scalars == b0)
        #expect(try file.tensor("2.weight").shape == [1, 4])
        #expect(try file.tensor("1.num_batches_tracked").scalar == 1234)
        #expect(try file.tensors().count == 5)
    }

    @Test("half, bfloat16 and integer dtypes convert exactly")
    func otherDTypes() throws {
        let half: [UInt16] = [0x3C00, 0xC000, 0x7C00, 0x0001, 0x3555]
        let brain: [UInt16] = [0x3F80, 0xC0A0]
        var data: [UInt8] = []
        for h in half + brain { data += [UInt8(h & 0xFF), UInt8(h >> 8)] }
        data += [0xFF, 0x01]  // I8 [-1, 1]
        let header =
            "{\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[10,14]},"
            + "\"i\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[14,16]}}"
        let file = try SafeTensorsFile(bytes: safetensorsBytes(header: header) + data)
        #expect(try file.tensor("h").scalars == [1, -2, .infinity, 0x1p-24, 0.33325195])
        #expect(try file.tensor("b").scalars == [1, -5])
        #expect(try file.tensor("i").scalars == [-1, 1])
    }

    @Test("F64 is read as Float only when rounding is allowed; a missing name suggests the closest")
    func conversionsAndNames() throws {
        var file = SafeTensorsFile()
        file.setTensor("layer.weight", Tensor<Double>([0.1, 0.2]))
        let lossy = try #require(throws: ModelFileError.self) { try file.tensor("layer.weight") }
        #expect(lossy.code == .lossyConversion)
        #expect(try file.tensor("layer.weight", allowRounding: true).scalars == [0.1, 0.2])
        let missing = try #require(throws: ModelFileError.self) { try file.tensor("layer.weigth") }
        #expect(missing.code == .tensorNotFound)
        #expect(missing.description.contains("did you mean 'layer.weight'"))
        file.removeTensor("layer.weight")
        #expect(file.names.isEmpty)
    }

    @Test("an empty file (no tensors) is valid both ways")
    func empty() throws {
        let bytes = SafeTensorsFile().serialized()
        #expect(try SafeTensorsFile(bytes: bytes).names.isEmpty)
        #expect(try SafeTensorsFile(bytes: safetensorsBytes(header: "{}")).names.isEmpty)
    }

    @Test("writing into a missing folder fails, names the path, and leaves nothing behind")
    func writeFailure() throws {
        var file = SafeTensorsFile()
        file.setTensor("w", Tensor<Float>([1]))
        let error = try #require(throws: FileWriteError.self) { try file.write(to: "/no/such/dir/m.safetensors") }
        #expect(error.code == .folderNotFound && error.description.contains("/no/such/dir/m.safetensors"))
    }
}
