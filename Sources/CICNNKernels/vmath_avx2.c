// The AVX2 + FMA level of the vectorised math kernels: 8 lanes, masked loads and stores for the tail.
#include "vmath_internal.h"
#if ICNN_VM_HAVE_X86
#include <immintrin.h>
#include <stdint.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#endif

typedef __m256 vf;
typedef __m256i vi;
typedef __m256 vm;
#define VM_WIDTH 8
#define VM_NAME(f) icnn_v##f##_avx2

static inline vf vf_set(float a) { return _mm256_set1_ps(a); }
static inline vf vf_load(const float *p) { return _mm256_loadu_ps(p); }
static inline void vf_store(float *p, vf v) { _mm256_storeu_ps(p, v); }
static inline __m256i vm_tail(long k) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)k), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
static inline vf vf_load_tail(const float *p, long k) { return _mm256_maskload_ps(p, vm_tail(k)); }
static inline void vf_store_tail(float *p, vf v, long k) { _mm256_maskstore_ps(p, vm_tail(k), v); }
static inline vf vf_add(vf a, vf b) { return _mm256_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm256_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
static inline vf vf_div(vf a, vf b) { return _mm256_div_ps(a, b); }
static inline vf vf_fma(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
static inline vf vf_fnma(vf a, vf b, vf c) { return _mm256_fnmadd_ps(a, b, c); }
static inline vf vf_fnma_exact(vf a, vf b, vf c) { return _mm256_fnmadd_ps(a, b, c); }
static inline vf vf_min(vf a, vf b) { return _mm256_min_ps(a, b); }
static inline vf vf_max(vf a, vf b) { return _mm256_max_ps(a, b); }
static inline vf vf_signmask(void) { return _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u)); }
static inline vf vf_abs(vf a) { return _mm256_andnot_ps(vf_signmask(), a); }
static inline vf vf_neg_abs(vf a) { return _mm256_or_ps(vf_signmask(), a); }
static inline vf vf_neg(vf a) { return _mm256_xor_ps(vf_signmask(), a); }
static inline vf vf_copysign(vf m, vf s) { return _mm256_or_ps(m, _mm256_and_ps(vf_signmask(), s)); }
static inline vm vf_lt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline vm vf_gt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
static inline vm vf_ge(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
static inline vm vf_eq(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
static inline vm vm_and(vm a, vm b) { return _mm256_and_ps(a, b); }
static inline int vm_any(vm a) { return _mm256_movemask_ps(a) != 0; }
static inline vf vf_sel(vm m, vf a, vf b) { return _mm256_blendv_ps(b, a, m); }
static inline vi vf_bits(vf a) { return _mm256_castps_si256(a); }
static inline vf vf_from_bits(vi i) { return _mm256_castsi256_ps(i); }
static inline vi vi_set(int32_t a) { return _mm256_set1_epi32(a); }
static inline vi vi_add(vi a, vi b) { return _mm256_add_epi32(a, b); }
static inline vi vi_sub(vi a, vi b) { return _mm256_sub_epi32(a, b); }
static inline vi vi_and(vi a, vi b) { return _mm256_and_si256(a, b); }
static inline vi vi_sra(vi a, int k) { return _mm256_srai_epi32(a, k); }
static inline vf vi_to_vf(vi a) { return _mm256_cvtepi32_ps(a); }
static inline vf vf_rcp(vf b) { return _mm256_rcp_ps(b); }
static inline vf vf_quot_near1(vf a, vf b, vf r) { (void)r; return _mm256_div_ps(a, b); } // rcp has 12 bits
static inline vf vf_scale2(vf p, vf n) {
    vi k = _mm256_cvtps_epi32(n);             // n is integral
    vi k1 = vi_sra(k, 1), k2 = vi_sub(k, k1); // two normal factors; only the second product rounds
    vf s1 = vf_from_bits(_mm256_slli_epi32(vi_add(k1, vi_set(127)), 23));
    vf s2 = vf_from_bits(_mm256_slli_epi32(vi_add(k2, vi_set(127)), 23));
    return vf_mul(vf_mul(p, s1), s2);
}

#include "vmath_kernels.h"
#include "elementwise_kernels.h"

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif
