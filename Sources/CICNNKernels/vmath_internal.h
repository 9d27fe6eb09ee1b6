#ifndef ICNN_VMATH_INTERNAL_H
#define ICNN_VMATH_INTERNAL_H
// The per-level kernels behind icnn_vmath.h and icnn_elementwise.h, one set per vmath_<level>.c. Not a public
// header.
#include "icnn_elementwise.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define ICNN_VM_HAVE_X86 1
#else
#define ICNN_VM_HAVE_X86 0
#endif

#define ICNN_VM_DECLARE(L)                                                                                         \
    __attribute__((visibility("hidden"))) void icnn_vexp_##L(const float *x, float *y, long n);                   \
    __attribute__((visibility("hidden"))) void icnn_vlog_##L(const float *x, float *y, long n);                   \
    __attribute__((visibility("hidden"))) void icnn_vlog1p_##L(const float *x, float *y, long n);                 \
    __attribute__((visibility("hidden"))) void icnn_vsoftplus_##L(const float *x, float *y, long n);              \
    __attribute__((visibility("hidden"))) void icnn_vsigmoid_##L(const float *x, float *y, long n);               \
    __attribute__((visibility("hidden"))) void icnn_vtanh_##L(const float *x, float *y, long n);                  \
    __attribute__((visibility("hidden"))) void icnn_vsoftplus_sigmoid_##L(const float *x, float *y, float *d,     \
                                                                          long n);                                 \
    __attribute__((visibility("hidden"))) void icnn_vsoftplus_tau_##L(const float *x, float tau, float *y,        \
                                                                      long n);                                     \
    __attribute__((visibility("hidden"))) void icnn_vsigmoid_tau_##L(const float *x, float tau, float *y, long n); \
    __attribute__((visibility("hidden"))) void icnn_vsoftplus_sigmoid_tau_##L(const float *x, float tau,          \
                                                                              float *y, float *d, long n);         \
    __attribute__((visibility("hidden"))) void icnn_vlse2_##L(const float *a, const float *b, float tau,          \
                                                              float *y, float *w, long n);                 \
    __attribute__((visibility("hidden"))) void icnn_vbinary2d_##L(int op, long rows, long cols, const float *a,   \
                                                                  long ars, long acs, const float *b, long brs,    \
                                                                  long bcs, float *y);                             \
    __attribute__((visibility("hidden"))) void icnn_vlse2_weight_##L(const float *a, const float *b, float tau,   \
                                                                     float *w, long n);

ICNN_VM_DECLARE(portable)
#if ICNN_VM_HAVE_X86
ICNN_VM_DECLARE(avx2)
ICNN_VM_DECLARE(avx512)
#endif

#endif
