/// An SVG document under construction: elements are appended as text, with helpers that escape text and format
/// coordinates compactly. Dependency-free; the output is standalone SVG 1.1.
struct SVGDocument {
    let width: Double
    let height: Double
    private(set) var definitions: [String] = []
    private(set) var elements: [String] = []
    /// The `<title>` of the document (shown by viewers as a tooltip; used by screen readers).
    var title: String

    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    mutating func define(_ element: String) { definitions.append(element) }
    mutating func append(_ element: String) { elements.append(element) }

    /// The whole document.
    func rendered() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.number(width))\" "
        out += "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
        out += "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        out += "<title>\(Self.escaped(title))</title>\n"
        if !definitions.isEmpty { out += "<defs>\n" + definitions.joined(separator: "\n") + "\n</defs>\n" }
        out += elements.joined(separator: "\n")
        out += "\n</svg>\n"
        return out
    }

    /// Text safe inside an element or a double-quoted attribute: `& < > " '` escaped, and characters that XML 1.0
    /// does not allow (most control characters) dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals, without trailing zeros ("12", "3.5", "-0.25").
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        guard abs(hundredths) < 1e15 else { return String(Int64(value.rounded())) }
        let n = Int64(hundredths)
        let sign = n < 0 ? "-" : ""
        let magnitude = n.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
        return sign + "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
