import ArgumentParser
import ICNN
import ICNNExperiments

/// `icnn bench engine`: the multiply and the reference FICNN, beside the machine's FMA peak.
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Time the engine: GEMM GFLOP/s and the reference FICNN (train, forward, ∇f, double backward).",
        discussion: """
            Prints the measured single-precision FMA peak (1 and 2 threads), the speed of each CPU on its own \
            (where the system lets a thread be pinned), the GFLOP/s of the matrix multiply \
            for M×K×N ∈ {256×64×64, 1024×256×256, 4096×1024×1024} on 1 and 2 threads (with OpenBLAS beside it \
            when libopenblas can be loaded at run time: on one thread the two alternate call by call, on two in \
            blocks, ABBA, with a pause after each OpenBLAS block for its spinning workers to sleep), and the \
            median milliseconds per step of the fully \
            input-convex network of shared/bench: z₁ = softplus(W_y y + b), z_{k+1} = softplus(W_z z_k + W_y y + b), \
            W_z ≥ 0 kept by clamping after each Adam step, target ‖y‖² + noise, at (d, width, depth, batch) ∈ \
            {(2,64,3,256), (16,128,4,1024), (64,512,4,1024), (128,1024,4,4096)}. Run the PyTorch and JAX scripts \
            of shared/bench in the same sitting to compare; timings on a shared machine drift.

            On a shared machine the cores need not run at the same speed, and a slowed core can keep its FMA \
            peak while its products slow down. So each CPU first runs 1024×256×256 on one thread on its own, as \
            `icnn bench cores` does, which bounds what two threads can gain over one; the multiply's table gives \
            both libraries' two-thread speed-ups to compare with it. A network's "% of peak" is its training \
            step's GFLOP/s over the FMA peak of all threads measured just before and just after it.

            Examples:
              icnn bench engine
              icnn bench engine --configs 0,1 --skip-gemm --json
              icnn bench engine --configs none
            """
    )

    @Option(help: "Comma-separated indices (0–3) of the network configurations to run, or none (the multiply only).")
    var configs: String = "0,1,2,3"

    @Option(help: "Timed samples per network measurement (the median is reported).")
    var samples: Int = 7

    @Flag(help: "Skip the multiply, the per-CPU measurements and the FMA peaks printed before them.")
    var skipGemm = false

    @Flag(help: "Print one JSON object per measurement (one per line) instead of tables.")
    var json = false

    func validate() throws {
        _ = try indices()
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1, got \(samples)") }
    }

    func indices() throws -> [Int] {
        if configs == "none" { return [] }
        return try configs.split(separator: ",").map { part in
            guard let i = Int(part.filter { $0 != " " }), EngineBenchmark.Configuration.reference.indices.contains(i)
            else { throw ValidationError("--configs: '\(part)' is not one of 0, 1, 2, 3") }
            return i
        }
    }

    func run() throws {
        if !skipGemm { runGemm() }
        var timing = Timing()
        timing.samples = samples
        var table = TextTable([
            "d", "width", "depth", "batch", "train ms", "forward ms", "∇f ms", "double-bwd ms",
            "train GFLOP/s", "% of peak", "loss before → after",
        ])
        for i in try indices() {
            let c = EngineBenchmark.Configuration.reference[i]
            // The peak of all threads around the measurement, so that the percentage compares like with like
            // when the machine's speed drifts.
            let before = GemmBenchmark.fmaPeak(threads: Gemm.maximumThreads)
            let m = EngineBenchmark.run(c, timing: timing)
            let peak = (before + GemmBenchmark.fmaPeak(threads: Gemm.maximumThreads)) / 2
            if json {
                print(
                    """
                    {"kind": "network", "d": \(c.inputs), "width": \(c.width), "depth": \(c.depth), \
                    "batch": \(c.batch), "train_ms": \(m.trainMilliseconds), "forward_ms": \(m.forwardMilliseconds), \
                    "grad_ms": \(m.gradientMilliseconds), "double_backward_ms": \(m.doubleBackwardMilliseconds), \
                    "train_gflops": \(m.trainGflops), "peak_gflops": \(peak)}
                    """
                )
            } else {
                table.add([
                    "\(c.inputs)", "\(c.width)", "\(c.depth)", "\(c.batch)", fixed(m.trainMilliseconds, 3),
                    fixed(m.forwardMilliseconds, 3), fixed(m.gradientMilliseconds, 3),
                    fixed(m.doubleBackwardMilliseconds, 3), fixed(m.trainGflops, 1),
                    fixed(100 * m.trainGflops / peak, 0), "\(fixed(m.lossBefore, 3)) → \(fixed(m.lossAfter, 3))",
                ])
            }
        }
        if !json && !table.rows.isEmpty {
            print("Reference FICNN (median of \(samples) samples; train = forward, backward, Adam, clamp):")
            print(table.rendered)
        }
    }

    func runGemm() {
        let peaks = [1, 2].map { GemmBenchmark.fmaPeak(threads: $0) }
        if json {
            for (t, p) in zip([1, 2], peaks) { print("{\"kind\": \"fma_peak\", \"threads\": \(t), \"gflops\": \(p)}") }
        } else {
            print(
                "CPU kernels: \(GemmBenchmark.kernelLevel); measured FMA peak: \(fixed(peaks[0], 1)) GFLOP/s (1 thread), \(fixed(peaks[1], 1)) GFLOP/s (2 threads)"
            )
            if let core = GemmBenchmark.openBLASCore { print("OpenBLAS loaded at run time (core \(core))") }
        }
        BenchCores.report(json: json)
        var table = TextTable([
            "M×K×N", "threads", "GFLOP/s", "% of peak", "OpenBLAS GFLOP/s", "ours/OpenBLAS",
            "2 threads ÷ 1: ours, OpenBLAS",
        ])
        for shape in GemmBenchmark.standardShapes.prefix(3) {
            var single: GemmBenchmark.Measurement?
            for requested in [1, 2] {
                // What the library's default policy does with up to `requested` threads (small products stay on one,
                // and then no speed-up is printed).
                let threads = min(requested, Gemm.recommendedThreads(m: shape.m, n: shape.n, k: shape.k))
                let m = GemmBenchmark.measure(shape, threads: threads)
                let blas = m.openBLASGigaflops
                if json {
                    print(
                        """
                        {"kind": "gemm", "m": \(shape.m), "k": \(shape.k), "n": \(shape.n), \
                        "threads_requested": \(requested), "threads": \(threads), \
                        "gflops": \(m.gigaflops), "openblas_gflops": \(blas.map { "\($0)" } ?? "null")}
                        """
                    )
                } else {
                    table.add([
                        "\(shape.m)×\(shape.k)×\(shape.n)",
                        threads == requested ? "\(threads)" : "\(requested) (policy: \(threads))",
                        fixed(m.gigaflops, 1),
                        fixed(100 * m.gigaflops / peaks[threads - 1], 0),
                        blas.map { fixed($0, 1) } ?? "–", blas.map { fixed(m.gigaflops / $0, 2) } ?? "–",
                        threads > 1 ? single.map { speedUps(m, over: $0) } ?? "" : "",
                    ])
                }
                single = m
            }
        }
        if !json { print(table.rendered + "\n") }
    }

    /// "1.87×, 1.95×": ours and OpenBLAS's speed-up of `threaded` over `single`, OpenBLAS's left out when unknown.
    private func speedUps(_ threaded: GemmBenchmark.Measurement, over single: GemmBenchmark.Measurement) -> String {
        let ours = "\(fixed(threaded.gigaflops / single.gigaflops, 2))×"
        guard let t = threaded.openBLASGigaflops, let s = single.openBLASGigaflops, s > 0 else { return ours }
        return ours + ", \(fixed(t / s, 2))×"
    }
}
