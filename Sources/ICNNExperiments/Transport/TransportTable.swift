import Foundation
import ICNN

/// The transport study's results as Markdown: for every problem, each group (HyCNN, an ICNN variant, entropic OT,
/// …) is represented by the configuration its validation criterion prefers (`Criterion`), chosen separately for
/// every seed; cells are means over seeds. Synthetic maps at d = 50 show the paper's figures beside ours.
public enum TransportTable {
    /// The run each group selects for each (part, problem, d, seed) by its `Criterion`.
    static func selected(_ runs: [TransportRun]) -> [TransportRun] {
        struct Cell: Hashable {
            var part: TransportStudy.Part, problem: String, d: Int, seed: Int, group: String
        }
        let cells = Dictionary(grouping: runs) {
            Cell(part: $0.key.part, problem: $0.key.problem, d: $0.key.dimension, seed: $0.key.seed, group: $0.group)
        }
        return cells.values.compactMap { group in
            let criterion = Criterion(group)
            return group.min { a, b in
                // NaN (a failed validation) never wins.
                let (x, y) = (criterion.loss(a), criterion.loss(b))
                return (x.isNaN ? .infinity : x) < (y.isNaN ? .infinity : y)
            }
        }
    }

    /// How a group's configurations are compared: the dual estimate when some run of the group has one (neural
    /// runs since it exists), else the energy distance when every run has it, else the Sinkhorn divergence.
    enum Criterion: String {
        case dual = "dual W₂² estimate"
        case energy = "energy distance"
        case sinkhorn = "Sinkhorn divergence"

        init(_ group: [TransportRun]) {
            self =
                if group.contains(where: { $0.validationDual.isFinite }) {
                    .dual
                } else if group.allSatisfy({ !$0.validationEnergy.isNaN }) { .energy } else { .sinkhorn }
        }

        /// The figure to minimise.
        func loss(_ run: TransportRun) -> Double {
            switch self {
            case .dual: -run.validationDual
            case .energy: run.validationEnergy
            case .sinkhorn: run.validationDivergence
            }
        }
    }

    /// The Markdown document.
    public static func markdown(_ runs: [TransportRun]) -> String {
        var out = "# Neural optimal transport study\n\n"
        guard !runs.isEmpty else { return out + "No runs yet.\n" }
        out += """
            Within each group (HyCNN, an ICNN variant, entropic OT, …) a configuration is selected per seed on \
            the validation clouds: neural maps by the highest dual W₂² estimate E‖x‖² + E‖y‖² − 2(E f(x) + \
            E f*(y)) with the conjugate solved at every validation target (the lowest semi-dual value of the \
            potential), the baselines by the lowest energy distance between the pushed validation source and the \
            validation target (both divided by s, the pair's common scale); runs recorded before these criteria \
            existed fall back to the energy distance, then to the Sinkhorn divergence (ε = 0.1·s², divided by s²). \
            Figures are means over the seeds (their number in brackets when more \
            than one; a group's selected map MSE also gives ± the standard error of that mean, the seeds' sample \
            standard deviation over √n); the selections and their criterion are listed under each table, and \
            `runs.csv` has every run.


            """
        let chosen = selected(runs)
        for part in TransportStudy.Part.allCases {
            let rows = chosen.filter { $0.key.part == part }
            if rows.isEmpty { continue }
            switch part {
            case .synthetic: out += synthetic(runs.filter { $0.key.part == part }, selected: rows)
            case .gaussian: out += gaussian(runs.filter { $0.key.part == part }, selected: rows)
            case .pictures, .cells: out += divergences(rows, among: runs.filter { $0.key.part == part }, part: part)
            }
        }
        return out
    }

    /// Mean (and seed count) of a figure over runs; "—" when there is none.
    /// With `standardError`, "m ± s/√n (n)" where s is the sample standard deviation over the n runs (n > 1).
    static func mean(
        _ runs: [TransportRun],
        _ figure: (TransportRun) -> Double,
        digits: Int = 3,
        standardError: Bool = false
    ) -> String {
        let values = runs.map(figure).filter { !$0.isNaN }
        guard !values.isEmpty else { return "—" }
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        var out = String(format: "%.\(digits)f", m)
        if standardError && values.count > 1 {
            let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
            out += String(format: " ± %.\(digits)f", (variance / n).squareRoot())
        }
        return out + (values.count > 1 ? " (\(values.count))" : "")
    }

    static let groupOrder = [
        "HyCNN", "ICNN (ReLU)", "ICNN (leaky ReLU)", "ICNN (softplus)", "ICNNq (ReLU)", "ICNNq (leaky ReLU)",
        "ICNNq (softplus)", "Gaussian (Bures) map", "entropic OT", "identity map",
    ]

    static func ordered(_ groups: Set<String>) -> [String] {
        groups.sorted { (groupOrder.firstIndex(of: $0) ?? 99, $0) < (groupOrder.firstIndex(of: $1) ?? 99, $1) }
    }

    /// Which configurations were chosen (`rows`, the picks among `all`), and by which criterion, as one line per
    /// group.
    static func choices(_ rows: [TransportRun], among all: [TransportRun]) -> String {
        var out = ""
        for group in ordered(Set(rows.map(\.group))) {
            let counts = Dictionary(grouping: rows.filter { $0.group == group }, by: \.key.method).mapValues(\.count)
            let list = counts.sorted { $0.key < $1.key }.map { "`\($0.key)` ×\($0.value)" }.joined(separator: ", ")
            // A group's criterion may differ between seeds (runs from older versions): count each.
            let cells = Dictionary(grouping: all.filter { $0.group == group }) {
                [$0.key.problem, "\($0.key.dimension)", "\($0.key.seed)"]
            }
            let used = Dictionary(grouping: cells.values.map { Criterion($0) }, by: \.self).mapValues(\.count)
            let criterion = [Criterion.dual, .energy, .sinkhorn].compactMap { c in
                used[c].map { "\(c.rawValue)\(used.count > 1 ? " ×\($0)" : "")" }
            }.joined(separator: ", ")
            out += "- \(group): \(list) (by \(criterion))\n"
        }
        return out
    }

    /// Every configuration's map MSE (mean over seeds), and per group the configuration the validation
    /// divergence selects (**bold**: the mean over seeds of the selected runs).
    static func synthetic(_ all: [TransportRun], selected: [TransportRun]) -> String {
        var out = "## Synthetic maps: map MSE mean ‖T̂(x) − T(x)‖² on the test points\n\n"
        out += "Every configuration that ran, then (bold) each group's pick by validation (criteria listed below).\n\n"
        let maps = SyntheticTransportMap.allCases.filter { m in all.contains { $0.key.problem == m.rawValue } }
        for d in Set(all.map(\.key.dimension)).sorted() {
            let here = all.filter { $0.key.dimension == d }, picked = selected.filter { $0.key.dimension == d }
            out += "### d = \(d)\n\n| model | " + maps.map(\.rawValue).joined(separator: " | ") + " |\n"
            out += "|---|" + String(repeating: "---|", count: maps.count) + "\n"
            for group in ordered(Set(here.map(\.group))) {
                let labels = Set(here.filter { $0.group == group }.map(\.key.method)).sorted()
                for label in labels {
                    out += "| `\(label)` |"
                    for m in maps {
                        out +=
                            " \(mean(here.filter { $0.key.method == label && $0.key.problem == m.rawValue }, \.mapMSE)) |"
                    }
                    out += "\n"
                }
                if labels.count > 1 {
                    out += "| **\(group), selected** |"
                    for m in maps {
                        let cell = mean(
                            picked.filter { $0.group == group && $0.key.problem == m.rawValue },
                            \.mapMSE,
                            standardError: true
                        )
                        out += cell == "—" ? " — |" : " **\(cell)** |"
                    }
                    out += "\n"
                }
            }
            if d == 50 {
                out += "| *paper: HyCNN* |" + maps.map { " \($0.paperFigures.hycnn) |" }.joined() + "\n"
                out += "| *paper: best ICNN variant* |" + maps.map { " \($0.paperFigures.icnn) |" }.joined() + "\n"
                out += "| *paper: entropic OT* |" + maps.map { " \($0.paperFigures.entropic) |" }.joined() + "\n"
            }
            out += "\nSelected by validation:\n\n" + choices(picked, among: here) + "\n"
        }
        return out
    }

    /// Every configuration's figures (means over seeds) and, below, each group's pick by validation.
    static func gaussian(_ all: [TransportRun], selected: [TransportRun]) -> String {
        var out = "## Gaussian → Gaussian (random means and covariances)\n\n"
        out += "| d | model | L2-UVP (%) | cosine | W₂² estimate | W₂² exact | test S_ε | fit (s) |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for d in Set(all.map(\.key.dimension)).sorted() {
            let here = all.filter { $0.key.dimension == d }
            for group in ordered(Set(here.map(\.group))) {
                for label in Set(here.filter { $0.group == group }.map(\.key.method)).sorted() {
                    let g = here.filter { $0.key.method == label }
                    out += "| \(d) | `\(label)` | \(mean(g, \.unexplainedVariance, digits: 2)) "
                    out += "| \(mean(g, \.cosine, digits: 4)) | \(mean(g, \.squaredWassersteinEstimate)) "
                    out += "| \(mean(g, \.squaredWasserstein)) | \(mean(g, \.testDivergence, digits: 4)) "
                    out += "| \(mean(g, \.seconds, digits: 0)) |\n"
                }
            }
        }
        return out + "\nSelected by validation:\n\n" + choices(selected, among: all) + "\n"
    }

    static func divergences(_ rows: [TransportRun], among all: [TransportRun], part: TransportStudy.Part) -> String {
        var out =
            part == .pictures
            ? "## 2-D pairs: test Sinkhorn divergence and MMD of the pushed source against the target\n\n"
            : "## Single cells: held-out Sinkhorn divergence and MMD of the pushed cells against the target cells\n\n"
        out += "| pair | model | test S_ε | test MMD² | fit (s) |\n|---|---|---|---|---|\n"
        for problem in Set(rows.map(\.key.problem)).sorted() {
            let here = rows.filter { $0.key.problem == problem }
            for group in ordered(Set(here.map(\.group))) {
                let g = here.filter { $0.group == group }
                out += "| \(problem) | \(group) | \(mean(g, \.testDivergence, digits: 4)) "
                out += "| \(mean(g, \.testMMD, digits: 5)) | \(mean(g, \.seconds, digits: 1)) |\n"
            }
        }
        out += "\nChosen by validation:\n\n" + choices(rows, among: all) + "\n"
        if part == .pictures {
            out += "Pictures (test source, target and pushed source): "
            out += rows.sorted { ($0.key.problem, $0.key.method) < ($1.key.problem, $1.key.method) }
                .map { "[\($0.key.problem), \($0.key.method)](\(pictureFile($0.key)))" }.joined(separator: ", ")
            out += "\n\n"
        }
        return out
    }

    /// The SVG file of a 2-D run.
    public static func pictureFile(_ key: TransportRun.Key) -> String {
        "\(key.problem)-seed\(key.seed)-\(key.method).svg"
    }

    /// A scatter plot of the test source, the test target and the pushed test source (at most 500 points each).
    static func picture(_ problem: TransportProblem, pushed: Tensor<Double>, run: TransportRun) -> ScatterPlot {
        func head(_ t: Tensor<Double>) -> Tensor<Double> { t.sliced(axis: 0, start: 0, length: min(500, t.shape[0])) }
        return ScatterPlot(
            title: "\(problem.name): \(run.key.method) (test S_ε \(String(format: "%.4f", run.testDivergence)))",
            xLabel: "x₁",
            yLabel: "x₂",
            sets: [
                .init(name: "source", points: head(problem.testSource), color: "#999999", opacity: 0.4, radius: 2),
                .init(name: "target", points: head(problem.testTarget), opacity: 0.5, radius: 2),
                .init(name: "T(source)", points: head(pushed), opacity: 0.6, radius: 2),
            ]
        )
    }
}
