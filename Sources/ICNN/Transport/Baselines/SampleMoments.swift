/// The mean and covariance of a point cloud, in Double: the Gaussian that a "linear" transport baseline fits.
public struct SampleMoments: Sendable {
    /// The column means, d values.
    public var mean: [Double]
    /// The covariance, `[d, d]`, exactly symmetric.
    public var covariance: Tensor<Double>

    /// The mean and the unbiased covariance (1/(n − 1)) of the rows of `points`, accumulated in Double.
    /// - Precondition: `points` is `[n, d]` with n ≥ 2.
    public init(of points: Tensor<Double>) {
        let (n, d) = PointCloud.shape(points, "sample moments")
        precondition(n >= 2, "sample moments need at least 2 points, got \(n)")
        let m = PointCloud.mean(points)
        var c = [Double](repeating: 0, count: d * d)
        points.withUnsafeBufferPointer { p in
            var centred = [Double](repeating: 0, count: d)
            for i in 0..<n {
                for k in 0..<d { centred[k] = p[i * d + k] - m[k] }
                for a in 0..<d { for b in a..<d { c[a * d + b] += centred[a] * centred[b] } }
            }
        }
        for a in 0..<d {
            for b in a..<d {
                c[a * d + b] /= Double(n - 1)
                c[b * d + a] = c[a * d + b]
            }
        }
        self.mean = m
        self.covariance = Tensor(shape: [d, d], scalars: c)
    }

    /// Given moments.
    /// - Precondition: `covariance` is `[d, d]` with d = mean.count.
    public init(mean: [Double], covariance: Tensor<Double>) {
        precondition(
            covariance.shape == [mean.count, mean.count],
            "moments: a mean of \(mean.count) values with a covariance of shape \(covariance.shape)"
        )
        self.mean = mean
        self.covariance = covariance
    }
}
