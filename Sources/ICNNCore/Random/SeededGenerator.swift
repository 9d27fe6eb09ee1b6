#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna), its 256-bit state filled from the seed by
/// SplitMix64. The same seed gives the same sequence on every run and platform; there is no global generator.
///
/// Passes BigCrush; period 2²⁵⁶ − 1. Not cryptographic.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose sequence is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The full 256-bit state, for checkpoints: a generator rebuilt with `init(state:)` continues the same sequence.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// A generator continuing from a saved `state`.
    /// - Precondition: four words, not all zero (the one state xoshiro never leaves).
    public init(state: [UInt64]) {
        require(state.count == 4 && state.contains { $0 != 0 }, "a generator state is four words, not all zero")
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @usableFromInline @inline(__always)
    func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// An independent generator for a sub-task (e.g. one per seed of an experiment), derived from this one's stream.
    public mutating func split() -> SeededGenerator { SeededGenerator(seed: next()) }

    /// Uniform on [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform on [low, high).
    public mutating func nextUniform(in low: Double, _ high: Double) -> Double { low + (high - low) * nextUniform() }

    /// A standard normal draw (Box–Muller on (0, 1] × [0, 1); one draw per call, deterministic).
    public mutating func nextNormal() -> Double {
        let u = 1 - nextUniform()  // (0, 1]: log is finite
        let v = nextUniform()
        return (-2 * Glibc.log(u)).squareRoot() * Glibc.cos(2 * Double.pi * v)
    }

    /// A uniform integer in 0..<n, without modulo bias (Lemire's multiply-and-reject).
    /// - Precondition: n > 0.
    public mutating func nextInt(below n: Int) -> Int {
        require(n > 0, "nextInt(below:) needs a positive bound, got \(n)")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates), the same for the same generator state everywhere.
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        var i = n - 1
        while i > 0 {
            p.swapAt(i, nextInt(below: i + 1))
            i -= 1
        }
        return p
    }
}
