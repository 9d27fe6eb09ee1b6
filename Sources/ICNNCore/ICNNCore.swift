/// ICNNCore: tensors, kernels, reverse-mode autodiff with higher-order gradients, optimisers, random numbers,
/// small dense linear algebra and L-BFGS. It knows nothing about convexity (see DESIGN.md).
public enum ICNNCoreInfo {
    /// The library version.
    public static let version = "0.1.0"
}
