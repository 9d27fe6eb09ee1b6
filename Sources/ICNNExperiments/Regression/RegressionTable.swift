import Foundation

/// The study's results as Markdown, in the paper's layout: one table per dimension d, a row per model
/// (family width×depth), a column per target and noise level, cells "mean ± standard error" of the test MSE × 10²
/// over seeds, and the best depth of each family in each column in bold. Below the d = 50 table, the paper's
/// reported figures for f1 (noisy) beside ours.
public enum RegressionTable {
    /// Mean, standard error (sample standard deviation / √k; 0 for one seed) and number of seeds of a cell.
    public struct Summary: Sendable, Hashable {
        public var mean: Double, standardError: Double, count: Int
    }

    /// The paper's figures (MSE × 10², d = 50, f1, σ = 1): the best depth of each family.
    public static let paperFigures: [(family: RegressionFamily, width: Int, depth: Int, value: Double)] = [
        (.hycnn, 48, 16, 67.6), (.icnn, 64, 4, 190.4), (.groupmax, 48, 4, 205.4), (.mlp, 64, 16, 405.8),
    ]

    /// The summary of every cell (a run key with seed 0) over its seeds.
    public static func summarize(_ runs: [RegressionRun]) -> [RegressionRun.Key: Summary] {
        Dictionary(grouping: runs, by: \.key.cell).mapValues { group in
            let values = group.map(\.testMSE)
            let k = Double(values.count)
            let mean = values.reduce(0, +) / k
            let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (k - 1) : 0
            return Summary(mean: mean, standardError: (variance / k).squareRoot(), count: values.count)
        }
    }

    /// The Markdown document (no runs: a line saying so).
    public static func markdown(_ runs: [RegressionRun]) -> String {
        let cells = summarize(runs)
        guard !cells.isEmpty else { return "# Convex regression study\n\nNo runs yet.\n" }
        var out = "# Convex regression study\n\n"
        out += "Test MSE × 10² on 1000 noiseless points (after de-standardising), mean ± standard error over seeds "
        out += "(their number in brackets; one seed: the value alone); **bold**: the best depth of each family "
        out += "in the column. σ is the training noise (f3 is always fitted without noise). f6's μ ~ N(0, I/d) "
        out += "is drawn from each seed's data generator before the data.\n"
        for d in Set(cells.keys.map(\.dimension)).sorted() {
            let keys = cells.keys.filter { $0.dimension == d }
            let columns = Set(keys.map { Column(target: $0.target, noise: $0.noise) }).sorted()
            let rows = Set(keys.map { Row(family: $0.family, width: $0.width, depth: $0.depth) }).sorted()
            out += "\n## d = \(d)\n\n| model | "
            out += columns.map { "\($0.target.rawValue) \($0.target.formula), σ = \(format($0.noise))" }
                .joined(separator: " | ")
            out += " |\n|---|" + String(repeating: "---:|", count: columns.count) + "\n"
            for row in rows {
                out += "| \(row.family.displayName) \(row.width)×\(row.depth) |"
                for column in columns {
                    let key = row.key(column, dimension: d)
                    guard let s = cells[key] else {
                        out += " – |"
                        continue
                    }
                    let best = rows.filter { $0.family == row.family }
                        .compactMap { cells[$0.key(column, dimension: d)]?.mean }.min()
                    let text = "\(meanAndError(s)) [\(s.count)]"
                    out += s.mean == best ? " **\(text)** |" : " \(text) |"
                }
                out += "\n"
            }
            if d == 50, columns.contains(Column(target: .f1, noise: 1)) {
                out += paperComparison(cells)
            }
        }
        return out
    }

    /// The f1 (σ = 1, d = 50) comparison with the paper's figures.
    static func paperComparison(_ cells: [RegressionRun.Key: Summary]) -> String {
        var out = "\n### Against the paper: f1 = ‖x‖², d = 50, σ = 1 (MSE × 10²)\n\n"
        out += "| family | paper: best model, MSE | ours: same model | ours: best model, MSE |\n|---|---|---:|---|\n"
        for p in paperFigures {
            let mine = cells.filter { $0.key.dimension == 50 && $0.key.target == .f1 && $0.key.noise == 1 }
                .filter { $0.key.family == p.family }
            let same = mine.first { $0.key.depth == p.depth && $0.key.width == p.width }?.value
            let best = mine.min { $0.value.mean < $1.value.mean }
            out += "| \(p.family.displayName) | \(p.width)×\(p.depth): \(number(p.value)) | "
            out += same.map(meanAndError) ?? "–"
            out += " | "
            out += best.map { "\($0.key.width)×\($0.key.depth): \(number($0.value.mean * 100))" } ?? "–"
            out += " |\n"
        }
        return out
    }

    /// "mean ± standard error" of MSE × 10², or the mean alone for a single seed (no error estimate).
    static func meanAndError(_ s: Summary) -> String {
        let mean = number(s.mean * 100)
        return s.count > 1 ? "\(mean) ± \(number(s.standardError * 100, like: s.mean * 100))" : mean
    }

    /// A number with about 3–4 significant digits and at least one decimal: 190.4, 67.6, 1.23, 0.0123; from
    /// 10⁵ on, scientific (1.07e+11).
    /// With `like`, the decimals follow that value instead (so that a mean and its error line up).
    public static func number(_ value: Double, like reference: Double? = nil) -> String {
        guard value.isFinite else { return "\(value)" }
        let r = abs(reference ?? value)
        if r >= 1e5 { return String(format: "%.2e", value) }  // a diverged fit: the magnitude is what matters
        let magnitude = r > 0 ? Int(floor(log10(r))) : 0
        let decimals = min(max(1, 2 - magnitude), 6)
        return String(format: "%.\(decimals)f", value)
    }

    private static func format(_ noise: Double) -> String {
        noise == noise.rounded() ? String(Int(noise)) : "\(noise)"
    }

    private struct Column: Hashable, Comparable {
        var target: RegressionTarget, noise: Double
        static func < (a: Column, b: Column) -> Bool {
            let i = RegressionTarget.allCases.firstIndex(of: a.target)!,
                j = RegressionTarget.allCases.firstIndex(of: b.target)!
            return i != j ? i < j : a.noise > b.noise
        }
    }

    private struct Row: Hashable, Comparable {
        var family: RegressionFamily, width: Int, depth: Int
        func key(_ c: Column, dimension: Int) -> RegressionRun.Key {
            RegressionRun.Key(
                target: c.target,
                dimension: dimension,
                noise: c.noise,
                family: family,
                width: width,
                depth: depth,
                seed: 0
            )
        }
        static func < (a: Row, b: Row) -> Bool {
            let i = RegressionFamily.allCases.firstIndex(of: a.family)!,
                j = RegressionFamily.allCases.firstIndex(of: b.family)!
            return (i, a.width, a.depth) < (j, b.width, b.depth)
        }
    }
}
