// Portable GEMM kernels (float and double): plain C for the compiler's baseline, used when the CPU has neither
// AVX2 nor AVX-512, when ICNN_CPU=portable, and by the tests as one more variant to check.
#include "gemm_internal.h"

#define T float
#define MR 4
#define NR 8
#define SFX _portable_f32
#include "gemm_portable_impl.h"
#undef T
#undef MR
#undef NR
#undef SFX

#define T double
#define MR 4
#define NR 4
#define SFX _portable_f64
#include "gemm_portable_impl.h"

const icnn_gemm_kernels_f32 icnn_gemm_portable_f32 = {4, 8, 256, 512, 1024, 0, macro_portable_f32, packA_portable_f32,
                                                      packB_portable_f32};
const icnn_gemm_kernels_f64 icnn_gemm_portable_f64 = {4, 4, 256, 256, 512, 0, macro_portable_f64, packA_portable_f64,
                                                      packB_portable_f64};
