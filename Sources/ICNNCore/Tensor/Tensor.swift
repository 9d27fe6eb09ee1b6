/// An N-dimensional array of `Scalar`s: contiguous, row-major, batch first, with value semantics.
///
/// A tensor is either *untracked* (a plain value) or *tracked* by a `Tape`, which records every operation applied
/// to it so that gradients can be computed (see `Tape` and `gradient(of:wrt:createGraph:)`). Operations on
/// untracked tensors record nothing and cost nothing extra. Storage is shared between copies until one of them is
/// mutated (copy-on-write); mutating a tracked tensor detaches the result from its tape.
public struct Tensor<Scalar: TensorScalar>: @unchecked Sendable {
    /// The extent of each axis; `[]` is a scalar (one element).
    public let shape: [Int]
    @usableFromInline var storage: TensorStorage<Scalar>
    /// The tape that recorded this tensor, if any, and its position there.
    @usableFromInline var tape: Tape<Scalar>?
    @usableFromInline var tapeIndex: Int

    @usableFromInline
    init(shape: [Int], storage: TensorStorage<Scalar>, tape: Tape<Scalar>? = nil, tapeIndex: Int = -1) {
        self.shape = shape
        self.storage = storage
        self.tape = tape
        self.tapeIndex = tapeIndex
    }

    /// The number of elements (the product of the shape; 1 for a scalar).
    @inlinable public var count: Int { storage.count }

    /// The number of axes.
    @inlinable public var rank: Int { shape.count }

    /// Whether a tape is recording operations on this tensor.
    @inlinable public var isTracked: Bool { tape != nil }

    /// The same values, not tracked by any tape: gradients do not flow through the result ("stop gradient").
    @inlinable public var detached: Tensor { Tensor(shape: shape, storage: storage) }
}

// MARK: - Creation

extension Tensor {
    /// A tensor of the given shape whose elements are `scalars` in row-major order.
    /// - Precondition: `scalars.count` equals the product of `shape`; no extent is negative.
    public init(shape: [Int], scalars: [Scalar]) {
        let n = Self.elementCount(shape)
        require(scalars.count == n, "shape \(shape) needs \(n) scalars, got \(scalars.count)")
        let s = TensorStorage<Scalar>(uninitializedCount: n)
        scalars.withUnsafeBufferPointer { src in
            if let p = src.baseAddress { s.base.update(from: p, count: n) }
        }
        self.init(shape: shape, storage: s)
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(repeating value: Scalar, shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Self.elementCount(shape)))
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// A tensor of ones.
    public init(ones shape: [Int]) { self.init(repeating: 1, shape: shape) }

    /// A rank-0 tensor holding `value`.
    public init(_ value: Scalar) { self.init(repeating: value, shape: []) }

    /// A rank-1 tensor holding `scalars`.
    public init(_ scalars: [Scalar]) { self.init(shape: [scalars.count], scalars: scalars) }

    /// A rank-2 tensor from its rows.
    /// - Precondition: all rows have the same length.
    public init(rows: [[Scalar]]) {
        let columns = rows.first?.count ?? 0
        require(rows.allSatisfy { $0.count == columns }, "ragged rows: lengths \(rows.map(\.count))")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A tensor with uninitialised contents, for kernels that write every element.
    @usableFromInline
    init(uninitialized shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(uninitializedCount: Self.elementCount(shape)))
    }

    /// The same values converted to another scalar type (rounded to nearest). Not tracked.
    public func converted<Other: TensorScalar>(to type: Other.Type = Other.self) -> Tensor<Other> {
        let out = Tensor<Other>(uninitialized: shape)
        let src = storage.base
        let dst = out.storage.base
        for i in 0..<count { dst[i] = Other(src[i]) }
        return out
    }

    @usableFromInline
    static func elementCount(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape {
            require(d >= 0, "negative extent in shape \(shape)")
            n *= d
        }
        return n
    }
}

// MARK: - Access

extension Tensor {
    /// All elements in row-major order.
    public var scalars: [Scalar] {
        Array(UnsafeBufferPointer(start: storage.base, count: count))
    }

    /// The single element of a tensor with one element (any shape).
    /// - Precondition: `count == 1`.
    public var scalar: Scalar {
        require(count == 1, "scalar of a tensor with shape \(shape)")
        return storage.base[0]
    }

    /// The element at a multi-index.
    /// - Precondition: one index per axis, each within its extent.
    public subscript(_ index: Int...) -> Scalar {
        get { storage.base[offset(index)] }
        set {
            let o = offset(index)
            makeUnique()
            storage.base[o] = newValue
        }
    }

    /// The element at a row-major flat position.
    public subscript(flat position: Int) -> Scalar {
        get {
            require(position >= 0 && position < count, "flat index \(position) out of range for shape \(shape)")
            return storage.base[position]
        }
        set {
            require(position >= 0 && position < count, "flat index \(position) out of range for shape \(shape)")
            makeUnique()
            storage.base[position] = newValue
        }
    }

    func offset(_ index: [Int]) -> Int {
        require(index.count == rank, "index \(index) has \(index.count) components for shape \(shape)")
        var o = 0
        for axis in 0..<rank {
            require(index[axis] >= 0 && index[axis] < shape[axis], "index \(index) out of range for shape \(shape)")
            o = o * shape[axis] + index[axis]
        }
        return o
    }

    /// Calls `body` with the elements in row-major order.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: count))
    }

    /// Calls `body` with mutable access to the elements (copying first if the storage is shared). The result is
    /// no longer tracked by a tape.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: count))
    }

    /// Ensures the storage is not shared, and detaches from any tape (the recorded value must not change).
    @inlinable
    mutating func makeUnique() {
        tape = nil
        tapeIndex = -1
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape and, for small tensors, the values.
    public var description: String {
        let values = count <= 16 ? scalars.map { "\($0)" }.joined(separator: ", ") : "\(count) values"
        return "Tensor<\(Scalar.self)>(shape: \(shape), [\(values)])"
    }
}
