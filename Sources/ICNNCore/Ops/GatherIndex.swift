/// A fixed map from the positions of one output row to the positions of one input row, applied to every row of a
/// batch by `Tensor.gathered(_:)` (and transposed by `Tensor.scatterAdded(_:)`).
///
/// Entry j of an output row is entry `indices[j]` of the input row, or 0 where `indices[j]` is −1 (padding).
/// Convolutions are built on it: `Convolution2D.patchIndex` lists, for every output pixel, the input pixels under
/// the kernel, so a convolution is a gather followed by one matrix multiply.
public struct GatherIndex: Sendable, Hashable {
    /// The length of an input row.
    public let sourceCount: Int
    /// For each output position, the input position it copies, or −1 for a zero.
    public let indices: [Int32]

    /// A map over input rows of `sourceCount` entries.
    /// - Precondition: every index is −1 or in 0..<sourceCount, and sourceCount < 2³¹.
    public init(sourceCount: Int, indices: [Int32]) {
        require(sourceCount >= 0 && sourceCount <= Int(Int32.max), "gather source length \(sourceCount) out of range")
        for i in indices {
            require(i >= -1 && Int(i) < sourceCount, "gather index \(i) out of range for a source of \(sourceCount)")
        }
        self.sourceCount = sourceCount
        self.indices = indices
    }

    /// The length of an output row.
    public var count: Int { indices.count }
}
