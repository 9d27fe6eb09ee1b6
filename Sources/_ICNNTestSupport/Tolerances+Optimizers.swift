/// Tolerances for the optimiser, clipping and schedule tests.
extension Tolerances {
    /// A Double optimiser step against a Double reference of the same formula, O(1) values, a few steps: the two
    /// differ only in operation order (bias corrections folded into two scalars), a few ulps of Double per step.
    public static let optimizerStepDouble = 1e-13

    /// A Float optimiser step against the Double reference from the same (Float-rounded) inputs: each step rounds
    /// x, m, v and the hyperparameters to Float (≈ 6e-8 each), and a few steps accumulate a few such errors.
    public static let optimizerStepFloat = 2e-6

    /// Tens of Double steps against a closed form: rounding in x, m and v accumulates about linearly with the
    /// number of steps, 50 steps × a few ulps of Double.
    public static let optimizerLongRunDouble = 1e-12

    /// Tens of Float steps against a closed form: 50 steps × about one Float ulp (6e-8) of O(1) values each,
    /// with a factor 5 for the moments' own rounding.
    public static let optimizerLongRunFloat = 2e-5

    /// Convergence to a known minimiser: a cosine schedule to a small floor leaves the iterate within about
    /// lr_floor·(a few) of the optimum; 1e-3 in absolute terms, for O(1) optima, fails any broken update by far.
    public static let optimizerConvergence = 1e-3

    /// A global norm compared with a Double reference: Double accumulation of exact Float squares, then one square
    /// root, so a few ulps of Double.
    public static let normDouble = 1e-14

    /// A clipped Float gradient's norm against `maxNorm`: the scale factor and each product are rounded to Float
    /// (≈ 6e-8 each), so the norm afterwards is within a few Float ulps.
    public static let clippedNormFloat = 1e-6

    /// A learning-rate schedule against its closed form at a boundary step: one cos and a few operations in
    /// Double.
    public static let scheduleDouble = 1e-15
}
