import ICNNCore
import Testing
import _ICNNTestSupport

@Suite("2-D convolution (channels-last) against a direct loop")
struct ConvolutionTests {
    /// out[b, oh, ow, o] = bias[o] + Σ_{kh,kw,c} w[o, kh, kw, c] · x[b, oh·s+kh−p, ow·s+kw−p, c], written plainly.
    func direct(_ x: [Double], _ w: [Double], _ bias: [Double], _ g: Convolution2D, batch: Int, out: Int) -> [Double] {
        var y: [Double] = []
        for b in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for o in 0..<out {
                        var s = bias[o]
                        for kh in 0..<g.kernel {
                            for kw in 0..<g.kernel {
                                let h = oh * g.stride + kh - g.padding, v = ow * g.stride + kw - g.padding
                                guard h >= 0, h < g.height, v >= 0, v < g.width else { continue }
                                for c in 0..<g.channels {
                                    let xv = x[b * g.inputCount + (h * g.width + v) * g.channels + c]
                                    s += w[o * g.patchCount + (kh * g.kernel + kw) * g.channels + c] * xv
                                }
                            }
                        }
                        y.append(s)
                    }
                }
            }
        }
        return y
    }

    @Test(
        "matches the direct sum",
        arguments: [
            Convolution2D(height: 8, width: 8, channels: 1, kernel: 3, padding: 1),
            Convolution2D(height: 5, width: 7, channels: 3, kernel: 3),
            Convolution2D(height: 6, width: 6, channels: 2, kernel: 2, stride: 2),
            Convolution2D(height: 4, width: 5, channels: 2, kernel: 5, stride: 3, padding: 2),
        ]
    )
    func matchesDirect(_ g: Convolution2D) {
        var rng = SeededGenerator(seed: 11)
        let batch = 3, out = 4
        let x = Tensor<Double>(normal: [batch, g.inputCount], using: &rng)
        let w = Tensor<Double>(normal: [out, g.patchCount], using: &rng)
        let bias = Tensor<Double>(normal: [out], using: &rng)
        let y = convolution(x, weight: w, geometry: g, adding: bias)
        #expect(y.shape == [batch, g.outputHeight * g.outputWidth * out])
        let expected = direct(x.scalars, w.scalars, bias.scalars, g, batch: batch, out: out)
        let err = zip(y.scalars, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(err < 1e-12, "max error \(err)")
    }

    @Test("output sizes follow ⌊(n + 2p − k)/s⌋ + 1")
    func outputSizes() {
        let g = Convolution2D(height: 8, width: 7, channels: 1, kernel: 3, stride: 2, padding: 1)
        #expect(g.outputHeight == 4 && g.outputWidth == 4)
        #expect(g.patchIndex.count == 16 * 9)
    }

    @Test("scatterAdd is the transpose of gather: ⟨Gx, y⟩ = ⟨x, Gᵀy⟩")
    func adjoint() {
        var rng = SeededGenerator(seed: 5)
        let index = Convolution2D(height: 5, width: 5, channels: 2, kernel: 3, padding: 1).patchIndex
        let x = Tensor<Double>(normal: [2, index.sourceCount], using: &rng)
        let y = Tensor<Double>(normal: [2, index.count], using: &rng)
        let lhs = (x.gathered(index) * y).sum().scalar, rhs = (x * y.scatterAdded(index)).sum().scalar
        #expect(abs(lhs - rhs) < 1e-10 * max(1, abs(lhs)))
    }
}
