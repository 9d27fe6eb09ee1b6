/// Per-column affine standardisation z = (v − mean)/scale, fitted on training data, and its inverse.
///
/// Standardising inputs and target is an affine change of variables with positive scales, so it preserves
/// convexity in every input: f(x) = s_y·g((x − m)/s) + m_y is convex whenever g is.
public struct Standardization: Sendable, Hashable, Codable {
    /// Column means.
    public var mean: [Float]
    /// Column scales (standard deviations, with constant columns given scale 1).
    public var scale: [Float]

    /// The identity transform for `columns` columns.
    public init(identity columns: Int) {
        mean = Array(repeating: 0, count: columns)
        scale = Array(repeating: 1, count: columns)
    }

    /// Means and standard deviations of the columns of `data` [n, c], accumulated in Double.
    /// - Precondition: at least one row.
    public init(fitting data: Tensor<Float>) {
        precondition(data.rank == 2 && data.shape[0] > 0, "standardisation needs a non-empty [n, c] table")
        let (n, c) = (data.shape[0], data.shape[1])
        var sum = [Double](repeating: 0, count: c), squares = sum
        data.withUnsafeBufferPointer { p in
            for r in 0..<n { for j in 0..<c { sum[j] += Double(p[r * c + j]) } }
            let means = sum.map { $0 / Double(n) }
            for r in 0..<n { for j in 0..<c { let d = Double(p[r * c + j]) - means[j]; squares[j] += d * d } }
        }
        mean = sum.map { Float($0 / Double(n)) }
        scale = squares.map { s in
            let sd = (s / Double(n)).squareRoot()
            return sd > 1e-12 ? Float(sd) : 1
        }
    }

    /// (v − mean)/scale, columnwise (differentiable in v).
    public func apply(_ v: Tensor<Float>) -> Tensor<Float> {
        (v - Tensor(mean)) * Tensor(scale.map { 1 / $0 })
    }

    /// v·scale + mean, columnwise (differentiable in v).
    public func invert(_ v: Tensor<Float>) -> Tensor<Float> {
        v * Tensor(scale) + Tensor(mean)
    }
}
