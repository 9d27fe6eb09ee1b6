import Foundation
import ICNN
import Testing

/// The shared data sets load; each test is skipped (with its reason) when `../shared/data` is not there.
@Suite("Shared data sets load", .enabled(if: sharedDataFolder != nil, "../shared/data is not next to the package"))
struct DataSetTests {
    @Test("PBMC 68k: text label columns next to 50 principal components")
    func pbmc() throws {
        let table = try DataTable(contentsOf: sharedDataFolder! + "/pbmc68k/pbmc68k_pca50.csv")
        #expect(table.rowCount == 700)
        #expect(table.columnCount == 56)
        #expect(table.textColumnNames == ["cell", "bulk_label", "phase"])
        let pcs: Tensor<Float> = try table.columns((1...50).map { "pc\($0)" })
        #expect(pcs.shape == [700, 50])
        #expect(pcs.scalars.allSatisfy { $0.isFinite })
        #expect(try table.columns(["pc1"], as: Double.self)[0, 0] == -7.93962)  // both correctly rounded
        let labels = try table.stringColumn("bulk_label")
        #expect(labels.count == 700 && labels[0] == "CD14+ Monocyte")
        #expect(Set(labels).count == 10)
        #expect(labels.filter { $0 == "Dendritic" }.count == 240)
        let error = try #require(throws: DataError.self) { try table.columns(["bulk_label"]) }
        #expect(error.code == .nonNumeric && error.row == 1 && error.line == 2 && error.column == 2)
    }

    @Test("Yeast: 103 features and 14 labels, all numeric")
    func yeast() throws {
        let table = try DataTable(contentsOf: sharedDataFolder! + "/yeast/yeast.csv")
        #expect(table.rowCount == 2417 && table.columnCount == 117)
        #expect(table.numericColumnNames.count == 117)
        let x = try table.columns(table.numericColumnNames.filter { $0.hasPrefix("Att") }, as: Double.self)
        #expect(x.shape == [2417, 103])
        let y: Tensor<Float> = try table.columns((1...14).map { "Class\($0)" })
        #expect(y.scalars.allSatisfy { $0 == 0 || $0 == 1 })
    }

    @Test("Digits: the file has no header line, which is reported; header: .none reads it")
    func digits() throws {
        let path = sharedDataFolder! + "/digits/digits.csv"
        let error = try #require(throws: DataError.self) { try DataTable(contentsOf: path) }
        #expect(error.code == .noHeader)
        let table = try DataTable(contentsOf: path, header: .none)
        #expect(table.rowCount == 1797 && table.columnCount == 65)
        let pixels: Tensor<Float> = try table.columns((1...64).map { "column\($0)" })
        #expect(pixels.scalars.allSatisfy { $0 >= 0 && $0 <= 16 })
        let digit = try table.column("column65", as: Double.self)
        #expect(Set(digit.scalars) == Set((0...9).map(Double.init)))
    }
}

@Suite("DataTable reads large files")
struct DataTableSpeedTests {
    /// 20,000 rows × 50 columns of 7-significant-digit numbers (about 9 MB), parsed and selected as Float.
    @Test func twentyThousandRows() throws {
        let rows = 20_000
        let columns = 50
        var bytes: [UInt8] = Array((0..<columns).map { "x\($0)" }.joined(separator: ",").utf8) + [0x0A]
        bytes.reserveCapacity(rows * columns * 10)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<rows {
            for c in 0..<columns {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let v = Int(truncatingIfNeeded: state >> 40) - (1 << 23)
                bytes.append(contentsOf: "\(v / 1000).\(String(abs(v % 1000)))e-1".utf8)
                bytes.append(c + 1 == columns ? 0x0A : 0x2C)
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let table = try DataTable(csv: text)
        let x: Tensor<Float> = try table.columns(table.columnNames)
        #expect(x.shape == [rows, columns])
        // Spot-check cells against Swift's own parser of the same text (tests never assert on time).
        let firstLine = text.split(separator: "\n")[1].split(separator: ",")
        #expect(x[0, 0] == Float(String(firstLine[0])))
        #expect(x[0, columns - 1] == Float(String(firstLine[columns - 1])))
    }
}
