// Public GEMM entry points: argument handling, level dispatch, per-thread packing buffers and the blocked driver.
#include "icnn_gemm.h"
#include "gemm_internal.h"
#include "icnn_pool.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// ---- Per-thread packing buffers: grown on demand, freed by the key's destructor when the thread exits. ----
// Slot 0 is the packing space of the driver on this thread; slot 1 holds the B that a threaded product started on
// this thread shares with the workers (the driver on this thread uses slot 0 meanwhile). Both stay allocated, so
// a training step packs into memory that is already mapped and cached.

enum { ownSlot, sharedSlot, slotCount };

typedef struct {
    void *data[slotCount];
    size_t capacity[slotCount];
} icnn_gemm_buffer;

static pthread_key_t bufferKey;
static pthread_once_t bufferOnce = PTHREAD_ONCE_INIT;

static void releaseBuffer(void *p) {
    icnn_gemm_buffer *b = p;
    for (int slot = 0; slot < slotCount; slot++) free(b->data[slot]);
    free(b);
}

static void makeBufferKey(void) {
    if (pthread_key_create(&bufferKey, releaseBuffer) != 0) {
        fputs("icnn_gemm: pthread_key_create failed\n", stderr);
        abort();
    }
}

static void *icnn_gemm_slot_buffer(int slot, size_t bytes) {
    pthread_once(&bufferOnce, makeBufferKey);
    icnn_gemm_buffer *b = pthread_getspecific(bufferKey);
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        if (b == NULL || pthread_setspecific(bufferKey, b) != 0) goto fail;
    }
    if (b->capacity[slot] < bytes) {
        free(b->data[slot]);
        b->capacity[slot] = 0;
        const size_t rounded = (bytes + 4095) / 4096 * 4096;
        b->data[slot] = aligned_alloc(4096, rounded);
        if (b->data[slot] == NULL) goto fail;
        b->capacity[slot] = rounded;
    }
    return b->data[slot];
fail:
    fprintf(stderr, "icnn_gemm: cannot allocate a %zu-byte packing buffer\n", bytes);
    abort();
}

static void *icnn_gemm_thread_buffer(size_t bytes) { return icnn_gemm_slot_buffer(ownSlot, bytes); }

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
    drive_f32(kernelsF32(level), ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, D, ldd, C, ldc, i0, i1, j0, j1, NULL);
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
              rowBegin, rowEnd, colBegin, colEnd, NULL);
}

void icnn_dgemm_part(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                     const double *A, long lda, const double *B, long ldb, double beta, double *C, long ldc,
                     long rowBegin, long rowEnd, long colBegin, long colEnd) {
    drive_f64(kernelsF64(level), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, C, ldc,
              rowBegin, rowEnd, colBegin, colEnd, NULL);
}

void icnn_dgemm_level(icnn_cpu_level_t level, int transA, int transB, long M, long N, long K, double alpha,
                      const double *A, long lda, const double *B, long ldb, double beta, double *C, long ldc) {
    drive_f64(kernelsF64(level), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, C, ldc, 0, M,
              0, N, NULL);
}

void icnn_dgemm(int transA, int transB, long M, long N, long K, double alpha, const double *A, long lda,
                const double *B, long ldb, double beta, double *C, long ldc) {
    drive_f64(kernelsF64(icnn_cpu_level()), transA != 0, transB != 0, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc,
              C, ldc, 0, M, 0, N, NULL);
}

// ---- Threaded entry. ----
//
// Most products: C split into `parts` blocks of whole register tiles along its longer side, one per thread, each
// packing the B it needs. Large products split along the rows instead share one packed copy of B, packed by all
// threads at once, and then hand out row chunks of decreasing size, claimed as threads free up (guided
// scheduling): on this shared machine one core often runs at two thirds of the other's speed for seconds at a
// time (another tenant on its sibling hyperthread; 2048x1024x1024 on one thread: 60-62 against 86-88 GFLOP/s,
// taskset per core), and with fixed halves the product waits for the slow one. docs/ENGINE.md, session 12.

/// Products with at least this many multiply-adds (and split along the rows) take the shared-B path.
#define ICNN_GEMM_SHARED_MIN_MACS ((long)1 << 26)
/// ... and whose packed B fits in this many bytes (the calling thread keeps the buffer for its next product);
/// beyond, each thread packs its own blocks as before.
#define ICNN_GEMM_SHARED_MAX_BYTES ((size_t)16 << 20)
/// Most depth blocks of a shared-B product (see gemmSharedBytes).
#define ICNN_GEMM_SHARED_MAX_DEPTH_BLOCKS 2
/// Most threads the shared-B path serves (its chunk table is sized for them).
#define ICNN_GEMM_SHARED_MAX_THREADS 64
/// Smallest row chunk (rounded up to whole register tiles): smaller chunks cost more in B streamed per row.
#define ICNN_GEMM_SHARED_MIN_ROWS 24
#define ICNN_GEMM_SHARED_MAX_CHUNKS 1024

typedef struct {
    icnn_cpu_level_t level;
    int ta, tb, isDouble, wake;
    long M, N, K, lda, ldb, ldd, ldc, parts, unit;
    double alpha, beta;
    const void *A, *B, *D;
    void *C;
    // The shared-B path only:
    void *sharedB;
    icnn_gemm_blocks blocks;
    long chunks;
    long bounds[ICNN_GEMM_SHARED_MAX_CHUNKS + 1];
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
                  job->B, job->ldb, job->beta, job->D, job->ldd, job->C, job->ldc, i0, i1, j0, j1, NULL);
    else
        sgemm(job->level, job->ta, job->tb, job->M, job->N, job->K, (float)job->alpha, job->A, job->lda, job->B,
              job->ldb, (float)job->beta, job->D, job->ldd, job->C, job->ldc, i0, i1, j0, j1);
}

/// Part `part` of the shared packing: block (jb, pb) of B, split `parts` ways along its panels.
static void gemmPackShared(void *context, long part) {
    const gemmJob *job = context;
    const icnn_gemm_blocks bl = job->blocks;
    const long block = part / job->parts, split = part % job->parts;
    const long jb = block / bl.kblocks, pb = block % bl.kblocks;
    if (job->isDouble)
        pack_shared_f64(kernelsF64(job->level), job->tb, job->N, job->K, job->B, job->ldb, bl, jb, pb, split,
                        job->parts, (double *)job->sharedB + block * bl.stride);
    else
        pack_shared_f32(kernelsF32(job->level), job->tb, job->N, job->K, job->B, job->ldb, bl, jb, pb, split,
                        job->parts, (float *)job->sharedB + block * bl.stride);
}

/// Row chunk `part` of a shared-B product, all columns.
static void gemmSharedRows(void *context, long part) {
    const gemmJob *job = context;
    const long i0 = job->bounds[part], i1 = job->bounds[part + 1];
    if (job->isDouble)
        drive_f64(kernelsF64(job->level), job->ta, job->tb, job->M, job->N, job->K, job->alpha, job->A, job->lda,
                  job->B, job->ldb, job->beta, job->D, job->ldd, job->C, job->ldc, i0, i1, 0, job->N,
                  job->sharedB);
    else
        drive_f32(kernelsF32(job->level), job->ta, job->tb, job->M, job->N, job->K, (float)job->alpha, job->A,
                  job->lda, job->B, job->ldb, (float)job->beta, job->D, job->ldd, job->C, job->ldc, i0, i1, 0,
                  job->N, job->sharedB);
}

/// Fills job->bounds with guided row chunks: each 1/(2 threads) of the rows still left, in whole tiles of `mr`
/// rows, at least ICNN_GEMM_SHARED_MIN_ROWS (rounded up to tiles) and at least M / (64 threads), so that a product
/// has at most about 9 chunks per thread (the table's bound is a guard that these floors keep out of reach).
static void gemmGuidedChunks(gemmJob *job, long mr) {
    const long threads = job->parts;
    long least = ICNN_GEMM_SHARED_MIN_ROWS > job->M / (64 * threads) ? ICNN_GEMM_SHARED_MIN_ROWS
                                                                       : job->M / (64 * threads);
    least = (least + mr - 1) / mr * mr;
    long chunks = 0, row = 0;
    job->bounds[0] = 0;
    while (row < job->M) {
        long size = (job->M - row + 2 * threads - 1) / (2 * threads);
        size = size < least ? least : (size + mr - 1) / mr * mr;
        if (chunks == ICNN_GEMM_SHARED_MAX_CHUNKS - 1) size = job->M - row;
        row = job->M - row < size ? job->M : row + size;
        job->bounds[++chunks] = row;
    }
    job->chunks = chunks;
}

/// Whether a threaded product takes the shared-B path (a function of the whole product and the thread count):
/// the bytes of its packed B, with job->blocks set, or 0 when it does not.
static size_t gemmSharedBytes(gemmJob *job, long mr) {
    if (job->M < job->N || job->parts < 2 || job->parts > ICNN_GEMM_SHARED_MAX_THREADS) return 0;
    if (job->K <= 0 || job->alpha == 0) return 0;
    if ((double)job->M * (double)job->N * (double)job->K < (double)ICNN_GEMM_SHARED_MIN_MACS) return 0;
    if (job->M < 4 * mr * job->parts) return 0;
    if (!job->isDouble && clampLevel(job->level) == ICNN_CPU_AVX512 &&
        icnn_gemm_narrow_applies(job->ta, job->tb, job->M, job->N, job->K))
        return 0;
    job->blocks = job->isDouble ? blocks_f64(kernelsF64(job->level), job->M, job->N, job->K)
                                : blocks_f32(kernelsF32(job->level), job->M, job->N, job->K);
    const icnn_gemm_blocks bl = job->blocks;
    // Each chunk walks every depth block, so B streams from the shared cache for every chunk, while a thread of
    // the fixed split keeps its depth block of B warm in its own L2 across all its rows: with four or more depth
    // blocks the split lost (512x1024x512 with A stored k x m: 0.95; 1024x4096x1024: 0.98).
    if (bl.kblocks > ICNN_GEMM_SHARED_MAX_DEPTH_BLOCKS) return 0;
    const size_t bytes = (size_t)(bl.stride * bl.kblocks * bl.nblocks) * (job->isDouble ? 8 : 4);
    return bytes <= ICNN_GEMM_SHARED_MAX_BYTES ? bytes : 0;
}

static void gemmParallel(gemmJob *job, long parts) {
    long mr, nr;
    icnn_gemm_tile(job->level, job->isDouble, &mr, &nr);
    job->unit = job->M >= job->N ? mr : nr;
    const long extent = job->M >= job->N ? job->M : job->N;
    const long tiles = (extent + job->unit - 1) / job->unit;
    job->parts = parts < 1 ? 1 : (parts > tiles ? tiles : parts);
    if (job->M <= 0 || job->N <= 0) job->parts = 1;
    const size_t sharedBytes = gemmSharedBytes(job, mr);
    if (sharedBytes == 0) {
        icnn_parallel_for(job->parts, job->parts, job->wake, gemmPart, job);
        return;
    }
    job->sharedB = icnn_gemm_slot_buffer(sharedSlot, sharedBytes);
    icnn_parallel_for(job->blocks.kblocks * job->blocks.nblocks * job->parts, job->parts, job->wake, gemmPackShared,
                      job);
    gemmGuidedChunks(job, mr);
    icnn_parallel_for(job->chunks, job->parts, job->wake, gemmSharedRows, job);
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
