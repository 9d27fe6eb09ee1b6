import ICNN
import Testing

/// Tick labels are checked through the SVG text, the only public view of the axis.
@Suite("Plot axes have round ticks")
struct PlotAxisTests {
    static let ranges: [(low: Double, high: Double, labels: [String])] = [
        (0, 1, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        (-3.7, 12.2, ["−5", "0", "5", "10", "15"]),
        (0.0012, 0.0049, ["0.001", "0.002", "0.003", "0.004", "0.005"]),
        (1_000_000, 3_500_000, ["1.0×10⁶", "1.5×10⁶", "2.0×10⁶", "3.5×10⁶"]),
        (0, 25, ["0", "5", "10", "25"]),
    ]

    @Test(arguments: 0..<ranges.count)
    func linear(index: Int) throws {
        let (low, high, labels) = Self.ranges[index]
        let svg = LineChart(series: [.init(name: "", x: [0, 1], y: [low, high])]).svg()
        for label in labels { #expect(svg.contains(">\(label)</text>"), "missing tick \(label)") }
    }

    @Test("a log axis within 0.001…10⁴ has plain labels")
    func logarithmicPlain() throws {
        let svg = LineChart(logScaleY: true, series: [.init(name: "", y: [0.02, 1, 300])]).svg()
        for label in ["0.01", "0.1", "1", "10", "100", "1000"] {
            #expect(svg.contains(">\(label)</text>"), "missing tick \(label)")
        }
    }

    @Test("a log axis within one decade ticks at 1, 2, 5")
    func logarithmicNarrow() throws {
        let svg = LineChart(logScaleY: true, series: [.init(name: "", y: [1.3, 4.5])]).svg()
        for label in ["1", "2", "5"] { #expect(svg.contains(">\(label)</text>"), "missing tick \(label)") }
    }

    @Test("a log axis over several decades labels powers of ten")
    func logarithmic() throws {
        let svg = LineChart(logScaleY: true, series: [.init(name: "", y: [3e-6, 1, 40_000])]).svg()
        for label in ["10⁻⁶", "10⁻⁴", "10⁻²", "10⁰", "10²", "10⁴", "10⁶"] {
            #expect(svg.contains(">\(label)</text>"), "missing tick \(label)")
        }
    }
}
