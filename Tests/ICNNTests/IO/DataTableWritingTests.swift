import ICNN
import Testing

@Suite("DataTable writes CSV that reads back the same")
struct DataTableWritingTests {
    @Test("Float values round-trip bit for bit")
    func floatRoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        var scalars: [Float] = (0..<3000).map { _ in
            Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
        }.filter(\.isFinite)
        scalars += [0, -0.0, 1, -1, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 0.1, 1e-7]
        scalars = Array(scalars.prefix(scalars.count / 3 * 3))
        let x = Tensor<Float>(shape: [scalars.count / 3, 3], scalars: scalars)
        try withTemporaryDirectory { folder in
            let path = folder + "/f.csv"
            try DataTable(columnNames: ["a", "b", "c"], values: x).write(to: path)
            let back: Tensor<Float> = try DataTable(contentsOf: path).columns(["a", "b", "c"])
            #expect(back.shape == x.shape)
            let same = zip(back.scalars, x.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
            #expect(same)
        }
    }

    @Test("Double values round-trip bit for bit")
    func doubleRoundTrip() throws {
        var generator = SeededGenerator(seed: 11)
        var scalars: [Double] = (0..<3000).map { _ in
            Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
        }.filter(\.isFinite)
        scalars += [
            .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123_456_789_012_345_680, 0.1, 1e22, 1e23,
            9_007_199_254_740_992,
        ]
        let x = Tensor<Double>(shape: [scalars.count, 1], scalars: scalars)
        let text = try DataTable(columnNames: ["v"], values: x).csvString()
        let back = try DataTable(csv: text).columns(["v"], as: Double.self)
        #expect(zip(back.scalars, x.scalars).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    @Test("text cells with commas, quotes, line breaks and spaces; empty cells and NaN stay as they were")
    func textAndMissingRoundTrip() throws {
        let original = "id,\" padded name\",x\n\"a, b\",\"say \"\"hi\"\"\",1.5\n\"two\nlines\",,\nplain, x ,nan\n"
        let table = try DataTable(csv: original)
        let written = table.csvString()
        let back = try DataTable(csv: written)
        #expect(back.columnNames == ["id", " padded name", "x"])
        #expect(try back.stringColumn("id") == ["a, b", "two\nlines", "plain"])
        #expect(try back.stringColumn(" padded name") == ["say \"hi\"", "", " x "])
        #expect(try back.stringColumn("x") == ["1.5", "", "nan"])
        #expect(written == back.csvString())
    }

    @Test("whole numbers are written without a decimal point")
    func compactIntegers() throws {
        let table = try DataTable(
            columnNames: ["k", "v"],
            values: Tensor<Double>(shape: [2, 2], scalars: [1, 0.5, -3, 2e20])
        )
        #expect(table.csvString() == "k,v\n1,0.5\n-3,2e+20\n")
    }

    @Test("writing into a missing folder fails and names the path")
    func missingFolder() throws {
        let table = try DataTable(csv: "a\n1\n")
        let error = try #require(throws: FileWriteError.self) { try table.write(to: "/no/such/folder/out.csv") }
        #expect(error.code == .folderNotFound)
        #expect(error.description.contains("/no/such/folder/out.csv"))
    }
}
