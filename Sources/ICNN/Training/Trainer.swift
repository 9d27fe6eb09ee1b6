import Foundation

/// Regression training: mean squared error on standardised variables with Adam, mini-batches from a seeded
/// shuffle, an optional validation split with early stopping, any constraint strategy, and a stop with the last
/// finite weights if the loss or a gradient becomes NaN or infinite.
public enum Trainer {
    /// One epoch's figures, passed to the progress callback.
    public struct EpochReport: Sendable {
        /// The epoch just finished (0-based) and the number of epochs planned.
        public var epoch: Int, epochs: Int
        /// Mean training loss of the epoch (standardised units).
        public var trainingLoss: Double
        /// Validation loss after the epoch, if there is a validation split.
        public var validationLoss: Double?
        /// Seconds since training started.
        public var seconds: Double
    }

    /// Fits `architecture` to the rows of (x, y).
    /// - Parameters:
    ///   - x: inputs [n, architecture.inputCount].
    ///   - y: targets [n, 1].
    ///   - progress: called after every epoch.
    /// - Returns: the regressor (the best weights when early stopping triggered) and the history.
    /// - Throws: `FileWriteError` when a checkpoint cannot be written, `ModelFileError` when the checkpoint to
    ///   resume from is unreadable or belongs to another run. A NaN/Inf stop never overwrites the last checkpoint.
    /// - Precondition: shapes agree; enough rows for one training row after the validation split.
    public static func fit<A: Architecture>(
        _ architecture: A,
        strategy: ConstraintStrategy,
        x: Tensor<Float>,
        y: Tensor<Float>,
        configuration c: TrainingConfiguration = TrainingConfiguration(),
        progress: ((EpochReport) -> Void)? = nil
    ) throws -> (regressor: Regressor<A>, history: TrainingHistory) {
        precondition(
            x.rank == 2 && x.shape[1] == architecture.inputCount,
            "inputs of shape \(x.shape) for a model with \(architecture.inputCount) inputs"
        )
        precondition(y.shape == [x.shape[0], 1], "targets of shape \(y.shape) for \(x.shape[0]) rows")
        let clock = ContinuousClock()
        let start = clock.now
        var rng = SeededGenerator(seed: c.seed)

        // Validation split, then standardisation fitted on the training rows only.
        let n = x.shape[0]
        let order = rng.permutation(n)
        let validationCount = min(n - 1, Int((Double(n) * c.validationFraction).rounded()))
        let trainRows = Array(order[validationCount...]), validationRows = Array(order[..<validationCount])
        let inputStd =
            c.standardize ? Standardization(fitting: x.rows(trainRows)) : Standardization(identity: x.shape[1])
        let targetStd = c.standardize ? Standardization(fitting: y.rows(trainRows)) : Standardization(identity: 1)
        let xs = inputStd.apply(x), ys = targetStd.apply(y)
        let trainX = xs.rows(trainRows), trainY = ys.rows(trainRows)
        let validationX = xs.rows(validationRows), validationY = ys.rows(validationRows)

        var parameters = ConstrainedParameters(Model(architecture, using: &rng), strategy: strategy)
        var optimizer = Adam<Float>(learningRate: c.learningRate)
        var history = TrainingHistory()
        var best: (loss: Double, raw: [Tensor<Float>], epoch: Int)? = nil
        let batch = max(1, min(c.batchSize, trainRows.count))
        let stepsPerEpoch = (trainRows.count + batch - 1) / batch
        let fingerprint = Self.fingerprint(architecture, strategy, c, x, y)
        var startEpoch = 0
        if c.resume, let path = c.checkpointPath, FileManager.default.fileExists(atPath: path) {
            let checkpoint = try TrainingCheckpoint(
                contentsOf: path,
                fingerprint: fingerprint,
                parameterCount: parameters.raw.count
            )
            parameters.raw = checkpoint.raw
            optimizer = Adam<Float>(
                learningRate: c.learningRate,
                state: AdamState(
                    step: checkpoint.state.adamStep,
                    firstMoments: checkpoint.firstMoments,
                    secondMoments: checkpoint.secondMoments
                )
            )
            rng = SeededGenerator(state: checkpoint.state.generator.compactMap { UInt64($0) })
            history.trainingLoss = checkpoint.state.trainingLoss
            history.validationLoss = checkpoint.state.validationLoss
            if let loss = checkpoint.state.bestLoss, let epoch = checkpoint.state.bestEpoch, let raw = checkpoint.best {
                best = (loss, raw, epoch)
            }
            startEpoch = checkpoint.state.nextEpoch
        }
        func saveCheckpoint(nextEpoch: Int) throws {
            guard let path = c.checkpointPath else { return }
            let state = TrainingCheckpoint.State(
                fingerprint: fingerprint,
                nextEpoch: nextEpoch,
                adamStep: optimizer.step,
                generator: rng.state.map { "\($0)" },
                trainingLoss: history.trainingLoss,
                validationLoss: history.validationLoss,
                bestLoss: best?.loss,
                bestEpoch: best?.epoch
            )
            try TrainingCheckpoint(state: state, raw: parameters.raw, adam: optimizer.state, best: best?.raw)
                .write(to: path)
        }

        func validationLoss() -> Double? {
            guard validationCount > 0 else { return nil }
            let weights = parameters.effective(parameters.raw, conditioning: trainX)  // lift: pinned emission
            let prediction = architecture.forward(validationX, weights: weights)
            return Double((prediction - validationY).squared().mean().scalar)
        }

        training: for epoch in startEpoch..<c.epochs {
            let shuffled = rng.permutation(trainRows.count)
            var lossSum = 0.0
            for step in 0..<stepsPerEpoch {
                let rows = Array(shuffled[(step * batch)..<min((step + 1) * batch, trainRows.count)])
                let xb = trainX.rows(rows), yb = trainY.rows(rows)
                let value: Double, grads: [Tensor<Float>]
                do {  // the tape dies here: the update then writes the unshared parameters in place
                    let tape = Tape<Float>()
                    let raw = tape.watch(parameters.raw)
                    let prediction = architecture.forward(xb, weights: parameters.effective(raw, conditioning: xb))
                    var loss = (prediction - yb).squared().mean()
                    if let penalty = parameters.penalty(raw) { loss = loss + penalty }
                    grads = gradient(of: loss, wrt: raw)
                    value = Double(loss.scalar)
                }
                guard value.isFinite, GradientClipping.globalNorm(grads).isFinite else {
                    history.outcome = .nonFinite(epoch: epoch, step: step)
                    break training
                }
                optimizer.learningRate = c.schedule.learningRate(at: optimizer.step, base: c.learningRate)
                optimizer.update(&parameters.raw, along: grads)
                parameters.project()
                lossSum += value * Double(rows.count)
            }
            history.trainingLoss.append(lossSum / Double(trainRows.count))
            let validation = validationLoss()
            if let validation { history.validationLoss.append(validation) }
            progress?(
                EpochReport(
                    epoch: epoch,
                    epochs: c.epochs,
                    trainingLoss: history.trainingLoss[epoch],
                    validationLoss: validation,
                    seconds: seconds(clock.now - start)
                )
            )
            if let patience = c.earlyStoppingPatience, let validation {
                if best == nil || validation < best!.loss { best = (validation, parameters.raw, epoch) }
                if let b = best, epoch - b.epoch >= patience {
                    parameters.raw = b.raw
                    history.outcome = .stoppedEarly(bestEpoch: b.epoch)
                    break training
                }
            }
            if (epoch + 1) % max(c.checkpointEvery, 1) == 0 || epoch + 1 == c.epochs {
                try saveCheckpoint(nextEpoch: epoch + 1)
            }
        }
        history.seconds = seconds(clock.now - start)
        let regressor = Regressor(
            model: parameters.model(conditioning: trainX),
            inputStandardization: inputStd,
            targetStandardization: targetStd
        )
        return (regressor, history)
    }

    /// What a checkpoint must match to be resumed: the model, strategy, settings (but not the epoch count) and data.
    static func fingerprint<A: Architecture>(
        _ a: A,
        _ strategy: ConstraintStrategy,
        _ c: TrainingConfiguration,
        _ x: Tensor<Float>,
        _ y: Tensor<Float>
    ) -> String {
        var checksum = 0.0
        for (i, v) in (x.scalars + y.scalars).enumerated() { checksum += Double(v) * Double(i % 97 + 1) }
        return "\(a.slots.map(\.description))|\(strategy)|\(c.batchSize)|\(c.learningRate)|\(c.schedule)|"
            + "\(c.validationFraction)|\(c.standardize)|\(c.seed)|\(String(describing: c.earlyStoppingPatience))|"
            + "\(x.shape)|\(checksum)"
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
