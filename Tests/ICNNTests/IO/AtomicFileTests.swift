import Foundation
import ICNN
import Testing

@Suite("AtomicFile replaces files whole or not at all")
struct AtomicFileTests {
    @Test("writes a new file and replaces an existing one, leaving no temporary file")
    func writeAndReplace() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/out.txt"
            try AtomicFile.write("first", to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
            try AtomicFile.write(to: path) { file in
                try file.write("sec")
                try file.write(Array("ond".utf8))
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
            #expect(fileNames(in: folder) == ["out.txt"])
        }
    }

    @Test("large writes go through the buffer intact")
    func large() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/big.bin"
            let chunk = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try AtomicFile.write(to: path) { file in
                for _ in 0..<5 { try file.write(chunk) }
                try file.write(Array(repeating: 7, count: 3_000_000))
            }
            let data = try #require(FileManager.default.contents(atPath: path))
            #expect(data.count == 4_500_000)
            #expect(Array(data.prefix(300_000)) == chunk && data.last == 7)
        }
    }

    @Test("an error in the body leaves the old file untouched and removes the temporary file")
    func failingBody() throws {
        struct Stop: Error {}
        try withTemporaryDirectory { folder in
            let path = folder + "/keep.txt"
            try AtomicFile.write("precious", to: path)
            #expect(throws: Stop.self) {
                try AtomicFile.write(to: path) { file in
                    try file.write(String(repeating: "x", count: 5_000_000))
                    throw Stop()
                }
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
            #expect(fileNames(in: folder) == ["keep.txt"])
        }
    }

    @Test("an uncommitted or discarded file leaves nothing behind")
    func discard() throws {
        try withTemporaryDirectory { folder in
            do {
                let file = try AtomicFile(path: folder + "/never.txt")
                try file.write("data")
            }
            let other = try AtomicFile(path: folder + "/never2.txt")
            other.discard()
            other.discard()
            #expect(fileNames(in: folder).isEmpty)
        }
    }

    @Test("a missing folder, a folder as destination, and an empty path are reported with the path")
    func failures() throws {
        try withTemporaryDirectory { folder in
            let missing = try #require(throws: FileWriteError.self) {
                try AtomicFile.write("x", to: folder + "/nope/out.txt")
            }
            #expect(missing.code == .folderNotFound)
            #expect(
                missing.description
                    == "cannot write '\(folder)/nope/out.txt': folder '\(folder)/nope' does not exist; create it first"
            )
            let isFolder = try #require(throws: FileWriteError.self) { try AtomicFile.write("x", to: folder) }
            #expect(isFolder.code == .isFolder)
            #expect(throws: FileWriteError.self) { try AtomicFile.write("x", to: "") }
            #expect(fileNames(in: folder).isEmpty)
        }
    }

    @Test("a read-only folder is reported", .enabled(if: getuid() != 0, "root may write anywhere"))
    func readOnlyFolder() throws {
        try withTemporaryDirectory { folder in
            let locked = folder + "/locked"
            try FileManager.default.createDirectory(
                atPath: locked,
                withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o555]
            )
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
            let error = try #require(throws: FileWriteError.self) { try AtomicFile.write("x", to: locked + "/f.txt") }
            #expect(error.code == .permissionDenied)
        }
    }

    @Test("replacing a file keeps its permissions")
    func keepsPermissions() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/script.sh"
            try AtomicFile.write("#!/bin/sh\n", to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: path)
            try AtomicFile.write("#!/bin/sh\necho hi\n", to: path)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o750)
        }
    }
}
