import CICNNKernels

/// The CPUs the calling thread may run on, and running a body on one of them: what a benchmark needs to time each
/// core of a machine on its own (the vCPUs of a shared machine may run at different speeds). Linux only; on other
/// systems ``cpus`` is empty and ``run(on:_:)`` returns nil without running the body.
public enum ThreadAffinity {
    /// The indices of the CPUs the calling thread may run on, in increasing order; empty where affinity cannot be
    /// read.
    public static var cpus: [Int] {
        let count = icnn_thread_cpus(nil, 0)
        guard count > 0 else { return [] }
        var indices = [Int32](repeating: 0, count: count)
        let written = indices.withUnsafeMutableBufferPointer { icnn_thread_cpus($0.baseAddress, count) }
        return indices.prefix(min(written, count)).map(Int.init)
    }

    /// Runs `body` on the calling thread restricted to CPU `cpu`, then gives the thread back the CPUs it had.
    /// - Returns: the body's result, or nil when the thread could not be restricted to `cpu` (not one of ``cpus``,
    ///   or no affinity on this system); the body has then not run.
    public static func run<Result>(on cpu: Int, _ body: () throws -> Result) rethrows -> Result? {
        let previous = cpus.map(Int32.init)
        guard !previous.isEmpty, let target = Int32(exactly: cpu), previous.contains(target) else { return nil }
        guard icnn_thread_set_cpus([target], 1) == 0 else { return nil }
        defer { _ = icnn_thread_set_cpus(previous, previous.count) }
        return try body()
    }
}
