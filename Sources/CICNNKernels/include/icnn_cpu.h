#ifndef ICNN_CPU_H
#define ICNN_CPU_H

/// Instruction-set levels a kernel may be compiled for. Every kernel family has one variant per level, and the
/// portable one always exists, so any level <= icnn_cpu_level() may be requested (tests compare all of them).
typedef enum {
    ICNN_CPU_PORTABLE = 0, ///< plain C, whatever the compiler's baseline is (SSE2 on x86-64)
    ICNN_CPU_AVX2 = 1,     ///< AVX2 + FMA (x86-64)
    ICNN_CPU_AVX512 = 2    ///< AVX-512F (x86-64)
} icnn_cpu_level_t;

/// The best level this CPU supports, detected once (cpuid), or lowered by the environment variable
/// ICNN_CPU=portable|avx2|avx512 (a request above what the CPU supports is ignored).
icnn_cpu_level_t icnn_cpu_level(void);

/// A short name for a level: "portable", "avx2", "avx512".
const char *icnn_cpu_level_name(icnn_cpu_level_t level);

#endif
