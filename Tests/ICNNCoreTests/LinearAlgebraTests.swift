import ICNNCore
import Testing
import _ICNNTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Matrix orders for the identity checks: the edge cases 1 and 2, then sizes where O(nε) error growth would show.
private let orders = [1, 2, 3, 7, 20, 64, 150]

@Suite struct CholeskyTests {
    @Test(arguments: orders)
    func factorReconstructsMatrix(n: Int) throws {
        let seed = UInt64(1000 + n)
        var rng = SeededGenerator(seed: seed)
        let a = MatrixTestSupport.randomSPD(n, &rng)
        let c = try Cholesky.factor(a).get()
        let l = c.lower
        let residual = MatrixTestSupport.relativeDifference(matmul(l, l, transposeB: true), a)
        #expect(
            residual <= Tolerances.factorizationResidual,
            "seed \(seed): ‖LLᵀ − A‖ = \(residual), allowed \(Tolerances.factorizationResidual)"
        )
        // L is lower triangular with a positive diagonal.
        for i in 0..<n {
            #expect(l[i, i] > 0)
            for j in (i + 1)..<n { #expect(l[i, j] == 0) }
        }
    }

    @Test(arguments: orders)
    func solvesVectorAndMatrixRightHandSides(n: Int) throws {
        let seed = UInt64(2000 + n)
        var rng = SeededGenerator(seed: seed)
        let a = MatrixTestSupport.randomSPD(n, &rng)
        let c = try Cholesky.factor(a).get()
        let b = Tensor<Double>(normal: [n], using: &rng)
        let x = c.solve(b.scalars)
        let residual = solveResidual(a, Tensor(x), b)
        #expect(residual <= Tolerances.solveResidual, "seed \(seed): vector residual \(residual)")

        let bMatrix = Tensor<Double>(normal: [n, 3], using: &rng)
        let xMatrix = c.solve(bMatrix)
        #expect(xMatrix.shape == [n, 3])
        let matrixResidual = solveResidual(a, xMatrix, bMatrix)
        #expect(matrixResidual <= Tolerances.solveResidual, "seed \(seed): matrix residual \(matrixResidual)")
        // The rank-1 tensor form agrees with the array form.
        #expect(c.solve(b).scalars == x)
    }

    @Test(arguments: [2, 20, 150])
    func logDeterminantMatchesEigenvalues(n: Int) throws {
        let seed = UInt64(3000 + n)
        var rng = SeededGenerator(seed: seed)
        let a = MatrixTestSupport.randomSPD(n, &rng)
        let fromCholesky = try Cholesky.factor(a).get().logDeterminant
        let fromEigenvalues = try SymmetricEigendecomposition.compute(a).get().eigenvalues.reduce(0) { $0 + log($1) }
        let error = abs(fromCholesky - fromEigenvalues) / Double(n)
        #expect(error <= Tolerances.logDeterminant, "seed \(seed): log det \(fromCholesky) vs \(fromEigenvalues)")
    }

    @Test func logDeterminantOfDiagonalMatrix() throws {
        // det diag(1e-200, 1e200, 4) = 4 exactly, though the partial products leave the Double range.
        let c = try Cholesky.factor(LinearAlgebra.diagonalMatrix([1e-200, 1e200, 4])).get()
        #expect(abs(c.logDeterminant - log(4.0)) <= Tolerances.exactDouble)
        #expect(try Cholesky.factor(Tensor<Double>(zeros: [0, 0])).get().logDeterminant == 0)
    }

    @Test func solveLowerWhitens() throws {
        // A = [[4, 2], [2, 5]] = L·Lᵀ with L = [[2, 0], [1, 2]]: L⁻¹·(2, 3) = (1, 1).
        let c = try Cholesky.factor(Tensor(rows: [[4, 2], [2, 5]])).get()
        #expect(MatrixTestSupport.maxDifference(c.lower, Tensor(rows: [[2, 0], [1, 2]])) <= Tolerances.exactDouble)
        #expect(MatrixTestSupport.maxDifference(c.solveLower([2, 3]), [1, 1]) <= Tolerances.exactDouble)
    }

    static let failures: [(String, Tensor<Double>, LinearAlgebra.Failure)] = [
        ("indefinite", Tensor(rows: [[1, 2], [2, 1]]), .notPositiveDefinite(pivot: 1)),
        ("negative diagonal", Tensor(rows: [[-1, 0], [0, 1]]), .notPositiveDefinite(pivot: 0)),
        ("singular PSD", Tensor(rows: [[1, 1], [1, 1]]), .notPositiveDefinite(pivot: 1)),
        ("zero", Tensor(zeros: [3, 3]), .notPositiveDefinite(pivot: 0)),
        ("not square", Tensor(zeros: [2, 3]), .notSquare(shape: [2, 3])),
        ("vector", Tensor([1.0, 2.0]), .notSquare(shape: [2])),
        ("not symmetric", Tensor(rows: [[2, 1], [0, 2]]), .notSymmetric(row: 1, column: 0)),
        ("NaN", Tensor(rows: [[1, .nan], [.nan, 1]]), .nonFinite),
        ("infinite", Tensor(rows: [[.infinity, 0], [0, 1]]), .nonFinite),
    ]

    @Test(arguments: 0..<failures.count)
    func reportsWhyItCannotFactor(index: Int) {
        let (name, matrix, expected) = Self.failures[index]
        let result = Cholesky.factor(matrix)
        #expect(throws: expected, "\(name)") { try result.get() }
        #expect(Cholesky(matrix) == nil, "\(name)")
    }
}

@Suite struct LUDecompositionTests {
    @Test(arguments: orders)
    func solvesGeneralSystems(n: Int) throws {
        let seed = UInt64(4000 + n)
        var rng = SeededGenerator(seed: seed)
        // A general (non-symmetric) matrix, shifted so that it is safely nonsingular.
        let a = Tensor<Double>(normal: [n, n], using: &rng) + LinearAlgebra.identity(n) * Double(n).squareRoot()
        let lu = try LUDecomposition.factor(a).get()
        let b = Tensor<Double>(normal: [n, 2], using: &rng)
        let x = lu.solve(b)
        let residual = solveResidual(a, x, b)
        #expect(residual <= Tolerances.solveResidual, "seed \(seed): residual \(residual)")
        let viaNamespace = try LinearAlgebra.solve(a, b).get()
        #expect(viaNamespace.scalars == x.scalars)
        let column = lu.solve(b.sliced(axis: 1, start: 0, length: 1).reshaped([n]).scalars)
        #expect(
            MatrixTestSupport.maxDifference(column, x.sliced(axis: 1, start: 0, length: 1).reshaped([n]).scalars)
                <= Tolerances.exactDouble
        )
    }

    @Test func pivotsWhenTheLeadingEntryIsZero() throws {
        // [[0, 1], [1, 0]]·x = (2, 3) needs a row exchange: x = (3, 2), det = −1.
        let lu = try LUDecomposition.factor(Tensor(rows: [[0, 1], [1, 0]])).get()
        #expect(lu.solve([2, 3]) == [3, 2])
        #expect(lu.determinant == -1)
        let d = try LUDecomposition.factor(Tensor(rows: [[2, 1, 0], [1, 3, 1], [0, 1, 4]])).get().determinant
        #expect(abs(d - 18) <= Tolerances.exactDouble * 18)
    }

    static let failures: [(String, Tensor<Double>, LinearAlgebra.Failure)] = [
        ("rank one", Tensor(rows: [[1, 2], [2, 4]]), .singular(column: 1)),
        ("zero", Tensor(zeros: [2, 2]), .singular(column: 0)),
        ("dependent rows", Tensor(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]), .singular(column: 2)),
        ("not square", Tensor(zeros: [3, 2]), .notSquare(shape: [3, 2])),
        ("rank 3", Tensor(zeros: [2, 2, 2]), .notSquare(shape: [2, 2, 2])),
        ("NaN", Tensor(rows: [[1, 0], [0, .nan]]), .nonFinite),
    ]

    @Test(arguments: 0..<failures.count)
    func reportsSingularAndMalformedMatrices(index: Int) {
        let (name, matrix, expected) = Self.failures[index]
        #expect(throws: expected, "\(name)") { try LUDecomposition.factor(matrix).get() }
        #expect(LUDecomposition(matrix) == nil, "\(name)")
    }

    @Test func emptySystem() throws {
        let lu = try LUDecomposition.factor(Tensor(zeros: [0, 0])).get()
        #expect(lu.solve([]) == [])
        #expect(lu.determinant == 1)
    }
}

@Suite struct LinearAlgebraHelperTests {
    @Test func identityAndSymmetryChecks() {
        let i3 = LinearAlgebra.identity(3)
        #expect(i3.shape == [3, 3] && i3.scalars == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(LinearAlgebra.identity(0).shape == [0, 0])
        #expect(LinearAlgebra.isSymmetric(i3))
        #expect(LinearAlgebra.isSymmetric(Tensor(rows: [[1, 2], [2 + 1e-14, 1]])))
        #expect(!LinearAlgebra.isSymmetric(Tensor(rows: [[1, 2], [2.1, 1]])))
        #expect(!LinearAlgebra.isSymmetric(Tensor(rows: [[1, 2], [2 + 1e-14, 1]]), tolerance: 0))
        #expect(!LinearAlgebra.isSymmetric(Tensor(zeros: [2, 3])))
        #expect(!LinearAlgebra.isSymmetric(Tensor(rows: [[.nan, 0], [0, 1]])))
        #expect(LinearAlgebra.isSymmetric(Tensor(zeros: [0, 0])))
    }
}

/// ‖A·X − B‖max / (‖A‖max·‖X‖max·n): the backward error of a solve, per unit of the row sums.
func solveResidual(_ a: Tensor<Double>, _ x: Tensor<Double>, _ b: Tensor<Double>) -> Double {
    let n = a.shape[0]
    let x2 = x.rank == 1 ? x.reshaped([n, 1]) : x
    let b2 = b.rank == 1 ? b.reshaped([n, 1]) : b
    let r = MatrixTestSupport.maxDifference(matmul(a, x2), b2)
    let scale = LinearAlgebra.maxAbsoluteEntry(a) * LinearAlgebra.maxAbsoluteEntry(x2) * Double(max(n, 1))
    return scale > 0 ? r / scale : r
}
