// AVX2+FMA GEMM kernels (float and double). Compiled for the baseline; only the functions carry
// __attribute__((target("avx2,fma"))), and gemm.c calls them only when icnn_cpu_level() allows.
#include "gemm_internal.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

/// dst[c * dstride + r] = src[r * ld + c] for r, c in 0..<8: one 8 x 8 block of a transposing pack.
static inline __attribute__((always_inline, target("avx2,fma"))) void transpose8_avx2_f32(const float *src, long ld,
                                                                                         float *dst, long dstride) {
    __m256 r[8], t[8];
    for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(src + i * ld);
    // Interleave pairs of rows, then pairs of pairs, then swap the 128-bit halves.
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        r[i] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
        r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
        r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
        r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
    }
    for (int i = 0; i < 4; i++) {
        _mm256_storeu_ps(dst + i * dstride, _mm256_permute2f128_ps(r[i], r[i + 4], 0x20));
        _mm256_storeu_ps(dst + (i + 4) * dstride, _mm256_permute2f128_ps(r[i], r[i + 4], 0x31));
    }
}

#define T float
#define V __m256
#define PACK_TRANSPOSE8 transpose8_avx2_f32
#define M_T __m256i
#define VL 8
#define MR 6
#define SFX _avx2_f32
#define MASKED_B 0
#define K_UNROLL 4
#define TARGET "avx2,fma"
#define MAKEMASK(n) _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7))
#define LOADU(p) _mm256_loadu_ps(p)
#define STOREU(p, v) _mm256_storeu_ps(p, v)
#define MASK_FULL(m) (_mm256_movemask_ps(_mm256_castsi256_ps(m)) == 0xFF)
#define MLOADZ(m, p) _mm256_maskload_ps(p, m)
#define MSTORE(p, m, v) _mm256_maskstore_ps(p, m, v)
#define SET1(x) _mm256_set1_ps(x)
#define FMADD(a, b, c) _mm256_fmadd_ps(a, b, c)
#define MUL(a, b) _mm256_mul_ps(a, b)
#define ZERO() _mm256_setzero_ps()
#include "gemm_simd_impl.h"
#undef T
#undef V
#undef M_T
#undef VL
#undef MR
#undef SFX
#undef MASKED_B
#undef K_UNROLL
#undef PACK_TRANSPOSE8
#undef TARGET
#undef MAKEMASK
#undef LOADU
#undef STOREU
#undef MASK_FULL
#undef MLOADZ
#undef MSTORE
#undef SET1
#undef FMADD
#undef MUL
#undef ZERO

#define T double
#define V __m256d
#define M_T __m256i
#define VL 4
#define MR 6
#define SFX _avx2_f64
#define MASKED_B 0
// Unrolled by 4, double lost a third: the compiler spilled broadcasts of A to the stack (session 14).
#define K_UNROLL 1
#define TARGET "avx2,fma"
#define MAKEMASK(n) _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(n)), _mm256_setr_epi64x(0, 1, 2, 3))
#define LOADU(p) _mm256_loadu_pd(p)
#define STOREU(p, v) _mm256_storeu_pd(p, v)
#define MASK_FULL(m) (_mm256_movemask_pd(_mm256_castsi256_pd(m)) == 0xF)
#define MLOADZ(m, p) _mm256_maskload_pd(p, m)
#define MSTORE(p, m, v) _mm256_maskstore_pd(p, m, v)
#define SET1(x) _mm256_set1_pd(x)
#define FMADD(a, b, c) _mm256_fmadd_pd(a, b, c)
#define MUL(a, b) _mm256_mul_pd(a, b)
#define ZERO() _mm256_setzero_pd()
#include "gemm_simd_impl.h"

// Measured on an AMD EPYC (Zen 3: 32 KiB L1, 512 KiB L2 per core; 2026-12-06, docs/ENGINE.md, session 9): depth
// blocks of 512 instead of 256 where C has 2^19 elements or more, each variant timed in turn within every sample,
// median speed-ups 1.04-1.08 on 4096x1024x1024 (A*B, A*B^T), 1.02-1.03 on its 1024x1024 weight gradient over
// K = 4096 and 1.04-1.06 on 1024x512x512, on one and two threads; where C is small (the 1024x128 and 128x1024
// weight gradients over K = 4096) deeper blocks lost 2-5 %, likely because a 32 KiB B panel leaves no room for
// the A tile in L1. Packing A stored M x K in large products lost 2-3 % on every shape tried (packLargeA stays 0).
const icnn_gemm_kernels_f32 icnn_gemm_avx2_f32 = {6, 16, 256, 600, 1024, 0, macro_avx2_f32, packA_avx2_f32,
                                                  packB_avx2_f32, 0, 512};
const icnn_gemm_kernels_f64 icnn_gemm_avx2_f64 = {6, 8, 256, 300, 512, 0, macro_avx2_f64, packA_avx2_f64,
                                                  packB_avx2_f64};
#else
const icnn_gemm_kernels_f32 icnn_gemm_avx2_f32 = {0};
const icnn_gemm_kernels_f64 icnn_gemm_avx2_f64 = {0};
#endif
