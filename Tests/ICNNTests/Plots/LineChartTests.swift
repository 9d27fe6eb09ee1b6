import Foundation
import ICNN
import Testing

@Suite("LineChart draws well-formed SVG for any data")
struct LineChartTests {
    static func lossCurves() -> LineChart {
        var chart = LineChart(title: "Training loss (FICNN, 2×64)", xLabel: "step", yLabel: "loss", logScaleY: true)
        let train = (0..<400).map { 2.0 * exp(-Double($0) / 60) + 0.01 + 0.004 * sin(Double($0)) }
        let steps = stride(from: 0, through: 400, by: 25).map(Double.init)
        chart.series.append(.init(name: "train", y: train))
        chart.series.append(
            .init(name: "validation", x: steps, y: steps.map { 2.1 * exp(-$0 / 70) + 0.02 }, dashed: true)
        )
        return chart
    }

    @Test("loss curves on a log axis: series, legend, title and labels are there")
    func lossCurvesSVG() throws {
        let svg = Self.lossCurves().svg()
        saveSample(svg, as: "loss.svg")
        let elements = checkWellFormed(svg)
        #expect(elements.filter { $0 == "path" }.count >= 3)  // axes + two series
        let expected = [
            "Training loss (FICNN, 2×64)", ">step<", ">loss<", ">train<", ">validation<", "stroke-dasharray",
        ]
        for text in expected {
            #expect(svg.contains(text), "missing \(text)")
        }
        #expect(svg.contains("10⁻²") || svg.contains("0.01"))
    }

    @Test("linear axis ticks are round numbers")
    func linearTicks() throws {
        let chart = LineChart(series: [.init(name: "a", x: [0, 97], y: [0.013, 0.087])])
        let svg = chart.svg()
        _ = checkWellFormed(svg)
        for label in [">0<", ">20<", ">100<", ">0.02<", ">0.08<"] { #expect(svg.contains(label), "missing \(label)") }
    }

    static let awkwardData: [(String, [Double], [Double])] = [
        ("NaN and infinities", [0, 1, 2, 3, 4, 5], [1, .nan, 3, .infinity, -.infinity, 2]),
        ("all equal", [1, 2, 3], [5, 5, 5]),
        ("all zero", [0, 0, 0], [0, 0, 0]),
        ("single point", [3], [7]),
        ("empty", [], []),
        ("only NaN", [.nan, .nan], [.nan, .nan]),
        ("mismatched lengths", [1, 2, 3, 4], [1, 2]),
        ("huge and tiny", [-1e308, 1e308], [.leastNonzeroMagnitude, 1.7e308]),
        ("negative on log axis", [0, 1, 2], [-1, 0, 1]),
    ]

    @Test("awkward data never crashes and stays well-formed", arguments: 0..<awkwardData.count)
    func awkward(index: Int) throws {
        let (name, x, y) = Self.awkwardData[index]
        for log in [false, true] {
            let chart = LineChart(
                title: name,
                logScaleY: log,
                series: [.init(name: name, x: x, y: y), .init(name: "empty", y: [])]
            )
            let svg = chart.svg()
            saveSample(svg, as: "awkward-\(index)\(log ? "-log" : "").svg")
            _ = checkWellFormed(svg)
        }
    }

    @Test("points standing alone between NaNs are drawn as dots")
    func isolatedPoints() throws {
        let svg = LineChart(series: [.init(name: "gappy", y: [1, .nan, 3, .infinity, -.infinity, 2])]).svg()
        #expect(checkWellFormed(svg).filter { $0 == "circle" }.count == 3)
    }

    @Test("text is escaped and control characters dropped")
    func escaping() throws {
        let chart = LineChart(
            title: "a < b & \"c\" 'd'\u{1}",
            xLabel: "<x>",
            series: [.init(name: "&series", y: [1, 2])]
        )
        let svg = chart.svg()
        _ = checkWellFormed(svg)
        #expect(svg.contains("a &lt; b &amp; &quot;c&quot; &apos;d&apos;"))
        #expect(svg.contains("&amp;series"))
    }

    @Test("write is atomic and fails with the path in a missing folder")
    func write() throws {
        try withTemporaryDirectory { folder in
            try Self.lossCurves().write(to: folder + "/loss.svg")
            #expect(fileNames(in: folder) == ["loss.svg"])
            #expect(throws: FileWriteError.self) { try Self.lossCurves().write(to: folder + "/missing/loss.svg") }
        }
    }
}
