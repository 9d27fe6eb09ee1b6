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
        for _ in 0..<warmup { body() }
        var reps = 1
        while true {
            let dt = seconds { for _ in 0..<reps { body() } }
            if dt >= minimumSampleSeconds || reps >= maximumRepetitions { break }
            let scaled = Int(Double(reps) * minimumSampleSeconds / Swift.max(dt, 1e-9) * 1.2)
            reps = Swift.min(maximumRepetitions, Swift.max(reps * 2, scaled))
        }
        var perCall: [Double] = []
        for _ in 0..<samples {
            perCall.append(seconds { for _ in 0..<reps { body() } } / Double(reps))
        }
        perCall.sort()
        return (perCall[perCall.count / 2], perCall[0], perCall[perCall.count - 1])
    }

    /// Wall-clock seconds taken by `body`.
    public func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
