#include "icnn_cpu.h"
#include <stdlib.h>
#include <string.h>

static icnn_cpu_level_t detect(void) {
    icnn_cpu_level_t best = ICNN_CPU_PORTABLE;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = ICNN_CPU_AVX2;
    if (best == ICNN_CPU_AVX2 && __builtin_cpu_supports("avx512f")) best = ICNN_CPU_AVX512;
#endif
    const char *requested = getenv("ICNN_CPU");
    if (requested != NULL) {
        icnn_cpu_level_t want = best;
        if (strcmp(requested, "portable") == 0) want = ICNN_CPU_PORTABLE;
        else if (strcmp(requested, "avx2") == 0) want = ICNN_CPU_AVX2;
        else if (strcmp(requested, "avx512") == 0) want = ICNN_CPU_AVX512;
        if (want < best) best = want;
    }
    return best;
}

icnn_cpu_level_t icnn_cpu_level(void) {
    // Racy first initialisation is benign: every thread computes the same value.
    static volatile int cached = -1;
    int level = cached;
    if (level < 0) {
        level = (int)detect();
        cached = level;
    }
    return (icnn_cpu_level_t)level;
}

const char *icnn_cpu_level_name(icnn_cpu_level_t level) {
    switch (level) {
    case ICNN_CPU_AVX512: return "avx512";
    case ICNN_CPU_AVX2: return "avx2";
    default: return "portable";
    }
}
