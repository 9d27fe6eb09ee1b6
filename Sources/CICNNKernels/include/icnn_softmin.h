#ifndef ICNN_SOFTMIN_H
#define ICNN_SOFTMIN_H
// The soft minimum of the log-domain Sinkhorn iteration, in double precision.
#include "icnn_cpu.h"

/// For each row i of the row-major rows x cols matrix c:
///     out[i] = -epsilon * log((1/cols) * sum_j exp((h[j] - c[i*cols + j]) / epsilon))
/// with the row maximum of h[j] - c[i*cols + j] factored out, so no exponential overflows. epsilon > 0 and all
/// inputs finite (not checked). Exponentials of arguments below -708 are flushed to 0 (each such term is below
/// 2^-1021 against a largest term of 1). The sum runs in 8 interleaved partial sums on every level; every level
/// agrees with a plain libm loop to 1e-13 * (|out[i]| + epsilon) (tested), not bit for bit.
/// rows <= 0 or cols <= 0 does nothing.
void icnn_softmin_rows_f64(const double *c, long rows, long cols, const double *h, double epsilon, double *out);
void icnn_softmin_rows_f64_level(icnn_cpu_level_t level, const double *c, long rows, long cols, const double *h,
                                 double epsilon, double *out);

#endif
