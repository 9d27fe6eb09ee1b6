import ICNNCore
import Testing
import _ICNNTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct SymmetricEigendecompositionTests {
    @Test(arguments: [1, 2, 3, 5, 20, 64, 150])
    func decomposesRandomSymmetricMatrices(n: Int) throws {
        let seed = UInt64(5000 + n)
        var rng = SeededGenerator(seed: seed)
        let a = MatrixTestSupport.randomSymmetric(n, &rng)
        let e = try SymmetricEigendecomposition.compute(a).get()
        let v = e.eigenvectors
        let reconstruction = matmul(matmul(v, MatrixTestSupport.diagonal(e.eigenvalues)), v, transposeB: true)
        let residual = MatrixTestSupport.relativeDifference(reconstruction, a)
        let orthogonality = MatrixTestSupport.maxDifference(matmul(v, v, transposeA: true), LinearAlgebra.identity(n))
        #expect(residual <= Tolerances.factorizationResidual, "seed \(seed): ‖A − VΛVᵀ‖ = \(residual)")
        #expect(orthogonality <= Tolerances.factorizationResidual, "seed \(seed): ‖VᵀV − I‖ = \(orthogonality)")
        #expect(zip(e.eigenvalues, e.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 }, "ascending")
        // A·v = λ·v for each column, through the accessor too.
        for j in [0, n / 2, n - 1] {
            let vj = e.eigenvector(j)
            let av = matmul(a, Tensor(shape: [n, 1], scalars: vj)).scalars
            let error = MatrixTestSupport.maxDifference(av, vj.map { $0 * e.eigenvalues[j] })
            #expect(error <= Tolerances.factorizationResidual * max(1, LinearAlgebra.maxAbsoluteEntry(a)))
        }
    }

    /// Matrices Q·diag(λ)·Qᵀ with a known spectrum, including repeated eigenvalues (a whole eigenspace) and a
    /// wide range of magnitudes.
    static let spectra: [[Double]] = [
        [1, 1, 1, 1, 1],
        [-2, -2, 0, 3, 3, 3],
        [1e-8, 1, 1e8],
        [0, 0, 0, 5],
        (0..<30).map { Double($0 % 7) - 3 },
    ]

    @Test(arguments: 0..<spectra.count)
    func recoversKnownSpectra(index: Int) throws {
        let lambda = Self.spectra[index]
        let n = lambda.count
        var rng = SeededGenerator(seed: UInt64(6000 + index))
        let q = MatrixTestSupport.randomOrthogonal(n, &rng)
        let a = MatrixTestSupport.symmetrized(
            matmul(matmul(q, MatrixTestSupport.diagonal(lambda)), q, transposeB: true)
        )
        let e = try SymmetricEigendecomposition.compute(a).get()
        let scale = lambda.map(abs).max() ?? 1
        let error = MatrixTestSupport.maxDifference(e.eigenvalues, lambda.sorted()) / max(1, scale)
        #expect(error <= Tolerances.knownEigenvalue, "spectrum \(index): \(e.eigenvalues)")
        let v = e.eigenvectors
        #expect(
            MatrixTestSupport.maxDifference(matmul(v, v, transposeA: true), LinearAlgebra.identity(n))
                <= Tolerances.factorizationResidual
        )
    }

    @Test func smallCasesByHand() throws {
        // [[2, 1], [1, 2]]: λ = 1, 3 with v = (1, −1)/√2 and (1, 1)/√2, signs fixed by the convention.
        let e = try SymmetricEigendecomposition.compute(Tensor(rows: [[2, 1], [1, 2]])).get()
        #expect(MatrixTestSupport.maxDifference(e.eigenvalues, [1, 3]) <= Tolerances.exactDouble)
        let h = 0.5.squareRoot()
        #expect(MatrixTestSupport.maxDifference(e.eigenvector(0), [h, -h]) <= Tolerances.exactDouble)
        #expect(MatrixTestSupport.maxDifference(e.eigenvector(1), [h, h]) <= Tolerances.exactDouble)
        // Diagonal input is already decomposed; zero and empty matrices are fine.
        let d = try SymmetricEigendecomposition.compute(MatrixTestSupport.diagonal([3, -1, 2])).get()
        #expect(d.eigenvalues == [-1, 2, 3])
        let z = try SymmetricEigendecomposition.compute(Tensor(zeros: [3, 3])).get()
        #expect(z.eigenvalues == [0, 0, 0] && z.eigenvectors.scalars == LinearAlgebra.identity(3).scalars)
        #expect(try SymmetricEigendecomposition.compute(Tensor(zeros: [0, 0])).get().eigenvalues.isEmpty)
        // Huge and tiny scales do not over- or underflow.
        let big = try SymmetricEigendecomposition.compute(Tensor(rows: [[1e300, 1e300], [1e300, 1e300]])).get()
        #expect(abs(big.eigenvalues[1] - 2e300) <= 1e300 * Tolerances.exactDouble && abs(big.eigenvalues[0]) <= 1e288)
    }

    @Test func reportsMalformedInput() {
        #expect(throws: LinearAlgebra.Failure.notSquare(shape: [2, 3])) {
            try SymmetricEigendecomposition.compute(Tensor(zeros: [2, 3])).get()
        }
        #expect(throws: LinearAlgebra.Failure.notSymmetric(row: 1, column: 0)) {
            try SymmetricEigendecomposition.compute(Tensor(rows: [[1, 2], [3, 4]])).get()
        }
        #expect(throws: LinearAlgebra.Failure.nonFinite) {
            try SymmetricEigendecomposition.compute(Tensor(rows: [[1, .infinity], [.infinity, 4]])).get()
        }
        #expect(SymmetricEigendecomposition(Tensor(rows: [[1, 2], [3, 4]])) == nil)
    }
}

@Suite struct MatrixFunctionTests {
    @Test(arguments: [1, 2, 5, 20, 100])
    func squareRootAndInverseSquareRoot(n: Int) throws {
        let seed = UInt64(7000 + n)
        var rng = SeededGenerator(seed: seed)
        let a = MatrixTestSupport.randomSPD(n, &rng)
        let s = try LinearAlgebra.squareRoot(ofPositiveDefinite: a).get()
        let r = try LinearAlgebra.inverseSquareRoot(ofPositiveDefinite: a).get()
        let squareError = MatrixTestSupport.relativeDifference(matmul(s, s), a)
        let whitenedError = MatrixTestSupport.maxDifference(matmul(matmul(r, a), r), LinearAlgebra.identity(n))
        let inverseError = MatrixTestSupport.maxDifference(matmul(s, r), LinearAlgebra.identity(n))
        #expect(squareError <= Tolerances.matrixFunction, "seed \(seed): ‖S² − A‖ = \(squareError)")
        #expect(whitenedError <= Tolerances.matrixFunction, "seed \(seed): ‖RAR − I‖ = \(whitenedError)")
        #expect(inverseError <= Tolerances.matrixFunction, "seed \(seed): ‖SR − I‖ = \(inverseError)")
        #expect(LinearAlgebra.isSymmetric(s, tolerance: 0) && LinearAlgebra.isSymmetric(r, tolerance: 0))
        // The root is itself positive definite.
        #expect(Cholesky(s) != nil)
    }

    @Test func semidefiniteAndIndefiniteInput() throws {
        // PSD singular: the square root exists (and is [[1, 1], [1, 1]]/√2); the inverse square root does not.
        let singular = Tensor<Double>(rows: [[1, 1], [1, 1]])
        let s = try LinearAlgebra.squareRoot(ofPositiveDefinite: singular).get()
        let h = 0.5.squareRoot()
        #expect(MatrixTestSupport.maxDifference(s, Tensor(rows: [[h, h], [h, h]])) <= Tolerances.matrixFunction)
        let inverse = LinearAlgebra.inverseSquareRoot(ofPositiveDefinite: singular)
        guard case .failure(.nonPositiveEigenvalue(let v)) = inverse else {
            Issue.record("expected nonPositiveEigenvalue, got \(inverse)")
            return
        }
        #expect(abs(v) <= Tolerances.exactDouble)

        // Indefinite: both fail and name the eigenvalue −1, unless a floor regularises.
        let indefinite = Tensor<Double>(rows: [[1, 2], [2, 1]])  // λ = −1, 3
        let rejected = LinearAlgebra.squareRoot(ofPositiveDefinite: indefinite)
        guard case .failure(.nonPositiveEigenvalue(let negative)) = rejected else {
            Issue.record("expected nonPositiveEigenvalue, got \(rejected)")
            return
        }
        #expect(abs(negative + 1) <= Tolerances.exactDouble)
        let floored = try LinearAlgebra.inverseSquareRoot(ofPositiveDefinite: indefinite, eigenvalueFloor: 0.25).get()
        let e = try SymmetricEigendecomposition.compute(floored).get()
        // Eigenvalues 1/√0.25 = 2 (the floored −1) and 1/√3.
        #expect(MatrixTestSupport.maxDifference(e.eigenvalues, [1 / 3.0.squareRoot(), 2]) <= Tolerances.matrixFunction)
        #expect(throws: LinearAlgebra.Failure.notSquare(shape: [3])) {
            try LinearAlgebra.squareRoot(ofPositiveDefinite: Tensor([1.0, 2, 3])).get()
        }
    }

    @Test(arguments: [1, 2, 4, 12, 40])
    func gaussianTransportPushesMomentsForward(d: Int) throws {
        let seed = UInt64(8000 + d)
        var rng = SeededGenerator(seed: seed)
        let sigma1 = MatrixTestSupport.randomSPD(d, shift: 0.1, &rng)
        let sigma2 = MatrixTestSupport.randomSPD(d, shift: 0.3, &rng)
        let m1 = Tensor<Double>(normal: [d, 1], using: &rng)
        let m2 = Tensor<Double>(normal: [d, 1], using: &rng)
        let a = try LinearAlgebra.gaussianTransportMatrix(from: sigma1, to: sigma2).get()
        // T(x) = m₂ + A(x − m₁) maps mean m₁ to m₂ and covariance Σ₁ to A·Σ₁·Aᵀ, which must be Σ₂.
        let pushedMean = m2 + matmul(a, m1 - m1)
        let pushedCovariance = matmul(matmul(a, sigma1), a, transposeB: true)
        let covarianceError = MatrixTestSupport.relativeDifference(pushedCovariance, sigma2)
        #expect(MatrixTestSupport.maxDifference(pushedMean, m2) == 0)
        #expect(covarianceError <= Tolerances.gaussianTransport, "seed \(seed): ‖AΣ₁Aᵀ − Σ₂‖ = \(covarianceError)")
        // A is symmetric positive definite: T is the gradient of a strictly convex quadratic (Brenier).
        #expect(LinearAlgebra.isSymmetric(a, tolerance: 0))
        #expect(Cholesky(a) != nil)

        // Pushing a sample forward: the sample moments move exactly as the population moments do.
        let x = Tensor<Double>(normal: [d, 5], using: &rng)
        let t = matmul(a, x - m1) + m2
        let expected = matmul(a, x) - matmul(a, m1) + m2
        #expect(MatrixTestSupport.relativeDifference(t, expected) <= Tolerances.gaussianTransport)
    }

    @Test func gaussianTransportBetweenIsotropicAndDiagonal() throws {
        // Σ₁ = 4I, Σ₂ = diag(1, 9): A = diag(1/2, 3/2).
        let a = try LinearAlgebra.gaussianTransportMatrix(
            from: MatrixTestSupport.diagonal([4, 4]),
            to: MatrixTestSupport.diagonal([1, 9])
        ).get()
        #expect(
            MatrixTestSupport.maxDifference(a, MatrixTestSupport.diagonal([0.5, 1.5])) <= Tolerances.gaussianTransport
        )
        // A singular source covariance is rejected; a floor regularises it.
        let singular = Tensor<Double>(rows: [[1, 1], [1, 1]])
        guard
            case .failure(.nonPositiveEigenvalue) =
                LinearAlgebra.gaussianTransportMatrix(from: singular, to: LinearAlgebra.identity(2))
        else {
            Issue.record("a singular source covariance must be rejected")
            return
        }
        let regularised = LinearAlgebra.gaussianTransportMatrix(
            from: singular,
            to: LinearAlgebra.identity(2),
            eigenvalueFloor: 1e-6
        )
        #expect((try? regularised.get()) != nil)
    }
}
