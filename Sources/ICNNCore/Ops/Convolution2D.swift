/// The geometry of a 2-D convolution over images stored channels-last: a batch of images is a tensor
/// [B, height · width · channels] with entry ((h · width) + w) · channels + c.
///
/// The kernel is square (`kernel` × `kernel`), moved by `stride` over the image padded with `padding` zeros on
/// every side. A weight has shape [outputChannels, kernel · kernel · channels], its column
/// (kh · kernel + kw) · channels + c multiplying input channel c at kernel offset (kh, kw) — the layout of a
/// PyTorch `Conv2d` weight [out, in, kh, kw] permuted to [out, kh, kw, in].
public struct Convolution2D: Sendable, Hashable, Codable {
    /// The input height.
    public var height: Int
    /// The input width.
    public var width: Int
    /// The input channels.
    public var channels: Int
    /// The side of the square kernel.
    public var kernel: Int
    /// The step between neighbouring output pixels.
    public var stride: Int
    /// The zeros added on each side.
    public var padding: Int

    /// A convolution geometry.
    /// - Precondition: positive sizes, stride ≥ 1, padding ≥ 0, and the padded image at least one kernel wide.
    public init(height: Int, width: Int, channels: Int, kernel: Int, stride: Int = 1, padding: Int = 0) {
        require(
            height >= 1 && width >= 1 && channels >= 1 && kernel >= 1 && stride >= 1 && padding >= 0,
            "convolution needs positive sizes, got \(height)×\(width)×\(channels), kernel \(kernel), "
                + "stride \(stride), padding \(padding)"
        )
        require(
            height + 2 * padding >= kernel && width + 2 * padding >= kernel,
            "kernel \(kernel) larger than the padded \(height)×\(width) image (padding \(padding))"
        )
        self.height = height
        self.width = width
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    /// The output height ⌊(height + 2·padding − kernel) / stride⌋ + 1.
    public var outputHeight: Int { (height + 2 * padding - kernel) / stride + 1 }
    /// The output width ⌊(width + 2·padding − kernel) / stride⌋ + 1.
    public var outputWidth: Int { (width + 2 * padding - kernel) / stride + 1 }
    /// The number of input entries per image.
    public var inputCount: Int { height * width * channels }
    /// The number of weight columns: kernel · kernel · channels.
    public var patchCount: Int { kernel * kernel * channels }

    /// For every output pixel (row-major) and every kernel entry, the input entry under it (−1 in the padding):
    /// gathering by it turns [B, inputCount] into [B, outputHeight · outputWidth · patchCount] ("im2col").
    public var patchIndex: GatherIndex {
        var indices: [Int32] = []
        indices.reserveCapacity(outputHeight * outputWidth * patchCount)
        for oh in 0..<outputHeight {
            for ow in 0..<outputWidth {
                for kh in 0..<kernel {
                    for kw in 0..<kernel {
                        let h = oh * stride + kh - padding, w = ow * stride + kw - padding
                        let inside = h >= 0 && h < height && w >= 0 && w < width
                        for c in 0..<channels {
                            indices.append(inside ? Int32((h * width + w) * channels + c) : -1)
                        }
                    }
                }
            }
        }
        return GatherIndex(sourceCount: inputCount, indices: indices)
    }
}

/// The 2-D convolution of channels-last images x [B, geometry.inputCount] with weight [C_out, patchCount],
/// plus an optional addend broadcast to [B · outputHeight · outputWidth, C_out] (a bias [C_out], or another
/// convolution's result reshaped to that shape). Returns [B, outputHeight · outputWidth · C_out], channels-last.
///
/// Computed as a gather of the patches followed by one `linear` (so both derivatives, and derivatives of
/// derivatives, come from those two ops). A convolution with a non-negative weight is a non-negative linear
/// map, which is what keeps the z-path of a convolutional ICNN convex.
/// - Precondition: the shapes agree with the geometry.
public func convolution<Scalar: TensorScalar>(
    _ x: Tensor<Scalar>,
    weight: Tensor<Scalar>,
    geometry: Convolution2D,
    adding addend: Tensor<Scalar>? = nil
) -> Tensor<Scalar> {
    require(
        x.rank == 2 && x.shape[1] == geometry.inputCount,
        "convolution input of shape \(x.shape) for \(geometry.height)×\(geometry.width)×\(geometry.channels) images"
    )
    require(
        weight.rank == 2 && weight.shape[1] == geometry.patchCount,
        "convolution weight of shape \(weight.shape), expected [out, \(geometry.patchCount)]"
    )
    let batch = x.shape[0], pixels = geometry.outputHeight * geometry.outputWidth
    let patches = x.gathered(geometry.patchIndex).reshaped([batch * pixels, geometry.patchCount])
    return linear(patches, weight: weight, adding: addend).reshaped([batch, pixels * weight.shape[0]])
}
