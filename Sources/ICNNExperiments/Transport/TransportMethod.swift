import Foundation
import ICNN

/// One way the transport study maps a source cloud to a target cloud: a pair of neural convex potentials, or a
/// baseline. Its `label` names it in `runs.csv` (and parses back); its `group` is the row of the result tables,
/// within which one configuration is reported, chosen on the validation clouds (`TransportTable`).
public enum TransportMethod: Sendable, Hashable {
    /// Convex potentials trained by the minimax semi-dual (`NeuralTransport`), at the study's learning rate or, when
    /// `learningRate` is set (a grid over rates), at that one.
    case neural(
        family: TransportJob.Family,
        activation: TransportJob.Activation,
        width: Int,
        depth: Int,
        tau: Float,
        learningRate: Double? = nil
    )
    /// The barycentric projection of a Sinkhorn plan (`EntropicTransportMap`), ε in normalised units.
    case entropic(epsilon: Double)
    /// The Gaussian (Bures) map fitted from the samples' means and covariances.
    case gaussian
    /// T(x) = x.
    case identity

    /// A HyCNN potential with the smooth gate of temperature τ.
    public static func hycnn(width: Int, depth: Int, tau: Float) -> TransportMethod {
        .neural(family: .hycnn, activation: .softplus, width: width, depth: depth, tau: tau)
    }

    /// The ICNN variants of the HyCNN paper's transport study: FICNN with ReLU or leaky ReLU, ICNNq with ReLU or
    /// softplus, by name (`icnn-relu`, `icnn-leaky-relu`, `icnnq-relu`, `icnnq-softplus`).
    public static let icnnVariants = ["icnn-relu", "icnn-leaky-relu", "icnnq-relu", "icnnq-softplus"]

    /// The ICNN variant `name` (one of `icnnVariants`, or `icnn-softplus`) at width × depth; nil for another name.
    public static func icnn(_ name: String, width: Int, depth: Int) -> TransportMethod? {
        let parts = name.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let activation = TransportJob.Activation(rawValue: parts[1]) else { return nil }
        let family: TransportJob.Family
        switch parts[0] {
        case "icnn": family = .ficnn
        case "icnnq": family = .icnnq
        default: return nil
        }
        return .neural(family: family, activation: activation, width: width, depth: depth, tau: 1)
    }

    /// The name in `runs.csv`: `hycnn-48x4-tau10`, `icnnq-softplus-64x4`, `entropic-eps1`, `gaussian`, `identity`;
    /// a neural method with its own learning rate ends in `-lr0.003`.
    public var label: String {
        switch self {
        case .neural(let family, let activation, let width, let depth, let tau, let learningRate):
            (family == .hycnn
                ? "hycnn-\(width)x\(depth)-tau\(tau == tau.rounded() && abs(tau) < 1e9 ? String(Int(tau)) : "\(tau)")"
                : "\(family == .ficnn ? "icnn" : "icnnq")-\(activation.rawValue)-\(width)x\(depth)")
                + (learningRate.map { "\(Self.learningRateMark)\(Self.number($0))" } ?? "")
        case .entropic(let epsilon): "entropic-eps\(Self.number(epsilon))"
        case .gaussian: "gaussian"
        case .identity: "identity"
        }
    }

    /// The row of the result tables this method competes in.
    public var group: String {
        switch self {
        case .neural(let family, let activation, _, _, _, _):
            switch (family, activation) {
            case (.hycnn, _): "HyCNN"
            case (.ficnn, .relu): "ICNN (ReLU)"
            case (.ficnn, .leakyRelu): "ICNN (leaky ReLU)"
            case (.ficnn, .softplus): "ICNN (softplus)"
            case (.icnnq, .relu): "ICNNq (ReLU)"
            case (.icnnq, .leakyRelu): "ICNNq (leaky ReLU)"
            case (.icnnq, .softplus): "ICNNq (softplus)"
            }
        case .entropic: "entropic OT"
        case .gaussian: "Gaussian (Bures) map"
        case .identity: "identity map"
        }
    }

    /// The same method at another learning rate (nil: the study's); baselines are returned unchanged.
    public func at(learningRate: Double?) -> TransportMethod {
        guard case .neural(let family, let activation, let width, let depth, let tau, _) = self else { return self }
        return .neural(
            family: family,
            activation: activation,
            width: width,
            depth: depth,
            tau: tau,
            learningRate: learningRate
        )
    }

    /// A label split into the label without its learning-rate suffix and the rate (nil without a suffix). Fits that
    /// differ only in their rate share data, initialisation and mini-batches (their seed derives from `base`), so a
    /// grid over rates compares them on equal terms.
    static func splitLearningRate(_ label: String) -> (base: String, rate: Double?) {
        guard let mark = label.range(of: learningRateMark, options: .backwards),
            let rate = Double(label[mark.upperBound...])
        else { return (label, nil) }
        return (String(label[..<mark.lowerBound]), rate)
    }

    private static let learningRateMark = "-lr"

    /// Whether the method is a pair of neural potentials.
    public var isNeural: Bool {
        if case .neural = self { true } else { false }
    }

    /// Parses a `label`; nil if it names no method.
    public init?(label: String) {
        if case let (base, rate?) = Self.splitLearningRate(label) {
            guard rate > 0, rate.isFinite, let method = TransportMethod(label: base), method.isNeural else {
                return nil
            }
            self = method.at(learningRate: rate)
        } else if label == "gaussian" {
            self = .gaussian
        } else if label == "identity" {
            self = .identity
        } else if label.hasPrefix("entropic-eps"), let e = Double(label.dropFirst("entropic-eps".count)), e > 0 {
            self = .entropic(epsilon: e)
        } else if label.hasPrefix("hycnn-") {
            let parts = label.dropFirst("hycnn-".count).split(separator: "-")
            guard parts.count == 2, let (w, d) = Self.size(parts[0]), parts[1].hasPrefix("tau"),
                let tau = Float(parts[1].dropFirst(3)), tau >= 0
            else { return nil }
            self = .hycnn(width: w, depth: d, tau: tau)
        } else if let dash = label.lastIndex(of: "-"), let (w, d) = Self.size(label[label.index(after: dash)...]),
            let method = Self.icnn(String(label[..<dash]), width: w, depth: d)
        {
            self = method
        } else {
            return nil
        }
    }

    /// "48x4" → (48, 4).
    private static func size<S: StringProtocol>(_ text: S) -> (Int, Int)? {
        let p = text.split(separator: "x")
        guard p.count == 2, let w = Int(p[0]), let d = Int(p[1]), w >= 1, d >= 1 else { return nil }
        return (w, d)
    }

    /// 10 → "10", 0.1 → "0.1".
    private static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
