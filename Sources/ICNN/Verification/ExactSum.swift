/// An exact sum of products of Doubles, as a nonoverlapping expansion (Shewchuk 1997: components in increasing
/// magnitude, each sum and product split error-free with two-sum and a fused multiply-add). Its sign is the sign
/// of its largest component, so it decides whether a path coefficient computed as exactly 0 in floating point
/// is 0, positive or negative. Overflow and underflow are not handled (the caller checks the inputs' range).
struct ExactSum {
    /// Non-zero components, increasing in magnitude, nonoverlapping.
    private(set) var components: [Double] = []

    /// The sum of `x` and this expansion (Grow-Expansion with zero elimination).
    mutating func add(_ x: Double) {
        var q = x
        var out: [Double] = []
        out.reserveCapacity(components.count + 1)
        for c in components {
            let s = q + c
            let bVirtual = s - q
            let error = (q - (s - bVirtual)) + (c - bVirtual)
            q = s
            if error != 0 { out.append(error) }
        }
        if q != 0 { out.append(q) }
        components = out
    }

    /// Adds a·b exactly.
    mutating func addProduct(_ a: Double, _ b: Double) {
        let p = a * b
        let error = (-p).addingProduct(a, b)
        add(error)
        add(p)
    }

    /// Adds `other`·b exactly.
    mutating func addProduct(_ other: ExactSum, _ b: Double) {
        for c in other.components { addProduct(c, b) }
    }

    /// −1, 0 or 1.
    var sign: Int {
        guard let top = components.last else { return 0 }
        return top > 0 ? 1 : -1
    }

    /// The sum rounded to a Double (approximately: the sum of the components), for messages.
    var value: Double { components.reduce(0, +) }
}
