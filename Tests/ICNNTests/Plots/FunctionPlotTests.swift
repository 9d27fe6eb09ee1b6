import Foundation
import ICNN
import Testing

@Suite("FunctionPlot draws data with fitted curves")
struct FunctionPlotTests {
    @Test("noisy samples of a convex function with a fit and the truth")
    func convexFit() throws {
        var generator = SeededGenerator(seed: 9)
        let xs = (0..<80).map { _ in Double.random(in: -2...2, using: &generator) }
        let ys = xs.map { $0 * $0 + 0.5 * abs($0) + Double.random(in: -0.4...0.4, using: &generator) }
        var plot = FunctionPlot(title: "Convex regression", dataX: xs, dataY: ys)
        plot.curves.append(FunctionPlot.curve(name: "ICNN fit", over: -2...2) { $0 * $0 + 0.48 * abs($0) + 0.03 })
        plot.curves.append(
            FunctionPlot.curve(
                name: "true f(x) = x² + |x|/2",
                over: -2...2,
                color: "#59a14f",
                dashed: true
            ) { $0 * $0 + 0.5 * abs($0) }
        )
        let svg = plot.svg()
        saveSample(svg, as: "function.svg")
        let elements = checkWellFormed(svg)
        #expect(elements.filter { $0 == "circle" }.count == 80 + 1)
        for text in [">data<", ">ICNN fit<", "true f(x) = x² + |x|/2", "Convex regression"] {
            #expect(svg.contains(text), "missing \(text)")
        }
    }

    @Test("curves with NaN, no data, and a constant function")
    func awkward() throws {
        var plot = FunctionPlot(dataX: [], dataY: [])
        plot.curves.append(FunctionPlot.curve(name: "log", over: -1...1) { log($0) })
        plot.curves.append(FunctionPlot.curve(name: "constant", over: 0...0, samples: 1) { _ in 3 })
        _ = checkWellFormed(plot.svg())
    }
}
