/// What happened during training: per-epoch mean losses (in standardised units) and how it ended.
public struct TrainingHistory: Sendable, Hashable, Codable {
    /// Why training stopped.
    public enum Outcome: Sendable, Hashable, Codable, CustomStringConvertible {
        /// All epochs ran.
        case completed
        /// Validation loss stopped improving; the best epoch's weights were restored.
        case stoppedEarly(bestEpoch: Int)
        /// A loss or gradient became NaN or infinite; the last finite weights were kept.
        case nonFinite(epoch: Int, step: Int)

        public var description: String {
            switch self {
            case .completed: "completed"
            case .stoppedEarly(let best): "stopped early (best epoch \(best + 1))"
            case .nonFinite(let epoch, let step):
                "stopped: the loss became NaN/Inf at epoch \(epoch + 1), step \(step + 1); the last finite weights were kept"
            }
        }
    }

    /// Mean training loss of each epoch.
    public var trainingLoss: [Double] = []
    /// Validation loss after each epoch (empty without a validation split).
    public var validationLoss: [Double] = []
    /// How training ended.
    public var outcome = Outcome.completed
    /// Wall-clock seconds.
    public var seconds = 0.0
}
