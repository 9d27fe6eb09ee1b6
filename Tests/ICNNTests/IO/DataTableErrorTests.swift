import ICNN
import Testing

/// One malformed input: its CSV, the columns selected (nil: the error comes while reading), and the expected error.
struct MalformedCSV: Sendable, CustomTestStringConvertible {
    var name: String
    var csv: String
    var header: DataTable.Header = .firstLine
    var select: [String]? = nil
    var code: DataError.Code
    var row: Int? = nil
    var line: Int? = nil
    var column: Int? = nil
    /// Text the one-line description must contain.
    var mentions: [String] = []
    var testDescription: String { name }
}

@Suite("DataTable errors name the file, row, line and column")
struct DataTableErrorTests {
    static let cases: [MalformedCSV] = [
        MalformedCSV(name: "empty file", csv: "", code: .emptyFile),
        MalformedCSV(name: "only blank lines", csv: "\n\r\n\n", code: .emptyFile),
        MalformedCSV(name: "no header", csv: "1,2\n3,4\n", code: .noHeader, line: 1, mentions: ["header: .none"]),
        MalformedCSV(
            name: "duplicate column",
            csv: "a,b,a\n1,2,3\n",
            code: .duplicateColumn,
            line: 1,
            column: 3,
            mentions: ["columns 1 and 3", "'a'"]
        ),
        MalformedCSV(
            name: "too few cells",
            csv: "a,b,c\n1,2,3\n4,5\n",
            code: .raggedRow,
            row: 2,
            line: 3,
            mentions: ["expected 3 cells", "found 2"]
        ),
        MalformedCSV(
            name: "too many cells",
            csv: "a,b\n1,2\n\n3,4,5,6\n",
            code: .raggedRow,
            row: 2,
            line: 4,
            mentions: ["expected 2 cells", "found 4"]
        ),
        MalformedCSV(
            name: "unterminated quote",
            csv: "a,b\n1,2\n3,\"x\n4,5\n",
            code: .malformedQuote,
            line: 3,
            mentions: ["never closed"]
        ),
        MalformedCSV(name: "text after closing quote", csv: "a,b\n\"x\"y,1\n", code: .malformedQuote, line: 2),
        MalformedCSV(
            name: "non-numeric cell",
            csv: "a,b\n1,2\n3,abc\n",
            select: ["a", "b"],
            code: .nonNumeric,
            row: 2,
            line: 3,
            column: 2,
            mentions: ["\"abc\"", "'b'", "t.csv"]
        ),
        MalformedCSV(
            name: "thousands separator",
            csv: "a\n\"1,000\"\n",
            select: ["a"],
            code: .nonNumeric,
            row: 1,
            column: 1,
            mentions: ["\"1,000\""]
        ),
        MalformedCSV(
            name: "empty cell",
            csv: "a,b\n1,\n",
            select: ["b"],
            code: .missingValue,
            row: 1,
            line: 2,
            column: 2
        ),
        MalformedCSV(
            name: "spaces only",
            csv: "a,b\n1,2\n3,   \n",
            select: ["a", "b"],
            code: .missingValue,
            row: 2,
            column: 2
        ),
        MalformedCSV(
            name: "NaN",
            csv: "a,b\n1,NaN\n",
            select: ["b"],
            code: .nonFinite,
            row: 1,
            column: 2,
            mentions: ["nan"]
        ),
        MalformedCSV(
            name: "infinity",
            csv: "a\n1\n-inf\n",
            select: ["a"],
            code: .nonFinite,
            row: 2,
            line: 3,
            mentions: ["-inf"]
        ),
        MalformedCSV(
            name: "too large for Float",
            csv: "a\n1e39\n",
            select: ["a"],
            code: .nonFinite,
            row: 1,
            mentions: ["too large for Float"]
        ),
        MalformedCSV(
            name: "earliest bad cell wins",
            csv: "a,b\n1,2\n,3\n4,x\n",
            select: ["b", "a"],
            code: .missingValue,
            row: 2,
            column: 1
        ),
        MalformedCSV(
            name: "unknown column with suggestion",
            csv: "pc1,pc2,label\n1,2,x\n",
            select: ["pc_1"],
            code: .unknownColumn,
            mentions: ["'pc_1'", "did you mean 'pc1'", "pc1, pc2, label"]
        ),
        MalformedCSV(
            name: "unknown column without suggestion",
            csv: "a,b\n1,2\n",
            select: ["zzzzzz"],
            code: .unknownColumn,
            mentions: ["the columns are: a, b"]
        ),
    ]

    @Test(arguments: cases)
    func malformed(_ c: MalformedCSV) throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/t.csv"
            try AtomicFile.write(c.csv, to: path)
            let error = try #require(throws: DataError.self) {
                let table = try DataTable(contentsOf: path, header: c.header)
                if let select = c.select { _ = try table.columns(select) }
            }
            #expect(error.code == c.code, "\(error)")
            #expect(error.file == path)
            if let row = c.row { #expect(error.row == row, "\(error)") }
            if let line = c.line { #expect(error.line == line, "\(error)") }
            if let column = c.column { #expect(error.column == column, "\(error)") }
            let message = error.description
            #expect(message.hasPrefix(path), "\(message)")
            #expect(!message.contains("\n"), "\(message)")
            for text in c.mentions { #expect(message.contains(text), "\(message) should mention \(text)") }
        }
    }

    @Test func description() {
        let error = DataError(
            code: .nonNumeric,
            file: "data.csv",
            row: 57,
            line: 58,
            column: 3,
            columnName: "dose",
            reason: "cell \"abc\" is not a number"
        )
        #expect(error.description == "data.csv: row 57 (line 58), column 3 'dose': cell \"abc\" is not a number")
    }

    @Test func missingFile() throws {
        let error = try #require(throws: DataError.self) { try DataTable(contentsOf: "/no/such/folder/x.csv") }
        #expect(error.code == .fileNotFound)
        #expect(error.description.contains("/no/such/folder/x.csv"))
    }

    @Test func folderInsteadOfFile() throws {
        try withTemporaryDirectory { folder in
            let error = try #require(throws: DataError.self) { try DataTable(contentsOf: folder) }
            #expect(error.code == .unreadableFile)
            #expect(error.description.contains("folder"))
        }
    }

    @Test("duplicate names in a table built in memory")
    func duplicateInMemory() throws {
        let error = try #require(throws: DataError.self) {
            try DataTable(columnNames: ["a", "a"], values: Tensor<Float>(zeros: [1, 2]))
        }
        #expect(error.code == .duplicateColumn && error.column == 2)
    }
}
