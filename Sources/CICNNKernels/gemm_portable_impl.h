// Portable C GEMM kernels for one element type, included by gemm_portable.c once per type (no include guard).
// The includer defines T, MR, NR and SFX. Plain loops over a small accumulator array, which the compiler keeps
// in the baseline vector registers (SSE2 on x86-64); no fused multiply-add is requested.

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define NAME(x) CAT(x, SFX)
#define TGT

/// One tile of mr x nr (at most MR x NR) elements of C; B is a packed, zero-filled NR-wide panel.
static inline void NAME(tile)(const long mr, const long nr, long kc, const T *restrict a, long rsa, long csa,
                              const T *restrict b, T *c, long ldc, const T *d, long ldd, T alpha, T beta,
                              int first) {
    T acc[MR][NR];
    for (long r = 0; r < MR; r++)
        for (long j = 0; j < NR; j++) acc[r][j] = 0;
    for (long k = 0; k < kc; k++) {
        const T *bk = b + k * NR;
        for (long r = 0; r < mr; r++) {
            const T ar = a[r * rsa + k * csa];
            for (long j = 0; j < NR; j++) acc[r][j] += ar * bk[j];
        }
    }
    for (long r = 0; r < mr; r++) {
        T *cr = c + r * ldc;
        const T *dr = d + r * ldd;
        for (long j = 0; j < nr; j++) {
            const T x = alpha * acc[r][j];
            if (!first) cr[j] = cr[j] + x;
            else cr[j] = beta == 0 ? x : x + beta * dr[j];
        }
    }
}

static void NAME(macro)(long mc, long nc, long kc, const T *a, long rsa, long csa, long apanel, const T *bp,
                        long ldbp, T *c, long ldc, const T *d, long ldd, T alpha, T beta, int first) {
    (void)ldbp; // always packed: this table does not read B in place
    for (long j = 0; j < nc; j += NR) {
        const long nr = nc - j < NR ? nc - j : NR;
        const T *b = bp + j * kc;
        long t = 0;
        for (long i = 0; i < mc; i += MR, t++) {
            const long mr = mc - i < MR ? mc - i : MR;
            T *ct = c + i * ldc + j;
            const T *dt = d + i * ldd + j;
            if (mr == MR) NAME(tile)(MR, nr, kc, a + t * apanel, rsa, csa, b, ct, ldc, dt, ldd, alpha, beta, first);
            else NAME(tile)(mr, nr, kc, a + t * apanel, rsa, csa, b, ct, ldc, dt, ldd, alpha, beta, first);
        }
    }
}

#include "gemm_pack_impl.h"

#undef NAME
#undef TGT
