import CICNNKernels
import ICNNCore
import Testing

/// The recycling allocator behind tensors (`icnn_buffer.h`). Sizes are chosen so that no other test's tensors
/// round to them (tests run in parallel and share the process-wide cache), and the suite is serialized so that
/// the bound test's evictions cannot remove the buffer the reuse test expects back.
@Suite("Tensor buffer cache", .serialized)
struct BufferCacheTests {
    @Test("A released large buffer is handed out again for the same rounded size, and only for it")
    func reusesLargeBuffers() throws {
        let bytes = 4096 * 97 + 3  // rounds to 98 pages
        let first = try #require(icnn_buffer_acquire(bytes))
        first.storeBytes(of: 0x5A, toByteOffset: bytes - 1, as: UInt8.self)
        icnn_buffer_release(first, bytes)
        #expect(icnn_buffer_cached_bytes() >= 4096 * 98)
        let other = try #require(icnn_buffer_acquire(4096 * 113))  // another size: a different buffer
        #expect(other != first)
        let again = try #require(icnn_buffer_acquire(4096 * 98))  // same rounded size
        #expect(again == first)
        #expect(Int(bitPattern: again) % 64 == 0)
        icnn_buffer_release(again, 4096 * 98)
        icnn_buffer_release(other, 4096 * 113)
    }

    @Test("Buffers below the cache threshold are aligned and writable; zero bytes gives a valid buffer")
    func smallBuffers() throws {
        for bytes in [0, 1, 63, 64, 65, 4096, 16383] {
            let buffer = try #require(icnn_buffer_acquire(bytes))
            #expect(Int(bitPattern: buffer) % 64 == 0)
            if bytes > 0 { buffer.storeBytes(of: 1, toByteOffset: bytes - 1, as: UInt8.self) }
            icnn_buffer_release(buffer, bytes)
        }
        icnn_buffer_release(nil, 1 << 20)
    }

    @Test("Tensors built on recycled buffers hold exactly what was written", arguments: [16_385, 100_000])
    func recycledTensorsAreWritten(count: Int) {
        for round in 0..<4 {
            let value = Float(round) + 0.5
            let t = Tensor<Float>(repeating: value, shape: [count])
            let doubled = t * 2
            #expect(doubled.scalars.allSatisfy { $0 == 2 * value })
            #expect(t.scalars.allSatisfy { $0 == value })
        }
    }

    @Test("The cache stays within its bound while many buffers come and go")
    func staysBounded() throws {
        let bytes = 4096 * 1021  // about 4 MiB each
        var held: [UnsafeMutableRawPointer] = []
        for _ in 0..<80 { held.append(try #require(icnn_buffer_acquire(bytes))) }
        for buffer in held { icnn_buffer_release(buffer, bytes) }
        #expect(icnn_buffer_cached_bytes() <= 256 << 20)
    }
}
