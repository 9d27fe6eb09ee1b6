import Foundation
import ICNN
import Testing

@Suite("Checkpoints: resuming is bit-identical to an uninterrupted run")
struct CheckpointTests {
    func configuration(epochs: Int, checkpoint: String?, resume: Bool = false) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.epochs = epochs
        c.batchSize = 32
        c.seed = 21
        c.earlyStoppingPatience = 50
        c.checkpointPath = checkpoint
        c.checkpointEvery = 3
        c.resume = resume
        return c
    }

    @Test(arguments: [ConstraintStrategy.projection, .lift(LiftConfiguration())])
    func resumeMatchesUninterrupted(_ strategy: ConstraintStrategy) throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/run.checkpoint"
        let (x, y) = quadraticData(rows: 300, inputs: 2, noise: 0.1, seed: 9)
        let architecture = HyCNN(inputs: 2, widths: [8, 8])
        let straight = try Trainer.fit(
            architecture,
            strategy: strategy,
            x: x,
            y: y,
            configuration: configuration(epochs: 8, checkpoint: nil)
        )
        // Interrupted after 5 epochs (checkpoints at 3 and 5), then resumed to 8.
        _ = try Trainer.fit(
            architecture,
            strategy: strategy,
            x: x,
            y: y,
            configuration: configuration(epochs: 5, checkpoint: path)
        )
        #expect(FileManager.default.fileExists(atPath: path))
        let resumed = try Trainer.fit(
            architecture,
            strategy: strategy,
            x: x,
            y: y,
            configuration: configuration(epochs: 8, checkpoint: path, resume: true)
        )
        #expect(resumed.history.trainingLoss == straight.history.trainingLoss)
        #expect(resumed.history.validationLoss == straight.history.validationLoss)
        #expect(resumed.regressor.predict(x).scalars == straight.regressor.predict(x).scalars)
    }

    @Test func checkpointOfAnotherRunIsRefused() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/run.checkpoint"
        let (x, y) = quadraticData(rows: 100, inputs: 2, noise: 0.1, seed: 10)
        let architecture = FICNN(inputs: 2, widths: [4])
        _ = try Trainer.fit(
            architecture,
            strategy: .projection,
            x: x,
            y: y,
            configuration: configuration(epochs: 3, checkpoint: path)
        )
        var other = configuration(epochs: 6, checkpoint: path, resume: true)
        other.seed = 22
        let error = #expect(throws: ModelFileError.self) {
            try Trainer.fit(architecture, strategy: .projection, x: x, y: y, configuration: other)
        }
        #expect(error?.code == .invalidMetadata)
    }

    @Test("A NaN stop leaves the last good checkpoint in place")
    func nonFiniteKeepsCheckpoint() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/run.checkpoint"
        let (x, y) = quadraticData(rows: 100, inputs: 2, noise: 0.1, seed: 11)
        let architecture = FICNN(inputs: 2, widths: [4])
        _ = try Trainer.fit(
            architecture,
            strategy: .projection,
            x: x,
            y: y,
            configuration: configuration(epochs: 3, checkpoint: path)
        )
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // A fresh run (no resume) with an absurd learning rate overflows on its first update, so the next loss is
        // not finite: training stops before any checkpoint is due and the file on disk is untouched.
        var c = configuration(epochs: 6, checkpoint: path)
        c.learningRate = 1e30
        let run = try Trainer.fit(architecture, strategy: .projection, x: x, y: y, configuration: c)
        guard case .nonFinite(let epoch, _) = run.history.outcome else {
            Issue.record("expected a non-finite stop, got \(run.history.outcome)")
            return
        }
        #expect(epoch == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(run.regressor.model.weights.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
    }
}
