extension Tolerances {
    /// Float GEMM against a Double reference: a k-term sum with a rounding of u = 2⁻²⁴ per multiply-add, plus
    /// one each for α and β, errs by at most (k + 2)·u·(Σ|α·aᵢₚ·bₚⱼ| + |β·cᵢⱼ|) (Higham, Thm 3.5): the allowed
    /// error is this factor times (k + 2) times that magnitude, so no rounding pattern can fail while a wrong
    /// element (an error of order the magnitude itself) always does.
    public static let gemmFloatPerTerm = 0x1p-24

    /// Double GEMM against a Double reference: the same bound with u = 2⁻⁵³, doubled because the reference
    /// itself rounds as much as the result under test.
    public static let gemmDoublePerTerm = 0x1p-52
}
