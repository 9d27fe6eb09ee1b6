import Foundation
import ICNN
import ICNNExperiments
import Testing

@Suite("Transport study: problems, methods, runs.csv, selection, resume")
struct TransportStudyTests {
    @Test("The synthetic maps are the paper's: identity, (1 + sin(i)/2)x_i, x + sign(x), 4x³")
    func syntheticMaps() {
        let x = Tensor<Double>(shape: [2, 3], scalars: [0.5, -1, 0, 2, 0.25, -0.5])
        #expect(SyntheticTransportMap.identity(x).scalars == x.scalars)
        let scaled = SyntheticTransportMap.scaling(x).scalars
        for (k, v) in scaled.enumerated() {
            #expect(abs(v - (1 + sin(Double(k % 3 + 1)) / 2) * x.scalars[k]) < 1e-15)
        }
        #expect(SyntheticTransportMap.sign(x).scalars == [1.5, -2, 0, 3, 1.25, -1.5])
        #expect(SyntheticTransportMap.cube(x).scalars == [0.5, -4, 0, 32, 0.0625, -0.5])
        var rng = SeededGenerator(seed: 1)
        let u = SyntheticTransportMap.cube.sourceSample(500, dimension: 4, using: &rng).scalars
        #expect(u.allSatisfy { $0 >= -1 && $0 < 1 } && u.contains { $0 < -0.9 } && u.contains { $0 > 0.9 })
    }

    @Test("Method labels parse back, and unknown labels are refused")
    func labels() {
        let methods: [TransportMethod] =
            [
                .hycnn(width: 48, depth: 4, tau: 10), .hycnn(width: 48, depth: 2, tau: 0.1),
                .hycnn(width: 8, depth: 6, tau: 0),
                .entropic(epsilon: 0.1), .entropic(epsilon: 10), .gaussian, .identity,
            ] + TransportMethod.icnnVariants.compactMap { TransportMethod.icnn($0, width: 64, depth: 4) }
        #expect(methods.count == 11)
        for m in methods { #expect(TransportMethod(label: m.label) == m, "\(m.label)") }
        #expect(TransportMethod.hycnn(width: 48, depth: 4, tau: 10).label == "hycnn-48x4-tau10")
        #expect(TransportMethod.icnn("icnnq-softplus", width: 64, depth: 2)?.label == "icnnq-softplus-64x2")
        #expect(Set(methods.map(\.group)).count == 8)
        for bad in ["hycnn-48x4", "hycnn-48-tau1", "icnn-tanh-64x4", "entropic-eps-1", "resnet", "icnnq-relu-64x0"] {
            #expect(TransportMethod(label: bad) == nil, "\(bad)")
        }
    }

    @Test("A neural method at its own learning rate is labelled -lrX, parses back and stays in its group")
    func learningRateLabels() {
        let hycnn = TransportMethod.hycnn(width: 48, depth: 6, tau: 10).at(learningRate: 0.003)
        #expect(hycnn.label == "hycnn-48x6-tau10-lr0.003")
        #expect(TransportMethod(label: hycnn.label) == hycnn && hycnn.group == "HyCNN")
        let icnn = TransportMethod.icnn("icnnq-softplus", width: 64, depth: 2)?.at(learningRate: 1e-2)
        #expect(icnn?.label == "icnnq-softplus-64x2-lr0.01")
        #expect(icnn.flatMap { TransportMethod(label: $0.label) } == icnn)
        #expect(TransportMethod.entropic(epsilon: 1).at(learningRate: 0.1) == .entropic(epsilon: 1))
        for bad in ["hycnn-48x4-tau1-lr0", "hycnn-48x4-tau1-lr-1", "entropic-eps1-lr0.1", "gaussian-lr0.1", "-lr0.1"] {
            #expect(TransportMethod(label: bad) == nil, "\(bad)")
        }
    }

    @Test("A learning-rate grid fits every neural method once per rate, each rate's fit as the same seed alone")
    func learningRateGrid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transport-rates-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var c = TransportStudy.Configuration.quick
        c.parts = [.synthetic]
        c.maps = [.scaling]
        c.entropicEpsilons = []
        c.transport.learningRate = 0.01
        c.transport.selection = .last  // the final weights, which the rate moves
        let alone = try TransportStudy.run(c, folder: folder + "/alone")
        #expect(alone.map(\.key.method) == ["hycnn-8x2-tau1", "icnnq-softplus-8x2"])
        c.learningRates = [0.01, 0.002]
        let grid = try TransportStudy.run(c, folder: folder + "/grid")
        #expect(
            grid.map(\.key.method) == [
                "hycnn-8x2-tau1-lr0.01", "hycnn-8x2-tau1-lr0.002", "icnnq-softplus-8x2-lr0.01",
                "icnnq-softplus-8x2-lr0.002",
            ]
        )
        // The rate's fits share data, initialisation and batches with the fit without a grid: the same numbers.
        #expect(grid[0].mapMSE == alone[0].mapMSE && grid[2].mapMSE == alone[1].mapMSE)
        #expect(grid[1].mapMSE != grid[0].mapMSE)
        #expect(Set(grid.map(\.group)) == ["HyCNN", "ICNNq (softplus)"])
        for rates in [[Double](), [0.01, 0.01], [0.01, -1]] {
            c.learningRates = rates
            #expect(throws: TransportStudy.Error.self) { try c.validate() }
        }
    }

    @Test("The Gaussian problem's truth is the closed-form map: the Bures map fitted on 5000 points is near it")
    func gaussianProblem() throws {
        var rng = SeededGenerator(seed: 3)
        let problem = try TransportProblem.gaussian(dimension: 4, counts: (5000, 100, 500), using: &rng)
        let truth = try #require(problem.testTruth)
        let fitted = GaussianTransportMap(fittingSource: problem.source, target: problem.target)(problem.testSource)
        let uvp = MapMetrics.unexplainedVariancePercentage(
            predicted: fitted,
            truth: truth,
            targetVariance: problem.targetVariance
        )
        #expect(uvp < 1, "L2-UVP of the fitted Bures map \(uvp) %")
        #expect(try #require(problem.squaredWasserstein) > 0)
    }

    @Test("A map that sends points to infinity scores NaN instead of trapping")
    func divergedMapScoresNaN() throws {
        var rng = SeededGenerator(seed: 5)
        var problem = try TransportProblem.gaussian(dimension: 3, counts: (50, 20, 20), using: &rng)
        var scalars = problem.testSource.scalars
        scalars[4] = .infinity
        problem.testSource = Tensor(shape: problem.testSource.shape, scalars: scalars)
        let key = TransportRun.Key(part: .gaussian, problem: "gaussian", dimension: 3, seed: 0, method: "identity")
        let (run, _) = TransportStudy.evaluate(.identity, on: problem, key: key, configuration: .quick)
        #expect(run.testDivergence.isNaN && run.testMMD.isNaN && !run.mapMSE.isFinite)
        #expect(run.validationDivergence.isFinite && run.validationEnergy.isFinite)
    }

    @Test("2-D pairs: the checkerboards are complementary, the ring has eight modes of radius 2")
    func planarPairs() {
        var rng = SeededGenerator(seed: 5)
        let dark = PlanarTransportPair.checkerboard.sourceSample(400, using: &rng).scalars
        let light = PlanarTransportPair.checkerboard.targetSample(400, using: &rng).scalars
        func parity(_ p: [Double], _ i: Int) -> Int {
            (Int((p[2 * i] + 2).rounded(.down)) + Int((p[2 * i + 1] + 2).rounded(.down))) % 2
        }
        #expect((0..<400).allSatisfy { parity(dark, $0) == 0 && parity(light, $0) == 1 })
        let ring = PlanarTransportPair.ring.targetSample(800, using: &rng).scalars
        var radius = 0.0
        for i in 0..<800 {
            let (x, y) = (ring[2 * i], ring[2 * i + 1])
            radius += (x * x + y * y).squareRoot() / 800
        }
        #expect(abs(radius - 2) < 0.05)
    }

    @Test("runs.csv round-trips (NaN included) and a malformed line is named")
    func csvRoundTrip() throws {
        let run = TransportRun(
            key: .init(part: .cells, problem: "A → B", dimension: 50, seed: 2, method: "entropic-eps1"),
            group: "entropic OT",
            validationDivergence: 0.125,
            testDivergence: 0.25,
            testMMD: 1e-3,
            mapMSE: .nan,
            unexplainedVariance: .nan,
            cosine: .nan,
            squaredWassersteinEstimate: .nan,
            squaredWasserstein: .nan,
            seconds: 1.5,
            completed: true
        )
        var withFigures = run
        withFigures.validationEnergy = 0.5
        withFigures.validationDual = -2.75
        let parsed = try TransportRun.parseCSV(TransportRun.csv([run, withFigures]), file: "runs.csv")
        #expect(parsed.count == 2 && parsed[0].key == run.key && parsed[0].testMMD == 1e-3 && parsed[0].mapMSE.isNaN)
        #expect(parsed[0].validationEnergy.isNaN && parsed[1].validationEnergy == 0.5)
        #expect(parsed[0].validationDual.isNaN && parsed[1].validationDual == -2.75)
        // Files from before the dual and the energy columns still read, with NaN for the missing figures.
        for dropped in 1...2 {
            let old = TransportRun.csv([withFigures]).split(separator: "\n").map {
                $0.split(separator: ",").dropLast(dropped).joined(separator: ",")
            }
            let legacy = try TransportRun.parseCSV(old.joined(separator: "\n"), file: "old.csv")
            #expect(legacy.count == 1 && legacy[0].validationDual.isNaN && legacy[0].seconds == 1.5)
            #expect(legacy[0].validationEnergy.isNaN == (dropped == 2))
        }
        let broken = TransportRun.csv([run]).replacingOccurrences(of: ",0.25,", with: ",zero,")
        #expect {
            try TransportRun.parseCSV(broken, file: "runs.csv")
        } throws: { "\($0)".contains("runs.csv, line 2, column test_divergence") }
    }

    @Test("The table gives each group's selected map MSE with the standard error over seeds")
    func selectedStandardError() {
        // Per seed the 48×4 net has the higher dual, so it is picked on all four seeds: MSEs 0.4, 0.5, 0.6, 0.7,
        // mean 0.55, sample sd √(0.05/3), standard error sd/2 = 0.0645.
        var runs: [TransportRun] = []
        for seed in 0..<4 {
            let configurations = [("hycnn-48x2-tau10", 1.0, 9.0), ("hycnn-48x4-tau10", 2.0, 0.4 + 0.1 * Double(seed))]
            for (label, dual, mse) in configurations {
                var run = TransportRun(
                    key: .init(part: .synthetic, problem: "scaling", dimension: 50, seed: seed, method: label),
                    group: "HyCNN",
                    validationDivergence: 0.1,
                    testDivergence: 0.1,
                    testMMD: 0,
                    mapMSE: mse,
                    unexplainedVariance: .nan,
                    cosine: .nan,
                    squaredWassersteinEstimate: .nan,
                    squaredWasserstein: .nan,
                    seconds: 1,
                    completed: true
                )
                run.validationDual = dual
                runs.append(run)
            }
        }
        let table = TransportTable.markdown(runs)
        #expect(table.contains("| **HyCNN, selected** | **0.550 ± 0.065 (4)** |"), "\(table)")
        #expect(table.contains("| `hycnn-48x4-tau10` | 0.550 (4) |"), "\(table)")
    }

    @Test("The quick study runs every part and method kind, selects by validation, and resumes without refitting")
    func quickStudyResumes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transport-study-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var c = TransportStudy.Configuration.quick
        c.maps = [.scaling]
        c.taus = [1, 10]
        var runs = try TransportStudy.run(c, folder: folder)
        // synthetic: 1 entropic + 2 HyCNN + 1 ICNN; gaussian: Bures + 2 HyCNN; pictures: 1 pair × (1 + 2).
        #expect(runs.count == 4 + 3 + 3)
        #expect(runs.allSatisfy { $0.validationDivergence.isFinite && $0.testDivergence.isFinite })
        #expect(runs.filter { $0.key.part == .synthetic }.allSatisfy { $0.mapMSE.isFinite })
        let bures = try #require(runs.first { $0.key.method == "gaussian" })
        #expect(bures.unexplainedVariance < 5 && bures.squaredWasserstein > 0)
        let table = try String(contentsOfFile: folder + "/table.md", encoding: .utf8)
        // Neural runs carry the dual criterion and are picked by it; baselines have none and go by energy.
        #expect(
            runs.allSatisfy {
                $0.validationDual.isFinite == ($0.key.method.hasPrefix("hycnn") || $0.key.method.hasPrefix("icnn"))
            }
        )
        let hycnn = runs.filter { $0.key.part == .synthetic && $0.group == "HyCNN" }
        let best = try #require(hycnn.max { $0.validationDual < $1.validationDual })
        #expect(table.contains("- HyCNN: `\(best.key.method)` ×1 (by dual W₂² estimate)"), "\(table)")
        #expect(table.contains("- entropic OT: `entropic-eps1` ×1 (by energy distance)"), "\(table)")
        #expect(FileManager.default.fileExists(atPath: folder + "/gaussian-to-ring-seed0-hycnn-8x2-tau10.svg"))
        runs = try TransportStudy.run(c, folder: folder) { _ in Issue.record("a finished run was repeated") }
        #expect(runs.count == 10)
    }

    @Test("--first-seed: seeds firstSeed ..< firstSeed + seeds, with the data of those seeds")
    func firstSeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transport-seeds-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var c = TransportStudy.Configuration.quick
        c.parts = [.gaussian]
        c.hycnnDepths = []
        c.seeds = 2
        let both = try TransportStudy.run(c, folder: folder + "/both")
        c.firstSeed = 1
        c.seeds = 1
        let second = try TransportStudy.run(c, folder: folder + "/second")
        #expect(both.map(\.key.seed) == [0, 1] && second.map(\.key.seed) == [1])
        // Seed 1 is the same problem whichever process runs it.
        #expect(second[0].unexplainedVariance == both[1].unexplainedVariance)
        #expect(both[0].unexplainedVariance != both[1].unexplainedVariance)  // and seeds differ
        c.firstSeed = -1
        #expect { try c.validate() } throws: { "\($0)".contains("first seed") }
    }

    @Test("Configuration errors name the setting; the cells part needs a file with enough cells of each type")
    func badConfigurations() throws {
        var c = TransportStudy.Configuration.quick
        c.icnnVariants = ["icnn-tanh"]
        #expect(throws: TransportStudy.Error.self) { try c.validate() }
        c = .quick
        c.parts = [.cells]
        #expect { try c.validate() } throws: { "\($0)".contains("cell file") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cells-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = (0..<30).map { "\($0 < 25 ? "a" : "b"),\($0),\(2 * $0)" }
        try (["bulk_label,pc1,pc2"] + rows).joined(separator: "\n").write(
            toFile: folder + "/cells.csv",
            atomically: true,
            encoding: .utf8
        )
        c.cellsPath = folder + "/cells.csv"
        c.cellColumns = ["pc1", "pc2"]
        c.cellPairs = [("a", "b")]
        #expect { try TransportStudy.run(c, folder: folder + "/out") } throws: {
            "\($0)".contains("5 rows labelled 'b'")
        }
    }
}
