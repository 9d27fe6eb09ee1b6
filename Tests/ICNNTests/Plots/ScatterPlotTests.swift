import Foundation
import ICNN
import Testing

@Suite("ScatterPlot draws point sets")
struct ScatterPlotTests {
    @Test("source, target and pushed samples with colours and transparency")
    func transport() throws {
        var generator = SeededGenerator(seed: 5)
        func cloud(_ n: Int, _ cx: Double, _ cy: Double, _ s: Double) -> Tensor<Float> {
            Tensor<Float>(
                shape: [n, 2],
                scalars: (0..<(2 * n)).map { i in
                    let u = Double.random(in: 0..<1, using: &generator), v = Double.random(in: 0..<1, using: &generator)
                    let g = sqrt(-2 * log(max(u, 1e-12))) * cos(2 * .pi * v)
                    return Float((i % 2 == 0 ? cx : cy) + s * g)
                }
            )
        }
        var plot = ScatterPlot(title: "Optimal transport: source → target", xLabel: "pc1", yLabel: "pc2")
        plot.sets.append(.init(name: "source", points: cloud(300, -2, 0, 0.7), opacity: 0.45))
        plot.sets.append(.init(name: "target", points: cloud(300, 2, 1, 0.5), opacity: 0.45))
        plot.sets.append(
            .init(
                name: "pushed source",
                points: cloud(300, 2, 1, 0.55),
                color: "#222222",
                opacity: 0.5,
                radius: 2
            )
        )
        let svg = plot.svg()
        saveSample(svg, as: "scatter.svg")
        let elements = checkWellFormed(svg)
        #expect(elements.filter { $0 == "circle" }.count == 900 + 3)  // points + legend markers
        for text in [">source<", ">target<", ">pushed source<", "fill=\"#222222\"", "fill-opacity=\"0.45\""] {
            #expect(svg.contains(text), "missing \(text)")
        }
    }

    @Test("non-finite points are skipped; empty and degenerate sets are fine")
    func awkward() throws {
        let plot = ScatterPlot(sets: [
            .init(name: "mixed", x: [1, .nan, 3, .infinity], y: [1, 2, -.infinity, 4]),
            .init(name: "empty", x: [], y: []),
            .init(name: "same", x: [2, 2], y: [2, 2], opacity: .nan, radius: -1),
        ])
        let svg = plot.svg()
        let elements = checkWellFormed(svg)
        #expect(elements.filter { $0 == "circle" }.count == 3 + 3)
        _ = checkWellFormed(ScatterPlot().svg())
    }
}
