// icnn_softmin_rows_f64 (icnn_softmin.h): one body (softmin_impl.h) compiled for AVX-512, AVX2 and the baseline
// with GCC/Clang vector extensions, chosen at run time like the other kernels. The vector helpers are macros, not
// functions: a function taking or returning a 64-byte vector would need the same target on both sides of the call.
#include "icnn_softmin.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

typedef double v8d __attribute__((vector_size(64), aligned(8)));
typedef int64_t v8l __attribute__((vector_size(64), aligned(8)));

#define SPLAT(a) ((v8d){(a), (a), (a), (a), (a), (a), (a), (a)})
#define LOAD(p) (*(const v8d *)(p))

// y = e^x for x <= 0: x = n ln2 + r with n = round(x / ln2) (the 1.5·2^52 trick), |r| <= ln2/2, ln2 split in a high
// part with trailing zero bits so n·LN2_HI is exact; e^r by its Taylor polynomial of degree 13 (truncation below
// 4.2e-18); times 2^n from the exponent bits. Arguments below -708 give +0 (clamped first so 2^n stays normal).
#define VEXP(y, x0)                                                                                                    \
    do {                                                                                                               \
        const v8d x_ = (x0);                                                                                           \
        const v8l kept_ = x_ >= SPLAT(-708.0);                                                                         \
        const v8d xc_ = __builtin_elementwise_max(x_, SPLAT(-708.0));                                                  \
        const v8d n_ = (xc_ * SPLAT(1.4426950408889634) + SPLAT(6755399441055744.0)) - SPLAT(6755399441055744.0);      \
        const v8d r_ = (xc_ - n_ * SPLAT(0.6931471803691238)) - n_ * SPLAT(1.9082149292705877e-10);                    \
        v8d p_ = SPLAT(1.0 / 6227020800.0);                                                                            \
        p_ = p_ * r_ + SPLAT(1.0 / 479001600.0);                                                                       \
        p_ = p_ * r_ + SPLAT(1.0 / 39916800.0);                                                                        \
        p_ = p_ * r_ + SPLAT(1.0 / 3628800.0);                                                                         \
        p_ = p_ * r_ + SPLAT(1.0 / 362880.0);                                                                          \
        p_ = p_ * r_ + SPLAT(1.0 / 40320.0);                                                                           \
        p_ = p_ * r_ + SPLAT(1.0 / 5040.0);                                                                            \
        p_ = p_ * r_ + SPLAT(1.0 / 720.0);                                                                             \
        p_ = p_ * r_ + SPLAT(1.0 / 120.0);                                                                             \
        p_ = p_ * r_ + SPLAT(1.0 / 24.0);                                                                              \
        p_ = p_ * r_ + SPLAT(1.0 / 6.0);                                                                               \
        p_ = p_ * r_ + SPLAT(0.5);                                                                                     \
        p_ = p_ * r_ + SPLAT(1.0);                                                                                     \
        p_ = p_ * r_ + SPLAT(1.0);                                                                                     \
        const v8l two_ = (__builtin_convertvector(n_, v8l) + 1023) << 52;                                              \
        (y) = (v8d)((v8l)(p_ * (v8d)two_) & kept_);                                                                    \
    } while (0)

#define NAME softmin_portable
#define ATTR
#include "softmin_impl.h"
#undef NAME
#undef ATTR

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define HAVE_X86 1
#define NAME softmin_avx2
#define ATTR __attribute__((target("avx2,fma")))
#include "softmin_impl.h"
#undef NAME
#undef ATTR
#define NAME softmin_avx512
#define ATTR __attribute__((target("avx512f")))
#include "softmin_impl.h"
#undef NAME
#undef ATTR
#else
#define HAVE_X86 0
#endif

void icnn_softmin_rows_f64_level(icnn_cpu_level_t level, const double *c, long rows, long cols, const double *h,
                                 double epsilon, double *out) {
    if (rows <= 0 || cols <= 0) return;
    if (level > icnn_cpu_level()) level = icnn_cpu_level();
#if HAVE_X86
    if (level == ICNN_CPU_AVX512) {
        softmin_avx512(c, rows, cols, h, epsilon, out);
        return;
    }
    if (level == ICNN_CPU_AVX2) {
        softmin_avx2(c, rows, cols, h, epsilon, out);
        return;
    }
#endif
    softmin_portable(c, rows, cols, h, epsilon, out);
}

void icnn_softmin_rows_f64(const double *c, long rows, long cols, const double *h, double epsilon, double *out) {
    icnn_softmin_rows_f64_level(icnn_cpu_level(), c, rows, cols, h, epsilon, out);
}
