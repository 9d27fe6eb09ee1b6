import ArgumentParser
import Foundation
import ICNN

/// `icnn minimize`: argmin over the convex inputs of a saved model, per condition row.
struct Minimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Minimise a saved convex model over its convex inputs, with a certificate per solution.",
        discussion: """
            For a model convex in all its inputs (ficnn, icnnq, hycnn), finds the global minimiser over the box \
            --lower ≤ y ≤ --upper (or over all of R^n when no bounds are given and the model is bounded below). \
            For a picnn, finds one minimiser over the convex inputs per row of --data, whose header must contain \
            the model's other (conditioning) inputs. Bounds are in the inputs' own units: one number for every \
            convex input, or a comma-separated list with one per convex input.

            Output (CSV, or JSON with --json): the conditioning columns, argmin_<input> per convex input, value \
            (the model's prediction at the minimiser, minus ε·entropy with --entropy), and gap, the certificate: \
            the projected-gradient-mapping norm for lbfgs/gradient/accelerated (0 at an exact minimiser), a \
            duality gap (an upper bound on the suboptimality) for bundle and lp. A summary line goes to stderr.

            Methods: lp (exact inference by a linear program, for ReLU/leaky-ReLU/identity FICNN and PICNN and \
            hard-max HyCNN; auto's choice for them when the program has at most 400 variables and there are at \
            most 64 condition rows; gap = the LP's \
            duality gap), lbfgs (L-BFGS-B; auto's choice otherwise), gradient (projected gradient with backtracking), \
            accelerated (FISTA with restart), bundle (the bundle entropy method of Amos et al., for the \
            entropy-regularised problem min f − ε·Σ H((y − lower)/(upper − lower)); needs both bounds; ε from \
            --entropy, default 1 with this method). An unbounded problem, lower > upper, a model convex in no \
            input or missing conditioning columns are errors (exit status 1, nothing written).

            Examples:
              icnn minimize --model ficnn.safetensors --lower -2 --upper 2
              icnn minimize --model picnn.safetensors --data conditions.csv --lower 0 --upper 1,1,2 --out argmin.csv
              icnn minimize --model picnn.safetensors --data conditions.csv --lower 0 --upper 1 --method bundle --json
            """
    )

    /// The method names accepted by --method.
    enum MethodName: String, ExpressibleByArgument, CaseIterable {
        case auto, lp, lbfgs, bundle, gradient, accelerated
    }

    @Option(help: "A model file written by `icnn fit`.")
    var model: String

    @Option(help: "CSV file with the model's conditioning (non-convex) inputs, one problem per row.")
    var data: String?

    @Option(
        parsing: .unconditional,
        help: "Lower bound(s) of the convex inputs: one number, or one per convex input (comma-separated)."
    )
    var lower: String?

    @Option(
        parsing: .unconditional,
        help: "Upper bound(s) of the convex inputs: one number, or one per convex input (comma-separated)."
    )
    var upper: String?

    @Option(help: "The method.")
    var method: MethodName = .auto

    @Option(help: "Entropy weight ε ≥ 0 (needs both bounds). Default: 1 with --method bundle, 0 otherwise.")
    var entropy: Double?

    @Option(help: "Certificate tolerance: stop when every gap is at most this.")
    var tolerance: Double = 1e-5

    @Option(help: "Iteration limit.")
    var maxIterations: Int = 1000

    @Option(help: "Output CSV file (written atomically). Default: standard output.")
    var out: String?

    @Flag(help: "Print a JSON object instead of CSV.")
    var json = false

    func validate() throws {
        _ = try bounds(lower, "--lower")
        _ = try bounds(upper, "--upper")
        guard tolerance >= 0 && tolerance.isFinite else {
            throw ValidationError("--tolerance must be a finite number ≥ 0, got \(tolerance)")
        }
        guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be at least 1") }
        if let entropy, !(entropy >= 0 && entropy.isFinite) {
            throw ValidationError("--entropy must be a finite number ≥ 0, got \(entropy)")
        }
    }

    /// The numbers of a bound option ("2" or "0,1,-1").
    func bounds(_ text: String?, _ flag: String) throws -> [Double]? {
        guard let text else { return nil }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let v = Double(trimmed), !v.isNaN else {
                throw ValidationError("\(flag): '\(trimmed)' is not a number")
            }
            return v
        }
    }

    func run() throws {
        let file = try ModelFile(contentsOf: model)
        let architecture = file.regressor.model.architecture
        let names = file.description.inputs
        guard !architecture.convexInputs.isEmpty else {
            throw MinimizationError("\(model) is a \(architecture.kind) model, convex in none of its inputs")
        }
        let objective = ConvexObjective(file.regressor)
        let conditionNames = objective.conditionInputs.map { names[$0] }
        let convexNames = objective.convexInputs.map { names[$0] }
        var conditions: [[Float]] = [[]]
        var table: DataTable? = nil
        if conditionNames.isEmpty {
            if data != nil {
                throw MinimizationError("--data is for partially convex models; \(model) is convex in every input")
            }
        } else {
            guard let data else {
                throw MinimizationError(
                    "\(model) is convex only in \(convexNames.joined(separator: ", ")): pass --data with the "
                        + "conditioning columns \(conditionNames.joined(separator: ", "))"
                )
            }
            let t = try DataTable(contentsOf: data)
            let x: Tensor<Float> = try t.columns(conditionNames)
            guard x.shape[0] > 0 else { throw MinimizationError("\(data) has no rows") }
            let values = x.scalars, m = conditionNames.count
            conditions = (0..<x.shape[0]).map { Array(values[$0 * m..<($0 + 1) * m]) }
            table = try DataTable(columnNames: conditionNames, values: x)
        }
        let epsilon = entropy ?? (method == .bundle ? 1 : 0)
        let problem = try ConvexProblem(
            objective,
            conditions: conditions,
            lower: try bounds(lower, "--lower"),
            upper: try bounds(upper, "--upper"),
            entropyWeight: epsilon
        )
        let solver = Minimizer(tolerance: tolerance, maxIterations: maxIterations)
        let started = Date()
        let result = try solver.minimize(problem, method: Minimizer.Method(rawValue: method.rawValue) ?? .auto)
        let seconds = Date().timeIntervalSince(started)
        if case .unbounded(let row) = result.status {
            let which = conditionNames.isEmpty ? "" : " for row \(row + 1) of \(data ?? "")"
            throw MinimizationError(
                "the model is unbounded below\(which) (the minimiser runs off to infinity): add --lower/--upper"
            )
        }
        FileHandle.standardError.write(
            Data(
                ("minimize: \(problem.count) problem(s), method \(result.method.rawValue), \(result.status), "
                    + "max \(result.certificate.rawValue) \(result.gaps.max() ?? 0), \(result.iterations) "
                    + "iterations, \(result.evaluations) batched evaluations, \(fixed(seconds, 3)) s\n").utf8
            )
        )
        if json {
            print(jsonReport(result, conditions: conditions, conditionNames: conditionNames, convexNames: convexNames))
            return
        }
        var output = try table ?? DataTable(columnNames: [], values: Tensor<Double>(zeros: [1, 0]))
        for (k, name) in convexNames.enumerated() {
            try output.appendColumn("argmin_\(name)", values: Tensor(result.argmin.map { $0[k] }))
        }
        try output.appendColumn("value", values: Tensor(result.values))
        try output.appendColumn("gap", values: Tensor(result.gaps))
        if let out { try output.write(to: out) } else { print(output.csvString(), terminator: "") }
    }

    /// The result as one JSON object.
    func jsonReport(
        _ result: ConvexMinimum,
        conditions: [[Float]],
        conditionNames: [String],
        convexNames: [String]
    ) -> String {
        let rows = result.argmin.indices.map { r in
            let x = zip(conditionNames, conditions[r]).map { "\(quoted($0)): \($1)" }
            let y = zip(convexNames, result.argmin[r]).map { "\(quoted("argmin_" + $0)): \($1)" }
            return "{"
                + (x + y + ["\"value\": \(result.values[r])", "\"gap\": \(result.gaps[r])"])
                .joined(separator: ", ") + "}"
        }
        return """
            {"method": \(quoted(result.method.rawValue)), "status": \(quoted(result.status.description)), \
            "certificate": \(quoted(result.certificate.rawValue)), "iterations": \(result.iterations), \
            "evaluations": \(result.evaluations), "rows": [\(rows.joined(separator: ", "))]}
            """
    }
}
