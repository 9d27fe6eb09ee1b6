extension DataTable {
    /// The chosen columns as a matrix of numbers, in the order given.
    ///
    /// ```swift
    /// let x: Tensor<Float> = try table.columns(["dose", "age"])          // shape [rows, 2]
    /// let y = try table.columns(["response"], as: Double.self)           // Tensor<Double>, shape [rows, 1]
    /// ```
    ///
    /// - Parameters:
    ///   - names: column names; a name may appear more than once.
    ///   - type: `Float` (the default) or `Double`. Values are parsed as Double and rounded to Float once.
    ///   - nonFinite: what to do with NaN and ±infinity cells (default: reject them).
    /// - Returns: shape [rowCount, names.count], row-major.
    /// - Throws: `DataError`: `.unknownColumn` (listing the columns, suggesting the closest name), or for the
    ///   earliest bad cell among the chosen columns: `.nonNumeric` (quoting the cell), `.missingValue` (an empty
    ///   cell), `.nonFinite` (NaN/±∞ under `.reject`, or a finite value beyond Float's range when Float is asked
    ///   for).
    /// - Complexity: O(rowCount × names.count).
    public func columns<Scalar: TensorScalar>(
        _ names: [String],
        as type: Scalar.Type = Float.self,
        nonFinite: NonFinitePolicy = .reject
    ) throws -> Tensor<Scalar> {
        let indices = try names.map { try index(ofColumn: $0) }
        try checkCells(indices, nonFinite: nonFinite)
        let stride = columnCount
        let rows = rowCount
        var out = Tensor<Scalar>(zeros: [rows, indices.count])
        if Scalar.self == Float.self {
            var overflow: (row: Int, column: Int)?
            out.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: Float.self) { dst in
                    values.withUnsafeBufferPointer { src in
                        var o = 0
                        for row in 0..<rows {
                            let base = row * stride
                            for c in indices {
                                let v = src[base + c]
                                let f = Float(v)
                                if f.isInfinite && v.isFinite && overflow == nil { overflow = (row, c) }
                                dst[o] = f
                                o += 1
                            }
                        }
                    }
                }
            }
            if let (row, column) = overflow, nonFinite == .reject {
                let v = values[row * stride + column]
                throw cellError(
                    .nonFinite,
                    row: row,
                    column: column,
                    reason: "the value \(v) is too large for Float (at most \(Float.greatestFiniteMagnitude)); "
                        + "rescale the column or read it as Double"
                )
            }
        } else {
            out.withUnsafeMutableBufferPointer { dst in
                values.withUnsafeBufferPointer { src in
                    var o = 0
                    for row in 0..<rows {
                        let base = row * stride
                        for c in indices {
                            dst[o] = Scalar(src[base + c])
                            o += 1
                        }
                    }
                }
            }
        }
        return out
    }

    /// One column as a vector of numbers.
    /// - Returns: shape [rowCount].
    /// - Throws: `DataError`, as `columns(_:as:nonFinite:)`.
    public func column<Scalar: TensorScalar>(
        _ name: String,
        as type: Scalar.Type = Float.self,
        nonFinite: NonFinitePolicy = .reject
    ) throws -> Tensor<Scalar> {
        try columns([name], as: type, nonFinite: nonFinite).reshaped([rowCount])
    }

    /// The cells of one column as text.
    ///
    /// A text column gives its cells exactly as written (quotes removed). A numeric column gives its numbers in
    /// shortest round-trip form, whole numbers without a decimal point (`3`, `0.25`, `1e-07`, `nan`), and empty
    /// cells as "".
    /// - Throws: `DataError` with code `.unknownColumn`.
    public func stringColumn(_ name: String) throws -> [String] {
        let column = try index(ofColumn: name)
        let state = columnStates[column]
        if state.kind == .text { return state.strings }
        var out: [String] = []
        out.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            out.append(Self.format(values[row * columnCount + column], kind: state.kind))
        }
        return out
    }

    // MARK: - Internals

    /// The 0-based index of a column, or an `.unknownColumn` error listing the columns.
    func index(ofColumn name: String) throws -> Int {
        if let index = columnNames.firstIndex(of: name) { return index }
        var reason = "no such column"
        if let suggestion = ClosestName.closest(to: name, among: columnNames) {
            reason += "; did you mean '\(suggestion)'?"
        }
        let shown = 12
        let listed = columnNames.prefix(shown).joined(separator: ", ")
        if columnNames.isEmpty {
            reason += "; the table has no columns"
        } else if columnNames.count <= shown {
            reason += "; the columns are: \(listed)"
        } else {
            reason += "; the \(columnNames.count) columns are: \(listed), …"
        }
        throw DataError(code: .unknownColumn, file: source, columnName: name, reason: reason)
    }

    /// Throws for the earliest bad cell among the given columns (the leftmost column on a tie).
    private func checkCells(_ indices: [Int], nonFinite: NonFinitePolicy) throws {
        var worst: DataError?
        var worstRow = Int.max
        for column in Set(indices).sorted() {
            let state = columnStates[column]
            if let row = state.firstText, row < worstRow {
                worstRow = row
                let cell = state.strings[row]
                worst = cellError(
                    .nonNumeric,
                    row: row,
                    column: column,
                    reason: "cell \(Self.quoted(cell)) is not a number; fix the cell, or leave this column out "
                        + "(it can be read as text with stringColumn)"
                )
            }
            if let row = state.firstMissing, row < worstRow {
                worstRow = row
                worst = cellError(
                    .missingValue,
                    row: row,
                    column: column,
                    reason: "the cell is empty (a missing value); fill it in or drop the row"
                )
            }
            if nonFinite == .reject, let row = state.firstNonFinite, row < worstRow {
                worstRow = row
                let v = values[row * columnCount + column]
                worst = cellError(
                    .nonFinite,
                    row: row,
                    column: column,
                    reason: "the cell is \(Self.format(v, kind: .double)), not a finite number; "
                        + "fix or drop the row, or allow non-finite values"
                )
            }
        }
        if let worst { throw worst }
    }

    func cellError(_ code: DataError.Code, row: Int, column: Int, reason: String) -> DataError {
        DataError(
            code: code,
            file: source,
            row: row + 1,
            line: rowLines.isEmpty ? nil : rowLines[row],
            column: column + 1,
            columnName: columnNames[column],
            reason: reason
        )
    }

    /// A cell's text in double quotes, shortened past 40 characters.
    static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "\"\(shown)\""
    }

    /// A number as CSV text: "" when missing, "nan"/"inf"/"-inf", whole numbers without a decimal point, others
    /// in the shortest form that reads back to the same value (of Float for Float columns).
    static func format(_ value: Double, kind: ColumnState.Kind) -> String {
        if isMissing(value) { return "" }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
        }
        return kind == .float ? Float(value).description : value.description
    }
}
