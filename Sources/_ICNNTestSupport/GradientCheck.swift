import ICNNCore

/// Checks reverse-mode derivatives against central finite differences in Double, at first and second order,
/// along random directions (one scalar comparison per trial instead of a full Jacobian).
///
/// First order: ⟨∇f(x), v⟩ against (f(x + hv) − f(x − hv)) / 2h.
/// Second order: the Hessian-vector product from a double backward pass (∇⟨∇f(x), v⟩) against
/// (∇f(x + hv) − ∇f(x − hv)) / 2h, compared as vectors.
/// h = ε^(1/3)·max(1, ‖x‖∞) ≈ 6e-6 for O(1) inputs.
public enum GradientCheck {
    /// The worst errors found, relative to max(1, |reference|), and the values behind them.
    public struct Report: CustomStringConvertible {
        public var firstOrderError = 0.0
        public var secondOrderError = 0.0
        public var firstOrderDetail = ""
        public var secondOrderDetail = ""
        public var description: String {
            "first order: \(firstOrderError) (\(firstOrderDetail)); second order: \(secondOrderError) (\(secondOrderDetail))"
        }
    }

    /// Compares derivatives of the scalar function `f` at `xs`.
    /// - Parameters:
    ///   - f: a function of the inputs returning a tensor with one element.
    ///   - xs: the point.
    ///   - trials: random directions to try.
    ///   - secondOrder: whether to check Hessian-vector products too.
    public static func check(
        _ f: ([Tensor<Double>]) -> Tensor<Double>,
        at xs: [Tensor<Double>],
        trials: Int = 3,
        secondOrder: Bool = true,
        using rng: inout SeededGenerator
    ) -> Report {
        var report = Report()
        let scale = xs.map { $0.scalars.map(abs).max() ?? 0 }.max() ?? 0
        let h = cbrt(Double.ulpOfOne) * max(1, scale)
        for _ in 0..<trials {
            let v = xs.map { Tensor<Double>(normal: $0.shape, using: &rng) }

            // First order.
            let tape = Tape<Double>()
            let watched = tape.watch(xs)
            let y = f(watched)
            let grads = gradient(of: y, wrt: watched, createGraph: secondOrder)
            let plus = f(axpy(h, v, xs)).scalar, minus = f(axpy(-h, v, xs)).scalar
            let numeric = (plus - minus) / (2 * h)
            // Both backward modes: with a graph (recorded VJPs) and without (fused no-graph fast paths).
            let modes = [("graph", grads), ("no graph", plainGradient(f, xs))]
            for (mode, g) in modes {
                let analytic = zip(g, v).reduce(0.0) { $0 + dot($1.0, $1.1) }
                let e1 = abs(analytic - numeric) / max(1, abs(numeric))
                if e1 >= report.firstOrderError {
                    report.firstOrderError = e1
                    report.firstOrderDetail = "\(mode): analytic \(analytic), numeric \(numeric)"
                }
            }
            guard secondOrder else { continue }

            // Second order: Hessian-vector product by double backward.
            var directional = Tensor<Double>(0)
            for (g, vi) in zip(grads, v) { directional = directional + (g * vi).sum() }
            let hv = gradient(of: directional, wrt: watched)
            let gPlus = plainGradient(f, axpy(h, v, xs)), gMinus = plainGradient(f, axpy(-h, v, xs))
            for k in 0..<xs.count {
                let a = hv[k].scalars
                let p = gPlus[k].scalars, m = gMinus[k].scalars
                for i in 0..<a.count {
                    let numeric = (p[i] - m[i]) / (2 * h)
                    let e2 = abs(a[i] - numeric) / max(1, abs(numeric))
                    if e2 >= report.secondOrderError {
                        report.secondOrderError = e2
                        report.secondOrderDetail = "input \(k) element \(i): analytic \(a[i]), numeric \(numeric)"
                    }
                }
            }
        }
        return report
    }

    /// ∇f at `xs` without a graph.
    public static func plainGradient(
        _ f: ([Tensor<Double>]) -> Tensor<Double>,
        _ xs: [Tensor<Double>]
    )
        -> [Tensor<Double>]
    {
        valueAndGradient(at: xs, of: f).gradients
    }

    static func dot(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
        zip(a.scalars, b.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }

    static func axpy(_ h: Double, _ v: [Tensor<Double>], _ xs: [Tensor<Double>]) -> [Tensor<Double>] {
        zip(xs, v).map { x, d in Tensor(shape: x.shape, scalars: zip(x.scalars, d.scalars).map { $0 + h * $1 }) }
    }

    /// A scalar function of an op's output that has curvature in every output element:
    /// Σ w ⊙ y + Σ u ⊙ y², with fixed random weights w, u of the output's shape.
    public static func scalarised(
        _ op: @escaping ([Tensor<Double>]) -> Tensor<Double>,
        outputShape: [Int],
        using rng: inout SeededGenerator
    ) -> ([Tensor<Double>]) -> Tensor<Double> {
        let w = Tensor<Double>(normal: outputShape, using: &rng)
        let u = Tensor<Double>(normal: outputShape, using: &rng) * 0.5
        return { xs in
            let y = op(xs)
            return (w * y).sum() + (u * y.squared()).sum()
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
