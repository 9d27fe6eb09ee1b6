/// A model file (safetensors) could not be read or used: the error names the file, the tensor when there is one,
/// and says what is wrong. Reading never traps on a malformed file.
///
/// `description` is one line, e.g.
/// `model.safetensors: tensor '0.weight': shape [4, 3] needs 48 bytes of F32 but data_offsets span 40`.
public struct ModelFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; compare with the static members (`.shapeMismatch`, …).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case fileNotFound, unreadableFile, fileTooShort, headerTooLarge, truncated, invalidHeader, missingField
            case invalidField, unknownDType, negativeDimension, shapeMismatch, offsetsOutOfBounds, overlappingTensors
            case uncoveredBytes, duplicateName, invalidMetadata, tensorNotFound, lossyConversion
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file does not exist.
        public static let fileNotFound = Code(.fileNotFound)
        /// The file exists but cannot be read (permission denied, a folder, an I/O failure).
        public static let unreadableFile = Code(.unreadableFile)
        /// The file is shorter than the 8-byte header length.
        public static let fileTooShort = Code(.fileTooShort)
        /// The header length is over 100 MB: not a safetensors file, or a corrupt one.
        public static let headerTooLarge = Code(.headerTooLarge)
        /// The header length points past the end of the file.
        public static let truncated = Code(.truncated)
        /// The header is not UTF-8, not JSON, or not a JSON object.
        public static let invalidHeader = Code(.invalidHeader)
        /// A tensor's entry lacks `dtype`, `shape` or `data_offsets`.
        public static let missingField = Code(.missingField)
        /// A tensor's entry has a field of the wrong form (e.g. `shape` not a list of integers, `data_offsets` not
        /// two increasing integers).
        public static let invalidField = Code(.invalidField)
        /// A tensor's `dtype` is not one this library knows.
        public static let unknownDType = Code(.unknownDType)
        /// A shape has a negative extent.
        public static let negativeDimension = Code(.negativeDimension)
        /// A tensor's byte range does not match its shape and dtype.
        public static let shapeMismatch = Code(.shapeMismatch)
        /// A tensor's byte range ends past the end of the file.
        public static let offsetsOutOfBounds = Code(.offsetsOutOfBounds)
        /// Two tensors' byte ranges overlap.
        public static let overlappingTensors = Code(.overlappingTensors)
        /// Some bytes of the data buffer belong to no tensor (a gap, or bytes after the last tensor).
        public static let uncoveredBytes = Code(.uncoveredBytes)
        /// Two tensors (or two metadata blocks) have the same name.
        public static let duplicateName = Code(.duplicateName)
        /// `__metadata__` is not an object of string values.
        public static let invalidMetadata = Code(.invalidMetadata)
        /// No tensor of the requested name is in the file.
        public static let tensorNotFound = Code(.tensorNotFound)
        /// The tensor's dtype cannot be converted to the requested type without rounding, and rounding was not
        /// allowed (e.g. F64 read as Float).
        public static let lossyConversion = Code(.lossyConversion)

        /// The code's name, e.g. `shapeMismatch`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The file's path; nil for bytes parsed in memory.
    public var path: String?
    /// The tensor concerned, if any.
    public var tensor: String?
    /// What is wrong and what to do about it.
    public var reason: String

    /// An error with the given context.
    public init(code: Code, path: String?, tensor: String? = nil, reason: String) {
        self.code = code
        self.path = path
        self.tensor = tensor
        self.reason = reason
    }

    /// One line: "<path>: tensor '<name>': <reason>", leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        if let path { parts.append(path) }
        if let tensor { parts.append("tensor '\(tensor)'") }
        parts.append(reason)
        return parts.joined(separator: ": ")
    }
}
