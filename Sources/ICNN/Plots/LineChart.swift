/// A line chart of one or more named series, e.g. training and validation loss against the step.
///
/// ```swift
/// var chart = LineChart(title: "Training loss", xLabel: "step", yLabel: "loss", logScaleY: true)
/// chart.series.append(.init(name: "train", y: trainLoss))
/// chart.series.append(.init(name: "validation", x: validationSteps, y: validationLoss, dashed: true))
/// try chart.write(to: "loss.svg")
/// ```
///
/// Edge cases: NaN and ±∞ (and values ≤ 0 on a logarithmic axis) break the line instead of being drawn; an empty
/// series only appears in the legend; all-equal values get a range around them; a chart with no data draws empty
/// axes. Nothing here traps on data.
public struct LineChart: Sendable {
    /// One line: y against x, with a name for the legend.
    public struct Series: Sendable {
        /// The legend name; an empty name is left out of the legend.
        public var name: String
        /// The x values (as many as `y`; extra values of the longer list are ignored).
        public var x: [Double]
        /// The y values.
        public var y: [Double]
        /// Any SVG colour ("#4e79a7", "teal"); nil takes the next palette colour.
        public var color: String?
        /// Whether the line is dashed.
        public var dashed: Bool

        /// A series of points (x[i], y[i]).
        public init(name: String, x: [Double], y: [Double], color: String? = nil, dashed: Bool = false) {
            self.name = name
            self.x = x
            self.y = y
            self.color = color
            self.dashed = dashed
        }

        /// A series of y values at x = 0, 1, 2, … (e.g. one loss per step).
        public init(name: String, y: [Double], color: String? = nil, dashed: Bool = false) {
            self.init(name: name, x: (0..<y.count).map(Double.init), y: y, color: color, dashed: dashed)
        }
    }

    /// The title above the plot; empty for none.
    public var title: String
    /// The x-axis label; empty for none.
    public var xLabel: String
    /// The y-axis label; empty for none.
    public var yLabel: String
    /// Whether the y axis is logarithmic (values ≤ 0 are then not drawn).
    public var logScaleY: Bool
    /// The lines, drawn in order (later on top).
    public var series: [Series]
    /// The image size in pixels.
    public var width: Double
    /// The image size in pixels.
    public var height: Double

    /// A chart; add series to `series`.
    public init(
        title: String = "",
        xLabel: String = "",
        yLabel: String = "",
        logScaleY: Bool = false,
        series: [Series] = [],
        width: Double = 720,
        height: Double = 440
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logScaleY = logScaleY
        self.series = series
        self.width = width
        self.height = height
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let xs = series.flatMap { Array($0.x.prefix($0.y.count)) }
        let ys = series.flatMap { Array($0.y.prefix($0.x.count)) }
        let frame = PlotFrame(
            width: width,
            height: height,
            title: title,
            xLabel: xLabel,
            yLabel: yLabel,
            x: PlotAxis(values: xs, scale: .linear),
            y: PlotAxis(values: ys, scale: logScaleY ? .logarithmic : .linear)
        )
        var doc = frame.document()
        var occupied: [(Double, Double)] = []
        var legend: [PlotFrame.LegendEntry] = []
        doc.append(
            frame.curves(series, strokeWidth: 2, dotRadius: 2.5, legend: &legend, occupied: &occupied)
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
