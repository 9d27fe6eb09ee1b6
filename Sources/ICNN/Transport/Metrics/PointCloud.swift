/// Helpers shared by the transport metrics and baselines: point clouds are `Tensor<Double>` of shape [n, d] (one
/// point per row), compared with exact pairwise differences (no ‖x‖² + ‖y‖² − 2⟨x, y⟩ cancellation, so the
/// distance of a point to itself is exactly 0).
enum PointCloud {
    /// Checks that `x` is a non-empty [n, d] cloud and returns (n, d).
    static func shape(_ x: Tensor<Double>, _ name: String) -> (n: Int, d: Int) {
        precondition(
            x.rank == 2 && x.shape[0] > 0 && x.shape[1] > 0,
            "\(name): a non-empty [n, d] cloud, got \(x.shape)"
        )
        return (x.shape[0], x.shape[1])
    }

    /// Checks that two clouds have the same dimension and returns it.
    static func commonDimension(_ x: Tensor<Double>, _ y: Tensor<Double>, _ name: String) -> Int {
        let (_, d) = shape(x, name), (_, e) = shape(y, name)
        precondition(d == e, "\(name): clouds of shapes \(x.shape) and \(y.shape) differ in dimension")
        return d
    }

    /// The row-major [n, m] matrix of ‖xᵢ − yⱼ‖².
    /// - Complexity: n·m·d multiply-adds.
    static func squaredDistances(_ x: Tensor<Double>, _ y: Tensor<Double>) -> [Double] {
        let d = commonDimension(x, y, "squaredDistances")
        let (n, m) = (x.shape[0], y.shape[0])
        var out = [Double](repeating: 0, count: n * m)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                out.withUnsafeMutableBufferPointer { o in
                    let (xb, yb, ob) = (xp.baseAddress!, yp.baseAddress!, o.baseAddress!)
                    for i in 0..<n {
                        for j in 0..<m {
                            var s = 0.0
                            for k in 0..<d {
                                let t = xb[i * d + k] - yb[j * d + k]
                                s += t * t
                            }
                            ob[i * m + j] = s
                        }
                    }
                }
            }
        }
        return out
    }

    /// The column means of an [n, d] cloud.
    static func mean(_ x: Tensor<Double>) -> [Double] {
        let (n, d) = shape(x, "mean")
        var m = [Double](repeating: 0, count: d)
        x.withUnsafeBufferPointer { p in
            for i in 0..<n { for k in 0..<d { m[k] += p[i * d + k] } }
        }
        return m.map { $0 / Double(n) }
    }
}
