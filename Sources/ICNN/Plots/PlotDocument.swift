import Foundation

/// A chart that renders itself as a standalone SVG of a given size.
public protocol SVGChart: Sendable {
    /// The image size in pixels.
    var width: Double { get }
    var height: Double { get }
    /// The SVG text.
    func svg() -> String
}

extension LineChart: SVGChart {}
extension FunctionPlot: SVGChart {}
extension ScatterPlot: SVGChart {}

/// One SVG file holding charts stacked vertically (loss curves above the fitted function; a transported cloud
/// above its training curves).
public struct PlotDocument: Sendable {
    /// The charts, top to bottom.
    public var charts: [any SVGChart]

    /// A document of `charts`, top to bottom.
    public init(_ charts: [any SVGChart]) { self.charts = charts }

    /// The SVG text (a single chart's own SVG when there is one).
    public func svg() -> String {
        if charts.count == 1 { return charts[0].svg() }
        // Nested <svg> elements keep each chart's coordinates; each chart's clip path gets its own id.
        var y = 0.0, nested = ""
        for (k, chart) in charts.enumerated() {
            var body = Self.body(chart.svg())
            if k > 0 { body = body.replacingOccurrences(of: PlotFrame.clipID, with: "\(PlotFrame.clipID)-\(k + 1)") }
            if let open = body.range(of: "<svg ") {
                body = body.replacingCharacters(in: open, with: "<svg x=\"0\" y=\"\(y)\" ")
            }
            nested += body + "\n"
            y += chart.height
        }
        let width = charts.map(\.width).max() ?? 0
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(y)" \
            viewBox="0 0 \(width) \(y)">
            \(nested)</svg>

            """
    }

    /// Writes the SVG atomically.
    /// - Throws: `FileWriteError`.
    public func write(to path: String) throws { try AtomicFile.write(svg(), to: path) }

    /// The document without its XML declaration.
    private static func body(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.firstIndex(of: "\n") else { return svg }
        return String(svg[svg.index(after: end)...])
    }
}
