import Foundation
import ICNN
import ICNNExperiments
import Testing

/// A fresh temporary folder, removed afterwards.
final class TemporaryFolder {
    let path = NSTemporaryDirectory() + "icnn-regression-\(UUID().uuidString)"
    func read(_ name: String) -> String { (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? "" }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Regression study: runs, resume, table")
struct RegressionStudyTests {
    @Test("--quick runs every target and family and writes the CSVs, table and plots")
    func quickStudy() throws {
        let folder = TemporaryFolder()
        let c = RegressionStudy.Configuration.quick
        var reports = 0
        let runs = try RegressionStudy.run(c, folder: folder.path) { _ in reports += 1 }
        #expect(runs.count == c.plannedKeys.count && reports == runs.count)
        #expect(Set(runs.map(\.key.family)) == Set(RegressionFamily.allCases))
        #expect(Set(runs.map(\.key.target)) == Set(RegressionTarget.allCases))
        #expect(runs.allSatisfy { $0.testMSE.isFinite && $0.testMSE >= 0 && $0.parameters > 0 })
        #expect(runs.filter { $0.key.target == .f3 }.allSatisfy { $0.key.noise == 0 })
        let table = folder.read(RegressionStudy.tableFile)
        #expect(table.contains("## d = 3") && table.contains("| HyCNN 8×2 |") && table.contains("**"))
        #expect(folder.exists("mse-depth-f1-d3-sigma1.svg") && folder.exists("profile-f1-d3-sigma1.svg"))
        let profiles = try RegressionProfile.parseCSV(folder.read(RegressionStudy.profilesFile), file: "p")
        // ICNN and HyCNN, seed 0, every target and depth, each with its directions.
        #expect(profiles.count == 2 * RegressionTarget.allCases.count * c.depths.count * c.profileDirections)
        #expect(profiles.allSatisfy { $0.t.count == c.profilePoints && $0.key.seed == 0 })
    }

    @Test("An interrupted or extended study resumes from runs.csv and trains only the missing runs")
    func resume() throws {
        let folder = TemporaryFolder()
        var c = RegressionStudy.Configuration.quick
        c.targets = [.f1]
        c.families = [.icnn, .hycnn]
        c.seeds = 1
        let first = try RegressionStudy.run(c, folder: folder.path)
        let firstCSV = folder.read(RegressionStudy.runsFile)
        #expect(first.count == 4)
        c.seeds = 2
        var trained: [RegressionRun.Key] = []
        var skipped = -1
        let second = try RegressionStudy.run(c, folder: folder.path) {
            trained.append($0.run.key)
            skipped = $0.skipped
        }
        #expect(second.count == 8 && trained.count == 4 && skipped == 4)
        #expect(trained.allSatisfy { $0.seed == 1 })
        #expect(folder.read(RegressionStudy.runsFile).hasPrefix(firstCSV))  // earlier rows kept as they were
        var calls = 0
        let third = try RegressionStudy.run(c, folder: folder.path) { _ in calls += 1 }
        #expect(third.map(\.csvLine) == second.map(\.csvLine) && calls == 0)
    }

    @Test("--mlp-init pytorch changes the MLP's initialisation and only the MLP's")
    func mlpInitialization() throws {
        var c = RegressionStudy.Configuration.quick
        let data = RegressionData(target: .f1, dimension: 3, trainingCount: 200, testCount: 100, noise: 1, seed: 0)
        func mse(_ family: RegressionFamily, _ initialization: RegressionStudy.MLPInitialization) throws -> Double {
            c.mlpInitialization = initialization
            let key = RegressionRun.Key(
                target: .f1,
                dimension: 3,
                noise: 1,
                family: family,
                width: 8,
                depth: 2,
                seed: 0
            )
            return try RegressionStudy.train(key, data: data, configuration: c).run.testMSE
        }
        let kaiming = try mse(.mlp, .kaiming), pytorch = try mse(.mlp, .pytorch)
        #expect(kaiming.isFinite && pytorch.isFinite && kaiming != pytorch)
        #expect(try mse(.hycnn, .kaiming) == mse(.hycnn, .pytorch))
    }

    @Test func malformedCSVNamesLineAndColumn() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let header = RegressionRun.csvHeader.joined(separator: ",")
        try (header + "\nf1,3,1.0,icnn,8,2,0,120,oops,0.5,1\n")
            .write(toFile: folder.path + "/runs.csv", atomically: true, encoding: .utf8)
        do {
            _ = try RegressionStudy.run(.quick, folder: folder.path)
            Issue.record("a malformed runs.csv was accepted")
        } catch let error as RegressionError {
            #expect(error.row == 2 && error.column == "test_mse")
            #expect(error.description.contains("line 2") && error.description.contains("'oops'"))
        }
        try "a,b\n".write(toFile: folder.path + "/runs.csv", atomically: true, encoding: .utf8)
        #expect(throws: RegressionError.self) { try RegressionStudy.run(.quick, folder: folder.path) }
    }

    @Test func csvRoundTrips() throws {
        let key = RegressionRun.Key(
            target: .f6,
            dimension: 50,
            noise: 1,
            family: .groupmax,
            width: 48,
            depth: 4,
            seed: 2
        )
        let run = RegressionRun(
            key: key,
            parameters: 1234,
            testMSE: 0.123456789012,
            trainingSeconds: 1.5,
            completed: false
        )
        #expect(try RegressionRun.parseCSV(RegressionRun.csv([run]), file: "x") == [run])
    }

    @Test("The table shows mean ± standard error × 10², bolds each family's best depth, and cites the paper")
    func tableFormatting() {
        func run(_ family: RegressionFamily, _ depth: Int, _ seed: Int, _ mse: Double) -> RegressionRun {
            let key = RegressionRun.Key(
                target: .f1,
                dimension: 50,
                noise: 1,
                family: family,
                width: family.paperWidth,
                depth: depth,
                seed: seed
            )
            return RegressionRun(key: key, parameters: 10, testMSE: mse, trainingSeconds: 1, completed: true)
        }
        let runs = [
            run(.hycnn, 4, 0, 0.01), run(.hycnn, 4, 1, 0.03), run(.hycnn, 16, 0, 0.5), run(.hycnn, 16, 1, 0.7),
            run(.icnn, 4, 0, 2.5),
        ]
        let table = RegressionTable.markdown(runs)
        // HyCNN 48×4: mean 0.02, sample sd 0.01414, se 0.01 → "2.00 ± 1.00" (×10²), the family's best: bold.
        #expect(table.contains("| HyCNN 48×4 | **2.00 ± 1.00 [2]** |"))
        #expect(table.contains("| HyCNN 48×16 | 60.0 ± 10.0 [2] |"))
        #expect(table.contains("| ICNN 64×4 | **250.0 [1]** |"))
        #expect(table.contains("| HyCNN | 48×16: 67.6 | 60.0 ± 10.0 | 48×4: 2.00 |"))
        #expect(table.contains("| MLP | 64×16: 405.8 | – | – |"))
        #expect(RegressionTable.number(190.44) == "190.4" && RegressionTable.number(0.012345) == "0.0123")
        #expect(RegressionTable.number(1.0666e11) == "1.07e+11")
        #expect(RegressionTable.markdown([]).contains("No runs yet"))
    }
}
