// SIMD GEMM kernels for one instruction set and element type, included by gemm_avx512.c and gemm_avx2.c once per
// type (no include guard). The includer defines: T, V (vector type), M_T (lane mask type), VL (lanes), MR (tile
// rows), SFX (name suffix), TARGET (the target attribute string), and the operations LOADU, STOREU, MLOADZ(m, p)
// (load with the lanes outside m zeroed), MSTORE(p, m, v) (store the lanes in m), MAKEMASK(n) (the first n lanes),
// MASK_FULL(m) (whether m holds every lane),
// SET1, FMADD, MUL, ZERO, and MASKED_B: 1 when masked loads are cheap enough to read B in place (the driver
// then may pass the caller's B, bs = ldb, instead of a packed panel).
// K_UNROLL: how many steps of k the full tiles' loop handles per iteration (1 leaves it rolled).
//
// Register tile: MR rows x NR = 2*VL columns of C held in 2*MR vector accumulators. Per k the kernel loads two
// vectors of B (a packed panel, or the caller's row when MASKED_B allows) and, for each of the MR rows,
// broadcasts one element of A and issues two FMAs.
// Every element of C is the FMA chain over k = 0..<kc in ascending order, then one store step; partial tiles run
// the same code with fewer rows or masked columns, so results do not depend on where a tile starts.

#define NR (2 * VL)
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define NAME(x) CAT(x, SFX)
#define TGT __attribute__((target(TARGET)))
#define INL static inline __attribute__((always_inline)) TGT
#define NOINL __attribute__((noinline, aligned(64))) TGT
// Loops over the tile rows must be unrolled so the accumulators live in registers.
#define ICNN_UNROLL _Pragma("GCC unroll 16")
#define ICNN_PRAGMA_(x) _Pragma(#x)
#define ICNN_PRAGMA(x) ICNN_PRAGMA_(x)

/// One register tile: C[0..<mr, 0..<nv*VL] with the last vector's columns limited to `ml`.
INL void NAME(tile)(const int mr, const int nv, long kc, const T *restrict a, long rsa, long csa,
                    const T *restrict b, long bs, T *c, long ldc, const T *d, long ldd, M_T ml, T alpha, T beta,
                    int first) {
    V acc0[MR], acc1[MR];
    ICNN_UNROLL
    for (int r = 0; r < mr; r++) {
        // The tile of C is needed only at the end: start bringing it in now.
        __builtin_prefetch(c + r * ldc, 1, 3);
        if (nv > 1) __builtin_prefetch(c + r * ldc + NR - 1, 1, 3);
        acc0[r] = ZERO();
        acc1[r] = ZERO();
    }
#if MASKED_B
    // B may be the caller's matrix (bs = ldb): lanes past its last column must not be read.
#define ICNN_LOAD_B0(k) (nv > 1 ? LOADU(b + (k) * bs) : MLOADZ(ml, b + (k) * bs))
#define ICNN_LOAD_B1(k) (nv > 1 ? MLOADZ(ml, b + (k) * bs + VL) : ZERO())
#else
#define ICNN_LOAD_B0(k) LOADU(b + (k) * bs)
#define ICNN_LOAD_B1(k) (nv > 1 ? LOADU(b + (k) * bs + VL) : ZERO())
#endif
#define ICNN_TILE_STEP(k)                                                                                              \
    const V b0 = ICNN_LOAD_B0(k), b1 = ICNN_LOAD_B1(k);                                                                \
    ICNN_UNROLL                                                                                                        \
    for (int r = 0; r < mr; r++) {                                                                                     \
        const V ar = SET1(a[r * rsa + (k) * csa]);                                                                     \
        acc0[r] = FMADD(ar, b0, acc0[r]);                                                                              \
        if (nv > 1) acc1[r] = FMADD(ar, b1, acc1[r]);                                                                  \
    }
    // Unrolling k saves the loop's and the in-place A rows' address arithmetic: rolled, the loop issues 27
    // instructions per 12 FMAs, likely the limit on a core whose busy sibling hyperthread shares the front end
    // (AVX2 float: 6 x 16 tiles up to 1.17x faster, most on slowed cores; docs/ENGINE.md, session 14). Partial
    // tiles stay rolled: unrolled, the 4-row tile lost 5-7 %.
    if (mr == MR && K_UNROLL > 1) {
        ICNN_PRAGMA(GCC unroll K_UNROLL)
        for (long k = 0; k < kc; k++) {
            ICNN_TILE_STEP(k)
        }
    } else {
        for (long k = 0; k < kc; k++) {
            ICNN_TILE_STEP(k)
        }
    }
#undef ICNN_TILE_STEP
#undef ICNN_LOAD_B0
#undef ICNN_LOAD_B1
    const V va = SET1(alpha), vb = SET1(beta);
    const M_T m0 = nv > 1 ? MAKEMASK(VL) : ml;
    // Whole vectors of C and D go through plain loads and stores, the same values: AVX2's masked store is slow on
    // AMD Zen 3, where this made 256x48x48 products about 15 % faster (docs/ENGINE.md, session 9).
    const int full0 = nv > 1 || MASK_FULL(ml), full1 = nv > 1 && MASK_FULL(ml);
    ICNN_UNROLL
    for (int r = 0; r < mr; r++) {
        T *cr = c + r * ldc;
        const T *dr = d + r * ldd;
        V x0 = acc0[r], x1 = acc1[r];
        if (first) {
            x0 = MUL(va, x0);
            if (nv > 1) x1 = MUL(va, x1);
            if (beta != 0) {
                x0 = FMADD(vb, full0 ? LOADU(dr) : MLOADZ(m0, dr), x0);
                if (nv > 1) x1 = FMADD(vb, full1 ? LOADU(dr + VL) : MLOADZ(ml, dr + VL), x1);
            }
        } else {
            x0 = FMADD(va, x0, full0 ? LOADU(cr) : MLOADZ(m0, cr));
            if (nv > 1) x1 = FMADD(va, x1, full1 ? LOADU(cr + VL) : MLOADZ(ml, cr + VL));
        }
        if (full0) STOREU(cr, x0);
        else MSTORE(cr, m0, x0);
        if (nv > 1) {
            if (full1) STOREU(cr + VL, x1);
            else MSTORE(cr + VL, ml, x1);
        }
    }
}

/// Full tiles from packed A (rsa = 1, csa = MR known at compile time).
static NOINL void NAME(full_packed)(int nv, long kc, const T *a, const T *b, long bs, T *c, long ldc, const T *d,
                                    long ldd, M_T ml, T alpha, T beta, int first) {
    if (nv == 2) NAME(tile)(MR, 2, kc, a, 1, MR, b, bs, c, ldc, d, ldd, ml, alpha, beta, first);
    else NAME(tile)(MR, 1, kc, a, 1, MR, b, bs, c, ldc, d, ldd, ml, alpha, beta, first);
}

/// Full tiles from A read in place, row-major (csa = 1) or k-major (rsa = 1).
static NOINL void NAME(full_strided)(int nv, long kc, const T *a, long rsa, long csa, const T *b, long bs, T *c,
                                     long ldc, const T *d, long ldd, M_T ml, T alpha, T beta, int first) {
    if (csa == 1) {
        if (nv == 2) NAME(tile)(MR, 2, kc, a, rsa, 1, b, bs, c, ldc, d, ldd, ml, alpha, beta, first);
        else NAME(tile)(MR, 1, kc, a, rsa, 1, b, bs, c, ldc, d, ldd, ml, alpha, beta, first);
    } else {
        if (nv == 2) NAME(tile)(MR, 2, kc, a, 1, csa, b, bs, c, ldc, d, ldd, ml, alpha, beta, first);
        else NAME(tile)(MR, 1, kc, a, 1, csa, b, bs, c, ldc, d, ldd, ml, alpha, beta, first);
    }
}

/// Partial tiles (fewer than MR rows), any A layout.
static NOINL void NAME(edge)(int mr, int nv, long kc, const T *a, long rsa, long csa, const T *b, long bs, T *c,
                             long ldc, const T *d, long ldd, M_T ml, T alpha, T beta, int first) {
#define ICNN_EDGE(m)                                                                                                   \
    case 2 * m: NAME(tile)(m, 1, kc, a, rsa, csa, b, bs, c, ldc, d, ldd, ml, alpha, beta, first); break;               \
    case 2 * m + 1: NAME(tile)(m, 2, kc, a, rsa, csa, b, bs, c, ldc, d, ldd, ml, alpha, beta, first); break;
    switch (2 * mr + nv - 1) {
        ICNN_EDGE(1)
        ICNN_EDGE(2)
        ICNN_EDGE(3)
        ICNN_EDGE(4)
        ICNN_EDGE(5)
#if MR > 6
        ICNN_EDGE(6)
        ICNN_EDGE(7)
#endif
#if MR > 8
        ICNN_EDGE(8)
#endif
#if MR > 9
        ICNN_EDGE(9)
#endif
#if MR > 10
        ICNN_EDGE(10)
#endif
#if MR > 11
        ICNN_EDGE(11)
#endif
#if MR > 12 || MR < 6
#error "extend the edge switch"
#endif
    default: break;
    }
#undef ICNN_EDGE
}

#if MASKED_B
/// C[0..<mr, 0..<2*VL + rem] for mr <= 6: three vectors per row, the first two from the full panel `b` (stride bs),
/// the third from `b2` (stride bs2) limited to the lanes in `ml`. For the last 33-48 columns (AVX-512 float): a 12 x
/// 16 tile issues one load per FMA and ran at about 70 % of the 12 x 32 tile's rate; 6 rows x 3 vectors issue one
/// per two. Every element is computed exactly as in `tile` (FMA chain over k from zero, then the same store step).
INL void NAME(tile3)(const int mr, long kc, const T *restrict a, long rsa, long csa, const T *restrict b, long bs,
                     const T *restrict b2, long bs2, T *c, long ldc, const T *d, long ldd, M_T ml, T alpha, T beta,
                     int first) {
    V acc0[6], acc1[6], acc2[6];
    ICNN_UNROLL
    for (int r = 0; r < mr; r++) {
        __builtin_prefetch(c + r * ldc, 1, 3);
        __builtin_prefetch(c + r * ldc + 2 * VL + VL - 1, 1, 3);
        acc0[r] = ZERO();
        acc1[r] = ZERO();
        acc2[r] = ZERO();
    }
    for (long k = 0; k < kc; k++) {
        const V b0 = LOADU(b + k * bs), b1 = LOADU(b + k * bs + VL), bt = MLOADZ(ml, b2 + k * bs2);
        ICNN_UNROLL
        for (int r = 0; r < mr; r++) {
            const V ar = SET1(a[r * rsa + k * csa]);
            acc0[r] = FMADD(ar, b0, acc0[r]);
            acc1[r] = FMADD(ar, b1, acc1[r]);
            acc2[r] = FMADD(ar, bt, acc2[r]);
        }
    }
    const V va = SET1(alpha), vb = SET1(beta);
    const M_T full = MAKEMASK(VL);
    ICNN_UNROLL
    for (int r = 0; r < mr; r++) {
        T *cr = c + r * ldc;
        const T *dr = d + r * ldd;
        V x0 = acc0[r], x1 = acc1[r], x2 = acc2[r];
        if (first) {
            x0 = MUL(va, x0);
            x1 = MUL(va, x1);
            x2 = MUL(va, x2);
            if (beta != 0) {
                x0 = FMADD(vb, MLOADZ(full, dr), x0);
                x1 = FMADD(vb, MLOADZ(full, dr + VL), x1);
                x2 = FMADD(vb, MLOADZ(ml, dr + 2 * VL), x2);
            }
        } else {
            x0 = FMADD(va, x0, MLOADZ(full, cr));
            x1 = FMADD(va, x1, MLOADZ(full, cr + VL));
            x2 = FMADD(va, x2, MLOADZ(ml, cr + 2 * VL));
        }
        MSTORE(cr, full, x0);
        MSTORE(cr + VL, full, x1);
        MSTORE(cr + 2 * VL, ml, x2);
    }
}

/// The last 2*VL + rem columns (0 < rem <= VL) of a row tile of mr rows, in chunks of 6 rows with `tile3`.
static NOINL void NAME(wide)(long mr, long kc, const T *a, long rsa, long csa, const T *b, long bs, const T *b2,
                             long bs2, T *c, long ldc, const T *d, long ldd, M_T ml, T alpha, T beta, int first) {
    for (long r0 = 0; r0 < mr; r0 += 6) {
        const T *ar = a + r0 * rsa;
        T *cr = c + r0 * ldc;
        const T *dr = d + r0 * ldd;
        switch (mr - r0 < 6 ? mr - r0 : 6) {
        case 1: NAME(tile3)(1, kc, ar, rsa, csa, b, bs, b2, bs2, cr, ldc, dr, ldd, ml, alpha, beta, first); break;
        case 2: NAME(tile3)(2, kc, ar, rsa, csa, b, bs, b2, bs2, cr, ldc, dr, ldd, ml, alpha, beta, first); break;
        case 3: NAME(tile3)(3, kc, ar, rsa, csa, b, bs, b2, bs2, cr, ldc, dr, ldd, ml, alpha, beta, first); break;
        case 4: NAME(tile3)(4, kc, ar, rsa, csa, b, bs, b2, bs2, cr, ldc, dr, ldd, ml, alpha, beta, first); break;
        case 5: NAME(tile3)(5, kc, ar, rsa, csa, b, bs, b2, bs2, cr, ldc, dr, ldd, ml, alpha, beta, first); break;
        default: NAME(tile3)(6, kc, ar, rsa, csa, b, bs, b2, bs2, cr, ldc, dr, ldd, ml, alpha, beta, first); break;
        }
    }
}
#endif

/// Row tiles outer, column panels inner: the tile of A (mr x kc, packed or read in place) stays in L1 while the
/// packed B panels stream from L2, so A need not be packed to be reused by every panel.
static TGT void NAME(macro)(long mc, long nc, long kc, const T *a, long rsa, long csa, long apanel, const T *bp,
                            long ldbp, T *c, long ldc, const T *d, long ldd, T alpha, T beta, int first) {
    const int packed = rsa == 1 && csa == MR;
    long t = 0;
    for (long i = 0; i < mc; i += MR, t++) {
        const long mr = mc - i < MR ? mc - i : MR;
        const T *at = a + t * apanel;
        for (long j = 0; j < nc; j += NR) {
#if MASKED_B
            if (nc - j > NR && nc - j <= NR + VL) {  // the last two panels: a full one and at most VL columns
                const long bs = ldbp ? ldbp : NR;
                const T *b = ldbp ? bp + j : bp + j * kc;
                const T *b2 = ldbp ? bp + j + NR : bp + (j + NR) * kc;
                NAME(wide)(mr, kc, at, rsa, csa, b, bs, b2, bs, c + i * ldc + j, ldc, d + i * ldd + j, ldd,
                           MAKEMASK((int)(nc - j - NR)), alpha, beta, first);
                break;
            }
#endif
            const long nr = nc - j < NR ? nc - j : NR;
            const int nv = nr > VL ? 2 : 1;
            const int rem = (int)(nr - (nv - 1) * VL);
            const M_T ml = MAKEMASK(rem);
            const T *b = ldbp ? bp + j : bp + j * kc;
            const long bs = ldbp ? ldbp : NR;
            T *ct = c + i * ldc + j;
            const T *dt = d + i * ldd + j;
            if (mr == MR) {
                if (packed) NAME(full_packed)(nv, kc, at, b, bs, ct, ldc, dt, ldd, ml, alpha, beta, first);
                else NAME(full_strided)(nv, kc, at, rsa, csa, b, bs, ct, ldc, dt, ldd, ml, alpha, beta, first);
            } else {
                NAME(edge)((int)mr, nv, kc, at, rsa, csa, b, bs, ct, ldc, dt, ldd, ml, alpha, beta, first);
            }
        }
    }
}

#include "gemm_pack_impl.h"

#undef NR
#undef NAME
#undef TGT
#undef INL
#undef NOINL
#undef ICNN_UNROLL
#undef ICNN_PRAGMA
#undef ICNN_PRAGMA_
