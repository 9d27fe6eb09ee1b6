// Times the single-precision GEMM of CICNNKernels alone, on the calling thread, by thread CPU time: on a shared
// machine the time the thread waits for a core does not count, so two kernel variants can be compared while other
// jobs run (run them alternately; cache and SMT contention still add noise). Used for docs/ENGINE.md.
//
// Build (from the package root) and run:
//   S=Sources/CICNNKernels
//   clang -O3 -I$S/include -I$S Scripts/gemm_harness.c $S/gemm*.c $S/cpu.c -o /tmp/gemm_harness -lpthread
//   /tmp/gemm_harness M K N transA transB [samples]     e.g. /tmp/gemm_harness 1024 128 128 0 1 15
// Prints the median and best GFLOP/s over the samples (each sample repeats the product for about 0.2 GFLOP).
#include "icnn_gemm.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpuSeconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int ascending(const void *a, const void *b) {
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s M K N transA transB [samples]\n", argv[0]);
        return 2;
    }
    const long M = atol(argv[1]), K = atol(argv[2]), N = atol(argv[3]);
    const int ta = atoi(argv[4]) != 0, tb = atoi(argv[5]) != 0;
    int samples = argc > 6 ? atoi(argv[6]) : 21;
    if (M <= 0 || K <= 0 || N <= 0 || samples < 1) {
        fprintf(stderr, "M, K, N and samples must be positive\n");
        return 2;
    }
    if (samples > 101) samples = 101;
    float *A = aligned_alloc(64, (size_t)(M * K + 16) * sizeof(float));
    float *B = aligned_alloc(64, (size_t)(K * N + 16) * sizeof(float));
    float *C = aligned_alloc(64, (size_t)(M * N + 16) * sizeof(float));
    if (A == NULL || B == NULL || C == NULL) return 1;
    for (long i = 0; i < M * K; i++) A[i] = (float)((i * 7) % 13) / 13.0f - 0.5f;
    for (long i = 0; i < K * N; i++) B[i] = (float)((i * 5) % 11) / 11.0f - 0.5f;
    memset(C, 0, (size_t)(M * N) * sizeof(float));
    const long lda = ta ? M : K, ldb = tb ? K : N;
    const double flops = 2.0 * (double)M * (double)N * (double)K;
    const long repeats = (long)(2e8 / flops) + 1;
    double seconds[101];
    for (int w = 0; w < 3; w++) icnn_sgemm(ta, tb, M, N, K, 1, A, lda, B, ldb, 0, C, N);
    for (int s = 0; s < samples; s++) {
        const double t0 = cpuSeconds();
        for (long r = 0; r < repeats; r++) icnn_sgemm(ta, tb, M, N, K, 1, A, lda, B, ldb, 0, C, N);
        seconds[s] = (cpuSeconds() - t0) / (double)repeats;
    }
    qsort(seconds, (size_t)samples, sizeof(double), ascending);
    printf("%ldx%ldx%ld %c%c: median %.1f, best %.1f GFLOP/s (thread CPU time)\n", M, K, N, ta ? 'T' : 'N',
           tb ? 'T' : 'N', flops / seconds[samples / 2] * 1e-9, flops / seconds[0] * 1e-9);
    free(A);
    free(B);
    free(C);
    return 0;
}
