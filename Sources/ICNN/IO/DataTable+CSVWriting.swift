extension DataTable {
    /// Writes the table as CSV, atomically (a temporary file in the same folder, then a rename).
    ///
    /// The header line comes first, then one line per row, LF line ends. Numbers are written in the shortest form
    /// that reads back to the same value (Float columns in Float's shortest form, so a Float round-trips exactly),
    /// whole numbers without a decimal point, NaN and infinities as `nan`, `inf`, `-inf`, empty cells as nothing.
    /// Names and text cells are quoted when they hold a comma, a quote, a line break, or leading/trailing spaces.
    /// Reading the file back with `init(contentsOf:)` gives the same table.
    /// - Throws: `FileWriteError` (e.g. the folder does not exist); the destination is then untouched.
    public func write(to path: String) throws {
        try AtomicFile.write(to: path) { file in
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 18)
            appendHeader(to: &chunk)
            for row in 0..<rowCount {
                appendRow(row, to: &chunk)
                if chunk.count >= 1 << 18 {
                    try file.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            try file.write(chunk)
        }
    }

    /// The table as CSV text, in the format of `write(to:)`.
    public func csvString() -> String {
        var bytes: [UInt8] = []
        appendHeader(to: &bytes)
        for row in 0..<rowCount { appendRow(row, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func appendHeader(to bytes: inout [UInt8]) {
        for (index, name) in columnNames.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            Self.appendQuotedIfNeeded(name, to: &bytes)
        }
        bytes.append(0x0A)
    }

    private func appendRow(_ row: Int, to bytes: inout [UInt8]) {
        let stride = columnCount
        for column in 0..<stride {
            if column > 0 { bytes.append(0x2C) }
            let state = columnStates[column]
            if state.kind == .text {
                Self.appendQuotedIfNeeded(state.strings[row], to: &bytes)
            } else {
                bytes.append(contentsOf: Self.format(values[row * stride + column], kind: state.kind).utf8)
            }
        }
        bytes.append(0x0A)
    }

    static func appendQuotedIfNeeded(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        var needsQuotes = false
        for c in utf8 where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D {
            needsQuotes = true
            break
        }
        if let first = utf8.first, let last = utf8.last,
            DecimalParser.isBlank(first) || DecimalParser.isBlank(last)
        {
            needsQuotes = true
        }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for c in utf8 {
            bytes.append(c)
            if c == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
    }
}
