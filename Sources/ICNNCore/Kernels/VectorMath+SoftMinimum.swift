import CICNNKernels

extension VectorMath {
    /// The row soft minima of the log-domain Sinkhorn iteration, in Double:
    ///
    ///     out[i] = −ε·log((1/columns) Σⱼ exp((h[j] − C[i, j]) / ε))
    ///
    /// for a row-major `rows`×`columns` cost C, with each row's maximum of h[j] − C[i, j] factored out (no
    /// overflow). Runs the C kernel `icnn_softmin_rows_f64`: a degree-13 polynomial exponential (terms with
    /// arguments below −708, smaller than 2⁻¹⁰²¹ against the largest term of 1, count as 0) and 8 interleaved
    /// partial sums, so results agree with the plain libm loop to 10⁻¹³·(|out[i]| + ε) (tested), not bit for bit.
    /// - Parameters:
    ///   - cost: `rows`·`columns` finite costs, row-major.
    ///   - potential: `columns` finite values h.
    ///   - epsilon: the regularisation ε, positive and finite.
    ///   - out: `rows` results.
    ///   - level: the instruction set (default: the CPU's best; a higher one than the CPU has runs the best).
    /// - Precondition: `rows, columns ≥ 0`, ε > 0 finite. Finiteness of the inputs is the caller's to check.
    /// - Complexity: O(rows·columns); no allocation.
    public static func softMinimumRows(
        _ cost: UnsafePointer<Double>,
        rows: Int,
        columns: Int,
        potential: UnsafePointer<Double>,
        epsilon: Double,
        into out: UnsafeMutablePointer<Double>,
        level: Gemm.Level = .best
    ) {
        require(rows >= 0 && columns >= 0, "VectorMath.softMinimumRows: negative size \(rows)×\(columns)")
        require(epsilon > 0 && epsilon.isFinite, "VectorMath.softMinimumRows: ε must be positive, got \(epsilon)")
        icnn_softmin_rows_f64_level(level.cValue, cost, rows, columns, potential, epsilon, out)
    }
}
