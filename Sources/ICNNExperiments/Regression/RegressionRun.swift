/// One training run of the regression study: its setting (the key) and its result, one row of `runs.csv`.
public struct RegressionRun: Sendable, Hashable {
    /// What identifies a run; a resumed study skips keys already in the CSV.
    public struct Key: Sendable, Hashable, Comparable {
        public var target: RegressionTarget
        /// The input dimension d.
        public var dimension: Int
        /// The noise standard deviation σ actually used (0 for f3).
        public var noise: Double
        public var family: RegressionFamily
        public var width: Int
        public var depth: Int
        public var seed: Int

        public init(
            target: RegressionTarget,
            dimension: Int,
            noise: Double,
            family: RegressionFamily,
            width: Int,
            depth: Int,
            seed: Int
        ) {
            (self.target, self.dimension, self.noise) = (target, dimension, noise)
            (self.family, self.width, self.depth, self.seed) = (family, width, depth, seed)
        }

        /// The setting without the seed: the runs a table cell averages over.
        public var cell: Key {
            var k = self
            k.seed = 0
            return k
        }

        public static func < (a: Key, b: Key) -> Bool {
            func order(_ k: Key) -> [Double] {
                [
                    Double(k.dimension), Double(RegressionTarget.allCases.firstIndex(of: k.target) ?? 0), -k.noise,
                    Double(RegressionFamily.allCases.firstIndex(of: k.family) ?? 0), Double(k.width),
                    Double(k.depth), Double(k.seed),
                ]
            }
            return order(a).lexicographicallyPrecedes(order(b))
        }
    }

    /// The setting.
    public var key: Key
    /// The number of trained scalars.
    public var parameters: Int
    /// Mean squared error on the noiseless test points, in the target's units.
    public var testMSE: Double
    /// Wall-clock seconds of training (data generation and testing excluded).
    public var trainingSeconds: Double
    /// Whether all epochs ran (false when the loss became NaN/Inf and the last finite weights were kept).
    public var completed: Bool

    public init(key: Key, parameters: Int, testMSE: Double, trainingSeconds: Double, completed: Bool) {
        self.key = key
        self.parameters = parameters
        self.testMSE = testMSE
        self.trainingSeconds = trainingSeconds
        self.completed = completed
    }
}
