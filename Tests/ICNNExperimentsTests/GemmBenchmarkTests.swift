import ICNN
import ICNNExperiments
import Testing

@Suite("GEMM benchmark: block order and measurements")
struct GemmBenchmarkTests {
    @Test("Threaded blocks alternate ABBA: each library first in half of the pairs, equal counts")
    func blockOrderIsBalanced() {
        #expect(GemmBenchmark.blockOrder(pairs: 4) == [true, false, false, true, true, false, false, true])
        #expect(GemmBenchmark.blockOrder(pairs: 1) == [true, false])
        #expect(GemmBenchmark.blockOrder(pairs: 0).isEmpty)
        let order = GemmBenchmark.blockOrder(pairs: 7)
        #expect(order.filter { $0 }.count == 7 && order.count == 14)
    }

    @Test("A measurement reports positive rates on one and two threads, and OpenBLAS's when it loads")
    func measurementIsComplete() {
        let shape = GemmBenchmark.Shape(m: 96, k: 64, n: 80, transposeB: true)
        for threads in [1, 2] {
            let result = GemmBenchmark.measure(shape, threads: threads, repeats: 3)
            #expect(result.shape == shape && result.threads == threads)
            #expect(result.gigaflops > 0 && result.bestGigaflops >= result.gigaflops)
            #expect(result.seconds > 0)
            if GemmBenchmark.openBLASCore != nil {
                let theirs = result.openBLASGigaflops ?? 0, best = result.openBLASBestGigaflops ?? 0
                #expect(theirs > 0 && best >= theirs, "threads \(threads)")
            } else {
                #expect(result.openBLASGigaflops == nil)
            }
        }
    }

    @Test("The two-thread bound: the two fastest rates over the fastest")
    func speedUpBound() throws {
        let bound = try #require(GemmBenchmark.threadedSpeedUpBound([60, 89, 30], threads: 2))
        #expect(abs(bound - 149.0 / 89.0) < 1e-12)
        #expect(GemmBenchmark.threadedSpeedUpBound([80, 80], threads: 2) == 2)
        #expect(GemmBenchmark.threadedSpeedUpBound([80], threads: 2) == 1)
        #expect(GemmBenchmark.threadedSpeedUpBound([80, 70], threads: 1) == 1)
        #expect(GemmBenchmark.threadedSpeedUpBound([], threads: 2) == nil)
        #expect(GemmBenchmark.threadedSpeedUpBound([80, 70], threads: 0) == nil)
        #expect(GemmBenchmark.threadedSpeedUpBound([0, 0], threads: 2) == nil)
    }

    @Test("Core speeds: one entry per allowed CPU, in order, each with a positive peak and product rate")
    func coreSpeedsCoverEveryCPU() {
        let shape = GemmBenchmark.Shape(m: 48, k: 32, n: 32)
        let speeds = GemmBenchmark.coreSpeeds(shape)
        #expect(speeds.map(\.cpu) == ThreadAffinity.cpus)
        for speed in speeds {
            #expect(speed.fmaPeak > 0 && speed.product.gigaflops > 0 && speed.product.threads == 1)
        }
    }
}
