/// A small JSON reader and string quoter for file headers (safetensors). Unlike Foundation's `JSONSerialization`,
/// it keeps every key of an object in order, duplicates included, so that a header with a repeated tensor name
/// can be rejected instead of silently losing a tensor, and it tells integers from other numbers exactly.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// The members in file order; keys may repeat.
    case object([(key: String, value: JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A description of the value's kind for messages: "a string", "an array", ….
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    struct ParseError: Error {
        var reason: String
    }

    /// Parses one JSON value from UTF-8 bytes; surrounding whitespace is allowed, anything else after it is not.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> JSONValue {
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// `text` as a JSON string literal, with quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        static let maximumDepth = 64

        func error(_ reason: String) -> ParseError {
            ParseError(reason: "\(reason) at byte \(position + 1) of the header")
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONValue {
            guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
            skipWhitespace()
            guard position < bytes.count else { throw error("the JSON ends early") }
            switch bytes[position] {
            case 0x7B: return try object(depth: depth)
            case 0x5B: return try array(depth: depth)
            case 0x22: return .string(try string())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6E: try literal("null"); return .null
            case 0x2D, 0x30...0x39: return try number()
            default: throw error("unexpected character '\(Unicode.Scalar(bytes[position]))'")
            }
        }

        mutating func literal(_ word: StaticString) throws(ParseError) {
            let n = word.utf8CodeUnitCount
            guard position + n <= bytes.count else { throw error("the JSON ends early") }
            for k in 0..<n where bytes[position + k] != word.utf8Start[k] { throw error("invalid literal") }
            position += n
        }

        mutating func object(depth: Int) throws(ParseError) -> JSONValue {
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if position < bytes.count && bytes[position] == 0x7D {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == 0x22 else { throw error("expected a quoted key") }
                let key = try string()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == 0x3A else { throw error("expected ':'") }
                position += 1
                members.append((key, try value(depth: depth + 1)))
                skipWhitespace()
                guard position < bytes.count else { throw error("the JSON ends early") }
                if bytes[position] == 0x2C {
                    position += 1
                    continue
                }
                guard bytes[position] == 0x7D else { throw error("expected ',' or '}'") }
                position += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws(ParseError) -> JSONValue {
            position += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count && bytes[position] == 0x5D {
                position += 1
                return .array(elements)
            }
            while true {
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw error("the JSON ends early") }
                if bytes[position] == 0x2C {
                    position += 1
                    continue
                }
                guard bytes[position] == 0x5D else { throw error("expected ',' or ']'") }
                position += 1
                return .array(elements)
            }
        }

        mutating func number() throws(ParseError) -> JSONValue {
            let start = position
            var isInteger = true
            if bytes[position] == 0x2D { position += 1 }
            var digits = 0
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                position += 1
                digits += 1
            }
            guard digits > 0 else { throw error("invalid number") }
            if position < bytes.count, bytes[position] == 0x2E {
                isInteger = false
                position += 1
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] | 0x20 == 0x65 {
                isInteger = false
                position += 1
                if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            if isInteger, let value = Int(text) { return .integer(value) }
            guard let value = Double(text) else { throw error("invalid number '\(text)'") }
            return .number(value)
        }

        mutating func string() throws(ParseError) -> String {
            position += 1
            var scalars = String.UnicodeScalarView()
            var runStart = position
            func flushRun(_ end: Int, into scalars: inout String.UnicodeScalarView) {
                if end > runStart {
                    let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
                    scalars.append(contentsOf: run.unicodeScalars)
                }
            }
            while true {
                guard position < bytes.count else { throw error("a string is not closed") }
                let c = bytes[position]
                if c == 0x22 {
                    flushRun(position, into: &scalars)
                    position += 1
                    return String(scalars)
                }
                if c < 0x20 { throw error("a control character inside a string") }
                if c != 0x5C {
                    position += 1
                    continue
                }
                flushRun(position, into: &scalars)
                position += 1
                guard position < bytes.count else { throw error("a string is not closed") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case 0x22: scalars.append("\"")
                case 0x5C: scalars.append("\\")
                case 0x2F: scalars.append("/")
                case 0x62: scalars.append("\u{08}")
                case 0x66: scalars.append("\u{0C}")
                case 0x6E: scalars.append("\n")
                case 0x72: scalars.append("\r")
                case 0x74: scalars.append("\t")
                case 0x75:
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else {
                            throw error("a lone UTF-16 surrogate in a \\u escape")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("an invalid UTF-16 surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("an invalid \\u escape") }
                    scalars.append(scalar)
                default:
                    throw error("an invalid escape '\\\(Unicode.Scalar(escape))'")
                }
                runStart = position
            }
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("a \\u escape ends early") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[position]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: throw error("an invalid \\u escape")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}
