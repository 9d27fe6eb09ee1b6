/// Parses one CSV cell as a decimal number, quickly and with correct rounding.
///
/// Accepted: optional surrounding spaces/tabs, an optional sign, digits with an optional decimal point (`1`, `1.`,
/// `.5`), an optional exponent (`e-7`, `E+10`), and the words `nan`, `inf`, `infinity` in any case. Hexadecimal
/// and thousands separators are text. Numbers with at most 19 significant digits, a significand below 2⁵³ and a
/// decimal exponent within ±22 (almost all data) are converted exactly with one correctly rounded multiplication
/// or division by an exact power of ten; the rest go through the standard library's correctly rounded parser.
enum DecimalParser {
    /// What a cell holds.
    enum Cell {
        /// A number (possibly NaN or ±infinity, when written so or out of Double's range).
        case number(Double)
        /// Nothing but spaces.
        case empty
        /// Anything else.
        case text
    }

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// Parses the bytes `p[start..<end]`.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Cell {
        var i = start
        var e = end
        while i < e && isBlank(p[i]) { i += 1 }
        while e > i && isBlank(p[e - 1]) { e -= 1 }
        if i == e { return .empty }
        let numberStart = i
        var negative = false
        if p[i] == 0x2D {  // -
            negative = true
            i += 1
        } else if p[i] == 0x2B {  // +
            i += 1
        }
        if i == e { return .text }
        let first = p[i] | 0x20
        if first == 0x6E || first == 0x69 { return special(p, i, e, negative: negative) }  // n, i

        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        var inexact = false
        while i < e {
            let d = p[i] &- 0x30
            if d > 9 { break }
            sawDigit = true
            if significand == 0 && d == 0 {
                // leading zero: no significance
            } else if digits < 19 {
                significand = significand &* 10 &+ UInt64(d)  // < 10¹⁹ < 2⁶⁴: no overflow
                digits += 1
            } else {
                exponent += 1
                inexact = true
            }
            i += 1
        }
        if i < e && p[i] == 0x2E {  // .
            i += 1
            while i < e {
                let d = p[i] &- 0x30
                if d > 9 { break }
                sawDigit = true
                if significand == 0 && d == 0 {
                    exponent -= 1
                } else if digits < 19 {
                    significand = significand &* 10 &+ UInt64(d)
                    digits += 1
                    exponent -= 1
                } else {
                    inexact = true
                }
                i += 1
            }
        }
        guard sawDigit else { return .text }
        if i < e && (p[i] | 0x20) == 0x65 {  // e
            i += 1
            var exponentNegative = false
            if i < e && (p[i] == 0x2D || p[i] == 0x2B) {
                exponentNegative = p[i] == 0x2D
                i += 1
            }
            var value = 0
            var sawExponentDigit = false
            while i < e {
                let d = p[i] &- 0x30
                if d > 9 { break }
                sawExponentDigit = true
                if value < 100_000 { value = value * 10 + Int(d) }
                i += 1
            }
            guard sawExponentDigit else { return .text }
            exponent += exponentNegative ? -value : value
        }
        guard i == e else { return .text }
        if significand == 0 { return .number(negative ? -0.0 : 0.0) }
        if !inexact && significand <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var value = Double(significand)  // exact
            if exponent >= 0 {
                value *= exactPowersOfTen[exponent]
            } else {
                value /= exactPowersOfTen[-exponent]
            }
            return .number(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(start: p + numberStart, count: e - numberStart), as: UTF8.self)
        guard let value = Double(text) else { return .text }
        return .number(value)
    }

    /// `nan`, `inf` or `infinity` (case-insensitive) at `p[i..<e]`.
    private static func special(_ p: UnsafePointer<UInt8>, _ i: Int, _ e: Int, negative: Bool) -> Cell {
        func matches(_ word: StaticString) -> Bool {
            guard e - i == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<(e - i) where (p[i + k] | 0x20) != w[k] { return false }
            return true
        }
        if matches("nan") { return .number(.nan) }
        if matches("inf") || matches("infinity") { return .number(negative ? -.infinity : .infinity) }
        return .text
    }
}
