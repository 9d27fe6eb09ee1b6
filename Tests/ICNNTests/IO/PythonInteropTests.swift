import Foundation
import ICNN
import Testing

/// Runs `python3 -c script args…`; returns the exit status and standard output, or nil if python3 cannot start.
func runPython(_ script: String, _ arguments: [String] = []) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Whether python3 with numpy is available (the interoperability tests need it).
let pythonWithNumpy: Bool = runPython("import numpy")?.status == 0

@Suite("Files are exchanged with Python/numpy", .enabled(if: pythonWithNumpy, "python3 with numpy is not installed"))
struct PythonInteropTests {
    /// A safetensors file written with numpy, json and struct only (as any tool could).
    static let writeSafeTensors = """
        import json, struct, sys, numpy as np
        tensors = {
            "0.weight": (np.arange(12, dtype=np.float32).reshape(4, 3) / np.float32(7), "F32"),
            "0.bias": (np.array([1.5, -2.25, 0, 3], dtype=np.float32), "F32"),
            "scale": (np.array([[0.1, 0.2]], dtype=np.float64), "F64"),
        }
        header, data = {"__metadata__": {"format": "np", "author": "test"}}, b""
        for name in ["scale", "0.weight", "0.bias"]:
            array, dtype = tensors[name]
            raw = array.astype("<f4" if dtype == "F32" else "<f8").tobytes()
            offsets = [len(data), len(data) + len(raw)]
            header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": offsets}
            data += raw
        text = json.dumps(header).encode()
        text += b" " * (-len(text) % 8)
        open(sys.argv[1], "wb").write(struct.pack("<Q", len(text)) + text + data)
        """

    @Test("a safetensors file written by numpy reads back exactly")
    func readNumpyWritten() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/np.safetensors"
            let result = try #require(runPython(Self.writeSafeTensors, [path]))
            #expect(result.status == 0, "\(result.output)")
            let file = try SafeTensorsFile(contentsOf: path)
            #expect(file.metadata == ["format": "np", "author": "test"])
            let weight = try file.tensor("0.weight")
            #expect(weight.shape == [4, 3])
            #expect(weight.scalars == (0..<12).map { Float($0) / 7 })
            #expect(try file.tensor("0.bias").scalars == [1.5, -2.25, 0, 3])
            let scale = try file.tensor("scale", as: Double.self)
            #expect(scale.shape == [1, 2] && scale.scalars == [0.1, 0.2])
        }
    }

    /// Reads our safetensors file with json + numpy and prints what it found.
    static let readSafeTensors = """
        import json, struct, sys, numpy as np
        blob = open(sys.argv[1], "rb").read()
        (n,) = struct.unpack("<Q", blob[:8])
        header = json.loads(blob[8:8 + n])
        data = blob[8 + n:]
        assert n % 8 == 0, n
        meta = header.pop("__metadata__")
        out = [meta["icnn.config"]]
        for name in sorted(header):
            info = header[name]
            begin, end = info["data_offsets"]
            dtype = {"F32": "<f4", "F64": "<f8"}[info["dtype"]]
            array = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"])
            out.append(f"{name} {info['dtype']} {list(array.shape)} {array.ravel().tolist()}")
        print("\\n".join(out))
        """

    @Test("numpy reads a file written here")
    func numpyReadsOurs() throws {
        var file = SafeTensorsFile(metadata: ["icnn.config": "{\"hidden\": [8, 8]}"])
        file.setTensor("wz.1", Tensor<Float>(shape: [2, 2], scalars: [0.5, 1, -2, 0.25]))
        file.setTensor("b", Tensor<Double>([1e-3]))
        try withTemporaryDirectory { folder in
            let path = folder + "/ours.safetensors"
            try file.write(to: path)
            let result = try #require(runPython(Self.readSafeTensors, [path]))
            #expect(result.status == 0, "\(result.output)")
            #expect(
                result.output == "{\"hidden\": [8, 8]}\nb F64 [1] [0.001]\nwz.1 F32 [2, 2] [0.5, 1.0, -2.0, 0.25]\n"
            )
        }
    }

    @Test(".npy files round-trip through numpy.save and numpy.load")
    func npy() throws {
        try withTemporaryDirectory { folder in
            let script = """
                import sys, numpy as np
                np.save(sys.argv[1] + "/a.npy", (np.arange(6, dtype=np.float32) / np.float32(3)).reshape(2, 3))
                np.save(sys.argv[1] + "/b.npy", np.array([0.1, 0.2, 0.3]))
                np.save(sys.argv[1] + "/i.npy", np.arange(3))
                np.save(sys.argv[1] + "/f.npy", np.asfortranarray(np.ones((2, 3), dtype=np.float32)))
                """
            let made = try #require(runPython(script, [folder]))
            #expect(made.status == 0, "\(made.output)")
            let a: Tensor<Float> = try NPYFile.read(folder + "/a.npy")
            #expect(a.shape == [2, 3] && a.scalars == (0..<6).map { Float($0) / 3 })
            let b = try NPYFile.read(folder + "/b.npy", as: Double.self)
            #expect(b.scalars == [0.1, 0.2, 0.3])
            let int = try #require(throws: DataError.self) { try NPYFile.read(folder + "/i.npy") }
            #expect(int.code == .unsupportedFormat && int.description.contains("<i8"))
            let fortran = try #require(throws: DataError.self) { try NPYFile.read(folder + "/f.npy") }
            #expect(fortran.code == .unsupportedFormat && fortran.description.contains("Fortran"))

            try NPYFile.write(a, to: folder + "/ours.npy")
            try NPYFile.write(Tensor<Double>(shape: [1, 1, 2], scalars: [1.5, -1]), to: folder + "/ours64.npy")
            let check = """
                import sys, numpy as np
                a = np.load(sys.argv[1] + "/ours.npy"); b = np.load(sys.argv[1] + "/ours64.npy")
                expected = (np.arange(6, dtype=np.float32) / np.float32(3)).reshape(2, 3)
                print(a.dtype, a.shape, a.flags["C_CONTIGUOUS"], (a == expected).all())
                print(b.dtype, b.shape, b.ravel().tolist())
                """
            let read = try #require(runPython(check, [folder]))
            #expect(read.output == "float32 (2, 3) True True\nfloat64 (1, 1, 2) [1.5, -1.0]\n", "\(read.output)")
        }
    }
}
