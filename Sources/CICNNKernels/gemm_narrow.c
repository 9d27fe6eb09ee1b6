// AVX-512 single-precision kernels for narrow products (n <= ICNN_NARROW_MAX columns of C), where the 32-column
// register tile of the main kernel would leave most lanes idle, and for products with as few rows when B is stored
// N x K (a batch of one through x * W^T), which are the same dot products with the roles swapped. Two layouts,
// neither packs A:
//
//   A stored K x M (transA): vectors run down the rows of C. Per k the kernel loads V vectors of row k of A
//     (16V consecutive rows of op(A)), broadcasts the n elements B(k, j), and keeps V x n accumulators.
//   A stored M x K: vectors run along k. Each C element is a dot product of a row of A with a column of op(B)
//     (read in place when B is stored n x K, else from a transposed copy), accumulated 16 lanes wide and then
//     summed by a fixed tree: lanes x + x+8, then + x+4, + x+2, + x+1 (reduce16).
//
// Depth is not blocked: each element is one pass over k = 0..<K in ascending order (lane-wise in the second
// layout), then alpha*sum (+ beta*C). The order depends only on K, never on which rows or columns a call
// computes, so splitting C between threads leaves the bits unchanged.
#include "gemm_internal.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define TGT __attribute__((target("avx512f")))
#define INL static inline __attribute__((always_inline)) TGT
#define ICNN_UNROLL _Pragma("GCC unroll 16")

/// alpha * s (+ beta * old): the single store rule of this file.
static inline float combine(float s, float alpha, float beta, float old) {
    const float x = alpha * s;
    return beta == 0 ? x : x + beta * old;
}

// ---- A stored K x M: vectors down the rows of C ----

/// Rows i0 + 0..<16V (fewer in a last partial tile, masked) and the nj columns j of C; B(k, j) = b[k*bsk + j*bsj].
INL void downTile(const int V, const int nj, long rows, long K, const float *a, long lda, const float *b, long bsk,
                  long bsj, float *c, long ldc, float alpha, float beta) {
    __m512 acc[4][ICNN_NARROW_MAX];
    __mmask16 mask[4];
    ICNN_UNROLL
    for (int v = 0; v < V; v++) {
        const long left = rows - 16 * v;
        mask[v] = left >= 16 ? (__mmask16)0xFFFF : left <= 0 ? (__mmask16)0 : (__mmask16)((1u << left) - 1);
        ICNN_UNROLL
        for (int j = 0; j < nj; j++) acc[v][j] = _mm512_setzero_ps();
    }
    for (long k = 0; k < K; k++) {
        __m512 av[4];
        ICNN_UNROLL
        for (int v = 0; v < V; v++) av[v] = _mm512_maskz_loadu_ps(mask[v], a + k * lda + 16 * v);
        ICNN_UNROLL
        for (int j = 0; j < nj; j++) {
            const __m512 bj = _mm512_set1_ps(b[k * bsk + j * bsj]);
            ICNN_UNROLL
            for (int v = 0; v < V; v++) acc[v][j] = _mm512_fmadd_ps(av[v], bj, acc[v][j]);
        }
    }
    float sums[16];
    ICNN_UNROLL
    for (int v = 0; v < V; v++) {
        ICNN_UNROLL
        for (int j = 0; j < nj; j++) {
            _mm512_storeu_ps(sums, acc[v][j]);
            const long n = rows - 16 * v < 16 ? rows - 16 * v : 16;
            for (long l = 0; l < n; l++) {
                float *cij = c + (16 * v + l) * ldc + j;
                *cij = combine(sums[l], alpha, beta, beta == 0 ? 0 : *cij);
            }
        }
    }
}

/// One function per column count nj = 1...ICNN_NARROW_MAX, with V vectors per tile (V x nj <= 24 accumulators).
#define ICNN_DOWN(n, V)                                                                                                \
    static __attribute__((noinline)) TGT void down##n(long M, long K, const float *a, long lda, const float *b,       \
                                                      long bsk, long bsj, float *c, long ldc, float alpha,            \
                                                      float beta) {                                                    \
        for (long i = 0; i < M; i += 16 * V)                                                                           \
            downTile(V, n, M - i < 16 * V ? M - i : 16 * V, K, a + i, lda, b, bsk, bsj, c + i * ldc, ldc, alpha,       \
                     beta);                                                                                            \
    }
ICNN_DOWN(1, 4)
ICNN_DOWN(2, 4)
ICNN_DOWN(3, 4)
ICNN_DOWN(4, 4)
ICNN_DOWN(5, 4)
ICNN_DOWN(6, 4)
ICNN_DOWN(7, 3)
ICNN_DOWN(8, 3)
#undef ICNN_DOWN

typedef void (*DownRows)(long M, long K, const float *a, long lda, const float *b, long bsk, long bsj, float *c,
                         long ldc, float alpha, float beta);
static const DownRows downRows[ICNN_NARROW_MAX + 1] = {NULL, down1, down2, down3, down4, down5, down6, down7, down8};

// ---- A stored M x K: dot products along k ----

/// Sums the 16 lanes of each of v[0..<16] into out[0..<16] by one fixed tree, the same for every vector: lanes
/// x + x+8 (x < 8), then + x+4, + x+2, + x+1. The vectors are reduced together, pairing them in shuffles, so each
/// step costs two shuffles and one add per pair; the last step leaves the sum of v[i] in lane 4*(i%4) + i/4.
INL void reduce16(const __m512 v[16], float out[16]) {
    __m512 t[8], u[4], w[2];
    for (int p = 0; p < 8; p++) // lanes x + x+8, for v[2p] in blocks 0-1 and v[2p+1] in blocks 2-3
        t[p] = _mm512_add_ps(_mm512_shuffle_f32x4(v[2 * p], v[2 * p + 1], 0x44),
                             _mm512_shuffle_f32x4(v[2 * p], v[2 * p + 1], 0xEE));
    for (int q = 0; q < 4; q++) // + x+4: block b of u[q] belongs to v[4q + b]
        u[q] = _mm512_add_ps(_mm512_shuffle_f32x4(t[2 * q], t[2 * q + 1], 0x88),
                             _mm512_shuffle_f32x4(t[2 * q], t[2 * q + 1], 0xDD));
    for (int r = 0; r < 2; r++) // + x+2: block b holds v[8r + b] in lanes 0-1 and v[8r + 4 + b] in lanes 2-3
        w[r] = _mm512_add_ps(_mm512_shuffle_ps(u[2 * r], u[2 * r + 1], 0x44),
                             _mm512_shuffle_ps(u[2 * r], u[2 * r + 1], 0xEE));
    const __m512 z = _mm512_add_ps(_mm512_shuffle_ps(w[0], w[1], 0x88), _mm512_shuffle_ps(w[0], w[1], 0xDD));
    float lanes[16];
    _mm512_storeu_ps(lanes, z);
    for (int i = 0; i < 16; i++) out[i] = lanes[4 * (i % 4) + i / 4];
}

/// Element (r, j) for r < R, j < nj is the dot product of rows x + r*ldx and y + j*ldy (each K long), stored
/// at c + r*rsc + j*csc.
INL void dotTile(const int R, const int nj, long K, const float *x, long ldx, const float *y, long ldy, float *c,
                 long rsc, long csc, float alpha, float beta) {
    __m512 acc[8][ICNN_NARROW_MAX];
    ICNN_UNROLL
    for (int r = 0; r < R; r++) {
        ICNN_UNROLL
        for (int j = 0; j < nj; j++) acc[r][j] = _mm512_setzero_ps();
    }
    long k = 0;
    for (; k + 16 <= K; k += 16) {
        __m512 yv[ICNN_NARROW_MAX];
        ICNN_UNROLL
        for (int j = 0; j < nj; j++) yv[j] = _mm512_loadu_ps(y + j * ldy + k);
        ICNN_UNROLL
        for (int r = 0; r < R; r++) {
            const __m512 xv = _mm512_loadu_ps(x + r * ldx + k);
            ICNN_UNROLL
            for (int j = 0; j < nj; j++) acc[r][j] = _mm512_fmadd_ps(xv, yv[j], acc[r][j]);
        }
    }
    if (k < K) {
        const __mmask16 m = (__mmask16)((1u << (K - k)) - 1);
        __m512 yv[ICNN_NARROW_MAX];
        ICNN_UNROLL
        for (int j = 0; j < nj; j++) yv[j] = _mm512_maskz_loadu_ps(m, y + j * ldy + k);
        ICNN_UNROLL
        for (int r = 0; r < R; r++) {
            const __m512 xv = _mm512_maskz_loadu_ps(m, x + r * ldx + k);
            ICNN_UNROLL
            for (int j = 0; j < nj; j++) acc[r][j] = _mm512_fmadd_ps(xv, yv[j], acc[r][j]);
        }
    }
    // Reduce the R x nj accumulators sixteen at x time (zeros pad the last group).
    float sums[32];
    for (int g = 0; g < R * nj; g += 16) {
        __m512 group[16];
        ICNN_UNROLL
        for (int x = 0; x < 16; x++)
            group[x] = g + x < R * nj ? acc[(g + x) / nj][(g + x) % nj] : _mm512_setzero_ps();
        reduce16(group, sums + g);
    }
    ICNN_UNROLL
    for (int r = 0; r < R; r++) {
        ICNN_UNROLL
        for (int j = 0; j < nj; j++) {
            float *cij = c + r * rsc + j * csc;
            *cij = combine(sums[r * nj + j], alpha, beta, beta == 0 ? 0 : *cij);
        }
    }
}

/// One function per column count nj = 1...ICNN_NARROW_MAX: R rows per tile (R x nj <= 24), single rows at the end.
#define ICNN_DOT(n, R)                                                                                                 \
    static __attribute__((noinline)) TGT void dot##n(long rows, long K, const float *x, long ldx, const float *y,      \
                                                     long ldy, float *c, long rsc, long csc, float alpha,              \
                                                     float beta) {                                                     \
        long r = 0;                                                                                                    \
        for (; r + R <= rows; r += R) dotTile(R, n, K, x + r * ldx, ldx, y, ldy, c + r * rsc, rsc, csc, alpha, beta);  \
        for (; r < rows; r++) dotTile(1, n, K, x + r * ldx, ldx, y, ldy, c + r * rsc, rsc, csc, alpha, beta);         \
    }
ICNN_DOT(1, 8)
ICNN_DOT(2, 6)
ICNN_DOT(3, 6)
ICNN_DOT(4, 4)
ICNN_DOT(5, 4)
ICNN_DOT(6, 4)
ICNN_DOT(7, 2)
ICNN_DOT(8, 2)
#undef ICNN_DOT

typedef void (*DotRows)(long rows, long K, const float *x, long ldx, const float *y, long ldy, float *c, long rsc,
                        long csc, float alpha, float beta);
static const DotRows dotRows[ICNN_NARROW_MAX + 1] = {NULL, dot1, dot2, dot3, dot4, dot5, dot6, dot7, dot8};

int icnn_gemm_narrow_applies(int ta, int tb, long M, long N, long K) {
    if (K <= 0) return 0;
    if (N <= ICNN_NARROW_MAX) return ta || K >= ICNN_NARROW_MIN_DEPTH;
    return M <= ICNN_NARROW_MAX && tb && K >= ICNN_NARROW_MIN_DEPTH;
}

/// Copies `count` vectors of K elements, vector v starting at src + v*vs with elements e apart, into the rows of
/// dst (K apart): a transpose for the operand whose rows do not run along k.
static void gatherRows(long count, long K, const float *src, long vs, long es, float *dst) {
    for (long k = 0; k < K; k++)
        for (long v = 0; v < count; v++) dst[v * K + k] = src[v * vs + k * es];
}

TGT void icnn_gemm_narrow_avx512_f32(int ta, int tb, long M, long N, long K, float alpha, const float *A, long lda,
                                     const float *B, long ldb, float beta, float *C, long ldc, long i0, long i1,
                                     long j0, long j1, float *buffer) {
    (void)M; // icnn_gemm_narrow_applies has chosen the layout; the block to compute is i0..<i1, j0..<j1
    const long rows = i1 - i0, columns = j1 - j0;
    if (N > ICNN_NARROW_MAX) {
        // Few rows (M <= ICNN_NARROW_MAX, B stored N x K): C transposed is B times op(A) transposed, so rows of B
        // play the rows of A below and the rows of op(A) (copied when A is stored K x M) the columns.
        const float *y = A + i0 * lda;
        long ldy = lda;
        if (ta) {
            gatherRows(rows, K, A + i0, 1, lda, buffer);
            y = buffer;
            ldy = K;
        }
        dotRows[rows](columns, K, B + j0 * ldb, ldb, y, ldy, C + i0 * ldc + j0, 1, ldc, alpha, beta);
        return;
    }
    if (ta) {
        // B(k, j) is B[k*ldb + j] (stored K x N) or B[j*ldb + k] (stored N x K).
        const float *b = tb ? B + j0 * ldb : B + j0;
        downRows[columns](rows, K, A + i0, lda, b, tb ? 1 : ldb, tb ? ldb : 1, C + i0 * ldc + j0, ldc, alpha, beta);
        return;
    }
    const float *y = B + j0 * ldb;
    long ldy = ldb;
    if (!tb) {
        gatherRows(columns, K, B + j0, 1, ldb, buffer);
        y = buffer;
        ldy = K;
    }
    dotRows[columns](rows, K, A + i0 * lda, lda, y, ldy, C + i0 * ldc + j0, ldc, 1, alpha, beta);
}
#endif
