/// A one-dimensional fit: data points (x, y) with one or more curves over them, e.g. the samples and a fitted
/// convex function, or the fit next to the true function.
///
/// ```swift
/// var plot = FunctionPlot(title: "Convex fit", xLabel: "x", yLabel: "y", dataX: xs, dataY: ys)
/// plot.curves.append(.init(name: "ICNN", x: grid, y: predictions))
/// plot.curves.append(FunctionPlot.curve(name: "x²", over: -2...2, color: "#59a14f", dashed: true) { $0 * $0 })
/// try plot.write(to: "fit.svg")
/// ```
///
/// The axes cover the data and the curves. Edge cases are those of `LineChart` and `ScatterPlot`.
public struct FunctionPlot: Sendable {
    /// The title above the plot; empty for none.
    public var title: String
    /// The x-axis label; empty for none.
    public var xLabel: String
    /// The y-axis label; empty for none.
    public var yLabel: String
    /// The data points (drawn first, under the curves).
    public var data: ScatterPlot.PointSet
    /// The curves, drawn over the data in order; those without a colour take palette colours after the data's.
    public var curves: [LineChart.Series]
    /// The image size in pixels.
    public var width: Double
    /// The image size in pixels.
    public var height: Double

    /// A plot of data points (grey-blue, semi-transparent) to which curves are added.
    public init(
        title: String = "",
        xLabel: String = "x",
        yLabel: String = "y",
        dataX: [Double],
        dataY: [Double],
        dataName: String = "data",
        curves: [LineChart.Series] = [],
        width: Double = 720,
        height: Double = 440
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.data = ScatterPlot.PointSet(
            name: dataName,
            x: dataX,
            y: dataY,
            color: "#7f8c9d",
            opacity: 0.55,
            radius: 3
        )
        self.curves = curves
        self.width = width
        self.height = height
    }

    /// A curve sampling `f` at `samples` evenly spaced points of `range` (ends included).
    public static func curve(
        name: String,
        over range: ClosedRange<Double>,
        samples: Int = 200,
        color: String? = nil,
        dashed: Bool = false,
        _ f: (Double) -> Double
    ) -> LineChart.Series {
        let n = max(samples, 2)
        let xs = (0..<n).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(n - 1) }
        return LineChart.Series(name: name, x: xs, y: xs.map(f), color: color, dashed: dashed)
    }

    /// The plot as a standalone SVG document.
    public func svg() -> String {
        let xs = Array(data.x.prefix(data.y.count)) + curves.flatMap { Array($0.x.prefix($0.y.count)) }
        let ys = Array(data.y.prefix(data.x.count)) + curves.flatMap { Array($0.y.prefix($0.x.count)) }
        let frame = PlotFrame(
            width: width,
            height: height,
            title: title,
            xLabel: xLabel,
            yLabel: yLabel,
            x: PlotAxis(values: xs, scale: .linear),
            y: PlotAxis(values: ys, scale: .linear)
        )
        var doc = frame.document()
        var occupied: [(Double, Double)] = []
        let color = data.color ?? PlotPalette.color(at: 0)
        var legend: [PlotFrame.LegendEntry] = [
            .init(name: data.name, color: color, mark: .point(opacity: data.opacity))
        ]
        var points = "<g clip-path=\"url(#\(PlotFrame.clipID))\" fill=\"\(SVGDocument.escaped(color))\" "
        points += "fill-opacity=\"\(SVGDocument.number(min(max(data.opacity.isFinite ? data.opacity : 1, 0), 1)))\">"
        let radius = SVGDocument.number(data.radius.isFinite ? max(data.radius, 0.5) : 3)
        for i in 0..<min(data.x.count, data.y.count) {
            guard let cx = frame.px(data.x[i]), let cy = frame.py(data.y[i]) else { continue }
            occupied.append((cx, cy))
            points += "<circle cx=\"\(SVGDocument.number(cx))\" cy=\"\(SVGDocument.number(cy))\" r=\"\(radius)\"/>"
        }
        doc.append(points + "</g>")
        doc.append(
            frame.curves(curves, strokeWidth: 2.5, dotRadius: 3, legend: &legend, occupied: &occupied)
        )
        frame.drawLegend(legend, occupied: occupied, into: &doc)
        return doc.rendered()
    }

    /// Writes `svg()` to a file, atomically.
    /// - Throws: `FileWriteError`; the destination is then untouched.
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }
}
