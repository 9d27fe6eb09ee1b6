/// A table of named columns, read from CSV or built in memory: numbers in a row-major matrix, plus text columns
/// (labels such as a cell type) kept as strings.
///
/// Reading never fails because of a cell's content. Each column remembers its first non-number, first empty cell
/// and first NaN/±∞ cell, and selecting it as numbers (`columns(_:as:nonFinite:)`) throws a `DataError` that names
/// the file, row, line and column. So a file with a label column loads, and only asking for the labels as numbers
/// is an error.
///
/// ```swift
/// let table = try DataTable(contentsOf: "pbmc68k_pca50.csv")
/// let x = try table.columns((1...50).map { "pc\($0)" })        // Tensor<Float>, shape [700, 50]
/// let labels = try table.stringColumn("bulk_label")          // [String], 700 values
/// ```
///
/// A column is *numeric* when every cell is a number, empty, or NaN/±∞; otherwise it is a *text* column.
public struct DataTable: Sendable {
    /// How the first line of a CSV file is used.
    public enum Header: Sendable, Hashable {
        /// The first line names the columns; it is an error (`DataError.Code.noHeader`) if every cell of it is a
        /// number, since that is almost always a file without a header.
        case firstLine
        /// The first line names the columns, even if the names are numbers.
        case firstLineEvenIfNumeric
        /// There is no header: the columns are named `column1`, `column2`, … and the first line is data.
        case none
    }

    /// What selecting columns as numbers does with NaN and ±infinity.
    public enum NonFinitePolicy: Sendable, Hashable {
        /// Throw `DataError` with code `.nonFinite` naming the first such cell (and any value too large for
        /// Float, when Float is asked for).
        case reject
        /// Pass NaN and ±infinity through.
        case allow
    }

    /// The column names, in file order. Empty header cells are named `column<N>` (N is the 1-based position).
    public private(set) var columnNames: [String]
    /// The number of data rows (the header is not counted).
    public private(set) var rowCount: Int
    /// The file the table was read from, for error messages; nil for a table built in memory.
    public let source: String?

    /// rowCount × columnCount cells, row-major. Empty cells hold `missingValue`; text cells hold NaN.
    var values: [Double]
    /// Per-column state, parallel to `columnNames`.
    var columnStates: [ColumnState]
    /// The 1-based file line where each row starts; empty for a table built in memory.
    var rowLines: [Int]

    /// The number of columns.
    public var columnCount: Int { columnNames.count }

    /// The names of the numeric columns (every cell a number, empty, or NaN/±∞), in file order.
    public var numericColumnNames: [String] {
        zip(columnNames, columnStates).filter { $0.1.kind != .text }.map(\.0)
    }

    /// The names of the text columns (some cell is not a number), in file order.
    public var textColumnNames: [String] {
        zip(columnNames, columnStates).filter { $0.1.kind == .text }.map(\.0)
    }

    /// A table holding a matrix of numbers, one column per name.
    /// - Parameters:
    ///   - columnNames: one name per column of `values`, all different.
    ///   - values: shape [rows, columns]. Float values are written back to CSV in Float's shortest form.
    /// - Throws: `DataError` with code `.duplicateColumn` if two names are equal.
    /// - Precondition: `values` has rank 2 and `columnNames.count` columns.
    public init<Scalar: TensorScalar>(columnNames: [String], values: Tensor<Scalar>) throws {
        guard values.rank == 2, values.shape[1] == columnNames.count else {
            fatalError("DataTable: values of shape \(values.shape) do not have \(columnNames.count) columns")
        }
        try Self.checkUnique(columnNames, source: nil)
        self.columnNames = columnNames
        self.rowCount = values.shape[0]
        self.source = nil
        self.values = values.withUnsafeBufferPointer { buffer in buffer.map { Double($0) } }
        let kind: ColumnState.Kind = Scalar.self == Float.self ? .float : .double
        self.columnStates = Array(repeating: ColumnState(kind: kind), count: columnNames.count)
        self.rowLines = []
        for column in 0..<columnCount { refreshIssues(column: column) }
    }

    /// Appends a text column (e.g. labels).
    /// - Throws: `DataError` with code `.duplicateColumn` if the name is taken.
    /// - Precondition: `strings.count == rowCount`.
    public mutating func appendColumn(_ name: String, strings: [String]) throws {
        guard strings.count == rowCount else {
            fatalError("DataTable.appendColumn: \(strings.count) strings for \(rowCount) rows")
        }
        try Self.checkUnique(columnNames + [name], source: nil)
        var state = ColumnState(kind: .text)
        state.strings = strings
        insertColumn(name, state: state, values: Array(repeating: .nan, count: rowCount))
    }

    /// Appends a numeric column.
    /// - Throws: `DataError` with code `.duplicateColumn` if the name is taken.
    /// - Precondition: `values.count == rowCount` (any shape).
    public mutating func appendColumn<Scalar: TensorScalar>(_ name: String, values: Tensor<Scalar>) throws {
        guard values.count == rowCount else {
            fatalError("DataTable.appendColumn: \(values.count) values for \(rowCount) rows")
        }
        try Self.checkUnique(columnNames + [name], source: nil)
        let column = values.withUnsafeBufferPointer { buffer in buffer.map { Double($0) } }
        insertColumn(name, state: ColumnState(kind: Scalar.self == Float.self ? .float : .double), values: column)
        refreshIssues(column: columnCount - 1)
    }

    /// The 1-based column number of `name`, or nil.
    public func columnIndex(of name: String) -> Int? {
        columnNames.firstIndex(of: name).map { $0 + 1 }
    }

    // MARK: - Internals

    /// The bit pattern of an empty cell: a quiet NaN with a payload ("MISS"), told apart from a NaN written in the
    /// file (which has no payload), so that writing the table back leaves the cell empty.
    static let missingValue = Double(bitPattern: 0x7FF8_0000_4D49_5353)

    @inline(__always)
    static func isMissing(_ value: Double) -> Bool { value.bitPattern == missingValue.bitPattern }

    /// What a column holds and where its first problem cells are (0-based rows).
    struct ColumnState: Sendable {
        enum Kind: Sendable { case double, float, text }
        var kind: Kind
        /// The cells' text, for text columns only.
        var strings: [String] = []
        /// The first row whose cell is not a number (text columns).
        var firstText: Int?
        /// The first empty cell.
        var firstMissing: Int?
        /// The first NaN or ±infinity.
        var firstNonFinite: Int?

        init(kind: Kind) { self.kind = kind }
    }

    init(
        columnNames: [String],
        rowCount: Int,
        source: String?,
        values: [Double],
        columnStates: [ColumnState],
        rowLines: [Int]
    ) {
        self.columnNames = columnNames
        self.rowCount = rowCount
        self.source = source
        self.values = values
        self.columnStates = columnStates
        self.rowLines = rowLines
    }

    private mutating func insertColumn(_ name: String, state: ColumnState, values column: [Double]) {
        let oldCount = columnCount
        var widened: [Double] = []
        widened.reserveCapacity(rowCount * (oldCount + 1))
        for row in 0..<rowCount {
            widened.append(contentsOf: values[(row * oldCount)..<((row + 1) * oldCount)])
            widened.append(column[row])
        }
        values = widened
        columnNames.append(name)
        columnStates.append(state)
    }

    /// Recomputes the first missing / non-finite rows of a numeric column from its values.
    private mutating func refreshIssues(column: Int) {
        var state = columnStates[column]
        state.firstMissing = nil
        state.firstNonFinite = nil
        let stride = columnCount
        for row in 0..<rowCount {
            let v = values[row * stride + column]
            if v.isFinite { continue }
            if Self.isMissing(v) {
                if state.firstMissing == nil { state.firstMissing = row }
            } else if state.firstNonFinite == nil {
                state.firstNonFinite = row
            }
            if state.firstMissing != nil && state.firstNonFinite != nil { break }
        }
        columnStates[column] = state
    }

    static func checkUnique(_ names: [String], source: String?, line: Int? = nil) throws {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            if let earlier = seen[name] {
                throw DataError(
                    code: .duplicateColumn,
                    file: source,
                    line: line,
                    column: index + 1,
                    columnName: name,
                    reason: "columns \(earlier + 1) and \(index + 1) are both named '\(name)'; rename one of them"
                )
            }
            seen[name] = index
        }
    }
}
