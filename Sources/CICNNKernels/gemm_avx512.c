// AVX-512F GEMM kernels (float and double). Compiled for the baseline; only the functions carry
// __attribute__((target("avx512f"))), and gemm.c calls them only when icnn_cpu_level() allows.
#include "gemm_internal.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define T float
#define V __m512
#define M_T __mmask16
#define VL 16
#define MR 12
#define SFX _avx512_f32
#define MASKED_B 1
// Not unrolled: not measured on a machine with AVX-512.
#define K_UNROLL 1
#define TARGET "avx512f"
#define MAKEMASK(n) ((__mmask16)((n) >= 16 ? 0xFFFFu : (1u << (n)) - 1u))
#define LOADU(p) _mm512_loadu_ps(p)
#define STOREU(p, v) _mm512_storeu_ps(p, v)
#define MASK_FULL(m) ((m) == 0xFFFF)
#define MLOADZ(m, p) _mm512_maskz_loadu_ps(m, p)
#define MSTORE(p, m, v) _mm512_mask_storeu_ps(p, m, v)
#define SET1(x) _mm512_set1_ps(x)
#define FMADD(a, b, c) _mm512_fmadd_ps(a, b, c)
#define MUL(a, b) _mm512_mul_ps(a, b)
#define ZERO() _mm512_setzero_ps()
#include "gemm_simd_impl.h"

/// Transposes the 16x16 block held in r[0..<16] (row i in r[i]) in place: 16 unpacks of singles, 16 of pairs,
/// and two rounds of 128-bit lane shuffles.
static inline __attribute__((always_inline, target("avx512f"))) void transpose16_avx512_f32(__m512 r[16]) {
    __m512 t[16], u[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    // u[4g + q] holds, in 128-bit block b, column 4b+q of rows 4g..4g+3.
    for (int g = 0; g < 4; g++) {
        const __m512d lo = _mm512_castps_pd(t[4 * g]), hi = _mm512_castps_pd(t[4 * g + 1]);
        const __m512d lo2 = _mm512_castps_pd(t[4 * g + 2]), hi2 = _mm512_castps_pd(t[4 * g + 3]);
        u[4 * g + 0] = _mm512_castpd_ps(_mm512_unpacklo_pd(lo, lo2));
        u[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(lo, lo2));
        u[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(hi, hi2));
        u[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(hi, hi2));
    }
    for (int q = 0; q < 4; q++) {
        const __m512 v = _mm512_shuffle_f32x4(u[q], u[4 + q], 0x44), w = _mm512_shuffle_f32x4(u[q], u[4 + q], 0xEE);
        const __m512 v2 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0x44);
        const __m512 w2 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0xEE);
        r[q] = _mm512_shuffle_f32x4(v, v2, 0x88);
        r[4 + q] = _mm512_shuffle_f32x4(v, v2, 0xDD);
        r[8 + q] = _mm512_shuffle_f32x4(w, w2, 0x88);
        r[12 + q] = _mm512_shuffle_f32x4(w, w2, 0xDD);
    }
}

/// packA: for A stored M x K, full 12-row panels are transposed 16 columns at a time in registers; for A stored
/// K x M, each row of A is dealt out to the panels with masked 12-lane copies; partial panels go to the generic
/// packer.
static __attribute__((target("avx512f"))) void packAFast_avx512_f32(int trans, long mc, long kc, const float *a,
                                                                    long lda, float *ap) {
    if (trans) {
        // A stored K x M: row k of A holds element k of every panel; deal it out 12 at a time.
        const long full = mc / 12 * 12;
        if (full == 0) {
            packA_avx512_f32(1, mc, kc, a, lda, ap);
            return;
        }
        for (long k = 0; k < kc; k++) {
            const float *src = a + k * lda;
            float *dst = ap + k * 12;
            for (long i = 0; i < full; i += 12, dst += 12 * kc)
                _mm512_mask_storeu_ps(dst, 0x0FFF, _mm512_maskz_loadu_ps(0x0FFF, src + i));
        }
        if (full < mc) packA_avx512_f32(1, mc - full, kc, a + full, lda, ap + full * kc);
        return;
    }
    if (kc < 16) {
        packA_avx512_f32(trans, mc, kc, a, lda, ap);
        return;
    }
    const long full = mc / 12 * 12, kfull = kc / 16 * 16;
    for (long i = 0; i < full; i += 12, ap += 12 * kc) {
        for (long k = 0; k < kfull; k += 16) {
            __m512 r[16];
            for (int x = 0; x < 12; x++) r[x] = _mm512_loadu_ps(a + (i + x) * lda + k);
            for (int x = 12; x < 16; x++) r[x] = _mm512_setzero_ps();
            transpose16_avx512_f32(r);
            for (int x = 0; x < 16; x++) _mm512_mask_storeu_ps(ap + (k + x) * 12, 0x0FFF, r[x]);
        }
        for (long k = kfull; k < kc; k++)
            for (int x = 0; x < 12; x++) ap[k * 12 + x] = a[(i + x) * lda + k];
    }
    if (full < mc) packA_avx512_f32(0, mc - full, kc, a + full * lda, lda, ap);
}

/// packB for B stored N x K: full 32-column panels are two 16x16 register transposes per 16 rows of k.
static __attribute__((target("avx512f"))) void packBFast_avx512_f32(int trans, long kc, long nc, const float *b,
                                                                    long ldb, float *bp) {
    if (!trans || kc < 16) {
        packB_avx512_f32(trans, kc, nc, b, ldb, bp);
        return;
    }
    const long full = nc / 32 * 32, kfull = kc / 16 * 16;
    for (long j = 0; j < full; j += 32, bp += 32 * kc) {
        for (long k = 0; k < kfull; k += 16) {
            for (int h = 0; h < 2; h++) {
                __m512 r[16];
                for (int x = 0; x < 16; x++) r[x] = _mm512_loadu_ps(b + (j + 16 * h + x) * ldb + k);
                transpose16_avx512_f32(r);
                for (int x = 0; x < 16; x++) _mm512_storeu_ps(bp + (k + x) * 32 + 16 * h, r[x]);
            }
        }
        for (long k = kfull; k < kc; k++)
            for (int x = 0; x < 32; x++) bp[k * 32 + x] = b[(j + x) * ldb + k];
    }
    if (full < nc) packB_avx512_f32(1, kc, nc - full, b + full * ldb, ldb, bp);
}
#undef T
#undef V
#undef M_T
#undef VL
#undef MR
#undef SFX
#undef MASKED_B
#undef K_UNROLL
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
#define V __m512d
#define M_T __mmask8
#define VL 8
#define MR 12
#define SFX _avx512_f64
#define MASKED_B 1
#define K_UNROLL 1
#define TARGET "avx512f"
#define MAKEMASK(n) ((__mmask8)((n) >= 8 ? 0xFFu : (1u << (n)) - 1u))
#define LOADU(p) _mm512_loadu_pd(p)
#define STOREU(p, v) _mm512_storeu_pd(p, v)
#define MASK_FULL(m) ((m) == 0xFF)
#define MLOADZ(m, p) _mm512_maskz_loadu_pd(m, p)
#define MSTORE(p, m, v) _mm512_mask_storeu_pd(p, m, v)
#define SET1(x) _mm512_set1_pd(x)
#define FMADD(a, b, c) _mm512_fmadd_pd(a, b, c)
#define MUL(a, b) _mm512_mul_pd(a, b)
#define ZERO() _mm512_setzero_pd()
#include "gemm_simd_impl.h"

// Blocking for a core with 48 KiB L1 and 2 MiB L2 (Sapphire Rapids): the 12 x 32 tile keeps 24 zmm accumulators;
// with kc = 256 an A tile (12 x kc floats, 12 KiB) stays in L1 while the B panels (kc x 32 floats, 32 KiB each)
// stream past it from the packed B block (kc x nc = 1 MiB) in L2; a packed A block (mc x kc = 384 KiB), when A is
// packed, shares L2 with it. Double keeps the same byte sizes.
const icnn_gemm_kernels_f32 icnn_gemm_avx512_f32 = {
    12, 32, 256, 384, 1024, 1, macro_avx512_f32, packAFast_avx512_f32, packBFast_avx512_f32, 1};
const icnn_gemm_kernels_f64 icnn_gemm_avx512_f64 = {
    12, 16, 256, 192, 512, 1, macro_avx512_f64, packA_avx512_f64, packB_avx512_f64};
#else
// Blocking for a core with 48 KiB L1 and 2 MiB L2 (Sapphire Rapids): the 12 x 32 tile keeps 24 zmm accumulators;
// with kc = 256 an A tile (12 x kc floats, 12 KiB) stays in L1 while the B panels (kc x 32 floats, 32 KiB each)
// stream past it from the packed B block (kc x nc = 1 MiB) in L2; a packed A block (mc x kc = 384 KiB), when A is
// packed, shares L2 with it. Double keeps the same byte sizes.
const icnn_gemm_kernels_f32 icnn_gemm_avx512_f32 = {0};
const icnn_gemm_kernels_f64 icnn_gemm_avx512_f64 = {0};
#endif
