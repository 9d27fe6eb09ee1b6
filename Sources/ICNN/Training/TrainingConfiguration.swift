/// The settings of a regression training run. Every random choice (initialisation, validation split, shuffling)
/// comes from `seed`.
public struct TrainingConfiguration: Sendable, Hashable, Codable {
    /// Passes over the training set.
    public var epochs = 100
    /// Rows per mini-batch (the last batch of an epoch may be smaller).
    public var batchSize = 256
    /// Adam's base learning rate.
    public var learningRate = 1e-2
    /// The learning-rate schedule over all steps.
    public var schedule = LearningRateSchedule.constant
    /// The fraction of rows held out for validation (0 for none).
    public var validationFraction = 0.2
    /// Stop when the validation loss has not improved for this many epochs (nil: never), restoring the best.
    public var earlyStoppingPatience: Int? = nil
    /// Standardise inputs and target (and de-standardise predictions).
    public var standardize = true
    /// The seed of every random draw.
    public var seed: UInt64 = 0
    /// Where to write a checkpoint (atomically) every `checkpointEvery` epochs and after the last; nil for none.
    public var checkpointPath: String? = nil
    /// Epochs between checkpoints.
    public var checkpointEvery = 10
    /// Continue from the checkpoint at `checkpointPath` if it exists (it must come from the same model, strategy,
    /// data and settings; `epochs` may grow). The result is bit-identical to an uninterrupted run.
    public var resume = false

    /// The defaults: 100 epochs, batch 256, Adam at 1e-2, 20 % validation, standardisation on, seed 0.
    public init() {}
}
