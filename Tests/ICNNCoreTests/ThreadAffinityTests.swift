import CICNNKernels
import ICNNCore
import Testing

@Suite("Thread affinity: pinning the calling thread to one CPU and back")
struct ThreadAffinityTests {
    /// The CPU the calling thread is running on, where the system says (Linux), else nil.
    private func currentCPU() -> Int? {
        let cpu = icnn_thread_current_cpu()
        return cpu >= 0 ? Int(cpu) : nil
    }

    @Test("Each allowed CPU: the body runs on it, and the thread gets all its CPUs back")
    func pinsAndRestores() throws {
        let before = ThreadAffinity.cpus
        #if os(Linux)
        #expect(!before.isEmpty)
        #endif
        #expect(before == before.sorted() && Set(before).count == before.count)
        for cpu in before {
            let ran = ThreadAffinity.run(on: cpu) { () -> (Int?, [Int]) in (currentCPU(), ThreadAffinity.cpus) }
            let (running, inside) = try #require(ran, "cpu \(cpu)")
            #expect(inside == [cpu])
            if let running { #expect(running == cpu) }
            #expect(ThreadAffinity.cpus == before, "after cpu \(cpu)")
        }
    }

    @Test("A CPU the thread may not use: nil, the body does not run, nothing changes")
    func refusesOtherCPUs() {
        let before = ThreadAffinity.cpus
        var ran = false
        for cpu in [-1, (before.max() ?? 0) + 1, Int(Int32.max) + 1] {
            #expect(ThreadAffinity.run(on: cpu) { ran = true } == nil, "cpu \(cpu)")
        }
        #expect(!ran)
        #expect(ThreadAffinity.cpus == before)
    }

    @Test("The C layer refuses empty and out-of-range sets")
    func cLayerRefusesBadSets() {
        #expect(icnn_thread_set_cpus(nil, 1) == -1)
        var cpu: Int32 = -3
        #expect(icnn_thread_set_cpus(&cpu, 1) == -1)
        #expect(icnn_thread_set_cpus(&cpu, 0) == -1)
        #expect(icnn_thread_cpus(nil, 0) == ThreadAffinity.cpus.count)
    }
}
