#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files, telling apart the failures a user can fix (no such file, no permission, a folder).
enum FileReader {
    /// Why a file could not be read.
    struct Failure: Error {
        enum Kind { case notFound, permissionDenied, isFolder, ioFailure }
        var kind: Kind
        /// A short explanation, e.g. "no such file".
        var reason: String
    }

    /// All bytes of the file at `path`.
    static func readAll(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { _ = close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(errno) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw failure(EISDIR) }
        let expected = max(Int(status.st_size), 0)
        var bytes = [UInt8](repeating: 0, count: max(expected, 1 << 16))
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    private static func failure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: return Failure(kind: .notFound, reason: "no such file")
        case EACCES, EPERM: return Failure(kind: .permissionDenied, reason: "permission denied")
        case EISDIR: return Failure(kind: .isFolder, reason: "it is a folder, not a file")
        default: return Failure(kind: .ioFailure, reason: String(cString: strerror(code)))
        }
    }
}
