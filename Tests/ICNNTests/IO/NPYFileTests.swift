import ICNN
import Testing

@Suite(".npy files")
struct NPYFileTests {
    @Test("Float and Double arrays of any rank round-trip", arguments: [[Int](), [3], [2, 3], [2, 1, 4], [0, 5]])
    func roundTrip(shape: [Int]) throws {
        let count = shape.reduce(1, *)
        let x = Tensor<Float>(shape: shape, scalars: (0..<count).map { Float($0) * 0.1 - 0.7 })
        let y = Tensor<Double>(shape: shape, scalars: (0..<count).map { Double($0) / 3 })
        try withTemporaryDirectory { folder in
            try NPYFile.write(x, to: folder + "/x.npy")
            try NPYFile.write(y, to: folder + "/y.npy")
            let xr: Tensor<Float> = try NPYFile.read(folder + "/x.npy")
            let yr = try NPYFile.read(folder + "/y.npy", as: Double.self)
            #expect(xr.shape == shape && xr.scalars == x.scalars)
            #expect(yr.shape == shape && yr.scalars == y.scalars)
            let narrowed: Tensor<Float> = try NPYFile.read(folder + "/y.npy")
            #expect(narrowed.scalars == y.scalars.map { Float($0) })
        }
    }

    @Test("bad files give DataError with the right code")
    func malformed() throws {
        try withTemporaryDirectory { folder in
            func expectCode(_ bytes: [UInt8], _ code: DataError.Code, _ mention: String = "") throws {
                let path = folder + "/bad.npy"
                try AtomicFile.write(bytes, to: path)
                let error = try #require(throws: DataError.self) { try NPYFile.read(path) }
                #expect(error.code == code, "\(error)")
                #expect(error.description.hasPrefix(path) && error.description.contains(mention), "\(error)")
            }
            func npy(_ header: String, data: Int = 0) -> [UInt8] {
                let h = Array(header.utf8)
                return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.count & 0xFF), UInt8(h.count >> 8)] + h
                    + [UInt8](repeating: 0, count: data)
            }
            try expectCode(Array("hello world".utf8), .malformedFile, "not a .npy file")
            try expectCode(
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n", data: 8),
                .malformedFile,
                "truncated"
            )
            try expectCode(npy("{'descr': '<f4', 'shape': (3,), }\n", data: 12), .malformedFile, "fortran_order")
            try expectCode(
                npy("{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }\n", data: 12),
                .unsupportedFormat,
                "big-endian"
            )
            try expectCode(
                npy("{'descr': '<c8', 'fortran_order': False, 'shape': (3,), }\n", data: 24),
                .unsupportedFormat,
                "'<c8'"
            )
            try expectCode(
                Array(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n").prefix(20)),
                .malformedFile,
                "truncated"
            )
            var nan = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n", data: 16)
            nan[nan.count - 1] = 0x7F
            nan[nan.count - 2] = 0xC0
            try expectCode(nan, .nonFinite, "[1, 1]")
            let error = try #require(throws: DataError.self) { try NPYFile.read(folder + "/missing.npy") }
            #expect(error.code == .fileNotFound)
        }
    }
}
