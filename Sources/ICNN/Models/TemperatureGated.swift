/// An architecture whose smooth gate has a temperature τ that can change without changing its parameters (the
/// HyCNN τ-log-sum-exp gate), so training can follow a τ schedule (papers.md §2: cyclic τ annealing in 2-D).
public protocol TemperatureGated {
    /// The gate temperature, or nil when the architecture has no smooth gate (then `withGateTemperature` is the
    /// identity).
    var gateTemperature: Float? { get }
    /// The same architecture with gate temperature τ.
    /// - Precondition: τ > 0 and finite.
    func withGateTemperature(_ tau: Float) -> Self
}

extension HyCNN: TemperatureGated {
    public var gateTemperature: Float? {
        if case .logSumExp(let tau) = gate { tau } else { nil }
    }

    public func withGateTemperature(_ tau: Float) -> HyCNN {
        precondition(tau > 0 && tau.isFinite, "gate temperature must be positive and finite, got \(tau)")
        guard gateTemperature != nil else { return self }
        var copy = self
        copy.gate = .logSumExp(temperature: tau)
        return copy
    }
}

extension AnyArchitecture: TemperatureGated {
    public var gateTemperature: Float? {
        if case .hycnn(let h) = self { h.gateTemperature } else { nil }
    }

    public func withGateTemperature(_ tau: Float) -> AnyArchitecture {
        if case .hycnn(let h) = self { .hycnn(h.withGateTemperature(tau)) } else { self }
    }
}
