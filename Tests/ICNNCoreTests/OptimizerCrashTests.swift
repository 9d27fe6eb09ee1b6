import ICNNCore
import Testing

@Suite("Optimiser preconditions")
struct OptimizerCrashTests {
    @Test("Changing a parameter's shape between steps traps")
    func shapeChange() async {
        await #expect(processExitsWith: .failure) {
            var adam = Adam<Float>()
            var p = [Tensor<Float>(zeros: [2, 3])]
            adam.update(&p, along: [Tensor<Float>(ones: [2, 3])])
            var q = [Tensor<Float>(zeros: [3, 2])]
            adam.update(&q, along: [Tensor<Float>(ones: [3, 2])])
        }
    }

    @Test("Changing the number of parameters between steps traps")
    func countChange() async {
        await #expect(processExitsWith: .failure) {
            var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9)
            var p = [Tensor<Double>(zeros: [2])]
            sgd.update(&p, along: [Tensor<Double>(ones: [2])])
            p.append(Tensor<Double>(zeros: [1]))
            sgd.update(&p, along: [Tensor<Double>(ones: [2]), Tensor<Double>(ones: [1])])
        }
    }

    @Test("A gradient whose shape differs from its parameter's traps")
    func gradientShape() async {
        await #expect(processExitsWith: .failure) {
            var sgd = SGD<Float>(learningRate: 0.1)
            var p = [Tensor<Float>(zeros: [4])]
            sgd.update(&p, along: [Tensor<Float>(ones: [2, 2])])
        }
    }
}
