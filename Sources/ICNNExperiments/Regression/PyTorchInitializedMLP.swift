import ICNN

/// An MLP whose initial weights follow PyTorch's `nn.Linear` default (weights and biases uniform on ±1/√fan-in)
/// instead of the library's Kaiming-normal hidden layers: the likely initialisation of the paper's MLP baseline.
/// Everything else (slots, forward pass) is the wrapped MLP's.
struct PyTorchInitializedMLP: Architecture {
    var base: MLP

    var inputCount: Int { base.inputCount }
    var convexInputs: [Int] { base.convexInputs }
    var slots: [ParameterSlot] { base.slots }
    var nonlinearities: [(name: String, violation: String?)] { base.nonlinearities }
    var isSmooth: Bool { base.isSmooth }

    func forward(_ x: Tensor<Float>, weights: [Tensor<Float>]) -> Tensor<Float> { base.forward(x, weights: weights) }

    /// Weight [out, in] and bias [out] of every layer uniform on ±1/√in.
    func initialWeights(using rng: inout SeededGenerator) -> [Tensor<Float>] {
        let sizes = [base.inputs] + base.widths + [1]
        return (0..<(sizes.count - 1)).flatMap { k in
            [
                Initializers.pytorchUniform([sizes[k + 1], sizes[k]], fanIn: sizes[k], using: &rng),
                Initializers.pytorchUniform([sizes[k + 1]], fanIn: sizes[k], using: &rng),
            ]
        }
    }
}
