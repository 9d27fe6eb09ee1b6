/// Evidence that f is not convex: a triple (a, b, m = ½(a+b)) inside the box with f(m) > ½(f(a) + f(b)),
/// verified by evaluating the model, and, from the exact check, where the convexity condition fails.
public struct ConvexityWitness: Sendable, Hashable {
    /// A hidden neuron: its layer and its index within the layer, both from 0.
    public struct Neuron: Sendable, Hashable, CustomStringConvertible {
        /// The hidden layer (0 = first).
        public var layer: Int
        /// The index within the layer.
        public var index: Int
        /// A neuron.
        public init(layer: Int, index: Int) {
            self.layer = layer
            self.index = index
        }

        /// "(layer, index)".
        public var description: String { "(\(layer), \(index))" }
    }

    /// The offending neuron, when the exact check found it.
    public var neuron: Neuron?
    /// The activation pattern D of the layers after the neuron's (true = active), layer by layer.
    public var pattern: [Bool]?
    /// The path coefficient c_ν(D) < 0.
    public var coefficient: Double?
    /// A point on the neuron's boundary (its zero set) where the pattern occurs.
    public var boundaryPoint: [Double]?
    /// The chord's ends.
    public var a: [Double]
    /// The chord's ends.
    public var b: [Double]
    /// ½(a + b).
    public var midpoint: [Double]
    /// f(a).
    public var fa: Double
    /// f(b).
    public var fb: Double
    /// f(½(a+b)).
    public var fMidpoint: Double
    /// The Jensen gap f(m) − ½(f(a) + f(b)) > 0.
    public var gap: Double { fMidpoint - (fa + fb) / 2 }
    /// The rounding allowance the gap exceeds (a bound on the evaluation error of the three values).
    public var allowance: Double

    /// A verified chord.
    /// - Precondition: the gap exceeds the allowance.
    public init(a: [Double], b: [Double], midpoint: [Double], values: (Double, Double, Double), allowance: Double) {
        self.a = a
        self.b = b
        self.midpoint = midpoint
        (fa, fb, fMidpoint) = values
        self.allowance = allowance
        precondition(fMidpoint - (fa + fb) / 2 > allowance, "not a Jensen violation")
    }

    /// Searches for a verified Jensen violation near `point`, in the box: chords through `point` (or through
    /// points displaced from it by `jitter` relative to the box) along `directions` and random directions, with
    /// half-lengths from 1e-2 to 1e-8 of the box width. Returns the first verified one.
    /// - Parameter evaluate: f(x) and a bound on its rounding error.
    static func search(
        near point: [Double],
        directions: [[Double]],
        lower: [Double],
        upper: [Double],
        attempts: Int = 64,
        using rng: inout SeededGenerator,
        evaluate: ([Double]) -> (value: Double, errorBound: Double)
    ) -> ConvexityWitness? {
        let d = point.count
        let width = zip(lower, upper).map { $1 - $0 }.max() ?? 1
        for attempt in 0..<attempts {
            var center = point
            if attempt > 0 {
                for i in 0..<d {
                    center[i] += rng.nextNormal() * width * 1e-5 * Double(attempt % 8)
                    center[i] = min(max(center[i], lower[i]), upper[i])
                }
            }
            var candidates = directions
            candidates.append((0..<d).map { _ in rng.nextNormal() })
            for direction in candidates {
                let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { continue }
                for exponent in stride(from: -2.0, through: -8.0, by: -1.0) {
                    let delta = width * pow10(exponent) / norm
                    let a = (0..<d).map { center[$0] - delta * direction[$0] }
                    let b = (0..<d).map { center[$0] + delta * direction[$0] }
                    guard
                        (0..<d).allSatisfy({
                            a[$0] >= lower[$0] && a[$0] <= upper[$0] && b[$0] >= lower[$0] && b[$0] <= upper[$0]
                        })
                    else { continue }
                    let m = (0..<d).map { (a[$0] + b[$0]) / 2 }
                    let (fa, ea) = evaluate(a), (fb, eb) = evaluate(b), (fm, em) = evaluate(m)
                    let allowance = 2 * (em + (ea + eb) / 2)
                    if fm - (fa + fb) / 2 > allowance {
                        return ConvexityWitness(a: a, b: b, midpoint: m, values: (fa, fb, fm), allowance: allowance)
                    }
                }
            }
        }
        return nil
    }

    private static func pow10(_ e: Double) -> Double {
        var r = 1.0
        for _ in 0..<Int(-e) { r /= 10 }
        return r
    }
}
