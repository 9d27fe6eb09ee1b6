/// A data file (CSV or `.npy`) or a column selection could not be used: the error names the file, and where it
/// applies the row, the line and the column, and says what to do.
///
/// `description` is one line, e.g.
/// `data.csv: row 57 (line 58), column 3 'dose': cell "abc" is not a number; fix the cell or leave the column out`.
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; compare with the static members (`.raggedRow`, …).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case fileNotFound, unreadableFile, emptyFile, noHeader, duplicateColumn, unknownColumn, raggedRow
            case malformedQuote, nonNumeric, nonFinite, missingValue, malformedFile, unsupportedFormat
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file does not exist.
        public static let fileNotFound = Code(.fileNotFound)
        /// The file exists but cannot be read (permission denied, a folder, an I/O failure).
        public static let unreadableFile = Code(.unreadableFile)
        /// The file has no content (or only blank lines).
        public static let emptyFile = Code(.emptyFile)
        /// The first line is not a header: every cell of it is a number.
        public static let noHeader = Code(.noHeader)
        /// Two columns have the same name.
        public static let duplicateColumn = Code(.duplicateColumn)
        /// A requested column name is not in the table.
        public static let unknownColumn = Code(.unknownColumn)
        /// A row has more or fewer cells than the header.
        public static let raggedRow = Code(.raggedRow)
        /// A quoted cell is not closed, or text follows its closing quote.
        public static let malformedQuote = Code(.malformedQuote)
        /// A cell of a column selected as numbers is not a number.
        public static let nonNumeric = Code(.nonNumeric)
        /// A cell is NaN or ±infinity (or too large for Float), and the selection rejects non-finite values.
        public static let nonFinite = Code(.nonFinite)
        /// A cell of a column selected as numbers is empty.
        public static let missingValue = Code(.missingValue)
        /// A binary data file (`.npy`) is truncated or its header is not valid.
        public static let malformedFile = Code(.malformedFile)
        /// A binary data file is valid but uses a type or layout this library does not read (e.g. `int64`,
        /// Fortran order, big-endian).
        public static let unsupportedFormat = Code(.unsupportedFormat)

        /// The code's name, e.g. `raggedRow`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The file's path; nil for a table built in memory.
    public var file: String?
    /// The 1-based data row (the header is not counted), when the problem is in one row.
    public var row: Int?
    /// The 1-based line of the file where that row starts (the header is line 1, unless blank lines precede it).
    public var line: Int?
    /// The 1-based column number, when the problem is in one column.
    public var column: Int?
    /// The column's name, when known.
    public var columnName: String?
    /// What is wrong and what to do about it.
    public var reason: String

    /// An error with the given context; pass nil for what does not apply.
    public init(
        code: Code,
        file: String?,
        row: Int? = nil,
        line: Int? = nil,
        column: Int? = nil,
        columnName: String? = nil,
        reason: String
    ) {
        self.code = code
        self.file = file
        self.row = row
        self.line = line
        self.column = column
        self.columnName = columnName
        self.reason = reason
    }

    /// One line: "<file>: row R (line L), column C 'name': <reason>", leaving out what is unknown.
    public var description: String {
        var place: [String] = []
        if let row {
            place.append(line.map { "row \(row) (line \($0))" } ?? "row \(row)")
        } else if let line {
            place.append("line \(line)")
        }
        switch (column, columnName) {
        case let (number?, name?): place.append("column \(number) '\(name)'")
        case let (number?, nil): place.append("column \(number)")
        case let (nil, name?): place.append("column '\(name)'")
        case (nil, nil): break
        }
        var prefix = file ?? ""
        if !place.isEmpty { prefix += (prefix.isEmpty ? "" : ": ") + place.joined(separator: ", ") }
        return prefix.isEmpty ? reason : "\(prefix): \(reason)"
    }
}
