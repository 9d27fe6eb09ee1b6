/// The parts every plot shares: the layout (margins sized to the tick labels), the background, grid, axes with
/// ticks, title, axis labels, the mapping from data to pixels, and a legend placed in the emptiest corner.
struct PlotFrame {
    /// A legend line: a name with its colour and mark.
    struct LegendEntry {
        enum Mark {
            case line(dashed: Bool)
            case point(opacity: Double)
        }
        var name: String
        var color: String
        var mark: Mark
    }

    let width: Double
    let height: Double
    let title: String
    let xLabel: String
    let yLabel: String
    let x: PlotAxis
    let y: PlotAxis
    /// The plot area's edges in pixels.
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double

    static let textColor = "#333333"
    static let clipID = "plot-area"

    init(width: Double, height: Double, title: String, xLabel: String, yLabel: String, x: PlotAxis, y: PlotAxis) {
        self.width = max(width, 120)
        self.height = max(height, 100)
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        let longestTick = y.ticks.map(\.label.count).max() ?? 1
        left = min(self.width * 0.4, 14 + Double(longestTick) * 6.8 + (yLabel.isEmpty ? 6 : 26))
        right = self.width - 24
        top = title.isEmpty ? 20 : 46
        bottom = self.height - (xLabel.isEmpty ? 32 : 54)
    }

    /// The horizontal pixel of a data value, or nil if it cannot be plotted.
    func px(_ v: Double) -> Double? {
        x.fraction(v).map { left + $0 * (right - left) }
    }

    /// The vertical pixel of a data value, or nil if it cannot be plotted.
    func py(_ v: Double) -> Double? {
        y.fraction(v).map { bottom - $0 * (bottom - top) }
    }

    /// A new document with the background, grid, axes, ticks, labels and title drawn.
    func document() -> SVGDocument {
        typealias S = SVGDocument
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "plot" : title)
        // The clip region reaches a few pixels past the axes, so that markers and lines on the bounds show whole.
        doc.define(
            "<clipPath id=\"\(Self.clipID)\"><rect x=\"\(S.number(left - 6))\" y=\"\(S.number(top - 6))\" "
                + "width=\"\(S.number(right - left + 12))\" height=\"\(S.number(bottom - top + 12))\"/></clipPath>"
        )
        doc.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        var grid = "<g stroke=\"#e6e6e6\" stroke-width=\"1\">"
        var tickMarks = "<g stroke=\"#555555\" stroke-width=\"1\">"
        var xTickLabels = "<g font-size=\"11\" fill=\"\(Self.textColor)\" text-anchor=\"middle\">"
        for tick in x.ticks {
            guard let p = px(tick.value) else { continue }
            let xs = S.number(p)
            grid += "<line x1=\"\(xs)\" y1=\"\(S.number(top))\" x2=\"\(xs)\" y2=\"\(S.number(bottom))\"/>"
            tickMarks += "<line x1=\"\(xs)\" y1=\"\(S.number(bottom))\" x2=\"\(xs)\" y2=\"\(S.number(bottom + 5))\"/>"
            xTickLabels += "<text x=\"\(xs)\" y=\"\(S.number(bottom + 18))\">\(S.escaped(tick.label))</text>"
        }
        var yTickLabels = "<g font-size=\"11\" fill=\"\(Self.textColor)\" text-anchor=\"end\">"
        for tick in y.ticks {
            guard let p = py(tick.value) else { continue }
            let ys = S.number(p)
            grid += "<line x1=\"\(S.number(left))\" y1=\"\(ys)\" x2=\"\(S.number(right))\" y2=\"\(ys)\"/>"
            tickMarks += "<line x1=\"\(S.number(left - 5))\" y1=\"\(ys)\" x2=\"\(S.number(left))\" y2=\"\(ys)\"/>"
            yTickLabels += "<text x=\"\(S.number(left - 8))\" y=\"\(S.number(p + 4))\">\(S.escaped(tick.label))</text>"
        }
        doc.append(grid + "</g>")
        doc.append(
            "<path d=\"M\(S.number(left)) \(S.number(top))V\(S.number(bottom))H\(S.number(right))\" "
                + "fill=\"none\" stroke=\"#555555\" stroke-width=\"1\"/>"
        )
        doc.append(tickMarks + "</g>")
        doc.append(xTickLabels + "</g>")
        doc.append(yTickLabels + "</g>")
        if !title.isEmpty {
            doc.append(
                "<text x=\"\(S.number((left + right) / 2))\" y=\"28\" font-size=\"15\" font-weight=\"bold\" "
                    + "fill=\"#222222\" text-anchor=\"middle\">\(S.escaped(title))</text>"
            )
        }
        if !xLabel.isEmpty {
            doc.append(
                "<text x=\"\(S.number((left + right) / 2))\" y=\"\(S.number(height - 14))\" font-size=\"13\" "
                    + "fill=\"\(Self.textColor)\" text-anchor=\"middle\">\(S.escaped(xLabel))</text>"
            )
        }
        if !yLabel.isEmpty {
            let cy = S.number((top + bottom) / 2)
            doc.append(
                "<text x=\"18\" y=\"\(cy)\" font-size=\"13\" fill=\"\(Self.textColor)\" text-anchor=\"middle\" "
                    + "transform=\"rotate(-90 18 \(cy))\">\(S.escaped(yLabel))</text>"
            )
        }
        return doc
    }

    /// SVG path data for a polyline through the points, broken where a point cannot be plotted (NaN, ±∞, or
    /// non-positive on a logarithmic axis).
    /// - Returns: the path data (empty if there is no segment of two points or more), the points that stand alone
    ///   between unplottable ones (to be drawn as dots), and the pixels drawn, for legend placement.
    func polyline(
        x xs: [Double],
        y ys: [Double]
    )
        -> (data: String, isolated: [(Double, Double)], pixels: [(Double, Double)])
    {
        var data = ""
        var isolated: [(Double, Double)] = []
        var pixels: [(Double, Double)] = []
        var segment: [(Double, Double)] = []
        func flush() {
            if segment.count == 1 {
                isolated.append(segment[0])
            } else if segment.count > 1 {
                for (k, p) in segment.enumerated() {
                    data += (k == 0 ? "M" : "L") + SVGDocument.number(p.0) + " " + SVGDocument.number(p.1)
                }
            }
            segment.removeAll(keepingCapacity: true)
        }
        for i in 0..<min(xs.count, ys.count) {
            guard let a = px(xs[i]), let b = py(ys[i]) else {
                flush()
                continue
            }
            if let last = segment.last { pixels.append(((last.0 + a) / 2, (last.1 + b) / 2)) }
            segment.append((a, b))
            pixels.append((a, b))
        }
        flush()
        return (data, isolated, pixels)
    }

    /// Circles (as SVG elements) for points that stand alone on a line.
    static func dots(_ points: [(Double, Double)], color: String, radius: Double) -> String {
        points.map { p in
            "<circle cx=\"\(SVGDocument.number(p.0))\" cy=\"\(SVGDocument.number(p.1))\" "
                + "r=\"\(SVGDocument.number(radius))\" "
                + "fill=\"\(SVGDocument.escaped(color))\" stroke=\"none\"/>"
        }.joined()
    }

    /// The series as one clipped group of polylines (points that stand alone on a line drawn as dots), with a
    /// legend entry per series and the pixels the lines cover appended. Series without a colour take the palette.
    func curves(
        _ series: [LineChart.Series],
        strokeWidth: Double,
        dotRadius: Double,
        legend: inout [LegendEntry],
        occupied: inout [(Double, Double)]
    ) -> String {
        var lines = "<g clip-path=\"url(#\(Self.clipID))\" fill=\"none\" "
        lines +=
            "stroke-width=\"\(SVGDocument.number(strokeWidth))\" stroke-linejoin=\"round\" stroke-linecap=\"round\">"
        for (index, s) in series.enumerated() {
            let color = s.color ?? PlotPalette.color(at: index)
            legend.append(.init(name: s.name, color: color, mark: .line(dashed: s.dashed)))
            let (data, isolated, pixels) = polyline(x: s.x, y: s.y)
            occupied += pixels
            lines += Self.dots(isolated, color: color, radius: dotRadius)
            guard !data.isEmpty else { continue }
            lines += "<path d=\"\(data)\" stroke=\"\(SVGDocument.escaped(color))\""
            lines += (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
        }
        return lines + "</g>"
    }

    /// Draws the legend box in the corner of the plot area that covers the fewest of the `occupied` pixels.
    func drawLegend(_ entries: [LegendEntry], occupied: [(Double, Double)], into doc: inout SVGDocument) {
        typealias S = SVGDocument
        let shown = entries.filter { !$0.name.isEmpty }
        guard !shown.isEmpty else { return }
        let names = shown.map { $0.name.count > 40 ? String($0.name.prefix(39)) + "…" : $0.name }
        let rowHeight = 18.0
        let boxWidth = min(right - left - 20, 40 + Double(names.map(\.count).max() ?? 0) * 6.6)
        let boxHeight = 8 + rowHeight * Double(shown.count)
        let inset = 10.0
        let corners = [
            (right - inset - boxWidth, top + inset), (left + inset, top + inset),
            (right - inset - boxWidth, bottom - inset - boxHeight), (left + inset, bottom - inset - boxHeight),
        ]
        var best = corners[0]
        var bestCount = Int.max
        for corner in corners {
            let count = occupied.reduce(0) { n, p in
                n
                    + (p.0 >= corner.0 && p.0 <= corner.0 + boxWidth && p.1 >= corner.1 && p.1 <= corner.1 + boxHeight
                        ? 1 : 0)
            }
            if count < bestCount {
                best = corner
                bestCount = count
            }
        }
        var group = "<g font-size=\"12\" fill=\"\(Self.textColor)\">"
        group += "<rect x=\"\(S.number(best.0))\" y=\"\(S.number(best.1))\" width=\"\(S.number(boxWidth))\" "
        group +=
            "height=\"\(S.number(boxHeight))\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>"
        for (i, entry) in shown.enumerated() {
            let cy = best.1 + 4 + rowHeight * (Double(i) + 0.5)
            let color = S.escaped(entry.color)
            switch entry.mark {
            case .line(let dashed):
                group += "<line x1=\"\(S.number(best.0 + 8))\" y1=\"\(S.number(cy))\" x2=\"\(S.number(best.0 + 30))\" "
                group += "y2=\"\(S.number(cy))\" stroke=\"\(color)\" stroke-width=\"2.5\""
                group += (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
            case .point(let opacity):
                group += "<circle cx=\"\(S.number(best.0 + 19))\" cy=\"\(S.number(cy))\" r=\"4.5\" fill=\"\(color)\" "
                group += "fill-opacity=\"\(S.number(max(opacity, 0.5)))\"/>"
            }
            group += "<text x=\"\(S.number(best.0 + 36))\" y=\"\(S.number(cy + 4))\">\(S.escaped(names[i]))</text>"
        }
        doc.append(group + "</g>")
    }
}
