import ArgumentParser
import Foundation
import ICNN

extension FitJob.Family: ExpressibleByArgument {}

/// The constraint strategies offered on the command line.
enum ConstraintChoice: String, ExpressibleByArgument, CaseIterable {
    case projection, softplus, penalty, lift

    var strategy: ConstraintStrategy {
        switch self {
        case .projection: .projection
        case .softplus: .softplus(fanInScaled: false)
        case .penalty: .penalty(weight: 1)
        case .lift: .lift(LiftConfiguration())
        }
    }
}

/// `icnn fit`: train a convex (or baseline) model on a CSV file.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a convex model to a CSV file (or to a built-in demo) and save it.",
        discussion: """
            Trains y ≈ f(x) by mean squared error with Adam on standardised inputs and target. The saved model is \
            guaranteed convex in its convex inputs (all inputs for ficnn, icnnq, hycnn, groupmax and conv-ficnn; the \
            --convex-in columns for picnn and conv-picnn; none for the mlp baseline), and the final report prints its \
            certificate. Without --data it fits the built-in demo y = x1² + x2² + noise.

            Examples:
              icnn fit --out demo.safetensors
              icnn fit --data prices.csv --target price --inputs size,age --model hycnn --out prices.safetensors
              icnn fit --data cost.csv --target cost --model picnn --convex-in u1,u2 --plot fit.svg --out cost.safetensors
              icnn fit --data images.csv --target score --model conv-ficnn --image 8x8 --width 8 --depth 2 --out img.safetensors
            """
    )

    @Option(help: "CSV file with a header row. Default: the built-in demo problem.")
    var data: String?

    @Option(help: "Target column. Default: the last numeric column.")
    var target: String?

    @Option(help: "Comma-separated input columns. Default: every other numeric column.")
    var inputs: String?

    @Option(help: "For picnn: comma-separated inputs the model is convex in. Default: all but the first input.")
    var convexIn: String?

    @Option(help: "Model family: \(FitJob.Family.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: FitJob.Family = .hycnn

    @Option(help: "Hidden width of every layer (channels per map for conv-ficnn and conv-picnn).")
    var width: Int = 48

    @Option(
        help: "For conv-ficnn/conv-picnn: the image the input columns hold, HxW or HxWxC, channels-last (e.g. 8x8)."
    )
    var image: String?

    @Option(help: "Number of hidden layers (blocks).")
    var depth: Int = 4

    @Option(
        help:
            "How the non-negative weights are kept non-negative: \(ConstraintChoice.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var constraint: ConstraintChoice = .softplus

    @Option(help: "Passes over the training rows.")
    var epochs: Int = 100

    @Option(help: "Rows per mini-batch. Default: 256, or all training rows when there are fewer.")
    var batchSize: Int?

    @Option(help: "Adam learning rate.")
    var lr: Double = 1e-2

    @Option(help: "Seed of every random choice (initialisation, split, shuffling).")
    var seed: UInt64 = 0

    @Option(help: "Fraction of rows held out for validation.")
    var validation: Double = 0.2

    @Option(help: "Stop when the validation loss has not improved for this many epochs.")
    var patience: Int?

    @Option(help: "Write an SVG of the loss curves (and, for one or two inputs, the fitted function).")
    var plot: String?

    @Option(help: "Write a training checkpoint to this file (atomically) every --checkpoint-every epochs.")
    var checkpoint: String?

    @Option(help: "Epochs between checkpoints.")
    var checkpointEvery: Int = 10

    @Flag(help: "Continue from --checkpoint if it exists (same data and settings; --epochs may grow).")
    var resume = false

    @Option(help: "Where to write the model (.safetensors).")
    var out: String

    func validate() throws {
        guard width >= 1 else { throw ValidationError("--width must be a positive integer, got \(width)") }
        guard depth >= 1 else { throw ValidationError("--depth must be a positive integer, got \(depth)") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard lr > 0 && lr.isFinite else { throw ValidationError("--lr must be positive, got \(lr)") }
        guard validation >= 0 && validation < 1 else {
            throw ValidationError("--validation must be in [0, 1), got \(validation)")
        }
        if resume && checkpoint == nil { throw ValidationError("--resume needs --checkpoint FILE") }
        guard checkpointEvery >= 1 else {
            throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)")
        }
        if let image, parsedImage(image) == nil {
            throw ValidationError("--image must look like 8x8 or 28x28x3 (positive integers), got '\(image)'")
        }
        if let patience, patience < 1 { throw ValidationError("--patience must be at least 1, got \(patience)") }
    }

    /// "HxW" or "HxWxC" as positive integers.
    func parsedImage(_ text: String) -> [Int]? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let sizes = parts.compactMap { $0 }
        return sizes.count == parts.count && sizes.allSatisfy { $0 >= 1 } ? sizes : nil
    }

    func run() throws {
        var job = FitJob(outputPath: out)
        job.dataPath = data
        job.target = target
        job.inputs = inputs.map(splitList)
        job.convexIn = convexIn.map(splitList)
        job.family = model
        job.width = width
        job.image = image.flatMap(parsedImage)
        job.depth = depth
        job.strategy = constraint.strategy
        job.training.epochs = epochs
        job.batchSize = batchSize
        job.training.learningRate = lr
        job.training.seed = seed
        job.training.validationFraction = validation
        job.training.earlyStoppingPatience = patience
        job.plotPath = plot
        job.training.checkpointPath = checkpoint
        job.training.checkpointEvery = checkpointEvery
        job.training.resume = resume
        let progress = ProgressReporter(total: epochs, label: "epoch")
        let report = try job.run { e in
            let validation = e.validationLoss.map { ", validation \(fixed($0, 4))" } ?? ""
            progress.update(
                done: e.epoch + 1,
                seconds: e.seconds,
                status: "loss \(fixed(e.trainingLoss, 4))\(validation)"
            )
        }
        print("data:        \(report.dataDescription) (\(report.rows) rows)")
        print(
            "model:       \(model.rawValue) \(width)×\(depth), \(report.parameterCount) parameters, constraint \(constraint.rawValue), seed \(seed)"
        )
        print("inputs:      \(report.inputs.joined(separator: ", ")) → \(report.target)")
        print(
            "training:    \(report.history.outcome), \(report.history.trainingLoss.count) epochs in \(formatSeconds(report.history.seconds))"
        )
        print("train MSE:   \(report.trainingMSE)")
        if let v = report.validationMSE { print("valid MSE:   \(v)") }
        print("certificate: \(report.certificate)")
        print("saved:       \(out)\(plot.map { ", plot \($0)" } ?? "")")
    }
}

/// "a, b,c" → ["a", "b", "c"].
func splitList(_ text: String) -> [String] {
    text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
