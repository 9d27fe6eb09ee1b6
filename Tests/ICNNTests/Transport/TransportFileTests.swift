import Foundation
import ICNN
import Testing
import _ICNNTestSupport

@Suite("Transport map files: round trip and malformed files")
struct TransportFileTests {
    /// A map with random potentials (no training needed to test the file format).
    static func randomMap() -> TransportMap<AnyArchitecture> {
        var rng = SeededGenerator(seed: 41)
        let a = AnyArchitecture.hycnn(HyCNN(inputs: 3, widths: [6, 5], gate: .logSumExp(temperature: 1)))
        return TransportMap(
            potential: Model(a, using: &rng),
            critic: Model(a, using: &rng),
            center: [0.5, -1, 2],
            scale: 1.5
        )
    }

    @Test("Write then read gives the same weights, normalisation and transported points")
    func roundTrip() throws {
        try withTemporaryDirectory { folder in
            let map = Self.randomMap()
            let path = folder + "/map.safetensors"
            try TransportFile(map, columns: ["a", "b", "c"], potentialStrategy: "softplus", criticStrategy: "penalty")
                .write(to: path)
            let read = try TransportFile(contentsOf: path)
            #expect(read.description.columns == ["a", "b", "c"] && read.description.criticStrategy == "penalty")
            #expect(read.map.center == map.center && read.map.scale == map.scale)
            #expect(read.map.potential.weights.map(\.scalars) == map.potential.weights.map(\.scalars))
            #expect(read.map.critic.weights.map(\.scalars) == map.critic.weights.map(\.scalars))
            var rng = SeededGenerator(seed: 42)
            let x = Tensor<Float>(normal: [7, 3], using: &rng)
            #expect(read.map(x).scalars == map(x).scalars)
            #expect(read.map.inverse(x).scalars == map.inverse(x).scalars)
        }
    }

    @Test("A file without transport metadata, or missing a critic tensor, is refused with a named reason")
    func malformed() throws {
        try withTemporaryDirectory { folder in
            let map = Self.randomMap()
            var plain = SafeTensorsFile()
            plain.setTensor("x", Tensor<Float>(zeros: [2]))
            try plain.write(to: folder + "/plain.safetensors")
            let noMetadata = #expect(throws: ModelFileError.self) {
                try TransportFile(contentsOf: folder + "/plain.safetensors")
            }
            #expect(noMetadata?.code == .missingField)

            try TransportFile(map, columns: ["a", "b", "c"], potentialStrategy: "s", criticStrategy: "s")
                .write(to: folder + "/map.safetensors")
            var file = try SafeTensorsFile(contentsOf: folder + "/map.safetensors")
            file.removeTensor("critic.output.v")
            try file.write(to: folder + "/broken.safetensors")
            let missing = #expect(throws: ModelFileError.self) {
                try TransportFile(contentsOf: folder + "/broken.safetensors")
            }
            #expect(missing?.code == .tensorNotFound && missing?.tensor == "critic.output.v")
        }
    }
}
