import ICNNCore
import Testing

/// Programmer errors trap with a message that names the shapes involved. Each runs in a child process.
@Suite("Shape errors trap with both shapes in the message")
struct TensorCrashTests {
    @Test func incompatibleBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>(zeros: [2, 3]) + Tensor<Float>(zeros: [4])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("[2, 3]") && message.contains("[4]"), "\(message)")
    }

    @Test func matmulInnerExtents() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor<Float>(zeros: [2, 3]), Tensor<Float>(zeros: [4, 5]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("[2, 3]") && message.contains("[4, 5]"), "\(message)")
    }

    @Test func reshapeCount() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Float>(zeros: [2, 3]).reshaped([4, 2])
        }
    }

    @Test func mixedTapes() async {
        await #expect(processExitsWith: .failure) {
            let a = Tape<Float>().watch(Tensor(ones: [2]))
            let b = Tape<Float>().watch(Tensor(ones: [2]))
            _ = a + b
        }
    }
}
