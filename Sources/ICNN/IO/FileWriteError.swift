#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file could not be written: the folder is missing or read-only, the disk is full, or the destination is a folder.
///
/// Thrown by `AtomicFile` and so by every writer in this module (CSV, `.npy`, safetensors, SVG). When it is thrown
/// the destination is untouched: either the old file is still there, whole, or there is no file.
public struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; compare with the static members (`.folderNotFound`, …).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case folderNotFound, permissionDenied, isFolder, noSpace, ioFailure
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The destination's folder does not exist.
        public static let folderNotFound = Code(.folderNotFound)
        /// The folder or the existing file may not be written by this user, or the file system is read-only.
        public static let permissionDenied = Code(.permissionDenied)
        /// The destination is a folder, not a file.
        public static let isFolder = Code(.isFolder)
        /// The disk or the user's quota is full.
        public static let noSpace = Code(.noSpace)
        /// Any other operating-system failure while creating, writing, syncing or renaming.
        public static let ioFailure = Code(.ioFailure)

        /// The code's name, e.g. `folderNotFound`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The destination path that was being written.
    public var path: String
    /// What went wrong and what to do about it, e.g. "folder 'out' does not exist; create it first".
    public var reason: String

    /// An error for `path` with the given code and reason.
    public init(code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    /// One line: "cannot write '<path>': <reason>".
    public var description: String { "cannot write '\(path)': \(reason)" }

    /// The error for an `errno` value from `operation` (e.g. "create a temporary file").
    static func from(errno code: Int32, path: String, folder: String, operation: String) -> FileWriteError {
        switch code {
        case ENOENT, ENOTDIR:
            return FileWriteError(
                code: .folderNotFound,
                path: path,
                reason: "folder '\(folder)' does not exist; create it first"
            )
        case EACCES, EPERM, EROFS:
            return FileWriteError(
                code: .permissionDenied,
                path: path,
                reason: "permission denied in folder '\(folder)' (\(operation)); choose a writable folder"
            )
        case EISDIR:
            return FileWriteError(
                code: .isFolder,
                path: path,
                reason: "it is a folder; give a file name inside it"
            )
        case ENOSPC, EDQUOT:
            return FileWriteError(
                code: .noSpace,
                path: path,
                reason: "no space left on the device (\(operation)); free some space and retry"
            )
        default:
            return FileWriteError(
                code: .ioFailure,
                path: path,
                reason: "\(operation) failed: \(String(cString: strerror(code)))"
            )
        }
    }
}
