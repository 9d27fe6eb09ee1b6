// Public GEMM entry points: argument handling, level dispatch, per-thread packing buffers and the blocked driver.
#include "icnn_gemm.h"
#include "gemm_internal.h"
#include "icnn_pool.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// ---- Per-thread packing buffer: grown on demand, freed by the key's destructor when the thread exits. ----

typedef struct {
    void *data;
    size_t capacity;
} icnn_gemm_buffer;

static pthread_key_t bufferKey;
static pthread_once_t bufferOnce = PTHREAD_ONCE_INIT;

static void releaseBuffer(void *p) {
    icnn_gemm_buffer *b = p;
    free(b->data);
    free(b);
}

static void makeBufferKey(void) {
    if (pthread_key_create(&bufferKey, releaseBuffer) != 0) {
        fputs("icnn_gemm: pthread_key_create failed\n", stderr);
        abort();
    }
}

static void *icnn_gemm_thread_buffer(size_t bytes) {
    pthread_once(&bufferOnce, makeBufferKey);
    icnn_gemm_buffer *b = pthread_getspecific(bufferKey);
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        if (b == NULL || pthread_setspecific(bufferKey, b) != 0) goto fail;
    }
    if (b->capacity < bytes) {
        free(b->data);
        b->capacity = 0;
        const size_t rounded = (bytes + 4095) / 4096 * 4096;
        b->data = aligned_alloc(4096, rounded);
        if (b->data == NULL) goto fail;
        b->capacity = rounded;
    }
    return b->data;
fail:
    fprintf(stderr, "icnn_gemm: cannot allocate a %zu-byte packing buffer\n", bytes);
    abort();
}

// ---- The driver, once per element type. ----

#define T float
#define KT icnn_gemm_kernels_f32
#define SFX _f32
#include "gemm_driver_impl.h"
#undef T
#undef KT
#undef SFX

#define T double
#define KT icnn_gemm_kernels_f64
#define SFX _f64
#include "gemm_driver_impl.h"
#undef T
#undef KT
#undef SFX

static icnn_cpu_level_t clampLevel(icnn_cpu_level_t level) {
    const icnn_cpu_level_t best = icnn_cpu_level();
    return level > best ? best : (level < ICNN_CPU_PORTABLE ? ICNN_CPU_PORTABLE : level);
}

static const icnn_gemm_kernels_f32 *kernelsF32(icnn_cpu_level_t level) {
    switch (clampLevel(level)) {
    case ICNN_CPU_AVX512: return &icnn_gemm_avx512_f32;
    case ICNN_CPU_AVX2: return &icnn_gemm_avx2_f32;
    default: return &icnn_gemm_portable_f32;
    }
}

static const icnn_gemm_kernels_f64 *kernelsF64(icnn_cpu_level_t level) {
    switch (clampLevel(level)) {
    case ICNN_CPU_AVX512: return &icnn_gemm_avx512_f64;
    case ICNN_CPU_AVX2: return &icnn_gemm_avx2_f64;
    default: return &icnn_gemm_portable_f64;
    }
}

// ---- Public API ----

/// Single precision: the narrow AVX-512 kernels for products with few columns (or few rows times B stored N x K),
/// the blocked driver otherwise. The narrow kernels read the addend from C, so a separate D is copied there first.
/// The choice depends only on the level and the whole product, never on the block computed.
static void sgemm(icnn_cpu_level_t level, int ta, int tb, long M, long N, long K, float alpha, const float *A,
                  long lda, const float *B, long ldb, float beta, const float *D, long ldd, float *C, long ldc, long i0,
                  long i1, long j0, long j1) {
    level = clampLevel(level);
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (level == ICNN_CPU_AVX512 && alpha != 0 && icnn_gemm_narrow_applies(ta, tb, M, N, K)) {
        if (i0 < 0) i0 = 0;
        if (j0 < 0) j0 = 0;
        if (i1 > M) i1 = M;
        if (j1 > N) j1 = N;
        if (i0 >= i1 || j0 >= j1) return;
        if (D != C && beta != 0)
            for (long i = i0; i < i1; i++)
                for (long j = j0; j < j1; j++) C[i * ldc + j] = D[i * ldd + j];
        float *buffer = icnn_gemm_thread_buffer((size_t)ICNN_NARROW_MAX * (size_t)K * sizeof(float));
        icnn_gemm_narrow_avx512_f32(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, i0, i1, j0, j1, buffer);
        return;
    }
#endif
    drive_f32(kernelsF32(level), ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, D, ldd, C, ldc, i0, i1, j0, j1);
}

void icnn_sgemm_addend_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                            const float *A, long lda, const float *B, long ldb, float beta, const float *D, long ldd,
                            float *C, long ldc, long rowBegin, long rowEnd, long colBegin, long colEnd) {
    sgemm(level, transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, D, ldd, C, ldc, rowBegin, rowEnd,
          colBegin, colEnd);
}

void icnn_sgemm_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                     const float *A, long lda, const float *B, long ldb, float beta, float *C, long ldc,
                     long rowBegin, long rowEnd, long colBegin, long colEnd) {
    sgemm(level, transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, C, ldc, rowBegin, rowEnd,
          colBegin, colEnd);
}

void icnn_sgemm_level(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                      const float *A, long lda, const float *B, long ldb, float beta, float *C, long ldc) {
    sgemm(level, transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, C, ldc, 0, M, 0, N);
}

void icnn_sgemm(int transA, int transB, long M, long N, long K, float alpha, const float *A, long lda,
                const float *B, long ldb, float beta, float *C, long ldc) {
    sgemm(icnn_cpu_level(), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, C, ldc, 0, M, 0,
          N);
}

void icnn_dgemm_addend_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                            const double *A, long lda, const double *B, long ldb, double beta, const double *D,
                            long ldd, double *C, long ldc, long rowBegin, long rowEnd, long colBegin, long colEnd) {
    drive_f64(kernelsF64(level), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, D, ldd, C, ldc,
              rowBegin, rowEnd, colBegin, colEnd);
}

void icnn_dgemm_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                     const double *A, long lda, const double *B, long ldb, double beta, double *C, long ldc,
                     long rowBegin, long rowEnd, long colBegin, long colEnd) {
    drive_f64(kernelsF64(level), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, C, ldc,
              rowBegin, rowEnd, colBegin, colEnd);
}

void icnn_dgemm_level(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                      const double *A, long lda, const double *B, long ldb, double beta, double *C, long ldc) {
    drive_f64(kernelsF64(level), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, C, ldc, 0, M,
              0, N);
}

void icnn_dgemm(int transA, int transB, long M, long N, long K, double alpha, const double *A, long lda,
                const double *B, long ldb, double beta, double *C, long ldc) {
    drive_f64(kernelsF64(icnn_cpu_level()), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc,
              C, ldc, 0, M, 0, N);
}

// ---- Threaded entry: C split into `parts` blocks of whole register tiles along its longer side, run on the pool.

typedef struct {
    icnn_cpu_level_t level;
    int ta, tb, isDouble, wake;
    long M, N, K, lda, ldb, ldd, ldc, parts, unit;
    double alpha, beta;
    const void *A, *B, *D;
    void *C;
} gemmJob;

/// The rows (i) and columns (j) of block `part`: tile counts shared out as evenly as possible.
static void gemmBlock(const gemmJob *job, long part, long *i0, long *i1, long *j0, long *j1) {
    const int alongRows = job->M >= job->N;
    long lower, upper;
    icnn_parallel_range(alongRows ? job->M : job->N, job->parts, part, job->unit, &lower, &upper);
    *i0 = alongRows ? lower : 0;
    *i1 = alongRows ? upper : job->M;
    *j0 = alongRows ? 0 : lower;
    *j1 = alongRows ? job->N : upper;
}

static void gemmPart(void *context, long part) {
    const gemmJob *job = context;
    long i0, i1, j0, j1;
    gemmBlock(job, part, &i0, &i1, &j0, &j1);
    if (job->isDouble)
        drive_f64(kernelsF64(job->level), job->ta, job->tb, job->M, job->N, job->K, job->alpha, job->A, job->lda,
                  job->B, job->ldb, job->beta, job->D, job->ldd, job->C, job->ldc, i0, i1, j0, j1);
    else
        sgemm(job->level, job->ta, job->tb, job->M, job->N, job->K, (float)job->alpha, job->A, job->lda, job->B,
              job->ldb, (float)job->beta, job->D, job->ldd, job->C, job->ldc, i0, i1, j0, j1);
}

static void gemmParallel(gemmJob *job, long parts) {
    long mr, nr;
    icnn_gemm_tile(job->level, job->isDouble, &mr, &nr);
    job->unit = job->M >= job->N ? mr : nr;
    const long extent = job->M >= job->N ? job->M : job->N;
    const long tiles = (extent + job->unit - 1) / job->unit;
    job->parts = parts < 1 ? 1 : (parts > tiles ? tiles : parts);
    if (job->M <= 0 || job->N <= 0) job->parts = 1;
    icnn_parallel_for(job->parts, job->parts, job->wake, gemmPart, job);
}

void icnn_sgemm_addend_parallel(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, float alpha,
                                const float *A, long lda, const float *B, long ldb, float beta, const float *D,
                                long ldd, float *C, long ldc, long parts, int wake) {
    gemmJob job = {level, transA != 0, transB != 0, 0, wake, M, N, K, lda, ldb, ldd, ldc, 1, 1, alpha, beta, A, B, D, C};
    gemmParallel(&job, parts);
}

void icnn_dgemm_addend_parallel(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                                const double *A, long lda, const double *B, long ldb, double beta, const double *D,
                                long ldd, double *C, long ldc, long parts, int wake) {
    gemmJob job = {level, transA != 0, transB != 0, 1, wake, M, N, K, lda, ldb, ldd, ldc, 1, 1, alpha, beta, A, B, D, C};
    gemmParallel(&job, parts);
}

void icnn_gemm_tile(icnn_cpu_level_t level, int isDouble, long *rows, long *columns) {
    if (isDouble) {
        const icnn_gemm_kernels_f64 *kt = kernelsF64(level);
        *rows = kt->mr;
        *columns = kt->nr;
    } else {
        const icnn_gemm_kernels_f32 *kt = kernelsF32(level);
        *rows = kt->mr;
        *columns = kt->nr;
    }
}
