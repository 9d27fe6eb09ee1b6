/// Median-of-samples wall-clock timing in the style of the reference scripts (`shared/bench/common.py`):
/// warm up, pick a repetition count so that one sample lasts at least `minimumSampleSeconds`, then time
/// `samples` samples and report per-call seconds.
public struct Timing: Sendable {
    /// Calls before timing starts (caches, buffers, first-touch page faults).
    public var warmup = 3
    /// Timed samples; the median is reported.
    public var samples = 7
    /// Minimum duration of one sample.
    public var minimumSampleSeconds = 0.25
    /// Upper bound on calls per sample.
    public var maximumRepetitions = 10_000

    /// The default protocol (3 warm-up calls, 7 samples of ≥ 0.25 s).
    public init() {}

    /// Per-call seconds of `body`: the median, minimum and maximum over the samples.
    public func measure(_ body: () -> Void) -> (median: Double, min: Double, max: Double) {
        let perCall = withoutActuallyEscaping(body) { interleaved([$0]) }.map { $0[0] }.sorted()
        return (perCall[perCall.count / 2], perCall[0], perCall[perCall.count - 1])
    }

    /// Per-call seconds of several bodies timed in turn within every sample (sample s times body 0, then 1, …),
    /// so that load drifting on a shared machine hits them alike and their ratios, taken sample by sample, are
    /// steadier than ratios of separate medians. Each body gets its own warm-up and repetition count.
    /// - Returns: `samples` rows of one per-call time per body.
    public func interleaved(_ bodies: [() -> Void]) -> [[Double]] {
        let reps = bodies.map(repetitions)
        return (0..<samples).map { _ in
            zip(bodies, reps).map { body, n in seconds { for _ in 0..<n { body() } } / Double(n) }
        }
    }

    /// Warms `body` up and returns the calls that make one sample last at least `minimumSampleSeconds`.
    private func repetitions(_ body: () -> Void) -> Int {
        for _ in 0..<warmup { body() }
        var reps = 1
        while true {
            let dt = seconds { for _ in 0..<reps { body() } }
            if dt >= minimumSampleSeconds || reps >= maximumRepetitions { return reps }
            let scaled = Int(Double(reps) * minimumSampleSeconds / Swift.max(dt, 1e-9) * 1.2)
            reps = Swift.min(maximumRepetitions, Swift.max(reps * 2, scaled))
        }
    }

    /// The median of `values` (the upper one of an even count).
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// Wall-clock seconds taken by `body`.
    public func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
