/// A scatter plot of one or more named point sets, e.g. source, target and transported samples.
///
/// ```swift
/// var plot = ScatterPlot(title: "Transport", xLabel: "pc1", yLabel: "pc2")
/// plot.sets.append(try .init(name: "source", points: source))              // Tensor<Float>, shape [n, ≥2]
/// plot.sets.append(try .init(name: "pushed", points: pushed, opacity: 0.4))
/// try plot.write(to: "transport.svg")
/// ```
///
/// Edge cases: points with a NaN or ±∞ coordinate are skipped; empty sets only appear in the legend; all-equal
/// coordinates get a range around them. Nothing here traps on data.
public struct ScatterPlot: Sendable {
    /// Points drawn as filled circles of one colour.
    public struct PointSet: Sendable {
        /// The legend name; an empty name is left out of the legend.
        public var name: String
        /// The x coordinates (as many as `y`; extra values of the longer list are ignored).
        public var x: [Double]
        /// The y coordinates.
        public var y: [Double]
        /// Any SVG colour; nil takes the next palette colour.
        public var color: String?
        /// Fill opacity in 0…1 (lower shows density in overlapping clouds).
        public var opacity: Double
        /// Circle radius in pixels.
        public var radius: Double

        /// Points (x[i], y[i]).
        public init(
            name: String,
            x: [Double],
            y: [Double],
            color: String? = nil,
            opacity: Double = 0.7,
            radius: Double = 3
        ) {
            self.name = name
            self.x = x
            self.y = y
            self.color = color
            self.opacity = opacity
            self.radius = radius
        }

        /// Points from the rows of a matrix: column 0 is x, column 1 is y (further columns are ignored).
        /// - Precondition: `points` has rank 2 and at least 2 columns.
        public init<Scalar: TensorScalar>(
            name: String,
            points: Tensor<Scalar>,
            color: String? = nil,
            opacity: Double = 0.7,
            radius: Double = 3
        ) {
            guard points.rank == 2, points.shape[1] >= 2 else {
                fatalError("ScatterPlot.PointSet: points of shape \(points.shape) need shape [n, ≥2]")
            }
            let columns = points.shape[1]
            let scalars = points.scalars
            let rows = points.shape[0]
            self.init(
                name: name,
                x: (0..<rows).map { Double(scalars[$0 * columns]) },
                y: (0..<rows).map { Double(scalars[$0 * columns + 1]) },
                color: color,
                opacity: opacity,
                radius: radius
            )
        }
    }

    /// The title above the plot; empty for none.
    public var title: String
    /// The x-axis label; empty for none.
    public var xLabel: String
    /// The y-axis label; empty for none.
    public var yLabel: String
    /// The point sets, drawn in order (later on top).
    public var sets: [PointSet]
    /// The image size in pixels.
    public var width: Double
    /// The image size in pixels.
    public var height: Double

    /// A plot; add point sets to `sets`.
    public init(
        title: String = "",
        xLabel: String = "",
        yLabel: String = "",
        sets: [PointSet] = [],
        width: Double = 640,
        height: Double = 520
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.sets = sets
        self.width = width
        self.height = height
    }

    /// The plot as a standalone SVG document.
    public func svg() -> String {
        let frame = PlotFrame(
            width: width,
            height: height,
            title: title,
            xLabel: xLabel,
            yLabel: yLabel,
            x: PlotAxis(values: sets.flatMap { Array($0.x.prefix($0.y.count)) }, scale: .linear),
            y: PlotAxis(values: sets.flatMap { Array($0.y.prefix($0.x.count)) }, scale: .linear)
        )
        var doc = frame.document()
        var occupied: [(Double, Double)] = []
        var legend: [PlotFrame.LegendEntry] = []
        for (index, set) in sets.enumerated() {
            let color = set.color ?? PlotPalette.color(at: index)
            let opacity = min(max(set.opacity.isFinite ? set.opacity : 1, 0), 1)
            legend.append(.init(name: set.name, color: color, mark: .point(opacity: opacity)))
            let radius = SVGDocument.number(set.radius.isFinite ? max(set.radius, 0.5) : 3)
            var group = "<g clip-path=\"url(#\(PlotFrame.clipID))\" fill=\"\(SVGDocument.escaped(color))\" "
            group += "fill-opacity=\"\(SVGDocument.number(opacity))\">"
            for i in 0..<min(set.x.count, set.y.count) {
                guard let cx = frame.px(set.x[i]), let cy = frame.py(set.y[i]) else { continue }
                occupied.append((cx, cy))
                group += "<circle cx=\"\(SVGDocument.number(cx))\" cy=\"\(SVGDocument.number(cy))\" r=\"\(radius)\"/>"
            }
            doc.append(group + "</g>")
        }
        frame.drawLegend(legend, occupied: occupied, into: &doc)
        return doc.rendered()
    }

    /// Writes `svg()` to a file, atomically.
    /// - Throws: `FileWriteError`; the destination is then untouched.
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }
}
