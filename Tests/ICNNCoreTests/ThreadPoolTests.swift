import CICNNKernels
import Dispatch
import ICNNCore
import Testing

/// Adds 1 to slot `part` of the Int array at `context` (each part writes its own slot, so no two threads share one).
private let countPart: icnn_pool_task = { context, part in
    guard let slots = context?.assumingMemoryBound(to: Int.self) else { return }
    slots[part] += 1
}

/// Runs `parts` parts on the pool and returns how often each ran.
private func runCounting(parts: Int, threads: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: max(parts, 0))
    counts.withUnsafeMutableBufferPointer { icnn_parallel_for(parts, threads, 1, countPart, $0.baseAddress) }
    return counts
}

/// Spins for about a millisecond: long enough for a parked worker to wake and join.
private let spinPart: icnn_pool_task = { _, _ in
    var x = 1.0
    for _ in 0..<1_000_000 { x = x * 1.000_000_1 + 1e-9 }
    precondition(x > 0)
}

/// Wakes the pool's workers with a job that wakes them, so that the elementwise calls that follow find one running
/// (below 2²⁰ elements they run on the calling thread alone when none is: then they test only the one-thread path).
private func wakePool() { icnn_parallel_for(4, 2, 1, spinPart, nil) }

/// Element counts around the pool's grains (16 Ki for the math kernels, 64 Ki for the two-operand ones): each side
/// of the one- and two-range boundaries, odd lengths, not multiples of a vector.
private let lengths = [0, 1, 17, 32_767, 32_768, 32_769, 65_551, 131_071, 131_072, 131_089, 300_007]

/// Bit-identical, except that any two NaNs match.
private func identical(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || $0.bitPattern == $1.bitPattern }
}

/// Inputs spread over the kernels' branches (both signs, large magnitudes, a few special values).
private func inputs(_ n: Int, seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    var x = (0..<n).map { _ in Float.random(in: -30...30, using: &rng) }
    for (i, special) in [Float.infinity, -.infinity, .nan, 0, -100].enumerated() where i * 977 < n {
        x[i * 977] = special
    }
    return x
}

@Suite("Worker pool and the threaded elementwise kernels")
struct ThreadPoolTests {
    @Test("Every part runs exactly once, for any part and thread count")
    func partsRunOnce() {
        for parts in [0, 1, 2, 3, 7, 64, 1000] {
            for threads in [1, 2, 3, 8] {
                #expect(runCounting(parts: parts, threads: threads) == [Int](repeating: 1, count: parts))
            }
        }
    }

    @Test("Jobs submitted from several threads at once, and jobs inside a part, all complete")
    func concurrentAndNestedJobs() {
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 16)
        defer { results.deallocate() }
        let shared = SendablePointer(results.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            var ok = true
            for round in 0..<200 {
                let parts = 1 + (index + round) % 5
                ok = ok && runCounting(parts: parts, threads: 2) == [Int](repeating: 1, count: parts)
            }
            shared.pointer[index] = ok
        }
        #expect(results.allSatisfy { $0 })

        // A part that submits its own job (the pool is busy then, so it runs on the calling thread).
        let nested: icnn_pool_task = { context, part in
            guard let slots = context?.assumingMemoryBound(to: Int.self) else { return }
            var inner = [0, 0, 0]
            inner.withUnsafeMutableBufferPointer { icnn_parallel_for(3, 2, 1, countPart, $0.baseAddress) }
            slots[part] = inner.reduce(0, +)
        }
        var totals = [0, 0, 0, 0]
        totals.withUnsafeMutableBufferPointer { icnn_parallel_for(4, 2, 1, nested, $0.baseAddress) }
        #expect(totals == [3, 3, 3, 3])
    }

    @Test("Ranges tile 0..<count in order, with aligned inner boundaries")
    func ranges() {
        for count in [0, 1, 15, 16, 17, 1000, 131_089] {
            for parts in 1...5 {
                for align in [1, 16] {
                    var expectedBegin = 0
                    for part in 0..<parts {
                        var begin = 0, end = 0
                        icnn_parallel_range(count, parts, part, align, &begin, &end)
                        #expect(begin == expectedBegin && end >= begin, "\(count) \(parts) \(align) \(part)")
                        #expect(end == count || end % align == 0)
                        expectedBegin = end
                    }
                    #expect(expectedBegin == count)
                }
            }
        }
        #expect(icnn_parallel_parts(10, 16_384, 2) == 1)
        #expect(icnn_parallel_parts(1 << 20, 16_384, 1) == 1)
        #expect(icnn_parallel_parts(1 << 20, 16_384, 2) == min(2, icnn_thread_limit()))
    }

    @Test("The one-argument math kernels: split ranges give the calling thread's results bit for bit")
    func mathKernels() {
        let level = icnn_cpu_level()
        for n in lengths {
            // One element more than n, so that starting at element 1 tests unaligned arrays.
            let x = inputs(n + 1, seed: UInt64(n))
            wakePool()
            x.withUnsafeBufferPointer { xb in
                let xp = xb.baseAddress! + 1
                func compare(
                    _ name: String,
                    _ threaded: (UnsafeMutablePointer<Float>) -> Void,
                    _ single: (UnsafeMutablePointer<Float>) -> Void
                ) {
                    var a = [Float](repeating: 7, count: n + 1), b = a
                    a.withUnsafeMutableBufferPointer { threaded($0.baseAddress! + 1) }
                    b.withUnsafeMutableBufferPointer { single($0.baseAddress! + 1) }
                    #expect(identical(a, b), "\(name) n=\(n)")
                }
                compare("exp", { icnn_vexp(xp, $0, n) }, { icnn_vexp_level(level, xp, $0, n) })
                compare("log", { icnn_vlog(xp, $0, n) }, { icnn_vlog_level(level, xp, $0, n) })
                compare("softplus", { icnn_vsoftplus(xp, $0, n) }, { icnn_vsoftplus_level(level, xp, $0, n) })
                compare("sigmoid", { icnn_vsigmoid(xp, $0, n) }, { icnn_vsigmoid_level(level, xp, $0, n) })
                compare("tanh", { icnn_vtanh(xp, $0, n) }, { icnn_vtanh_level(level, xp, $0, n) })
                compare(
                    "softplus τ",
                    { icnn_vsoftplus_tau(xp, 0.3, $0, n) },
                    { icnn_vsoftplus_tau_level(level, xp, 0.3, $0, n) }
                )
                var d1 = [Float](repeating: 0, count: n + 1), d2 = d1
                compare(
                    "softplus+sigmoid",
                    { y in d1.withUnsafeMutableBufferPointer { icnn_vsoftplus_sigmoid(xp, y, $0.baseAddress! + 1, n) }
                    },
                    { y in
                        d2.withUnsafeMutableBufferPointer {
                            icnn_vsoftplus_sigmoid_level(level, xp, y, $0.baseAddress! + 1, n)
                        }
                    }
                )
                #expect(identical(d1, d2), "softplus+sigmoid derivative n=\(n)")
                let b = inputs(n, seed: UInt64(n) + 1)
                b.withUnsafeBufferPointer { bb in
                    compare(
                        "lse2",
                        { y in
                            d1.withUnsafeMutableBufferPointer {
                                icnn_vlse2(xp, bb.baseAddress, 2, y, $0.baseAddress, n)
                            }
                        },
                        { y in
                            d2.withUnsafeMutableBufferPointer {
                                icnn_vlse2_level(level, xp, bb.baseAddress, 2, y, $0.baseAddress, n)
                            }
                        }
                    )
                    #expect(identical(d1, d2), "lse2 weight n=\(n)")
                    compare(
                        "lse2 weight only",
                        { icnn_vlse2_weight(xp, bb.baseAddress, 0.5, $0, n) },
                        { icnn_vlse2_weight_level(level, xp, bb.baseAddress, 0.5, $0, n) }
                    )
                }
            }
        }
    }

    @Test("Two-operand kernels on long arrays and many rows equal the plain loop, in place too")
    func binaryKernels() {
        // (rows, cols, a's row stride, b's row stride, b's column stride): same shape, bias row, one value per row.
        let layouts: [(Int, Int, Int, Int, Int)] = [
            (1, 131_089, 0, 0, 1), (1, 300_007, 0, 0, 0), (3, 65_537, 65_537, 0, 1), (1_001, 131, 131, 131, 1),
            (1_001, 131, 131, 1, 0), (2, 70_001, 70_001, 70_001, 1), (5, 3, 3, 0, 1),
        ]
        for (index, (rows, cols, ars, brs, bcs)) in layouts.enumerated() {
            let a = inputs(rows * cols, seed: 40 + UInt64(index))
            let bCount = (rows - 1) * brs + (cols - 1) * bcs + 1
            let b = inputs(bCount, seed: 80 + UInt64(index))
            for (op, reference) in [
                (ICNN_BINARY_ADD, { (x: Float, y: Float) in x + y }), (ICNN_BINARY_MULTIPLY, { $0 * $1 }),
            ] {
                var expected = [Float](repeating: 0, count: rows * cols)
                for r in 0..<rows {
                    for j in 0..<cols { expected[r * cols + j] = reference(a[r * ars + j], b[r * brs + j * bcs]) }
                }
                var y = [Float](repeating: 0, count: rows * cols)
                wakePool()
                icnn_vbinary2d(op, rows, cols, a, ars, 1, b, brs, bcs, &y)
                #expect(identical(y, expected), "layout \(index) op \(op)")
                guard ars == cols || rows == 1 else { continue }
                var inPlace = a
                inPlace.withUnsafeMutableBufferPointer {
                    icnn_vbinary2d(op, rows, cols, $0.baseAddress, ars, 1, b, brs, bcs, $0.baseAddress)
                }
                #expect(identical(inPlace, expected), "in place, layout \(index) op \(op)")
            }
        }
    }
}

/// A pointer that concurrent test threads write disjoint elements of.
private struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Bool>
    init(_ pointer: UnsafeMutablePointer<Bool>) { self.pointer = pointer }
}
