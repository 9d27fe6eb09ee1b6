#ifndef ICNN_GEMM_H
#define ICNN_GEMM_H
// Matrix multiply: C = alpha * op(A) * op(B) + beta * C, row-major, BLAS-like arguments.
//
// op(A) is M x K: A is stored M x K (row i at A + i*lda) when transA == 0, or K x M (row k at A + k*lda) when
// transA != 0. op(B) is K x N: B is stored K x N when transB == 0, or N x K when transB != 0. C is M x N with
// row i at C + i*ldc. Leading dimensions are counted in elements and must be at least the stored row length.
//
// Edge cases: M == 0 or N == 0 does nothing. K == 0 or alpha == 0 only scales C by beta (A and B are not read).
// beta == 0 overwrites C without reading it, so NaN or uninitialised memory in C is ignored.
//
// Determinism: for a given level, every element of C is accumulated in the same order whatever sub-block of C a
// call computes: K split into fixed blocks that depend only on K, ascending k inside a block (for the AVX-512
// kernels of products with at most 8 columns, or at most 8 rows and B stored N x K: 16 lanes of ascending k then
// a fixed summation tree). The kernel chosen depends only on the level and the whole product. So splitting C into
// disjoint blocks computed by different threads (icnn_sgemm_part) gives results bit-identical to one call.
// Different levels round differently (fused multiply-add or not) and are not bit-identical to each other.
//
// Memory: packing buffers are per thread (two: the thread's own, and the B it shares with the workers in a threaded
// product), allocated on the first call of a thread, grown if a later call needs more, and freed when the thread
// exits. No allocation happens inside the loops.
#include "icnn_cpu.h"

#ifdef __cplusplus
extern "C" {
#endif

/// C = alpha * op(A) * op(B) + beta * C in single precision at the best level (icnn_cpu_level()).
void icnn_sgemm(int transA, int transB, long M, long N, long K, float alpha, const float *A, long lda,
                const float *B, long ldb, float beta, float *C, long ldc);

/// As icnn_sgemm, at an explicit level; a level above icnn_cpu_level() is lowered to it.
void icnn_sgemm_level(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                      const float *A, long lda, const float *B, long ldb, float beta, float *C, long ldc);

/// Computes only the block C[rowBegin..<rowEnd, colBegin..<colEnd] of icnn_sgemm_level's result; the arguments
/// describe the whole product. Disjoint blocks may be computed concurrently by different threads, and the result
/// is bit-identical to one icnn_sgemm_level call. Empty ranges do nothing.
void icnn_sgemm_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                     const float *A, long lda, const float *B, long ldb, float beta, float *C, long ldc,
                     long rowBegin, long rowEnd, long colBegin, long colEnd);

/// As icnn_sgemm_part, but the addend is read from D instead of C: C = alpha * op(A) * op(B) + beta * D on the
/// block, with row r of D at D + r*ldd; ldd = 0 repeats one row (a bias), ldd >= N reads an M x N matrix. D must
/// not overlap C unless D == C and ldd == ldc (then this is icnn_sgemm_part). beta == 0 does not read D. The result
/// is bit-identical to copying D into C and calling icnn_sgemm_part, without the extra pass over C.
void icnn_sgemm_addend_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                            const float *A, long lda, const float *B, long ldb, float beta, const float *D, long ldd,
                            float *C, long ldc, long rowBegin, long rowEnd, long colBegin, long colEnd);

/// The whole of icnn_sgemm_addend_part's product (rows 0..<M, columns 0..<N) on the engine's worker pool
/// (icnn_pool.h), with up to `parts` threads: C split into `parts` blocks of whole register tiles along its longer
/// side, or, for large products with M >= N and at most two depth blocks, B packed once into a buffer of the calling
/// thread's that all threads share and the rows handed out in chunks of decreasing size as threads free up.
/// Bit-identical to one icnn_sgemm_addend_part call for every `parts`; parts <= 1 runs on the calling thread.
/// `wake` as in icnn_parallel_for: 0 runs the product on the calling thread alone unless a worker is running at
/// that moment.
void icnn_sgemm_addend_parallel(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                                const float *A, long lda, const float *B, long ldb, float beta, const float *D,
                                long ldd, float *C, long ldc, long parts, int wake);

/// C = alpha * op(A) * op(B) + beta * C in double precision at the best level.
void icnn_dgemm(int transA, int transB, long M, long N, long K, double alpha, const double *A, long lda,
                const double *B, long ldb, double beta, double *C, long ldc);

/// As icnn_dgemm, at an explicit level; a level above icnn_cpu_level() is lowered to it.
void icnn_dgemm_level(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                      const double *A, long lda, const double *B, long ldb, double beta, double *C, long ldc);

/// As icnn_sgemm_part, in double precision.
void icnn_dgemm_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                     const double *A, long lda, const double *B, long ldb, double beta, double *C, long ldc,
                     long rowBegin, long rowEnd, long colBegin, long colEnd);

/// As icnn_sgemm_addend_part, in double precision.
void icnn_dgemm_addend_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                            const double *A, long lda, const double *B, long ldb, double beta, const double *D,
                            long ldd, double *C, long ldc, long rowBegin, long rowEnd, long colBegin, long colEnd);

/// As icnn_sgemm_addend_parallel, in double precision.
void icnn_dgemm_addend_parallel(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                                const double *A, long lda, const double *B, long ldb, double beta, const double *D,
                                long ldd, double *C, long ldc, long parts, int wake);

/// The register tile (rows x columns of C per micro-kernel call) used at a level, for `isDouble` 0 (float) or 1.
/// Splitting C for threads at multiples of these avoids extra partial tiles; any split is correct.
void icnn_gemm_tile(icnn_cpu_level_t level, int isDouble, long *rows, long *columns);

/// Runs a register-only single-precision FMA loop (independent accumulators, enough to hide latency) at the best
/// level for `iterations` steps on the calling thread, and returns the achieved GFLOP/s (2 flops per lane per
/// FMA). Call it on several threads at once to measure a multi-core peak.
double icnn_fma_peak_gflops(long iterations);

#ifdef __cplusplus
}
#endif
#endif
