extension SafeTensorsFile {
    /// Writes the file atomically (a temporary file in the same folder, synced, then renamed).
    ///
    /// The output is deterministic: tensors in sorted name order (header and data alike), metadata keys sorted,
    /// the header padded with spaces to a multiple of 8 bytes so that the data starts 8-byte aligned.
    /// - Throws: `FileWriteError`; the destination is then untouched.
    public func write(to path: String) throws {
        let header = headerBytes()
        try AtomicFile.write(to: path) { file in
            try file.write(Self.lengthPrefix(header.count))
            try file.write(header)
            for name in names {
                try entries[name]!.bytes.withUnsafeBytes { try file.write($0) }
            }
        }
    }

    /// The bytes of the file `write(to:)` writes.
    public func serialized() -> [UInt8] {
        let header = headerBytes()
        var out = Self.lengthPrefix(header.count) + header
        for name in names { out += entries[name]!.bytes }
        return out
    }

    /// The JSON header, padded with spaces to a multiple of 8 bytes.
    func headerBytes() -> [UInt8] {
        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(JSONValue.quoted($0)):\(JSONValue.quoted(metadata[$0]!))" }
            members.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for name in names {
            let entry = entries[name]!
            let end = offset + entry.bytes.count
            let shape = entry.shape.map(String.init).joined(separator: ",")
            members.append(
                "\(JSONValue.quoted(name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],"
                    + "\"data_offsets\":[\(offset),\(end)]}"
            )
            offset = end
        }
        var header = Array(("{" + members.joined(separator: ",") + "}").utf8)
        header += Array(repeating: 0x20, count: (8 - header.count % 8) % 8)
        return header
    }

    private static func lengthPrefix(_ length: Int) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: UInt64(length) >> (8 * UInt64($0))) }
    }
}
