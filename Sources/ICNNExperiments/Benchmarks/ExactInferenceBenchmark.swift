import ICNN

/// The exact-inference linear programs of ReLU FICNNs (issue 4: "the LP size and time for ReLU FICNNs of width
/// 64–512"): for each width, a freshly initialised network (depth 3, d = 16 by default, Hoedt–Klambauer weights)
/// is minimised over the box [−1, 1]^d by `ExactInference.minimize`, and the LP's size, the simplex iterations,
/// the wall time of the solve and its certificate are reported. For `icnn bench minimize`.
public enum ExactInferenceBenchmark {
    /// One measured network.
    public struct Row: Sendable, Hashable {
        /// Hidden width h, depth L and input dimension d of the FICNN.
        public var width: Int, depth: Int, inputs: Int
        /// LP rows (one per hidden unit), columns (d + L·h) and constraint coefficients (the dense weights plus one
        /// −1 per unit).
        public var rows: Int, columns: Int, nonZeros: Int
        /// Simplex iterations and the wall time of one solve (building the LP included).
        public var iterations: Int, seconds: Double
        /// The LP status, its minimum, f(argmin) in Double, and the duality gap.
        public var status: LinearProgramStatus, value: Double, modelValue: Double, dualityGap: Double
    }

    /// Measures one network per width.
    /// - Parameters:
    ///   - widths: the hidden widths (default 64, 128, 256, 512).
    ///   - depth: hidden layers (default 3).
    ///   - inputs: convex inputs d (default 16).
    ///   - box: the half-width of the box [−box, box]^d.
    ///   - seed: seeds the weights.
    ///   - progress: called with each row as soon as it is measured.
    public static func run(
        widths: [Int] = [64, 128, 256, 512],
        depth: Int = 3,
        inputs: Int = 16,
        box: Double = 1,
        seed: UInt64 = 0,
        progress: (Row) -> Void = { _ in }
    ) -> [Row] {
        widths.map { width in
            var rng = SeededGenerator(seed: seed)
            let architecture = FICNN(inputs: inputs, widths: Array(repeating: width, count: depth), activation: .relu)
            let model = Model(AnyArchitecture.ficnn(architecture), using: &rng)
            let bounds = Array(repeating: Optional(box), count: inputs)
            var result: ExactMinimum? = nil
            let seconds = Timing().seconds {
                result = try? ExactInference.minimize(
                    model,
                    at: Array(repeating: 0, count: inputs),
                    lower: bounds.map { $0.map { -$0 } },
                    upper: bounds
                )
            }
            guard let result else { preconditionFailure("a ReLU FICNN with a valid box is always supported") }
            let nonZeros = depth * width * inputs + (depth - 1) * width * width + depth * width
            let row = Row(
                width: width,
                depth: depth,
                inputs: inputs,
                rows: result.rows,
                columns: result.columns,
                nonZeros: nonZeros,
                iterations: result.iterations,
                seconds: seconds,
                status: result.status,
                value: result.value,
                modelValue: result.modelValue,
                dualityGap: result.dualityGap
            )
            progress(row)
            return row
        }
    }
}
