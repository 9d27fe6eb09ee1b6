#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One axis of a plot: its scale, its bounds in data units, and tick marks at round numbers.
///
/// Linear axes put about five to eight ticks at multiples of 1, 2, 2.5 or 5 × 10ᵏ and extend the bounds to the
/// outer ticks. Logarithmic axes put ticks at powers of ten (every few decades over a wide range, or at 1-2-5
/// steps within a narrow one). All-equal data and data with no plottable values get a sensible default range.
struct PlotAxis {
    enum Scale { case linear, logarithmic }

    let scale: Scale
    private(set) var lower: Double
    private(set) var upper: Double
    private(set) var ticks: [(value: Double, label: String)] = []

    /// An axis covering the plottable `values` (finite, and positive on a logarithmic axis).
    init(values: [Double], scale: Scale) {
        self.scale = scale
        var low = Double.infinity
        var high = -Double.infinity
        for v in values where Self.isPlottable(v, scale) {
            low = min(low, v)
            high = max(high, v)
        }
        switch scale {
        case .linear:
            if low > high {
                (low, high) = (0, 1)
            } else if low == high {
                let pad = abs(low) * 0.1
                if pad > 1e-290 && (low - pad).isFinite && (high + pad).isFinite {
                    (low, high) = (low - pad, high + pad)
                } else if pad > 1e-290 {
                    (low, high) = low > 0 ? (low * 0.8, high) : (low, high * 0.8)
                } else {
                    (low, high) = (low - 1, high + 1)
                }
            }
            lower = low
            upper = high
            makeLinearTicks()
        case .logarithmic:
            if low > high {
                (low, high) = (1, 10)
            } else if low == high {
                (low, high) = (low / 2, high * 2)
            }
            lower = low
            upper = high
            makeLogarithmicTicks()
        }
    }

    static func isPlottable(_ v: Double, _ scale: Scale) -> Bool {
        v.isFinite && (scale == .linear || v > 0)
    }

    /// The position of `v` along the axis, 0 at `lower` and 1 at `upper`; nil if `v` cannot be plotted.
    func fraction(_ v: Double) -> Double? {
        guard Self.isPlottable(v, scale) else { return nil }
        guard upper > lower else { return 0.5 }
        switch scale {
        case .linear: return (v / 2 - lower / 2) / (upper / 2 - lower / 2)
        case .logarithmic: return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        }
    }

    // MARK: - Ticks

    private mutating func makeLinearTicks() {
        // Halves first, so that the span of ±1e308 does not overflow.
        let step = Self.niceStep(for: (upper / 2 - lower / 2) / 2.5)
        // Snap the bounds outward to whole steps; guard against tiny floating-point overshoot.
        let first = (lower / step + 1e-9).rounded(.down)
        let last = (upper / step - 1e-9).rounded(.up)
        guard step > 0, step.isFinite, first.isFinite, last.isFinite, last - first <= 100,
            (first * step).isFinite, (last * step).isFinite, first * step < last * step
        else {
            // Extreme magnitudes (subnormal or near overflow): just the two ends.
            ticks = [(lower, String(lower)), (upper, String(upper))]
            return
        }
        lower = first * step
        upper = last * step
        let count = Int(last - first)
        ticks = (0...max(count, 1)).map { i in
            let value = (first + Double(i)) * step
            return (value, Self.label(value, step: step))
        }
    }

    private mutating func makeLogarithmicTicks() {
        var lowExponent = max(-307, Int(log10(lower).rounded(.down)))
        var highExponent = min(308, Int(log10(upper).rounded(.up)))
        if highExponent == lowExponent { highExponent += 1 }
        let decades = highExponent - lowExponent
        if decades <= 2 {
            // Narrow range: 1, 2, 5 × 10ᵏ, bounds snapped to those values.
            var candidates: [Double] = []
            for e in (lowExponent - 1)...(highExponent) {
                for m in [1.0, 2, 5] { candidates.append(m * pow(10, Double(e))) }
            }
            let below = candidates.last { $0 <= lower * (1 + 1e-12) } ?? candidates[0]
            let above = candidates.first { $0 >= upper * (1 - 1e-12) } ?? candidates[candidates.count - 1]
            lower = below
            upper = above
            let values = candidates.filter { $0 >= below && $0 <= above }
            let plain = values.allSatisfy { $0 >= 1e-3 && $0 <= 1e4 }
            ticks = values.map { ($0, Self.logLabel($0, plain: plain)) }
            return
        }
        let stride = max(1, Int((Double(decades) / 6).rounded(.up)))
        lowExponent = max(-307, Int((Double(lowExponent) / Double(stride)).rounded(.down)) * stride)
        highExponent = min(308, Int((Double(highExponent) / Double(stride)).rounded(.up)) * stride)
        lower = pow(10, Double(lowExponent))
        upper = pow(10, Double(highExponent))
        let plain = lowExponent >= -3 && highExponent <= 4
        ticks = Swift.stride(from: lowExponent, through: highExponent, by: stride).map { e in
            let value = pow(10, Double(e))
            return (value, Self.logLabel(value, plain: plain))
        }
    }

    /// 1, 2, 2.5 or 5 × 10ᵏ, the smallest at least `raw` (or 1 for a degenerate input).
    static func niceStep(for raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let residual = raw / magnitude
        let nice: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10
        return nice * magnitude
    }

    // MARK: - Labels

    /// A tick label with the decimals the step needs (the same for every tick of the axis); very large or small
    /// values as m×10ⁿ.
    static func label(_ value: Double, step: Double) -> String {
        let stepExponent = Int(log10(step).rounded(.down))
        let stepDecimals = abs(step / pow(10, Double(stepExponent)) - 2.5) < 1e-9 ? 1 : 0
        let magnitude = max(abs(value), step)
        if magnitude >= 1e6 || magnitude < 1e-4 {
            if abs(value) < step * 1e-6 { return "0" }
            let exponent = Int(log10(magnitude).rounded(.down))
            let decimals = max(0, exponent - stepExponent + stepDecimals)
            return scientific(value, exponent: exponent, decimals: min(decimals, 6))
        }
        let decimals = max(0, -stepExponent + stepDecimals)
        return fixed(value, decimals: min(decimals, 12))
    }

    /// A log-axis label: plain decimals when the whole axis lies in 0.001…10⁴, else 10ⁿ or m×10ⁿ.
    static func logLabel(_ value: Double, plain: Bool) -> String {
        let exponent = Int(log10(value * (1 + 1e-12)).rounded(.down))
        let mantissa = (value / pow(10, Double(exponent))).rounded()
        if plain { return fixed(value, decimals: max(0, -exponent)) }
        return mantissa == 1 ? "10" + superscript(exponent) : scientific(value, exponent: exponent, decimals: 0)
    }

    /// `value` with exactly `decimals` digits after the point ("-0" printed as "0").
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = pow(10, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let n = UInt64(scaled)
        let sign = value < 0 && n != 0 ? "−" : ""
        guard decimals > 0 else { return sign + String(n) }
        var digits = String(n)
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -decimals)
        return sign + digits[..<split] + "." + digits[split...]
    }

    static func scientific(_ value: Double, exponent: Int, decimals: Int) -> String {
        let mantissa = value / pow(10, Double(exponent))
        return fixed(mantissa, decimals: decimals) + "×10" + superscript(exponent)
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(String(abs(n)).map { digits[Int(String($0))!] })
    }
}
