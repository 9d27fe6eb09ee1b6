/// A hash set of keys made of a fixed number of UInt64 words, stored flat in one array: no allocation per key,
/// which matters for the skeleton's hash joins (millions of 2-face names) and the path-coefficient deduplication.
/// Open addressing with linear probing; keys are compared word by word, so hash collisions cost time, never
/// correctness.
struct FlatKeyTable {
    /// Words per key (≥ 1).
    let keyLength: Int
    /// The keys in insertion order, `keyLength` words each: entry i is `keys[i·keyLength ..< (i+1)·keyLength]`.
    private(set) var keys: [UInt64] = []
    /// Entry numbers by hash slot, −1 when free; the count is a power of two, at least twice the entries.
    private var slots: [Int32]

    /// An empty table for keys of `keyLength` words, sized for about `capacity` entries.
    /// - Precondition: `keyLength ≥ 1`.
    init(keyLength: Int, capacity: Int = 16) {
        precondition(keyLength >= 1, "keys need at least one word")
        self.keyLength = keyLength
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        keys.reserveCapacity(capacity * keyLength)
    }

    /// The number of distinct keys.
    private(set) var count = 0

    /// Inserts `key` (its first `keyLength` words) unless present; returns its entry number and whether it is new.
    /// - Precondition: `key.count ≥ keyLength`.
    mutating func insert(_ key: UnsafeBufferPointer<UInt64>) -> (entry: Int, inserted: Bool) {
        let n = keyLength
        if 2 * (count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Self.hash(key, n) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            let equal = keys.withUnsafeBufferPointer { stored in
                var i = 0
                while i < n && stored[entry * n + i] == key[i] { i += 1 }
                return i == n
            }
            if equal { return (entry, false) }
            slot = (slot + 1) & mask
        }
        let entry = count
        slots[slot] = Int32(entry)
        keys.append(contentsOf: UnsafeBufferPointer(rebasing: key[0..<n]))
        count += 1
        return (entry, true)
    }

    /// `insert` for a key held in an array.
    mutating func insert(_ key: [UInt64]) -> (entry: Int, inserted: Bool) {
        key.withUnsafeBufferPointer { insert($0) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var fresh = [Int32](repeating: -1, count: size)
        keys.withUnsafeBufferPointer { stored in
            for entry in 0..<count {
                var slot = Self.hash(UnsafeBufferPointer(rebasing: stored[(entry * keyLength)...]), keyLength) & mask
                while fresh[slot] >= 0 { slot = (slot + 1) & mask }
                fresh[slot] = Int32(entry)
            }
        }
        slots = fresh
    }

    /// A 64-bit mix of the key's words (multiply–xorshift), as a non-negative Int.
    private static func hash(_ key: UnsafeBufferPointer<UInt64>, _ n: Int) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<n {
            h = (h ^ key[i]) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: (h ^ (h >> 32)) & 0x7FFF_FFFF_FFFF_FFFF)
    }
}
