import ICNN
import Testing

@Suite("DataTable reads CSV")
struct DataTableTests {
    @Test("line ends and a final line break do not matter", arguments: ["\n", "\r\n", "\r"], [true, false])
    func lineEnds(newline: String, trailing: Bool) throws {
        let text = ["a,b,c", "1,2,3", "4,5.5,-6e-1"].joined(separator: newline) + (trailing ? newline : "")
        let table = try DataTable(csv: text)
        #expect(table.columnNames == ["a", "b", "c"])
        #expect(table.rowCount == 2)
        let x = try table.columns(["a", "b", "c"], as: Double.self)
        #expect(x.shape == [2, 3])
        #expect(x.scalars == [1, 2, 3, 4, 5.5, -0.6])
    }

    @Test("RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes")
    func quoting() throws {
        let text =
            "name,x,\"note, with comma\"\n\"Smith, J\",1,\"say \"\"hi\"\"\"\n\"two\nlines\",2,plain\n\"3\",\"4\",\"\"\n"
        let table = try DataTable(csv: text, source: "q.csv")
        #expect(table.columnNames == ["name", "x", "note, with comma"])
        #expect(try table.stringColumn("name") == ["Smith, J", "two\nlines", "3"])
        #expect(try table.stringColumn("note, with comma") == ["say \"hi\"", "plain", ""])
        #expect(try table.columns(["x"], as: Double.self).scalars == [1, 2, 4])
        #expect(table.textColumnNames == ["name", "note, with comma"])
        #expect(table.numericColumnNames == ["x"])
    }

    @Test("a row after a multi-line cell is reported at its real line")
    func lineNumbersAfterMultilineCell() throws {
        let table = try DataTable(csv: "s,x\n\"a\nb\nc\",1\nd,oops\n", source: "m.csv")
        let error = try #require(throws: DataError.self) { try table.columns(["x"]) }
        #expect(error.row == 2)
        #expect(error.line == 5)
    }

    @Test("spaces and tabs around numbers and quoted cells are ignored; header names are trimmed")
    func whitespace() throws {
        let table = try DataTable(csv: " a , b\t,c\n 1 ,\t2.5 , \"3\" \n-4,  +5e1,6  \n")
        #expect(table.columnNames == ["a", "b", "c"])
        #expect(try table.columns(["a", "b", "c"], as: Double.self).scalars == [1, 2.5, 3, -4, 50, 6])
    }

    @Test("byte-order mark, blank lines and empty header names")
    func bomBlankLinesAndEmptyNames() throws {
        let table = try DataTable(csv: "\u{FEFF}\n,x,y\n\n0,1,2\n\n1,3,4\n\n\n")
        #expect(table.columnNames == ["column1", "x", "y"])
        #expect(table.rowCount == 2)
        #expect(try table.columns(["y", "x"], as: Double.self).scalars == [2, 1, 4, 3])
    }

    @Test("in a one-column file a blank line is an empty cell, but trailing blank lines are not")
    func oneColumnBlankLine() throws {
        let table = try DataTable(csv: "y\n1\n\n3\n\n\n", source: "one.csv")
        #expect(table.rowCount == 3)
        let error = try #require(throws: DataError.self) { try table.columns(["y"]) }
        #expect(error.code == .missingValue && error.row == 2 && error.line == 3)
    }

    @Test("Float and Double selections; one column as a vector")
    func selection() throws {
        let table = try DataTable(csv: "a,b\n0.1,2\n0.2,4\n")
        let f: Tensor<Float> = try table.columns(["b", "a"])
        #expect(f.shape == [2, 2])
        #expect(f.scalars == [2, 0.1, 4, 0.2])
        let d = try table.columns(["a"], as: Double.self)
        #expect(d.scalars == [0.1, 0.2])
        let v = try table.column("b")
        #expect(v.shape == [2] && v.scalars == [2, 4])
        #expect(try table.columns([]).shape == [2, 0])
        #expect(table.columnIndex(of: "b") == 2)
    }

    @Test("non-finite values pass when allowed")
    func allowNonFinite() throws {
        let table = try DataTable(csv: "a\nnan\nInf\n-infinity\n1e400\n")
        let x = try table.columns(["a"], as: Double.self, nonFinite: .allow).scalars
        #expect(x[0].isNaN)
        #expect(x[1] == .infinity && x[2] == -.infinity && x[3] == .infinity)
    }

    @Test("a numeric column read as text gives its numbers in shortest form")
    func numbersAsText() throws {
        let table = try DataTable(csv: "a\n1\n0.25\n\n-3\n1e-7\nnan\n")
        #expect(try table.stringColumn("a") == ["1", "0.25", "", "-3", "1e-07", "nan"])
    }

    @Test("a column turning to text late keeps the exact text of earlier cells")
    func lateTextColumn() throws {
        let rows = (0..<50).map { "\($0).50,\"x\($0)\"" }.joined(separator: "\n")
        let table = try DataTable(csv: "v,s\n" + rows + "\nlabel,y\n")
        let v = try table.stringColumn("v")
        #expect(v.count == 51)
        #expect(v[0] == "0.50" && v[49] == "49.50" && v[50] == "label")
        #expect(table.textColumnNames == ["v", "s"])
    }

    @Test("a file without a header is read with header: .none")
    func noHeader() throws {
        let table = try DataTable(csv: "1,2\n3,4\n", header: .none)
        #expect(table.columnNames == ["column1", "column2"])
        #expect(try table.columns(["column2"], as: Double.self).scalars == [2, 4])
        let numericNames = try DataTable(csv: "1,2\n3,4\n", header: .firstLineEvenIfNumeric)
        #expect(numericNames.columnNames == ["1", "2"] && numericNames.rowCount == 1)
    }

    @Test("a header with no rows is an empty table")
    func headerOnly() throws {
        let table = try DataTable(csv: "a,b")
        #expect(table.rowCount == 0)
        #expect(try table.columns(["a", "b"]).shape == [0, 2])
    }

    @Test("tables built in memory: numbers, then appended text and number columns")
    func inMemory() throws {
        var table = try DataTable(
            columnNames: ["x", "y"],
            values: Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4])
        )
        try table.appendColumn("label", strings: ["a", "b"])
        try table.appendColumn("z", values: Tensor<Double>([0.5, .nan]))
        #expect(table.columnNames == ["x", "y", "label", "z"])
        #expect(try table.stringColumn("label") == ["a", "b"])
        #expect(try table.columns(["y", "x"]).scalars == [2, 1, 4, 3])
        let error = try #require(throws: DataError.self) { try table.columns(["z"]) }
        #expect(error.code == .nonFinite && error.row == 2 && error.file == nil)
        #expect(throws: DataError.self) { try table.appendColumn("x", strings: ["c", "d"]) }
        #expect(table.columnCount == 4)
    }
}
