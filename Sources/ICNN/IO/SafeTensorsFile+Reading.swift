extension SafeTensorsFile {
    /// The largest header accepted: 100 MB (real headers are kilobytes; a larger length means a corrupt file).
    public static let maximumHeaderLength = 100_000_000

    /// Reads and validates a safetensors file.
    /// - Throws: `ModelFileError`: `.fileNotFound`, `.unreadableFile`, or any of the format errors of
    ///   `init(bytes:source:)`.
    /// - Complexity: reads the whole file into memory once; tensors share that buffer until converted.
    public init(contentsOf path: String) throws {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.readAll(path)
        } catch {
            let code: ModelFileError.Code = error.kind == .notFound ? .fileNotFound : .unreadableFile
            throw ModelFileError(code: code, path: path, reason: "cannot read: \(error.reason)")
        }
        try self.init(bytes: bytes, source: path)
    }

    /// Parses and validates the bytes of a safetensors file.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - source: a name for error messages; nil for none.
    /// - Throws: `ModelFileError` with code `.fileTooShort`, `.headerTooLarge`, `.truncated`, `.invalidHeader`
    ///   (not UTF-8, not JSON, not an object), `.duplicateName`, `.invalidMetadata`, `.missingField`,
    ///   `.invalidField`, `.unknownDType`, `.negativeDimension`, `.shapeMismatch`, `.offsetsOutOfBounds`,
    ///   `.overlappingTensors` or `.uncoveredBytes`.
    public init(bytes: [UInt8], source: String? = nil) throws {
        func fail(_ code: ModelFileError.Code, _ tensor: String? = nil, _ reason: String) -> ModelFileError {
            ModelFileError(code: code, path: source, tensor: tensor, reason: reason)
        }
        guard bytes.count >= 8 else {
            throw fail(
                .fileTooShort,
                nil,
                "the file has \(bytes.count) bytes, fewer than the 8-byte header length; it is not a safetensors file"
            )
        }
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        guard length <= UInt64(Self.maximumHeaderLength) else {
            throw fail(
                .headerTooLarge,
                nil,
                "the header length is \(length) bytes, over the 100 MB limit; the file is corrupt or not safetensors"
            )
        }
        let headerLength = Int(length)
        guard headerLength <= bytes.count - 8 else {
            throw fail(
                .truncated,
                nil,
                "the header length is \(headerLength) bytes but only \(bytes.count - 8) follow; the file is truncated"
            )
        }
        let headerBytes = bytes[8..<(8 + headerLength)]
        guard String(validating: headerBytes, as: UTF8.self) != nil else {
            throw fail(.invalidHeader, nil, "the header is not valid UTF-8; the file is corrupt")
        }
        let json: JSONValue
        do {
            json = try headerBytes.withUnsafeBufferPointer { buffer throws(JSONValue.ParseError) in
                try JSONValue.parse(buffer)
            }
        } catch {
            throw fail(.invalidHeader, nil, "the header is not valid JSON: \(error.reason)")
        }
        guard case .object(let members) = json else {
            throw fail(.invalidHeader, nil, "the header is \(json.kind), not a JSON object")
        }

        let dataStart = 8 + headerLength
        let dataLength = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var sawMetadata = false
        var entries: [String: Entry] = [:]
        var ranges: [(name: String, begin: Int, end: Int)] = []
        for (name, value) in members {
            if name == "__metadata__" {
                guard !sawMetadata else { throw fail(.duplicateName, nil, "the header has two '__metadata__' entries") }
                sawMetadata = true
                metadata = try Self.metadata(from: value, fail: fail)
                continue
            }
            guard entries[name] == nil else {
                throw fail(.duplicateName, name, "the name appears twice in the header; each tensor needs its own name")
            }
            let (entry, begin, end) = try Self.entry(named: name, from: value, dataLength: dataLength, fail: fail)
            var sliced = entry
            sliced.bytes = bytes[(dataStart + begin)..<(dataStart + end)]
            entries[name] = sliced
            ranges.append((name, begin, end))
        }

        // The tensors must tile the data buffer exactly: no overlap, no gap, nothing after the last one.
        ranges.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: String?
        for range in ranges {
            if range.begin < covered {
                throw fail(
                    .overlappingTensors,
                    range.name,
                    "its bytes [\(range.begin), \(range.end)) overlap those of '\(previous ?? "")'; the file is corrupt"
                )
            }
            if range.begin > covered {
                throw fail(
                    .uncoveredBytes,
                    range.name,
                    "bytes [\(covered), \(range.begin)) before it belong to no tensor; the file is corrupt"
                )
            }
            covered = range.end
            previous = range.name
        }
        if covered != dataLength {
            throw fail(
                .uncoveredBytes,
                nil,
                "the data is \(dataLength) bytes but the tensors cover \(covered); the file is corrupt"
            )
        }
        self.init(metadata: metadata, source: source, entries: entries)
    }

    private static func metadata(
        from value: JSONValue,
        fail: (ModelFileError.Code, String?, String) -> ModelFileError
    ) throws -> [String: String] {
        guard case .object(let pairs) = value else {
            throw fail(.invalidMetadata, nil, "'__metadata__' is \(value.kind), not an object of strings")
        }
        var metadata: [String: String] = [:]
        for (key, item) in pairs {
            guard case .string(let text) = item else {
                throw fail(.invalidMetadata, nil, "'__metadata__' key '\(key)' is \(item.kind), not a string")
            }
            guard metadata[key] == nil else {
                throw fail(.duplicateName, nil, "'__metadata__' has the key '\(key)' twice")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func entry(
        named name: String,
        from value: JSONValue,
        dataLength: Int,
        fail: (ModelFileError.Code, String?, String) -> ModelFileError
    ) throws -> (Entry, begin: Int, end: Int) {
        guard case .object(let fields) = value else {
            throw fail(
                .invalidField,
                name,
                "its entry is \(value.kind), not an object with dtype, shape and data_offsets"
            )
        }
        func field(_ key: String) throws -> JSONValue {
            guard let found = fields.first(where: { $0.key == key }) else {
                throw fail(.missingField, name, "its entry has no '\(key)'")
            }
            return found.value
        }
        guard case .string(let dtypeName) = try field("dtype") else {
            throw fail(.invalidField, name, "'dtype' is not a string")
        }
        guard let dtype = DType(rawValue: dtypeName) else {
            let known = DType.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(.unknownDType, name, "dtype '\(dtypeName)' is not supported (known: \(known))")
        }
        guard case .array(let dims) = try field("shape") else {
            throw fail(.invalidField, name, "'shape' is not a list of integers")
        }
        var shape: [Int] = []
        var count = 1
        var overflow = false
        for dim in dims {
            guard case .integer(let d) = dim else {
                throw fail(.invalidField, name, "'shape' holds \(dim.kind) that is not an integer")
            }
            guard d >= 0 else {
                throw fail(.negativeDimension, name, "the shape \(dims.map(Self.text)) has a negative extent")
            }
            shape.append(d)
            let (product, didOverflow) = count.multipliedReportingOverflow(by: d)
            count = product
            overflow = overflow || didOverflow
        }
        guard case .array(let offsets) = try field("data_offsets"), offsets.count == 2,
            case .integer(let begin) = offsets[0], case .integer(let end) = offsets[1]
        else {
            throw fail(.invalidField, name, "'data_offsets' is not a pair of integers [begin, end]")
        }
        guard begin >= 0, begin <= end else {
            throw fail(
                .invalidField,
                name,
                "'data_offsets' [\(begin), \(end)] is not an increasing pair of non-negative integers"
            )
        }
        let (byteCount, byteOverflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
        guard !overflow, !byteOverflow, byteCount == end - begin else {
            let needed = overflow || byteOverflow ? "more than \(Int.max)" : "\(byteCount)"
            throw fail(
                .shapeMismatch,
                name,
                "shape \(shape) needs \(needed) bytes of \(dtype.rawValue) "
                    + "but data_offsets [\(begin), \(end)] span \(end - begin)"
            )
        }
        guard end <= dataLength else {
            throw fail(
                .offsetsOutOfBounds,
                name,
                "data_offsets [\(begin), \(end)] reach past the end of the data (\(dataLength) bytes); "
                    + "the file is truncated"
            )
        }
        return (Entry(dtype: dtype, shape: shape, bytes: []), begin, end)
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        default: return value.kind
        }
    }
}
