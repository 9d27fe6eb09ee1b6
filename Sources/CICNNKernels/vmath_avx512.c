// The AVX-512F level of the vectorised math kernels: 16 lanes, mask registers for selects and the tail, scalef
// for exact scaling by 2^n, rcp14 plus a Newton step for the divisions.
#include "vmath_internal.h"
#if ICNN_VM_HAVE_X86
#include <immintrin.h>
#include <stdint.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f")
#endif

typedef __m512 vf;
typedef __m512i vi;
typedef __mmask16 vm;
#define VM_WIDTH 16
#define VM_NAME(f) icnn_v##f##_avx512

static inline vf vf_set(float a) { return _mm512_set1_ps(a); }
static inline vf vf_load(const float *p) { return _mm512_loadu_ps(p); }
static inline void vf_store(float *p, vf v) { _mm512_storeu_ps(p, v); }
static inline __mmask16 vm_tail(long k) { return (__mmask16)((1u << k) - 1u); }
static inline vf vf_load_tail(const float *p, long k) { return _mm512_maskz_loadu_ps(vm_tail(k), p); }
static inline void vf_store_tail(float *p, vf v, long k) { _mm512_mask_storeu_ps(p, vm_tail(k), v); }
static inline vf vf_add(vf a, vf b) { return _mm512_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm512_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
static inline vf vf_div(vf a, vf b) { return _mm512_div_ps(a, b); }
static inline vf vf_fma(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
static inline vf vf_fnma(vf a, vf b, vf c) { return _mm512_fnmadd_ps(a, b, c); }
static inline vf vf_fnma_exact(vf a, vf b, vf c) { return _mm512_fnmadd_ps(a, b, c); }
static inline vf vf_min(vf a, vf b) { return _mm512_min_ps(a, b); }
static inline vf vf_max(vf a, vf b) { return _mm512_max_ps(a, b); }
static inline vi vf_bits(vf a) { return _mm512_castps_si512(a); }
static inline vf vf_from_bits(vi i) { return _mm512_castsi512_ps(i); }
static inline vi vi_set(int32_t a) { return _mm512_set1_epi32(a); }
static inline vf vf_abs(vf a) { return vf_from_bits(_mm512_and_epi32(vf_bits(a), vi_set(0x7fffffff))); }
static inline vf vf_neg_abs(vf a) { return vf_from_bits(_mm512_or_epi32(vf_bits(a), vi_set((int)0x80000000u))); }
static inline vf vf_neg(vf a) { return vf_from_bits(_mm512_xor_epi32(vf_bits(a), vi_set((int)0x80000000u))); }
static inline vf vf_copysign(vf m, vf s) {
    // (m & 0x7fffffff) | (s & 0x80000000) in one ternary-logic instruction: bit = mask ? s : m
    return vf_from_bits(_mm512_ternarylogic_epi32(vi_set((int)0x80000000u), vf_bits(s), vf_bits(m), 0xca));
}
static inline vm vf_lt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
static inline vm vf_gt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
static inline vm vf_ge(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
static inline vm vf_eq(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
static inline vm vm_and(vm a, vm b) { return (vm)(a & b); }
static inline int vm_any(vm a) { return a != 0; }
static inline vf vf_sel(vm m, vf a, vf b) { return _mm512_mask_blend_ps(m, b, a); }
static inline vi vi_add(vi a, vi b) { return _mm512_add_epi32(a, b); }
static inline vi vi_sub(vi a, vi b) { return _mm512_sub_epi32(a, b); }
static inline vi vi_and(vi a, vi b) { return _mm512_and_epi32(a, b); }
static inline vi vi_sra(vi a, int k) { return _mm512_srai_epi32(a, (unsigned)k); }
static inline vf vi_to_vf(vi a) { return _mm512_cvtepi32_ps(a); }
static inline vf vf_rcp(vf b) { return _mm512_rcp14_ps(b); }
static inline vf vf_quot_near1(vf a, vf b, vf r) { (void)b; return _mm512_mul_ps(a, r); } // rcp14: 14 bits
static inline vf vf_scale2(vf p, vf n) {
    return _mm512_scalef_ps(p, n); // p * 2^n, rounded once, overflow and subnormals included
}

#include "vmath_kernels.h"
#include "elementwise_kernels.h"

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif
