#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written atomically: the bytes go to a temporary file in the destination's folder, which is synced
/// to disk and then renamed over the destination by `commit()`.
///
/// Readers of the destination see either the old file, whole, or the new one, whole; a crash, a full disk or a
/// thrown error never leaves a truncated file behind. If the file is released without `commit()` (or a write
/// fails), the temporary file is removed. A new file gets the usual permissions (0666 minus the umask); replacing
/// an existing file keeps that file's permissions.
///
/// ```swift
/// try AtomicFile.write(to: "loss.csv") { file in
///     try file.write("step,loss\n")
///     for (i, l) in losses.enumerated() { try file.write("\(i),\(l)\n") }
/// }
/// ```
///
/// Writes are buffered (1 MiB). An `AtomicFile` is a handle: use it from one thread at a time.
public final class AtomicFile {
    /// The destination path.
    public let path: String
    /// The temporary file's path (in the destination's folder).
    let temporaryPath: String
    let folder: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var isFinished = false
    private static let bufferCapacity = 1 << 20

    /// Creates the temporary file for a new version of `path`.
    /// - Throws: `FileWriteError` if the folder does not exist or is not writable, or `path` is a folder.
    public init(path: String) throws {
        self.path = path
        let (folder, name) = Self.split(path)
        self.folder = folder
        if name.isEmpty {
            throw FileWriteError(code: .isFolder, path: path, reason: "the path names no file; give a file name")
        }
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw FileWriteError.from(errno: EISDIR, path: path, folder: folder, operation: "open")
        }
        var opened: Int32 = -1
        var candidate = ""
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            candidate = (path.contains("/") ? folder + "/" : "") + ".\(name).tmp-\(getpid())-\(suffix)"
            opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if opened >= 0 || errno != EEXIST { break }
        }
        guard opened >= 0 else {
            throw FileWriteError.from(errno: errno, path: path, folder: folder, operation: "create a temporary file")
        }
        descriptor = opened
        temporaryPath = candidate
        if stat(path, &status) == 0 { _ = fchmod(descriptor, status.st_mode & 0o7777) }
        buffer.reserveCapacity(Self.bufferCapacity)
    }

    deinit {
        if !isFinished { discard() }
    }

    /// Appends raw bytes.
    /// - Throws: `FileWriteError` (e.g. the disk is full); the temporary file is then removed.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !isFinished else { fatalError("AtomicFile '\(path)': write after commit() or discard()") }
        if buffer.count + bytes.count > Self.bufferCapacity { try flush() }
        if bytes.count >= Self.bufferCapacity {
            try writeFully(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends bytes.
    /// - Throws: `FileWriteError`; the temporary file is then removed.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends a string as UTF-8.
    /// - Throws: `FileWriteError`; the temporary file is then removed.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Flushes, syncs the data to disk and renames the temporary file over the destination.
    /// - Throws: `FileWriteError`; the temporary file is then removed and the destination left as it was.
    public func commit() throws {
        guard !isFinished else { fatalError("AtomicFile '\(path)': commit() after commit() or discard()") }
        try flush()
        if fsync(descriptor) != 0 { try fail(errno, "sync the temporary file") }
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0 { try fail(errno, "close the temporary file") }
        if rename(temporaryPath, path) != 0 { try fail(errno, "rename the temporary file") }
        isFinished = true
        // Make the rename itself durable; failure here cannot un-write the file, so it is not an error.
        let folderDescriptor = open(folder, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            _ = close(folderDescriptor)
        }
    }

    /// Abandons the new version: closes and removes the temporary file. The destination is untouched.
    /// Calling it again, or after `commit()`, does nothing.
    public func discard() {
        guard !isFinished else { return }
        isFinished = true
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
        _ = unlink(temporaryPath)
    }

    // MARK: - Convenience

    /// Atomically replaces `path` with `bytes`.
    /// - Throws: `FileWriteError`; the destination is then untouched.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Atomically replaces `path` with `text`, encoded as UTF-8.
    /// - Throws: `FileWriteError`; the destination is then untouched.
    public static func write(_ text: String, to path: String) throws {
        let file = try AtomicFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// Atomically replaces `path` with what `body` writes; commits when `body` returns.
    /// - Throws: `FileWriteError`, or whatever `body` throws; the destination is then untouched.
    public static func write(to path: String, _ body: (AtomicFile) throws -> Void) throws {
        let file = try AtomicFile(path: path)
        do {
            try body(file)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    // MARK: - Internals

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeFully($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, base, remaining)
            #else
            let written = Darwin.write(descriptor, base, remaining)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                try fail(errno, "write")
            }
            if written == 0 { try fail(EIO, "write") }
            remaining -= written
            base += written
        }
    }

    private func fail(_ code: Int32, _ operation: String) throws -> Never {
        discard()
        throw FileWriteError.from(errno: code, path: path, folder: folder, operation: operation)
    }

    /// The folder (without a trailing slash; "." for a bare name) and the file name of `path`.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let name = String(path[path.index(after: slash)...])
        var folder = String(path[..<slash])
        if folder.isEmpty { folder = "/" }
        return (folder, name)
    }
}
