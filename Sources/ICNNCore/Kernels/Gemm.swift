import CICNNKernels
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Matrix multiplication, C = α·op(A)·op(B) + β·C, on row-major matrices given as pointers, extents and
/// leading dimensions, computed by the packed, register-blocked C kernels of `CICNNKernels` (AVX-512, AVX2+FMA or
/// portable, chosen at run time) and split over threads for large products.
///
/// Shapes: op(A) is m×k, op(B) is k×n, C is m×n. A is stored m×k (row i at `a + i·lda`) or, when `transposeA`,
/// k×m (row p at `a + p·lda`); B is stored k×n or, when `transposeB`, n×k; row i of C is at `c + i·ldc`.
///
/// Edge cases: `m == 0` or `n == 0` does nothing; `k == 0` or `α == 0` only scales C by β (A and B are not
/// read); `β == 0` overwrites C without reading it, so NaN or uninitialised values in C are ignored.
///
/// Determinism: every element of C is accumulated in a fixed order that depends only on the level and on
/// (m, n, k, transposes), never on the thread count: results are bit-identical for any `threads`. Different
/// levels differ in the last bits (fused multiply-add or not).
///
/// Error: each element is a sum of k products accumulated in Float (Double), with fused multiply-adds except at
/// the portable level, so its error is at most about (k + 2)·ε·(Σ|α·aᵢₚ·bₚⱼ| + |β·cᵢⱼ|) (ε = 2⁻²⁴ for Float,
/// 2⁻⁵³ for Double), and typically √k times smaller.
public enum Gemm {
    /// The instruction-set variants of the kernels. Any level up to ``best`` may be requested; asking for a
    /// higher one runs ``best``.
    public enum Level: Int, Sendable, CaseIterable, Comparable {
        /// Plain C for the compiler's baseline (SSE2 on x86-64), no fused multiply-add.
        case portable = 0
        /// AVX2 with FMA: 6×16 (Float) and 6×8 (Double) register tiles.
        case avx2 = 1
        /// AVX-512F: 12×32 (Float) and 12×16 (Double) register tiles.
        case avx512 = 2

        /// The best level of this CPU, lowered by the environment variable `ICNN_CPU=portable|avx2|avx512`.
        public static var best: Level { Level(rawValue: Int(icnn_cpu_level().rawValue)) ?? .portable }

        /// Orders levels by capability: portable < avx2 < avx512.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        var cValue: icnn_cpu_level_t { icnn_cpu_level_t(rawValue: UInt32(rawValue)) }
    }

    /// The most threads a product may use: the environment variable `ICNN_THREADS` when it holds a positive
    /// integer, otherwise the number of online cores. Read once.
    public static let maximumThreads: Int = icnn_thread_limit()

    /// Products with fewer multiply-adds than this (m·n·k) run on one thread. Threaded products run on the engine's
    /// worker pool (`icnn_pool.h`), whose worker spins briefly between jobs: handing it a part costs about a
    /// microsecond when it is running, against 12–80 µs for waking a thread with `DispatchQueue.concurrentPerform`.
    /// 2²¹ multiply-adds take 12–20 µs on one core, so from there a second thread saves more than it costs; below it
    /// (e.g. 256×64×64) the product stays on the calling thread. See also ``wakeThreshold``.
    public static let parallelThreshold = 1 << 21

    /// Products with at least this many multiply-adds (about 150 µs on one core) wake a parked worker; smaller
    /// threaded products use a worker only if one is running at that moment, and otherwise stay on the calling
    /// thread (waking a thread costs 10–80 µs).
    public static let wakeThreshold = 1 << 24

    /// The thread count the default policy picks for an m×k by k×n product: 1 below ``parallelThreshold``
    /// multiply-adds, otherwise ``maximumThreads``, and never more threads than there are register tiles of C
    /// along the split dimension.
    /// - Returns: a count in `1...maximumThreads`.
    public static func recommendedThreads(m: Int, n: Int, k: Int) -> Int {
        let work = m.multipliedReportingOverflow(by: n)
        guard !work.overflow else { return maximumThreads }
        let total = work.partialValue.multipliedReportingOverflow(by: k)
        if !total.overflow && total.partialValue < parallelThreshold { return 1 }
        let (rows, columns) = tile(isDouble: false)
        let tiles = m >= n ? (m + rows - 1) / rows : (n + columns - 1) / columns
        return max(1, min(maximumThreads, tiles))
    }

    /// C = α·op(A)·op(B) + β·C in single precision (see ``Gemm`` for shapes, edge cases and error).
    /// - Parameters:
    ///   - transposeA: A is stored k×m and used transposed.
    ///   - transposeB: B is stored n×k and used transposed.
    ///   - m: rows of op(A) and C, ≥ 0.
    ///   - n: columns of op(B) and C, ≥ 0.
    ///   - k: columns of op(A), rows of op(B), ≥ 0.
    ///   - alpha: scale of the product.
    ///   - a: A's first element.
    ///   - lda: distance between A's stored rows, ≥ its stored row length (k, or m when transposed).
    ///   - b: B's first element.
    ///   - ldb: distance between B's stored rows, ≥ its stored row length (n, or k when transposed).
    ///   - beta: scale of the addend (C's previous contents unless `addend` is given); 0 ignores it.
    ///   - addend: D, read instead of C's previous contents: C = α·op(A)·op(B) + β·D, with row i of D at
    ///     `addend + i·ldAddend` (`ldAddend` 0 repeats one row, e.g. a bias). It must not overlap C. Bit-identical
    ///     to copying D into C first, without that extra pass.
    ///   - ldAddend: distance between D's rows: 0, or at least n.
    ///   - c: C's first element; must not overlap A or B.
    ///   - ldc: distance between C's rows, ≥ n.
    ///   - threads: threads to split C over, or `nil` for ``recommendedThreads(m:n:k:)``. The result is the
    ///     same for every count. With `nil`, a product below ``wakeThreshold`` multiply-adds runs on the calling
    ///     thread alone when no worker is running at that moment; an explicit count always hands parts to the pool.
    ///   - level: the kernel variant; ``Level/best`` unless testing.
    /// - Precondition: extents non-negative, leading dimensions at least the stored row lengths (and ≥ 1),
    ///   `threads` ≥ 1 when given.
    /// - Complexity: 2·m·n·k flops.
    public static func multiply(
        transposeA: Bool = false,
        transposeB: Bool = false,
        m: Int,
        n: Int,
        k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>,
        lda: Int,
        b: UnsafePointer<Float>,
        ldb: Int,
        beta: Float = 0,
        addend: UnsafePointer<Float>? = nil,
        ldAddend: Int = 0,
        c: UnsafeMutablePointer<Float>,
        ldc: Int,
        threads: Int? = nil,
        level: Level = .best
    ) {
        checkArguments(transposeA, transposeB, m, n, k, lda, ldb, ldc, threads)
        require(ldAddend == 0 || ldAddend >= n, "Gemm: ldAddend=\(ldAddend) is neither 0 nor at least n=\(n)")
        let parts = partCount(m: m, n: n, k: k, threads: threads, isDouble: false, level: level)
        let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0
        let (d, ldd) = addend.map { ($0, ldAddend) } ?? (UnsafePointer(c), ldc)
        guard parts > 1 else {
            icnn_sgemm_addend_part(
                level.cValue,
                ta,
                tb,
                m,
                n,
                k,
                alpha,
                a,
                lda,
                b,
                ldb,
                beta,
                d,
                ldd,
                c,
                ldc,
                0,
                m,
                0,
                n
            )
            return
        }
        icnn_sgemm_addend_parallel(
            level.cValue,
            ta,
            tb,
            m,
            n,
            k,
            alpha,
            a,
            lda,
            b,
            ldb,
            beta,
            d,
            ldd,
            c,
            ldc,
            parts,
            wakes(m: m, n: n, k: k, threads: threads) ? 1 : 0
        )
    }

    /// C = α·op(A)·op(B) + β·C in double precision (see ``Gemm`` for shapes, edge cases and error, with
    /// ε = 2⁻⁵³). Parameters, preconditions and threading as in the Float version.
    /// - Complexity: 2·m·n·k flops.
    public static func multiply(
        transposeA: Bool = false,
        transposeB: Bool = false,
        m: Int,
        n: Int,
        k: Int,
        alpha: Double = 1,
        a: UnsafePointer<Double>,
        lda: Int,
        b: UnsafePointer<Double>,
        ldb: Int,
        beta: Double = 0,
        addend: UnsafePointer<Double>? = nil,
        ldAddend: Int = 0,
        c: UnsafeMutablePointer<Double>,
        ldc: Int,
        threads: Int? = nil,
        level: Level = .best
    ) {
        checkArguments(transposeA, transposeB, m, n, k, lda, ldb, ldc, threads)
        require(ldAddend == 0 || ldAddend >= n, "Gemm: ldAddend=\(ldAddend) is neither 0 nor at least n=\(n)")
        let parts = partCount(m: m, n: n, k: k, threads: threads, isDouble: true, level: level)
        let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0
        let (d, ldd) = addend.map { ($0, ldAddend) } ?? (UnsafePointer(c), ldc)
        guard parts > 1 else {
            icnn_dgemm_addend_part(
                level.cValue,
                ta,
                tb,
                m,
                n,
                k,
                alpha,
                a,
                lda,
                b,
                ldb,
                beta,
                d,
                ldd,
                c,
                ldc,
                0,
                m,
                0,
                n
            )
            return
        }
        icnn_dgemm_addend_parallel(
            level.cValue,
            ta,
            tb,
            m,
            n,
            k,
            alpha,
            a,
            lda,
            b,
            ldb,
            beta,
            d,
            ldd,
            c,
            ldc,
            parts,
            wakes(m: m, n: n, k: k, threads: threads) ? 1 : 0
        )
    }

    /// The measured single-precision FMA peak: a register-only loop of independent fused multiply-adds at the
    /// best level, run on `threads` threads at once for `iterations` steps each (about 1.5 ms per 10⁶ steps).
    /// - Returns: the summed GFLOP/s of all threads (2 flops per lane per FMA).
    /// - Precondition: `threads` ≥ 1, `iterations` ≥ 1.
    public static func fmaPeakGigaflops(threads: Int = 1, iterations: Int = 20_000_000) -> Double {
        require(threads >= 1 && iterations >= 1, "Gemm: threads=\(threads), iterations=\(iterations) < 1")
        if threads == 1 { return icnn_fma_peak_gflops(iterations) }
        let rates = Results(count: threads)
        defer { rates.base.deallocate() }
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            rates.base[index] = icnn_fma_peak_gflops(iterations)
        }
        return (0..<threads).reduce(0) { $0 + rates.base[$1] }
    }

    /// Traps with both extents in the message when an argument is out of range (programmer error).
    private static func checkArguments(
        _ transposeA: Bool,
        _ transposeB: Bool,
        _ m: Int,
        _ n: Int,
        _ k: Int,
        _ lda: Int,
        _ ldb: Int,
        _ ldc: Int,
        _ threads: Int?
    ) {
        require(m >= 0 && n >= 0 && k >= 0, "Gemm: negative extent in m=\(m) n=\(n) k=\(k)")
        let aRow = transposeA ? m : k, bRow = transposeB ? k : n
        require(lda >= max(1, aRow), "Gemm: lda=\(lda) is less than A's stored row length \(aRow)")
        require(ldb >= max(1, bRow), "Gemm: ldb=\(ldb) is less than B's stored row length \(bRow)")
        require(ldc >= max(1, n), "Gemm: ldc=\(ldc) is less than n=\(n)")
        if let threads { require(threads >= 1, "Gemm: threads=\(threads) must be at least 1") }
    }

    /// The number of blocks C is split into: the requested or recommended threads, at most one per tile.
    private static func partCount(m: Int, n: Int, k: Int, threads: Int?, isDouble: Bool, level: Level) -> Int {
        guard m > 0, n > 0 else { return 1 }
        let requested = threads ?? recommendedThreads(m: m, n: n, k: k)
        guard requested > 1 else { return 1 }
        let (rows, columns) = tile(isDouble: isDouble, level: level)
        let tiles = m >= n ? (m + rows - 1) / rows : (n + columns - 1) / columns
        return max(1, min(requested, tiles))
    }

    /// Whether a threaded product may wake parked workers: always when the caller chose the thread count,
    /// otherwise from ``wakeThreshold`` multiply-adds.
    private static func wakes(m: Int, n: Int, k: Int, threads: Int?) -> Bool {
        if threads != nil { return true }
        let (mn, o1) = m.multipliedReportingOverflow(by: n)
        let (mnk, o2) = mn.multipliedReportingOverflow(by: k)
        return o1 || o2 || mnk >= wakeThreshold
    }

    /// The register tile (rows, columns of C) of a level's kernel.
    private static func tile(isDouble: Bool, level: Level = .best) -> (rows: Int, columns: Int) {
        var rows = 0, columns = 0
        icnn_gemm_tile(level.cValue, isDouble ? 1 : 0, &rows, &columns)
        return (rows, columns)
    }

    /// One result slot per thread. Sound because each thread writes only its own slot and the slots are read
    /// after `concurrentPerform` returns.
    private struct Results: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
        init(count: Int) {
            base = .allocate(capacity: count)
            base.initialize(repeating: 0, count: count)
        }
    }
}
