import ICNN

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures ``Gemm`` in GFLOP/s beside the machine's FMA peak and, when `libopenblas` can be loaded at run time,
/// beside OpenBLAS's `cblas_sgemm` on the same operands in the same process. Nothing here prints.
public enum GemmBenchmark {
    /// One single-precision product: op(A) is m×k, op(B) is k×n (see ``Gemm`` for the transposed layouts).
    public struct Shape: Sendable, Hashable, CustomStringConvertible {
        /// Rows of op(A) and C.
        public var m: Int
        /// The inner extent.
        public var k: Int
        /// Columns of op(B) and C.
        public var n: Int
        /// A is stored k×m.
        public var transposeA: Bool
        /// B is stored n×k.
        public var transposeB: Bool

        /// A product of op(A) (m×k) and op(B) (k×n).
        /// - Precondition: extents ≥ 1.
        public init(m: Int, k: Int, n: Int, transposeA: Bool = false, transposeB: Bool = false) {
            precondition(m >= 1 && k >= 1 && n >= 1, "GemmBenchmark.Shape: extents \(m)×\(k)×\(n) must be ≥ 1")
            (self.m, self.k, self.n, self.transposeA, self.transposeB) = (m, k, n, transposeA, transposeB)
        }

        /// "M×K×N" and the layout, e.g. "1024×256×256 NN" (T marks a transposed operand).
        public var description: String {
            "\(m)×\(k)×\(n) \(transposeA ? "T" : "N")\(transposeB ? "T" : "N")"
        }

        /// Floating-point operations of one product: 2·m·n·k.
        public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    /// The timings of one shape at one thread count.
    public struct Measurement: Sendable {
        /// The product measured.
        public var shape: Shape
        /// Threads used by both libraries.
        public var threads: Int
        /// Our GFLOP/s: flops over the median time.
        public var gigaflops: Double
        /// Our median time per product, in seconds.
        public var seconds: Double
        /// Our GFLOP/s over the fastest run: on a machine shared with other work, closer to what the kernel
        /// does undisturbed than the median.
        public var bestGigaflops: Double
        /// OpenBLAS's GFLOP/s (median) on the same operands, or nil when OpenBLAS could not be loaded.
        public var openBLASGigaflops: Double?
        /// OpenBLAS's GFLOP/s over its fastest run, or nil.
        public var openBLASBestGigaflops: Double?
    }

    /// The shapes the project reports: the three square-ish NN targets, then the layouts backpropagation uses:
    /// X·Wᵀ forward (NT), G·W for the input gradient (NN) and Gᵀ·X for the weight gradient (TN, k = batch).
    public static let standardShapes: [Shape] = [
        Shape(m: 256, k: 64, n: 64), Shape(m: 1024, k: 256, n: 256), Shape(m: 4096, k: 1024, n: 1024),
        Shape(m: 256, k: 64, n: 64, transposeB: true), Shape(m: 1024, k: 256, n: 256, transposeB: true),
        Shape(m: 4096, k: 1024, n: 1024, transposeB: true),
        Shape(m: 64, k: 256, n: 64, transposeA: true), Shape(m: 256, k: 1024, n: 256, transposeA: true),
        Shape(m: 1024, k: 4096, n: 1024, transposeA: true), Shape(m: 64, k: 256, n: 2, transposeA: true),
        Shape(m: 256, k: 2, n: 64, transposeB: true), Shape(m: 256, k: 64, n: 2),
    ]

    /// Times `shape` on `threads` threads: a warm-up, then `repeats` products (by default as many as fit in about
    /// a quarter of a second, between 5 and 101), reporting the median and the fastest, and OpenBLAS the same way
    /// when available. On one thread the two libraries' products alternate, so both see the same load; with
    /// threads they run in alternating blocks (``blockOrder(pairs:)``, four of each), with a pause after each
    /// OpenBLAS block for its spinning workers to sleep.
    /// Operands are filled with a fixed pseudo-random pattern; β = 0.
    /// - Precondition: `threads` ≥ 1.
    public static func measure(_ shape: Shape, threads: Int, repeats: Int? = nil) -> Measurement {
        precondition(threads >= 1, "GemmBenchmark: threads=\(threads) must be ≥ 1")
        let operands = Operands(shape)
        defer { operands.deallocate() }
        let ourProduct = {
            Gemm.multiply(
                transposeA: shape.transposeA,
                transposeB: shape.transposeB,
                m: shape.m,
                n: shape.n,
                k: shape.k,
                a: operands.a,
                lda: operands.lda,
                b: operands.b,
                ldb: operands.ldb,
                c: operands.c,
                ldc: shape.n,
                threads: threads
            )
        }
        guard let blas = OpenBLAS.shared else {
            return measurement(shape, threads, ours: timeRuns(repeats: repeats, [ourProduct])[0], theirs: nil)
        }
        blas.setThreads(Int32(threads))
        let theirProduct = {
            blas.sgemm(
                101,
                shape.transposeA ? 112 : 111,
                shape.transposeB ? 112 : 111,
                Int32(shape.m),
                Int32(shape.n),
                Int32(shape.k),
                1,
                operands.a,
                Int32(operands.lda),
                operands.b,
                Int32(operands.ldb),
                0,
                operands.c,
                Int32(shape.n)
            )
        }
        if threads == 1 {
            // Alternately, so that both see the same load on a shared machine.
            let times = timeRuns(repeats: repeats, [ourProduct, theirProduct])
            return measurement(shape, threads, ours: times[0], theirs: times[1])
        }
        // OpenBLAS's idle workers spin (sched_yield) for a while after each call and slow down whatever runs next
        // (our two-thread 1024×512×512 at one thread's speed, docs/ENGINE.md session 12), so with threads the two
        // libraries are timed in blocks, never interleaved call by call, and its workers are let fall asleep after
        // each of its blocks. The blocks alternate in the order of ``blockOrder(pairs:)``, so a drift of the
        // machine's speed during the measurement weighs on both alike.
        let count = runCount(repeats: repeats, [ourProduct, theirProduct])
        usleep(200_000)
        let order = blockOrder(pairs: Self.threadedBlockPairs)
        let perBlock = max(1, (count + Self.threadedBlockPairs - 1) / Self.threadedBlockPairs)
        var ours: [Double] = [], theirs: [Double] = []
        for oursNext in order {
            if oursNext {
                ours += sample(perBlock, [ourProduct])[0]
            } else {
                theirs += sample(perBlock, [theirProduct])[0]
                usleep(200_000)
            }
        }
        return measurement(shape, threads, ours: summary(ours), theirs: summary(theirs))
    }

    /// A measurement from median and best seconds per product.
    private static func measurement(
        _ shape: Shape,
        _ threads: Int,
        ours: (median: Double, best: Double),
        theirs: (median: Double, best: Double)?
    ) -> Measurement {
        let rate = { (seconds: Double) in shape.flops / seconds * 1e-9 }
        return Measurement(
            shape: shape,
            threads: threads,
            gigaflops: rate(ours.median),
            seconds: ours.median,
            bestGigaflops: rate(ours.best),
            openBLASGigaflops: theirs.map { rate($0.median) },
            openBLASBestGigaflops: theirs.map { rate($0.best) }
        )
    }

    /// The FMA peak in GFLOP/s with `threads` threads at once (best of three runs of about 30 ms each).
    public static func fmaPeak(threads: Int) -> Double {
        (0..<3).map { _ in Gemm.fmaPeakGigaflops(threads: threads, iterations: 20_000_000) }.max() ?? 0
    }

    /// How fast one CPU is on its own: its FMA peak and a one-thread product, both measured with the calling
    /// thread restricted to it.
    public struct CoreSpeed: Sendable {
        /// The CPU's index (as the operating system numbers it).
        public var cpu: Int
        /// Its single-thread FMA peak in GFLOP/s.
        public var fmaPeak: Double
        /// The one-thread product (ours, and OpenBLAS's when loaded) on this CPU.
        public var product: Measurement
    }

    /// The speed of each CPU this process may run on, one CPU at a time, in CPU order: its FMA peak and `shape`
    /// on one thread. Empty where thread affinity is not available.
    ///
    /// On a shared machine the cores can differ, and not always in the FMA peak: a slowed core can keep its peak
    /// while its products slow down (docs/ENGINE.md, session 13). The products show it; see
    /// ``threadedSpeedUpBound(_:threads:)``.
    public static func coreSpeeds(_ shape: Shape) -> [CoreSpeed] {
        ThreadAffinity.cpus.compactMap { cpu in
            ThreadAffinity.run(on: cpu) {
                CoreSpeed(cpu: cpu, fmaPeak: fmaPeak(threads: 1), product: measure(shape, threads: 1))
            }
        }
    }

    /// The most `threads` threads can gain on a product over one thread on the fastest core, each thread on its
    /// own core: the sum of the `threads` fastest one-thread rates over the fastest, or nil without rates (or with
    /// `threads` < 1). Cores at 89 and 60 GFLOP/s bound a two-thread product at 1.67× its one-thread speed.
    public static func threadedSpeedUpBound(_ rates: [Double], threads: Int) -> Double? {
        let fastest = rates.sorted(by: >).prefix(max(0, threads))
        guard let first = fastest.first, first > 0 else { return nil }
        return fastest.reduce(0, +) / first
    }

    /// The kernel OpenBLAS chose (`openblas_get_corename`), or nil when OpenBLAS could not be loaded.
    public static var openBLASCore: String? { OpenBLAS.shared?.coreName }

    /// How many blocks of each library a threaded measurement times.
    static let threadedBlockPairs = 4

    /// The order of a threaded measurement's blocks, true for ours: `pairs` of each, ABBA-balanced (ours, theirs,
    /// theirs, ours, ours, theirs, ...), so that each library runs first in half of the pairs and a steady drift
    /// of the machine's speed shifts both medians alike.
    public static func blockOrder(pairs: Int) -> [Bool] {
        (0..<max(0, pairs)).flatMap { pair in pair.isMultiple(of: 2) ? [true, false] : [false, true] }
    }

    /// Runs each body once to warm up, then times them in turn (one run of each per round) and returns, per body,
    /// the median and the fastest of its timed runs in seconds. The round count fits about a quarter of a second
    /// (between 5 and 101) unless `repeats` is given.
    private static func timeRuns(repeats: Int?, _ bodies: [() -> Void]) -> [(median: Double, best: Double)] {
        sample(runCount(repeats: repeats, bodies), bodies).map(summary)
    }

    /// Warms each body up and returns `repeats`, or the number of rounds of all bodies that fit in about a
    /// quarter of a second (between 5 and 101).
    private static func runCount(repeats: Int?, _ bodies: [() -> Void]) -> Int {
        for body in bodies { body() }
        let first = now()
        for body in bodies { body() }
        let once = max(now() - first, 1e-9)
        return max(1, repeats ?? min(101, max(5, Int(0.25 / once))))
    }

    /// Seconds of each of `count` runs of every body, the bodies in turn within each round.
    private static func sample(_ count: Int, _ bodies: [() -> Void]) -> [[Double]] {
        var times = [[Double]](repeating: [Double](repeating: 0, count: count), count: bodies.count)
        for index in 0..<count {
            for (b, body) in bodies.enumerated() {
                let start = now()
                body()
                times[b][index] = now() - start
            }
        }
        return times
    }

    /// The median (the upper one for an even count) and the fastest of some run times.
    private static func summary(_ times: [Double]) -> (median: Double, best: Double) {
        let sorted = times.sorted()
        return (sorted[sorted.count / 2], sorted[0])
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + 1e-9 * Double(time.tv_nsec)
    }

    /// Aligned operand buffers for one shape, filled with values in [−1, 1) from a fixed linear congruence.
    private struct Operands {
        let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>
        let lda: Int, ldb: Int

        init(_ shape: Shape) {
            lda = shape.transposeA ? shape.m : shape.k
            ldb = shape.transposeB ? shape.k : shape.n
            a = Self.filled(shape.m * shape.k, seed: 1)
            b = Self.filled(shape.k * shape.n, seed: 2)
            c = Self.filled(shape.m * shape.n, seed: 3)
        }

        static func filled(_ count: Int, seed: UInt32) -> UnsafeMutablePointer<Float> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
            let pointer = raw.bindMemory(to: Float.self, capacity: count)
            var state = seed
            for index in 0..<count {
                state = state &* 1_664_525 &+ 1_013_904_223  // Numerical Recipes LCG; wrapping is intended
                pointer[index] = Float(state >> 8) * 0x1p-23 - 1
            }
            return pointer
        }

        func deallocate() {
            UnsafeMutableRawPointer(a).deallocate()
            UnsafeMutableRawPointer(b).deallocate()
            UnsafeMutableRawPointer(c).deallocate()
        }
    }
}

/// OpenBLAS's `cblas_sgemm`, looked up with `dlopen` at run time (never linked). Debian's OpenBLAS 0.3.21 does
/// not recognise recent Xeons and falls back to its SSE3 "Prescott" kernels (about 20 GFLOP/s here), so when
/// `OPENBLAS_CORETYPE` is unset it is set, before loading, to the kernel family this CPU supports (SkylakeX for
/// AVX-512, Haswell for AVX2): the comparison is with OpenBLAS at its best.
private struct OpenBLAS: @unchecked Sendable {
    typealias Sgemm =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
            Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?

    let sgemm: Sgemm
    let setThreads: SetThreads
    let coreName: String?

    static let shared: OpenBLAS? = {
        if getenv("OPENBLAS_CORETYPE") == nil {
            switch Gemm.Level.best {
            case .avx512: setenv("OPENBLAS_CORETYPE", "SkylakeX", 0)
            case .avx2: setenv("OPENBLAS_CORETYPE", "Haswell", 0)
            case .portable: break
            }
        }
        guard let handle = dlopen("libopenblas.so", RTLD_NOW) ?? dlopen("libopenblas.so.0", RTLD_NOW),
            let sgemm = dlsym(handle, "cblas_sgemm"), let setThreads = dlsym(handle, "openblas_set_num_threads")
        else { return nil }
        let name = dlsym(handle, "openblas_get_corename").flatMap { symbol in
            unsafeBitCast(symbol, to: CoreName.self)().map { String(cString: $0) }
        }
        return OpenBLAS(
            sgemm: unsafeBitCast(sgemm, to: Sgemm.self),
            setThreads: unsafeBitCast(setThreads, to: SetThreads.self),
            coreName: name
        )
    }()
}

extension GemmBenchmark {
    /// The instruction-set level the kernels run at on this machine ("avx512", "avx2" or "portable").
    public static var kernelLevel: String { "\(Gemm.Level.best)" }
}
