// swift-tools-version: 6.0
//
// swift-icnn: input-convex neural networks in Swift.
//
// Layers (each depends only on those above it; see DESIGN.md):
//   CICNNKernels     C micro-kernels (GEMM, vectorised transcendentals) with run-time CPU dispatch
//   ICNNCore         tensors, kernels, autodiff with higher-order gradients, optimisers, RNG, linear algebra, L-BFGS
//   ICNN             models, constraints, training, solvers, IO (re-exports ICNNCore)
//   ICNNExperiments  the papers' experiments and the benchmarks
//   ICNNTool         the `icnn` command-line tool
//
// No `unsafeFlags`: SwiftPM refuses them in a versioned dependency. CPU-specific instructions come from
// `__attribute__((target(...)))` functions in CICNNKernels, chosen at run time.
//
// Conditional compilation flags this package recognises (pass with `-Xswiftc -D...`):
//   ICNN_INTERNAL_CHECKS  expensive invariant checks (e.g. NaN scans after every op); slows everything down.
//   ICNN_LONG_TESTS       long parameter sweeps in the test suites (minutes instead of seconds).
import PackageDescription

let package = Package(
    name: "swift-icnn",
    products: [
        .library(name: "ICNN", targets: ["ICNN"]),
        .library(name: "ICNNCore", targets: ["ICNNCore"]),
        .executable(name: "icnn", targets: ["ICNNTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Compiled at -O by SwiftPM's release configuration; per-function target attributes select AVX2/AVX-512.
        .target(name: "CICNNKernels"),
        .target(name: "ICNNCore", dependencies: ["CICNNKernels"]),
        .target(name: "ICNN", dependencies: ["ICNNCore"]),
        .target(name: "ICNNExperiments", dependencies: ["ICNN"]),
        .executableTarget(
            name: "ICNNTool",
            dependencies: [
                "ICNNExperiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "_ICNNTestSupport", dependencies: ["ICNNCore"], path: "Sources/_ICNNTestSupport"),
        .testTarget(name: "ICNNCoreTests", dependencies: ["ICNNCore", "_ICNNTestSupport"]),
        .testTarget(name: "ICNNTests", dependencies: ["ICNN", "_ICNNTestSupport"]),
        .testTarget(name: "ICNNExperimentsTests", dependencies: ["ICNNExperiments"]),
        .testTarget(name: "ICNNToolTests", dependencies: ["ICNNTool"]),
    ]
)
