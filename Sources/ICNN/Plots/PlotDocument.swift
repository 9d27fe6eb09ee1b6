import Foundation

/// One SVG file holding one chart or two charts stacked vertically (loss curves above the fitted function).
public enum PlotDocument: Sendable {
    case lines(LineChart)
    case linesAndFunction(LineChart, FunctionPlot)

    /// The SVG text.
    public func svg() -> String {
        switch self {
        case .lines(let chart):
            return chart.svg()
        case .linesAndFunction(let top, let bottom):
            // Nested <svg> elements keep each chart's coordinates; the second chart's clip path gets its own id.
            let first = Self.body(top.svg())
            let second = Self.body(bottom.svg()).replacingOccurrences(of: "plot-area", with: "plot-area-2")
            let width = max(top.width, bottom.width), height = top.height + bottom.height
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" \
                viewBox="0 0 \(width) \(height)">
                \(first.replacingOccurrences(of: "<svg ", with: "<svg x=\"0\" y=\"0\" ", options: [], range: first.range(of: "<svg ")))
                \(second.replacingOccurrences(of: "<svg ", with: "<svg x=\"0\" y=\"\(top.height)\" ", options: [], range: second.range(of: "<svg ")))
                </svg>

                """
        }
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
