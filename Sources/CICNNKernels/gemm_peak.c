// A register-only FMA loop measuring the core's arithmetic peak, to print beside the GEMM figures.
#define _POSIX_C_SOURCE 200809L // clock_gettime under strict ISO C
#include "icnn_gemm.h"
#include <time.h>

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

// 16 independent accumulators: enough to cover a 4-cycle FMA latency on two FMA ports with room to spare.
#define PEAK_CHAINS 16

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx512f"))) static float peakAVX512(long iterations) {
    __m512 acc[PEAK_CHAINS];
    for (int i = 0; i < PEAK_CHAINS; i++) acc[i] = _mm512_set1_ps((float)i);
    const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
    for (long n = 0; n < iterations; n++) {
        for (int i = 0; i < PEAK_CHAINS; i++) acc[i] = _mm512_fmadd_ps(acc[i], x, y);
        __asm__ volatile("" ::: "memory"); // keep the loop a loop
    }
    __m512 s = acc[0];
    for (int i = 1; i < PEAK_CHAINS; i++) s = _mm512_add_ps(s, acc[i]);
    return _mm512_reduce_add_ps(s);
}

__attribute__((target("avx2,fma"))) static float peakAVX2(long iterations) {
    __m256 acc[PEAK_CHAINS];
    for (int i = 0; i < PEAK_CHAINS; i++) acc[i] = _mm256_set1_ps((float)i);
    const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
    for (long n = 0; n < iterations; n++) {
        for (int i = 0; i < 12; i++) acc[i] = _mm256_fmadd_ps(acc[i], x, y);
        __asm__ volatile("" ::: "memory");
    }
    __m256 s = acc[0];
    for (int i = 1; i < 12; i++) s = _mm256_add_ps(s, acc[i]);
    float out[8];
    _mm256_storeu_ps(out, s);
    return out[0] + out[1] + out[2] + out[3] + out[4] + out[5] + out[6] + out[7];
}
#endif

static float peakPortable(long iterations) {
    float acc[PEAK_CHAINS][4];
    for (int i = 0; i < PEAK_CHAINS; i++)
        for (int l = 0; l < 4; l++) acc[i][l] = (float)(i + l);
    for (long n = 0; n < iterations; n++) {
        for (int i = 0; i < PEAK_CHAINS; i++)
            for (int l = 0; l < 4; l++) acc[i][l] = acc[i][l] * 0.999999f + 1e-7f;
        __asm__ volatile("" ::: "memory");
    }
    float s = 0;
    for (int i = 0; i < PEAK_CHAINS; i++)
        for (int l = 0; l < 4; l++) s += acc[i][l];
    return s;
}

double icnn_fma_peak_gflops(long iterations) {
    if (iterations < 1) iterations = 1;
    volatile float sink;
    double flops;
    const double start = seconds();
    switch (icnn_cpu_level()) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    case ICNN_CPU_AVX512:
        sink = peakAVX512(iterations);
        flops = 2.0 * 16 * PEAK_CHAINS * (double)iterations;
        break;
    case ICNN_CPU_AVX2:
        sink = peakAVX2(iterations);
        flops = 2.0 * 8 * 12 * (double)iterations;
        break;
#endif
    default:
        sink = peakPortable(iterations);
        flops = 2.0 * 4 * PEAK_CHAINS * (double)iterations;
        break;
    }
    (void)sink;
    return flops / (seconds() - start) * 1e-9;
}
