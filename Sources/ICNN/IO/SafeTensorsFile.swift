/// A set of named tensors plus string metadata in the safetensors format, the model file of this library
/// (DESIGN.md): readable by numpy, PyTorch and JAX without this library.
///
/// The file is an 8-byte little-endian header length N, then N bytes of UTF-8 JSON mapping each tensor name to
/// `{"dtype": "F32", "shape": [out, in], "data_offsets": [begin, end]}` (byte offsets into the data that follows
/// the header), with an optional `"__metadata__"` object of strings, then the raw little-endian data.
///
/// ```swift
/// var file = SafeTensorsFile(metadata: ["icnn.config": configJSON])
/// file.setTensor("wz.0", weights)                        // Tensor<Float> → F32
/// try file.write(to: "model.safetensors")                // atomic
///
/// let loaded = try SafeTensorsFile(contentsOf: "model.safetensors")
/// let w = try loaded.tensor("wz.0")                      // Tensor<Float>
/// ```
///
/// Reading validates the whole header (see `ModelFileError.Code`) and never traps on a malformed file. Any of the
/// format's numeric dtypes can be read; tensors are written as F32 (Float) or F64 (Double).
public struct SafeTensorsFile: Sendable {
    /// The header's `__metadata__`: free-form string pairs (this library stores its model configuration as JSON
    /// under `icnn.config`).
    public var metadata: [String: String]
    /// The file this was read from, for error messages; nil when built in memory.
    public let source: String?
    /// The tensors by name.
    var entries: [String: Entry]

    /// One tensor: its dtype, shape and little-endian bytes (a slice of the file when read).
    struct Entry: Sendable {
        var dtype: DType
        var shape: [Int]
        var bytes: ArraySlice<UInt8>
    }

    /// An empty set of tensors with the given metadata.
    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
        self.source = nil
        self.entries = [:]
    }

    init(metadata: [String: String], source: String?, entries: [String: Entry]) {
        self.metadata = metadata
        self.source = source
        self.entries = entries
    }

    /// The tensor names, sorted (the order in which they are written).
    public var names: [String] { entries.keys.sorted() }

    /// The dtype of a tensor, or nil if there is none of that name.
    public func dtype(of name: String) -> DType? { entries[name]?.dtype }

    /// The shape of a tensor, or nil if there is none of that name.
    public func shape(of name: String) -> [Int]? { entries[name]?.shape }

    /// A tensor, converted to `Scalar`.
    ///
    /// Conversions that cannot round happen silently (F32 → Float, F16/BF16/F32 → Double, small integers);
    /// F64 → Float rounds and needs `allowRounding: true`. Integers are converted to the nearest value.
    /// - Parameters:
    ///   - name: the tensor's name, e.g. `"0.weight"`.
    ///   - type: `Float` (default) or `Double`.
    ///   - allowRounding: allow F64 → Float.
    /// - Returns: a tensor with the stored shape.
    /// - Throws: `ModelFileError` with code `.tensorNotFound` (listing the names and suggesting the closest) or
    ///   `.lossyConversion`.
    public func tensor<Scalar: TensorScalar>(
        _ name: String,
        as type: Scalar.Type = Float.self,
        allowRounding: Bool = false
    ) throws -> Tensor<Scalar> {
        guard let entry = entries[name] else {
            var reason = "no such tensor"
            if let suggestion = ClosestName.closest(to: name, among: names) {
                reason += "; did you mean '\(suggestion)'?"
            }
            let listed = names.prefix(12).joined(separator: ", ")
            reason +=
                names.isEmpty
                ? "; the file holds no tensors"
                : names.count <= 12
                    ? "; the file holds: \(listed)" : "; the file holds \(names.count) tensors: \(listed), …"
            throw ModelFileError(code: .tensorNotFound, path: source, tensor: name, reason: reason)
        }
        guard allowRounding || entry.dtype.convertsExactly(to: Scalar.self) else {
            throw ModelFileError(
                code: .lossyConversion,
                path: source,
                tensor: name,
                reason:
                    "it is \(entry.dtype.rawValue); reading it as \(Scalar.self) rounds, "
                    + "so read it as Double or allow rounding"
            )
        }
        var out = Tensor<Scalar>(zeros: entry.shape)
        let count = out.count
        entry.bytes.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { buffer in
                _ = LittleEndianBytes.decode(
                    raw,
                    from: 0,
                    dtype: entry.dtype,
                    count: count,
                    into: buffer,
                    checkFinite: false
                )
            }
        }
        return out
    }

    /// All tensors, converted to `Scalar` (see `tensor(_:as:allowRounding:)`).
    /// - Throws: `ModelFileError` with code `.lossyConversion` for the first tensor (by name) that would round.
    public func tensors<Scalar: TensorScalar>(
        as type: Scalar.Type = Float.self,
        allowRounding: Bool = false
    ) throws -> [String: Tensor<Scalar>] {
        var out: [String: Tensor<Scalar>] = [:]
        for name in names { out[name] = try tensor(name, as: type, allowRounding: allowRounding) }
        return out
    }

    /// Adds or replaces a tensor; Float tensors are stored as F32, Double tensors as F64.
    /// - Precondition: `name` is not `"__metadata__"`.
    public mutating func setTensor<Scalar: TensorScalar>(_ name: String, _ tensor: Tensor<Scalar>) {
        if name == "__metadata__" { fatalError("SafeTensorsFile: '__metadata__' is reserved and cannot name a tensor") }
        let bytes = tensor.withUnsafeBufferPointer { buffer -> [UInt8] in
            #if _endian(little)
            return Array(UnsafeRawBufferPointer(buffer))
            #else
            var out: [UInt8] = []
            for x in buffer {
                if let f = x as? Float {
                    withUnsafeBytes(of: f.bitPattern.littleEndian) { out.append(contentsOf: $0) }
                } else {
                    withUnsafeBytes(of: Double(x).bitPattern.littleEndian) { out.append(contentsOf: $0) }
                }
            }
            return out
            #endif
        }
        entries[name] = Entry(dtype: Scalar.self == Float.self ? .f32 : .f64, shape: tensor.shape, bytes: bytes[...])
    }

    /// Removes a tensor; does nothing if there is none of that name.
    public mutating func removeTensor(_ name: String) {
        entries[name] = nil
    }
}
