/// Reads and writes NumPy `.npy` files holding float32 or float64 arrays (little-endian, C order), the format of
/// `numpy.save` and `numpy.load`.
///
/// ```swift
/// let x: Tensor<Float> = try NPYFile.read("x.npy")       // any rank; float64 files are rounded to Float
/// try NPYFile.write(x, to: "y.npy")                       // '<f4', C order, format version 1.0
/// ```
public enum NPYFile {
    /// Reads an array.
    /// - Parameters:
    ///   - path: the `.npy` file.
    ///   - type: `Float` (default; float64 data is rounded) or `Double`.
    ///   - nonFinite: what to do with NaN and ±infinity (and float64 values beyond Float's range when reading as
    ///     Float); rejected by default.
    /// - Returns: a tensor with the array's shape (`[]` for a 0-d array).
    /// - Throws: `DataError`: `.fileNotFound`, `.unreadableFile`, `.malformedFile` (bad magic, truncated header
    ///   or data, unreadable header), `.unsupportedFormat` (a dtype other than float32/float64, big-endian,
    ///   Fortran order), `.nonFinite` (naming the element's index).
    public static func read<Scalar: TensorScalar>(
        _ path: String,
        as type: Scalar.Type = Float.self,
        nonFinite: DataTable.NonFinitePolicy = .reject
    ) throws -> Tensor<Scalar> {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.readAll(path)
        } catch {
            let code: DataError.Code = error.kind == .notFound ? .fileNotFound : .unreadableFile
            throw DataError(code: code, file: path, reason: "cannot read: \(error.reason)")
        }
        return try decode(bytes, path: path, as: type, nonFinite: nonFinite)
    }

    /// Writes an array as `.npy` (format 1.0, or 2.0 for headers over 64 KiB), atomically.
    /// - Parameters:
    ///   - tensor: any shape; Float is stored as '<f4', Double as '<f8'.
    ///   - path: the destination.
    /// - Throws: `FileWriteError`; the destination is then untouched.
    public static func write<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, to path: String) throws {
        let descriptor = Scalar.self == Float.self ? "<f4" : "<f8"
        let shape =
            tensor.shape.count == 1
            ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = Array("{'descr': '\(descriptor)', 'fortran_order': False, 'shape': \(shape), }".utf8)
        let version: UInt8 = header.count + 11 < 65_536 ? 1 : 2
        let prefix = version == 1 ? 10 : 12
        let padding = (64 - (prefix + header.count + 1) % 64) % 64
        header += Array(repeating: 0x20, count: padding) + [0x0A]
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        if version == 1 {
            out += [UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
        } else {
            out += (0..<4).map { UInt8((header.count >> (8 * $0)) & 0xFF) }
        }
        out += header
        try AtomicFile.write(to: path) { file in
            try file.write(out)
            try tensor.withUnsafeBufferPointer { buffer in
                try LittleEndianBytes.write(buffer, to: file)
            }
        }
    }

    // MARK: - Decoding

    static func decode<Scalar: TensorScalar>(
        _ bytes: [UInt8],
        path: String,
        as type: Scalar.Type,
        nonFinite: DataTable.NonFinitePolicy
    ) throws -> Tensor<Scalar> {
        func malformed(_ reason: String) -> DataError {
            DataError(code: .malformedFile, file: path, reason: reason)
        }
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw malformed("not a .npy file (it does not start with \\x93NUMPY); save arrays with numpy.save")
        }
        let major = bytes[6]
        guard (1...3).contains(major) else {
            throw DataError(
                code: .unsupportedFormat,
                file: path,
                reason: ".npy format version \(major).\(bytes[7]) is not supported (1.0 to 3.0 are)"
            )
        }
        var headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        var headerStart = 10
        if major >= 2 {
            guard bytes.count >= 12 else { throw malformed("the file ends inside its header") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        }
        guard headerLength <= bytes.count - headerStart else {
            throw malformed(
                "the header claims \(headerLength) bytes but the file has \(bytes.count - headerStart) more; "
                    + "the file is truncated"
            )
        }
        let headerText = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let header: NPYHeader
        do {
            header = try NPYHeader(parsing: headerText)
        } catch {
            throw malformed("cannot read the header \(headerText.trimmingSpaces): \(error.reason)")
        }
        guard !header.fortranOrder else {
            throw DataError(
                code: .unsupportedFormat,
                file: path,
                reason: "the array is in Fortran order; save it with numpy.save(path, numpy.ascontiguousarray(a))"
            )
        }
        let elementSize: Int
        switch header.descriptor {
        case "<f4": elementSize = 4
        case "<f8": elementSize = 8
        case ">f4", ">f8":
            throw DataError(
                code: .unsupportedFormat,
                file: path,
                reason: "the array is big-endian ('\(header.descriptor)'); save it as a.astype('<f4')"
            )
        default:
            throw DataError(
                code: .unsupportedFormat,
                file: path,
                reason: "dtype '\(header.descriptor)' is not supported, only float32 ('<f4') and float64 ('<f8'); "
                    + "convert with a.astype(numpy.float32)"
            )
        }
        var count = 1
        for d in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard d >= 0, !overflow, product <= Int.max / 8 else {
                throw malformed("the shape \(header.shape) is not valid")
            }
            count = product
        }
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart >= count * elementSize else {
            throw malformed(
                "the shape \(header.shape) needs \(count * elementSize) bytes of data but the file has "
                    + "\(bytes.count - dataStart); the file is truncated"
            )
        }
        var tensor = Tensor<Scalar>(zeros: header.shape)
        let bad = bytes.withUnsafeBytes { raw in
            tensor.withUnsafeMutableBufferPointer { out in
                LittleEndianBytes.decode(
                    raw,
                    from: dataStart,
                    elementSize: elementSize,
                    count: count,
                    into: out,
                    checkFinite: nonFinite == .reject
                )
            }
        }
        if let index = bad {
            var position = ""
            if !header.shape.isEmpty {
                var rest = index
                var components: [Int] = []
                for d in header.shape.reversed() {
                    components.append(rest % d)
                    rest /= d
                }
                position = " at index [" + components.reversed().map(String.init).joined(separator: ", ") + "]"
            }
            throw DataError(
                code: .nonFinite,
                file: path,
                reason: "element \(index)\(position) is NaN, infinite, or too large for \(Scalar.self); "
                    + "clean the array or allow non-finite values"
            )
        }
        return tensor
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " || $0 == "\n" }).reversed())
    }
}
