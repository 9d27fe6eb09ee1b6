import ArgumentParser
import ICNN
import ICNNExperiments

/// `icnn bench cores`: each CPU on its own, and what that allows two threads to gain.
struct BenchCores: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cores",
        abstract: "Time each CPU on its own: its FMA peak and a one-thread multiply, beside OpenBLAS's.",
        discussion: """
            Pins the calling thread to each CPU this process may use, in turn, and measures there the \
            single-precision FMA peak and 1024×256×256 on one thread (ours and OpenBLAS's alternately, when \
            libopenblas can be loaded at run time). From the two fastest rates it prints the most two threads can \
            gain over one at those speeds: their sum over the faster. Takes under a second per CPU.

            On a shared machine (a cloud VM) the cores need not run at the same speed, and a slowed core can keep \
            its FMA peak while its products slow down, so this tells apart a library's shortfall from a core's. \
            `icnn bench engine` prints the same lines before its multiply table; `Scripts/bench_side_by_side.py` \
            runs this command at the start of every round. Linux only (elsewhere it says that threads cannot be \
            pinned).

            Examples:
              icnn bench cores
              icnn bench cores --json
            """
    )

    @Flag(help: "Print one JSON object per CPU (one per line) instead of text.")
    var json = false

    func run() {
        Self.report(json: json)
    }

    /// Measures every CPU and prints one line (or JSON object) each, then the two-thread bound.
    static func report(json: Bool) {
        let probe = GemmBenchmark.standardShapes[1]
        let cores = GemmBenchmark.coreSpeeds(probe)
        if json {
            for core in cores {
                print(
                    """
                    {"kind": "cpu", "cpu": \(core.cpu), "fma_peak_gflops": \(core.fmaPeak), "m": \(probe.m), \
                    "k": \(probe.k), "n": \(probe.n), "gflops": \(core.product.gigaflops), \
                    "openblas_gflops": \(core.product.openBLASGigaflops.map { "\($0)" } ?? "null")}
                    """
                )
            }
            return
        }
        guard !cores.isEmpty else {
            print("Threads cannot be pinned to one CPU on this system: no per-CPU figures.")
            return
        }
        let shape = "\(probe.m)×\(probe.k)×\(probe.n)"
        for core in cores {
            let blas = core.product.openBLASGigaflops.map { " (OpenBLAS \(fixed($0, 1)))" } ?? ""
            print(
                "cpu\(core.cpu) on its own: FMA peak \(fixed(core.fmaPeak, 1)), \(shape) \(fixed(core.product.gigaflops, 1))\(blas) GFLOP/s"
            )
        }
        if let bound = GemmBenchmark.threadedSpeedUpBound(cores.map(\.product.gigaflops), threads: 2) {
            print("So two threads can gain at most \(fixed(bound, 2))× over one on this product at these speeds.")
        }
    }
}
