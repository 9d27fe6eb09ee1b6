import CICNNKernels

/// The heap buffer behind a `Tensor`: `count` scalars, 64-byte aligned (one cache line, one AVX-512 vector), owned
/// by this object and given back with it (`icnn_buffer_acquire`/`icnn_buffer_release`: buffers of 16 KiB or more
/// are recycled for later tensors of the same size instead of being unmapped, which saves a page fault per 4 KiB).
/// Tensors share a storage until one of them mutates (copy-on-write).
@usableFromInline
final class TensorStorage<Scalar: TensorScalar>: @unchecked Sendable {
    /// Alignment of every buffer, in bytes.
    @usableFromInline static var alignment: Int { 64 }

    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    @usableFromInline let count: Int

    /// A buffer of `count` scalars whose contents are undefined until written.
    @usableFromInline
    init(uninitializedCount count: Int) {
        require(count >= 0, "negative element count \(count)")
        let raw = icnn_buffer_acquire(Self.byteCount(count))!
        self.base = raw.bindMemory(to: Scalar.self, capacity: Swift.max(count, 1))
        self.count = count
    }

    /// A buffer of `count` copies of `value`.
    @usableFromInline
    convenience init(repeating value: Scalar, count: Int) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    /// A copy of this buffer.
    @usableFromInline
    @inline(never)
    func copy() -> TensorStorage {
        let other = TensorStorage(uninitializedCount: count)
        other.base.update(from: base, count: count)
        return other
    }

    /// The bytes requested for `count` scalars (at least one scalar, so the pointer is never dangling).
    @usableFromInline
    static func byteCount(_ count: Int) -> Int { Swift.max(count, 1) * MemoryLayout<Scalar>.stride }

    deinit {
        icnn_buffer_release(base, Self.byteCount(count))
    }
}
