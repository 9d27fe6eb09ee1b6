/// A point where the objective returned a finite value and a finite gradient of the right length.
struct EvaluatedPoint {
    var x: [Double]
    var value: Double
    var gradient: [Double]

    /// What one call of the objective gave.
    enum Evaluation {
        case finite(EvaluatedPoint)
        case nonFinite
        case wrongGradientCount(Int)
    }

    /// Calls the objective once at x, counts the call, and checks what it returned.
    static func evaluate(
        _ objective: MinimizationObjective,
        at x: [Double],
        evaluations: inout Int
    ) -> Evaluation {
        evaluations += 1
        let (value, gradient) = objective(x)
        guard gradient.count == x.count else { return .wrongGradientCount(gradient.count) }
        guard value.isFinite else { return .nonFinite }
        for v in gradient where !v.isFinite { return .nonFinite }
        return .finite(EvaluatedPoint(x: x, value: value, gradient: gradient))
    }

    /// The reason text for a gradient of the wrong length.
    static func gradientCountMessage(_ count: Int, variables: Int) -> String {
        "the objective returned a gradient of \(count) values for \(variables) variables"
    }

    /// Evaluates the starting point of a run: the point, or the result that ends the run at once (a non-finite
    /// value or gradient, or a gradient of the wrong length).
    static func evaluateStart(
        _ objective: MinimizationObjective,
        at x: [Double],
        evaluations: inout Int
    ) -> Result<EvaluatedPoint, StartFailure> {
        let status: MinimizationResult.Status
        switch evaluate(objective, at: x, evaluations: &evaluations) {
        case .finite(let p): return .success(p)
        case .nonFinite: status = .nonFinite
        case .wrongGradientCount(let c): status = .invalidInput(gradientCountMessage(c, variables: x.count))
        }
        return .failure(
            StartFailure(
                result: MinimizationResult(
                    x: x,
                    value: .nan,
                    gradient: [],
                    gradientNorm: .nan,
                    iterations: 0,
                    evaluations: evaluations,
                    status: status
                )
            )
        )
    }

    /// The result of a run that could not start.
    struct StartFailure: Error {
        var result: MinimizationResult
    }
}
