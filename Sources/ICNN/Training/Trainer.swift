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
    /// - Precondition: shapes agree; enough rows for one training row after the validation split.
    public static func fit<A: Architecture>(
        _ architecture: A,
        strategy: ConstraintStrategy,
        x: Tensor<Float>,
        y: Tensor<Float>,
        configuration c: TrainingConfiguration = TrainingConfiguration(),
        progress: ((EpochReport) -> Void)? = nil
    ) -> (regressor: Regressor<A>, history: TrainingHistory) {
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

        func validationLoss() -> Double? {
            guard validationCount > 0 else { return nil }
            let weights = parameters.effective(parameters.raw, conditioning: trainX)  // lift: pinned emission
            let prediction = architecture.forward(validationX, weights: weights)
            return Double((prediction - validationY).squared().mean().scalar)
        }

        training: for epoch in 0..<c.epochs {
            let shuffled = rng.permutation(trainRows.count)
            var lossSum = 0.0
            for step in 0..<stepsPerEpoch {
                let rows = Array(shuffled[(step * batch)..<min((step + 1) * batch, trainRows.count)])
                let xb = trainX.rows(rows), yb = trainY.rows(rows)
                let tape = Tape<Float>()
                let raw = tape.watch(parameters.raw)
                let prediction = architecture.forward(xb, weights: parameters.effective(raw, conditioning: xb))
                var loss = (prediction - yb).squared().mean()
                if let penalty = parameters.penalty(raw) { loss = loss + penalty }
                let grads = gradient(of: loss, wrt: raw)
                let value = Double(loss.scalar)
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
        }
        history.seconds = seconds(clock.now - start)
        let regressor = Regressor(
            model: parameters.model(conditioning: trainX),
            inputStandardization: inputStd,
            targetStandardization: targetStd
        )
        return (regressor, history)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
