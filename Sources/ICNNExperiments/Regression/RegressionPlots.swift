import ICNN

/// The study's SVG plots: test MSE against depth per family (one chart per dimension, target and σ), and the
/// rotational profiles of ICNN and HyCNN (HyCNN paper, Fig. 1c) where they were recorded.
public enum RegressionPlots {
    /// A chart and the file name it is written under.
    public struct Plot: Sendable {
        public var fileName: String
        public var chart: LineChart
    }

    /// Every plot the runs and profiles allow.
    public static func all(runs: [RegressionRun], profiles: [RegressionProfile]) -> [Plot] {
        let cells = RegressionTable.summarize(runs)
        var plots: [Plot] = []
        let groups = Set(cells.keys.map { Group(target: $0.target, dimension: $0.dimension, noise: $0.noise) })
        for g in groups.sorted(by: { $0.name < $1.name }) {
            var chart = LineChart(
                title: "\(g.target.rawValue) = \(g.target.formula), d = \(g.dimension), σ = \(g.noiseText)",
                xLabel: "depth",
                yLabel: "test MSE (mean over seeds)",
                logScaleY: true
            )
            for family in RegressionFamily.allCases {
                let points = cells.filter { g.contains($0.key) && $0.key.family == family }
                    .sorted { $0.key.depth < $1.key.depth }
                guard !points.isEmpty else { continue }
                chart.series.append(
                    .init(
                        name: "\(family.displayName) (width \(points[0].key.width))",
                        x: points.map { Double($0.key.depth) },
                        y: points.map(\.value.mean)
                    )
                )
            }
            plots.append(Plot(fileName: "mse-depth-\(g.name).svg", chart: chart))
            if let profile = profileChart(g, cells: cells, profiles: profiles) {
                plots.append(Plot(fileName: "profile-\(g.name).svg", chart: profile))
            }
        }
        return plots
    }

    /// Direction 0's profiles for one setting: the truth, ICNN at its best and its deepest depth, HyCNN at its
    /// best depth (best = lowest mean test MSE over seeds).
    static func profileChart(
        _ g: Group,
        cells: [RegressionRun.Key: RegressionTable.Summary],
        profiles: [RegressionProfile]
    ) -> LineChart? {
        let mine = profiles.filter { g.contains($0.key) && $0.direction == 0 }
        guard let first = mine.first else { return nil }
        var chart = LineChart(
            title: "Rotational profile t ↦ f̂(t·v), \(g.target.rawValue), d = \(g.dimension), σ = \(g.noiseText)",
            xLabel: "t (v a random unit vector)",
            yLabel: "f̂(t·v)"
        )
        chart.series.append(
            .init(name: "truth \(g.target.formula)", x: first.t, y: first.truth, color: "black", dashed: true)
        )
        for family in [RegressionFamily.icnn, .hycnn] {
            let available = mine.filter { $0.key.family == family }
            func meanMSE(_ p: RegressionProfile) -> Double { cells[p.key.cell]?.mean ?? .infinity }
            guard let best = available.min(by: { meanMSE($0) < meanMSE($1) }) else { continue }
            var shown = [best]
            if family == .icnn, let deepest = available.max(by: { $0.key.depth < $1.key.depth }),
                deepest.key.depth != best.key.depth
            {
                shown.append(deepest)
            }
            for p in shown {
                chart.series.append(
                    .init(
                        name: "\(family.displayName) \(p.key.width)×\(p.key.depth)",
                        x: p.t,
                        y: p.prediction
                    )
                )
            }
        }
        return chart
    }

    struct Group: Hashable {
        var target: RegressionTarget, dimension: Int, noise: Double
        var noiseText: String { noise == noise.rounded() ? String(Int(noise)) : "\(noise)" }
        var name: String { "\(target.rawValue)-d\(dimension)-sigma\(noiseText)" }
        func contains(_ k: RegressionRun.Key) -> Bool {
            k.target == target && k.dimension == dimension && k.noise == noise
        }
    }
}
