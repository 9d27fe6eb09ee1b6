/// Why a model cannot be verified: an unreadable file, a network that is not a ReLU MLP with scalar output, or a
/// bad box. One line naming the file and, where it applies, the tensor or flag.
public struct VerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public enum Code: String, Sendable, Hashable {
        /// The file could not be read as safetensors (the underlying `ModelFileError` is in the message).
        case unreadableFile
        /// The tensors do not form a ReLU MLP in a supported layout.
        case notAReLUNetwork
        /// The network's output is not a scalar.
        case nonScalarOutput
        /// The box is empty or not finite, or its dimension does not match the network.
        case invalidBox
    }

    /// The kind of problem.
    public var code: Code
    /// The file concerned, if any.
    public var path: String?
    /// What is wrong and what to do about it.
    public var reason: String

    /// An error.
    public init(code: Code, path: String? = nil, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    /// "<path>: <reason>".
    public var description: String { path.map { "\($0): \(reason)" } ?? reason }
}
