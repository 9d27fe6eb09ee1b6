import ICNN
import ICNNExperiments
import Testing

/// Standard deviation of the initial network output over standardised inputs, per family, depth and seed: the
/// signal-propagation check behind the study's deep-network results.
@Suite("Regression study: signal propagation at initialisation")
struct RegressionFamilyInitTests {
    /// Output standard deviation of a freshly initialised family member on 512 standardised Unif[−1, 1]^50 points.
    static func outputDeviation(_ family: RegressionFamily, depth: Int, seed: UInt64) -> Double {
        var rng = SeededGenerator(seed: 1000 + seed)
        let x = Tensor<Float>(uniform: [512, 50], low: -1, high: 1, using: &rng) * Float(3.0.squareRoot())
        let architecture = family.architecture(inputs: 50, width: family.paperWidth, depth: depth)
        let y = Model(architecture, using: &rng)(x).scalars.map(Double.init)
        let mean = y.reduce(0, +) / Double(y.count)
        return (y.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(y.count)).squareRoot()
    }

    /// The median over 5 seeds of the output standard deviation.
    static func medianDeviation(_ family: RegressionFamily, depth: Int) -> Double {
        (0..<5 as Range<UInt64>).map { outputDeviation(family, depth: depth, seed: $0) }.sorted()[2]
    }

    /// The HyCNN initialisation keeps the output on the scale of a standardised target at every depth of the
    /// study (the moment-matching scheme of papers.md §2 accounts for the input skips): the median over seeds is
    /// within a factor 10 of 1. (Single seeds can stray at depth 32: the log-normal weights are heavy-tailed.)
    @Test(arguments: [2, 8, 32])
    func hycnnOutputScaleStaysBounded(depth: Int) {
        let sd = Self.medianDeviation(.hycnn, depth: depth)
        #expect(sd > 0.1 && sd < 10, "HyCNN depth \(depth): median output sd \(sd)")
    }

    /// Without input skips the signal fades with depth (why deep GroupMax networks train badly, papers.md §2).
    /// Also prints the per-seed scales of every family quoted in results/regression/README.md.
    @Test func groupMaxSignalFadesWithDepth() {
        #expect(Self.medianDeviation(.groupmax, depth: 32) < Self.medianDeviation(.groupmax, depth: 4) / 100)
        for family in RegressionFamily.allCases {
            for depth in [4, 8, 16, 32] {
                let sds = (0..<5 as Range<UInt64>).map { Self.outputDeviation(family, depth: depth, seed: $0) }
                print("init-scale \(family) depth \(depth): \(sds.map { String(describing: Float($0)) })")
            }
        }
    }
}
