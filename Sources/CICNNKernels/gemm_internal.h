#ifndef ICNN_GEMM_INTERNAL_H
#define ICNN_GEMM_INTERNAL_H
// Private to the GEMM files: the per-level kernel tables the blocked driver (gemm.c) calls.
//
// Layouts shared by the driver and the kernels:
//   packed B   panels of `nr` columns; panel p holds kc rows of nr contiguous elements (k-major), the columns past
//              the matrix edge zero-filled; panel p starts at bp + p*kc*nr.
//   A          element (r, k) of the tile starting at row t*mr is a[t*apanel + r*rsa + k*csa]: either packed
//              (panels of mr rows, k-major: rsa = 1, csa = mr, apanel = mr*kc) or the caller's matrix read in place
//              (transA == 0: rsa = lda, csa = 1; transA != 0: rsa = 1, csa = lda; apanel = mr*rsa).
//   B in place with directB, B stored K x N may be read where it is (ldbp = ldb, panel p at b + p*nr) instead of
//              packed (ldbp = 0); the kernels then mask the columns past the edge.
//   macro      computes C[0..<mc, 0..<nc] (+)= alpha * A(mc x kc) * B(kc x nc): with first != 0 it stores
//              alpha*AB + beta*D (beta == 0: D is not read), otherwise C + alpha*AB. D is the addend, row r at
//              d + r*ldd (ldd = 0 repeats one row); the driver passes d = c, ldd = ldc for a plain GEMM.
#include <stddef.h>

typedef struct {
    int mr, nr;         // register tile
    long kc, mc, nc;    // cache blocks: depth, rows of A kept packed, columns of B kept packed
    int directB;        // the kernels can read B stored K x N in place
    void (*macro)(long mc, long nc, long kc, const float *a, long rsa, long csa, long apanel, const float *bp,
                  long ldbp, float *c, long ldc, const float *d, long ldd, float alpha, float beta, int first);
    void (*packA)(int trans, long mc, long kc, const float *a, long lda, float *ap);
    void (*packB)(int trans, long kc, long nc, const float *b, long ldb, float *bp);
    int packLargeA;     // also pack A stored M x K in large products (see the driver); 0 unless measured
    long kcLargeC;      // depth block for products whose C has ICNN_GEMM_LARGE_C elements or more; 0: kc always
} icnn_gemm_kernels_f32;

typedef struct {
    int mr, nr;
    long kc, mc, nc;
    int directB;
    void (*macro)(long mc, long nc, long kc, const double *a, long rsa, long csa, long apanel, const double *bp,
                  long ldbp, double *c, long ldc, const double *d, long ldd, double alpha, double beta, int first);
    void (*packA)(int trans, long mc, long kc, const double *a, long lda, double *ap);
    void (*packB)(int trans, long kc, long nc, const double *b, long ldb, double *bp);
    int packLargeA;
    long kcLargeC;
} icnn_gemm_kernels_f64;

/// The depth and column blocking of one whole product (the driver's `blocks`): kblocks depth blocks of kcb (the
/// last may be shorter), nblocks column blocks of ncb, and `stride` elements between packed blocks of B.
typedef struct {
    long kcb, kblocks, ncb, nblocks, stride;
} icnn_gemm_blocks;

/// A product whose C has at least this many elements (2 MiB of floats, beyond a core's L2 on the machines
/// measured) uses the level's kcLargeC depth blocks when it declares them: every depth block reads and writes all
/// of C once more, so where C streams from L3 or memory fewer, deeper blocks pay (see gemm_avx2.c).
#define ICNN_GEMM_LARGE_C ((long)1 << 19)

/// Narrow products take the AVX-512 kernels of gemm_narrow.c instead of the 32-column tiles: at most this many
/// columns of C (with a depth of at least ICNN_NARROW_MIN_DEPTH unless A is stored K x M), or at most this many
/// rows with B stored N x K and that depth.
#define ICNN_NARROW_MAX 8
#define ICNN_NARROW_MIN_DEPTH 32

/// Whether a single-precision product goes to the narrow kernels (a function of the whole product only).
int icnn_gemm_narrow_applies(int ta, int tb, long M, long N, long K);

/// Computes C[i0..<i1, j0..<j1] of C = alpha*op(A)*op(B) + beta*C for a product icnn_gemm_narrow_applies accepts;
/// `buffer` holds ICNN_NARROW_MAX * K floats.
void icnn_gemm_narrow_avx512_f32(int ta, int tb, long M, long N, long K, float alpha, const float *A, long lda,
                                 const float *B, long ldb, float beta, float *C, long ldc, long i0, long i1, long j0,
                                 long j1, float *buffer);

extern const icnn_gemm_kernels_f32 icnn_gemm_portable_f32, icnn_gemm_avx2_f32, icnn_gemm_avx512_f32;
extern const icnn_gemm_kernels_f64 icnn_gemm_portable_f64, icnn_gemm_avx2_f64, icnn_gemm_avx512_f64;

#endif
