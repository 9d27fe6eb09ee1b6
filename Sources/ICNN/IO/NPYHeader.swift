/// The header of a `.npy` file: a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
struct NPYHeader {
    /// The dtype string, e.g. `<f4`.
    var descriptor: String
    var fortranOrder: Bool
    var shape: [Int]

    struct ParseError: Error {
        var reason: String
    }

    /// Parses the dict; only the three keys above matter, others are ignored.
    init(parsing text: String) throws(ParseError) {
        var parser = Parser(characters: Array(text.unicodeScalars))
        var descriptor: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        try parser.expect("{")
        while true {
            parser.skipSpaces()
            if parser.take("}") { break }
            let key = try parser.string()
            try parser.expect(":")
            switch key {
            case "descr":
                descriptor = try parser.string()
            case "fortran_order":
                fortranOrder = try parser.boolean()
            case "shape":
                shape = try parser.tuple()
            default:
                throw ParseError(reason: "unexpected key '\(key)'")
            }
            parser.skipSpaces()
            if parser.take(",") { continue }
            try parser.expect("}")
            break
        }
        guard let descriptor else { throw ParseError(reason: "no 'descr' (dtype)") }
        guard let fortranOrder else { throw ParseError(reason: "no 'fortran_order'") }
        guard let shape else { throw ParseError(reason: "no 'shape'") }
        self.descriptor = descriptor
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    private struct Parser {
        var characters: [Unicode.Scalar]
        var position = 0

        mutating func skipSpaces() {
            while position < characters.count, characters[position] == " " || characters[position] == "\n" {
                position += 1
            }
        }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard position < characters.count, characters[position] == c else { return false }
            position += 1
            return true
        }

        mutating func expect(_ c: Unicode.Scalar) throws(ParseError) {
            guard take(c) else { throw ParseError(reason: "expected '\(c)' at character \(position + 1)") }
        }

        mutating func string() throws(ParseError) -> String {
            skipSpaces()
            guard position < characters.count, characters[position] == "'" || characters[position] == "\"" else {
                throw ParseError(reason: "expected a quoted string at character \(position + 1)")
            }
            let quote = characters[position]
            position += 1
            var out = String.UnicodeScalarView()
            while position < characters.count, characters[position] != quote {
                out.append(characters[position])
                position += 1
            }
            guard position < characters.count else { throw ParseError(reason: "a string is not closed") }
            position += 1
            return String(out)
        }

        mutating func boolean() throws(ParseError) -> Bool {
            skipSpaces()
            for (word, value) in [("True", true), ("False", false)] {
                let scalars = Array(word.unicodeScalars)
                if position + scalars.count <= characters.count,
                    Array(characters[position..<(position + scalars.count)]) == scalars
                {
                    position += scalars.count
                    return value
                }
            }
            throw ParseError(reason: "expected True or False at character \(position + 1)")
        }

        mutating func tuple() throws(ParseError) -> [Int] {
            try expect("(")
            var values: [Int] = []
            while true {
                if take(")") { return values }
                skipSpaces()
                var digits = ""
                while position < characters.count,
                    ("0"..."9").contains(characters[position]) || characters[position] == "-"
                {
                    digits.unicodeScalars.append(characters[position])
                    position += 1
                }
                // Python 2 era files may write long integers as 3L.
                if position < characters.count, characters[position] == "L" { position += 1 }
                guard let value = Int(digits), value >= 0 else {
                    throw ParseError(
                        reason: "expected a non-negative integer in the shape at character \(position + 1)"
                    )
                }
                values.append(value)
                if take(",") { continue }
                try expect(")")
                return values
            }
        }
    }
}
