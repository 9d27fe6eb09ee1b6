// The portable level of the vectorised math kernels: one lane of plain C, which the compiler may vectorise for
// its baseline (SSE2 on x86-64). Always built; the fallback on every CPU.
#include "vmath_internal.h"
#include <stdint.h>
#include <string.h>

typedef float vf;
typedef int32_t vi;
typedef int vm;
#define VM_WIDTH 1
#define VM_NAME(f) icnn_v##f##_portable

static inline vf vf_set(float a) { return a; }
static inline vf vf_load(const float *p) { return *p; }
static inline void vf_store(float *p, vf v) { *p = v; }
static inline vf vf_load_tail(const float *p, long k) { (void)k; return *p; }
static inline void vf_store_tail(float *p, vf v, long k) { (void)k; *p = v; }
static inline vf vf_add(vf a, vf b) { return a + b; }
static inline vf vf_sub(vf a, vf b) { return a - b; }
static inline vf vf_mul(vf a, vf b) { return a * b; }
static inline vf vf_div(vf a, vf b) { return a / b; }
// Contracted to an FMA only where the baseline has one; the algorithms do not need the single rounding here.
static inline vf vf_fma(vf a, vf b, vf c) { return a * b + c; }
static inline vf vf_fnma(vf a, vf b, vf c) { return c - a * b; }
static inline vf vf_fnma_exact(vf a, vf b, vf c) {
#if defined(__FMA__) || defined(__aarch64__) || defined(__ARM_FEATURE_FMA)
    return __builtin_fmaf(-a, b, c); // an instruction here, not a libm call
#else
    return (float)((double)c - (double)a * (double)b); // the product is exact in double
#endif
}
static inline vf vf_min(vf a, vf b) { return a < b ? a : b; }
static inline vf vf_max(vf a, vf b) { return a > b ? a : b; }
static inline vf vf_abs(vf a) { return __builtin_fabsf(a); }
static inline vf vf_neg_abs(vf a) { return -__builtin_fabsf(a); }
static inline vf vf_neg(vf a) { return -a; }
static inline vf vf_copysign(vf m, vf s) { return __builtin_copysignf(m, s); }
static inline vm vf_lt(vf a, vf b) { return a < b; }
static inline vm vf_gt(vf a, vf b) { return a > b; }
static inline vm vf_ge(vf a, vf b) { return a >= b; }
static inline vm vf_eq(vf a, vf b) { return a == b; }
static inline vm vm_and(vm a, vm b) { return a & b; }
static inline int vm_any(vm a) { (void)a; return 1; } // branch-free fix-ups keep the loop vectorisable
static inline vf vf_sel(vm m, vf a, vf b) { return m ? a : b; }
static inline vi vf_bits(vf a) { vi i; memcpy(&i, &a, sizeof i); return i; }
static inline vf vf_from_bits(vi i) { vf a; memcpy(&a, &i, sizeof a); return a; }
static inline vi vi_set(int32_t a) { return a; }
static inline vi vi_add(vi a, vi b) { return (vi)((uint32_t)a + (uint32_t)b); }
static inline vi vi_sub(vi a, vi b) { return (vi)((uint32_t)a - (uint32_t)b); }
static inline vi vi_and(vi a, vi b) { return a & b; }
static inline vi vi_sra(vi a, int k) { return a >> k; } // arithmetic on every compiler we target
static inline vf vi_to_vf(vi a) { return (vf)a; }
static inline vf vf_rcp(vf b) { return 1.0f / b; }
static inline vf vf_quot_near1(vf a, vf b, vf r) { (void)r; return a / b; }
static inline vf vf_scale2(vf p, vf n) {
    vi k = vi_sub(vf_bits(n + 0x1.8p23f), vf_bits(0x1.8p23f)); // integral n from the bits; defined for NaN too
    vi k1 = vi_sra(k, 1), k2 = vi_sub(k, k1);                 // two normal factors; only the second product rounds
    vf s1 = vf_from_bits((vi)((uint32_t)(k1 + 127) << 23));
    vf s2 = vf_from_bits((vi)((uint32_t)(k2 + 127) << 23));
    return p * s1 * s2;
}

#include "vmath_kernels.h"
#include "elementwise_kernels.h"
