/// Splits CSV bytes into fields (RFC 4180): comma-separated, records ended by LF, CRLF or a lone CR, fields
/// optionally in double quotes with `""` for a quote inside. Spaces and tabs around a quoted field are ignored.
/// A quote inside an unquoted field is kept as text.
struct CSVScanner {
    /// One field: the bytes `start..<end` of the content (inside the quotes, if quoted).
    struct Field {
        var start: Int
        var end: Int
        /// The field was in quotes.
        var quoted: Bool
        /// The content holds `""` pairs that stand for one quote each.
        var hasEscapedQuotes: Bool
    }

    /// What ended a field.
    enum Terminator { case comma, endOfRecord, endOfFile }

    /// A quoted field that is not closed, or is followed by text other than a separator.
    struct QuoteError: Error {
        /// Lines into the field where the problem is (0: the line where the field starts).
        var lineOffset: Int
        var reason: String
    }

    let p: UnsafePointer<UInt8>
    let count: Int

    /// Scans the field starting at `i`.
    /// - Returns: the field, where the next field or record starts, what ended this one, and how many line
    ///   breaks lie inside the field (only quoted fields can hold them).
    @inline(__always)
    func field(at i: Int) throws(QuoteError) -> (field: Field, next: Int, terminator: Terminator, lineBreaks: Int) {
        var k = i
        while k < count && DecimalParser.isBlank(p[k]) { k += 1 }
        if k < count && p[k] == 0x22 {
            return try quotedField(openingAt: k)
        }
        var j = i
        while j < count {
            let c = p[j]
            if c == 0x2C || c == 0x0A || c == 0x0D { break }
            j += 1
        }
        let field = Field(start: i, end: j, quoted: false, hasEscapedQuotes: false)
        let (next, terminator) = consumeSeparator(at: j)
        return (field, next, terminator, 0)
    }

    private func quotedField(
        openingAt q: Int
    ) throws(QuoteError)
        -> (field: Field, next: Int, terminator: Terminator, lineBreaks: Int)
    {
        var j = q + 1
        var escaped = false
        var lineBreaks = 0
        while true {
            guard j < count else {
                throw QuoteError(
                    lineOffset: 0,
                    reason: "a quoted cell is never closed; add the closing \" (or remove the opening one)"
                )
            }
            let c = p[j]
            if c == 0x22 {
                if j + 1 < count && p[j + 1] == 0x22 {
                    escaped = true
                    j += 2
                    continue
                }
                break
            }
            if c == 0x0A || (c == 0x0D && !(j + 1 < count && p[j + 1] == 0x0A)) { lineBreaks += 1 }
            j += 1
        }
        let field = Field(start: q + 1, end: j, quoted: true, hasEscapedQuotes: escaped)
        var m = j + 1
        while m < count && DecimalParser.isBlank(p[m]) { m += 1 }
        if m < count {
            let c = p[m]
            if c != 0x2C && c != 0x0A && c != 0x0D {
                throw QuoteError(
                    lineOffset: lineBreaks,
                    reason: "text follows a closing quote; inside quotes write a quote as \"\""
                )
            }
        }
        let (next, terminator) = consumeSeparator(at: m)
        return (field, next, terminator, lineBreaks)
    }

    @inline(__always)
    private func consumeSeparator(at j: Int) -> (next: Int, terminator: Terminator) {
        guard j < count else { return (j, .endOfFile) }
        switch p[j] {
        case 0x2C: return (j + 1, .comma)
        case 0x0D where j + 1 < count && p[j + 1] == 0x0A: return (j + 2, .endOfRecord)
        default: return (j + 1, .endOfRecord)
        }
    }

    /// If `i` starts an empty line, where the next line starts.
    @inline(__always)
    func skipLineBreak(at i: Int) -> Int? {
        guard i < count else { return nil }
        if p[i] == 0x0A { return i + 1 }
        if p[i] == 0x0D { return i + 1 < count && p[i + 1] == 0x0A ? i + 2 : i + 1 }
        return nil
    }

    /// Whether everything from `i` on is line breaks (trailing blank lines).
    func restIsLineBreaks(from i: Int) -> Bool {
        var j = i
        while j < count {
            if p[j] != 0x0A && p[j] != 0x0D { return false }
            j += 1
        }
        return true
    }

    /// The field's text: quotes removed and `""` unescaped; an unquoted field keeps its spaces unless `trimmed`.
    func text(of field: Field, trimmed: Bool = false) -> String {
        var start = field.start
        var end = field.end
        if trimmed && !field.quoted {
            while start < end && DecimalParser.isBlank(p[start]) { start += 1 }
            while end > start && DecimalParser.isBlank(p[end - 1]) { end -= 1 }
        }
        let raw = UnsafeBufferPointer(start: p + start, count: end - start)
        guard field.hasEscapedQuotes else { return String(decoding: raw, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            bytes.append(raw[k])
            k += raw[k] == 0x22 ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses the field as a number; quoted fields with escaped quotes are text.
    @inline(__always)
    func cell(_ field: Field) -> DecimalParser.Cell {
        if field.hasEscapedQuotes { return .text }
        return DecimalParser.parse(p, field.start, field.end)
    }
}
