#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state of `Adam` and `AdamW`: the step count and, per parameter by position, the exponential moving averages
/// of the gradient (first moment, m) and of its square (second moment, v), each with its parameter's shape.
///
/// Save it for a checkpoint and pass it back to `Adam.init(…state:)` or `AdamW.init(…state:)` to resume with the
/// same trajectory.
public struct AdamState<Scalar: TensorScalar>: Sendable {
    /// The number of updates applied so far; the next update uses bias corrections at t = step + 1.
    public private(set) var step: Int
    /// m, one tensor per parameter; empty until the first update.
    public private(set) var firstMoments: [Tensor<Scalar>]
    /// v, one tensor per parameter (non-negative); empty until the first update.
    public private(set) var secondMoments: [Tensor<Scalar>]

    /// A fresh state: step 0, moments created (as zeros) on the first update.
    public init() {
        step = 0
        firstMoments = []
        secondMoments = []
    }

    /// A saved state.
    /// - Parameters:
    ///   - step: the number of updates already applied.
    ///   - firstMoments: m, one tensor per parameter in order.
    ///   - secondMoments: v, with the same count and shapes as `firstMoments`.
    /// - Precondition: `step ≥ 0`; the moment lists have equal counts and pairwise equal shapes; when `step` is
    ///   0 the lists may be empty, otherwise they must hold one tensor per parameter of the next update.
    public init(step: Int, firstMoments: [Tensor<Scalar>], secondMoments: [Tensor<Scalar>]) {
        require(step >= 0, "AdamState: negative step count \(step)")
        require(
            firstMoments.count == secondMoments.count,
            "AdamState: \(firstMoments.count) first moments but \(secondMoments.count) second moments"
        )
        for i in firstMoments.indices {
            require(
                firstMoments[i].shape == secondMoments[i].shape,
                "AdamState: first moment \(i) has shape \(firstMoments[i].shape) but second moment \(i) has shape "
                    + "\(secondMoments[i].shape)"
            )
        }
        self.step = step
        self.firstMoments = firstMoments.map { $0.detached }
        self.secondMoments = secondMoments.map { $0.detached }
    }

    /// Traps with a message naming the optimiser when a hyperparameter is out of range (or NaN).
    static func checkHyperparameters(
        learningRate: Double,
        beta1: Double,
        beta2: Double,
        epsilon: Double,
        weightDecay: Double,
        optimizer: String
    ) {
        require(learningRate >= 0, "\(optimizer): learning rate \(learningRate) is negative or NaN")
        require(beta1 >= 0 && beta1 < 1, "\(optimizer): beta1 \(beta1) is outside [0, 1)")
        require(beta2 >= 0 && beta2 < 1, "\(optimizer): beta2 \(beta2) is outside [0, 1)")
        require(epsilon >= 0, "\(optimizer): epsilon \(epsilon) is negative or NaN")
        require(weightDecay >= 0, "\(optimizer): weight decay \(weightDecay) is negative or NaN")
    }

    /// One Adam/AdamW update of `parameters` in place, creating the moments (zeros) on the first call.
    /// - Parameters:
    ///   - l2: coupled weight decay, added to the gradient as λ·x before the moments (Adam).
    ///   - decoupled: decoupled weight decay, applied as x ← (1 − lr·λ)·x (AdamW).
    ///   - optimizer: the optimiser's name, for precondition messages.
    mutating func apply(
        _ parameters: inout [Tensor<Scalar>],
        along gradients: [Tensor<Scalar>],
        learningRate: Double,
        beta1: Double,
        beta2: Double,
        epsilon: Double,
        l2: Double,
        decoupled: Double,
        optimizer: String
    ) {
        Self.checkHyperparameters(
            learningRate: learningRate,
            beta1: beta1,
            beta2: beta2,
            epsilon: epsilon,
            weightDecay: l2 + decoupled,
            optimizer: optimizer
        )
        checkUpdateOperands(parameters, gradients, state: firstMoments, optimizer: optimizer)
        if firstMoments.isEmpty && !parameters.isEmpty {
            require(
                step == 0,
                "\(optimizer): \(parameters.count) parameters at step \(step), but the state holds none; the "
                    + "parameters' count and shapes must not change between steps"
            )
            firstMoments = parameters.map { Tensor(zeros: $0.shape) }
            secondMoments = parameters.map { Tensor(zeros: $0.shape) }
        }
        // Bias corrections in Double; for large t, βᵗ underflows to 0 and the corrections become 1.
        let t = Double(step + 1)
        let biasCorrection1 = 1 - pow(beta1, t)
        let biasCorrection2 = 1 - pow(beta2, t)
        let rule = _UpdateRule<Scalar>.adam(
            stepSize: Scalar(learningRate / biasCorrection1),
            beta1: Scalar(beta1),
            oneMinusBeta1: Scalar(1 - beta1),
            beta2: Scalar(beta2),
            oneMinusBeta2: Scalar(1 - beta2),
            epsilon: Scalar(epsilon),
            inverseRootBiasCorrection2: Scalar(1 / biasCorrection2.squareRoot()),
            weightDecay: Scalar(l2),
            decay: Scalar(1 - learningRate * decoupled)
        )
        for i in parameters.indices {
            gradients[i].withUnsafeBufferPointer { g in
                parameters[i].withUnsafeMutableBufferPointer { x in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            _ = Scalar._optimizerUpdate(
                                rule,
                                x.baseAddress.unsafelyUnwrapped,
                                g.baseAddress,
                                m.baseAddress,
                                v.baseAddress,
                                x.count
                            )
                        }
                    }
                }
            }
        }
        step += 1
    }
}
