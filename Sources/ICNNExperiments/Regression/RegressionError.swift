/// A problem with the regression study's input: a malformed results CSV (file, row, column) or a bad setting.
public struct RegressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file concerned, if any.
    public var file: String?
    /// The 1-based line of the file, if any.
    public var row: Int?
    /// The column name, if any.
    public var column: String?
    /// What is wrong and what to do.
    public var reason: String

    public init(file: String? = nil, row: Int? = nil, column: String? = nil, reason: String) {
        (self.file, self.row, self.column, self.reason) = (file, row, column, reason)
    }

    public var description: String {
        var place: [String] = []
        if let file { place.append(file) }
        if let row { place.append("line \(row)") }
        if let column { place.append("column '\(column)'") }
        return place.isEmpty ? reason : place.joined(separator: ", ") + ": " + reason
    }
}
