import ICNNCore
import Testing

/// Programmer errors (a right-hand side of the wrong length, settings no run can use) trap with a precondition;
/// user data never does (see the failure tests in the other suites).
@Suite struct LinearAlgebraCrashTests {
    @Test func choleskySolveWithWrongLengthTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Cholesky(LinearAlgebra.identity(2))?.solve([1, 2, 3])
        }
    }

    @Test func luSolveWithWrongShapeTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = LUDecomposition(LinearAlgebra.identity(2))?.solve(Tensor<Double>(zeros: [3, 1]))
        }
    }

    @Test func invalidMinimizerConfigurationTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = LBFGS(configuration: .init(memory: 0)).minimize(from: [0]) { x in (0, x) }
        }
        await #expect(processExitsWith: .failure) {
            _ = LBFGSB(configuration: .init(sufficientDecrease: 0.5, curvature: 0.1))
                .minimize(from: [0], lower: [0], upper: [1]) { x in (0, x) }
        }
    }
}
