#ifndef ICNN_VMATH_H
#define ICNN_VMATH_H
// Vectorised elementwise transcendental functions on Float32 arrays: exp, log, log1p, tanh, and the smooth
// activations of input-convex networks (softplus, sigmoid, their temperature-scaled forms, two-lane log-sum-exp).
//
// Conventions, for every function:
// - `n` elements are read from each input and written to each output; n <= 0 does nothing.
// - An output may be the same pointer as an input (in place); partially overlapping arrays are not allowed, and
//   two outputs of one call must be distinct.
// - No alignment is required; no memory is allocated; nothing is read or written past n.
// - The plain entry runs the best level for this CPU (icnn_cpu_level()); the `_level` entry runs the requested
//   level, lowered to icnn_cpu_level() if it is higher. All levels use the same algorithms: results agree to within
//   the stated bounds, usually bit for bit.
// - Error bounds are in ulps of the float result against a double-precision evaluation of the same formula,
//   measured on every level: all 2^32 inputs for the one-argument functions (AVX-512; a stride-257 sweep of all
//   floats on the other levels, and for each tau), random pairs at several scales for log-sum-exp. For subnormal
//   results the ulp is 2^-149.
// - `tau` (the temperature) must be positive and finite; otherwise the results are unspecified (not checked).
// - Speed: no intermediate result is ever subnormal (on x86 each subnormal operation costs a microcode assist of
//   100+ cycles), and subnormal results are assembled from their bits, so tiny and huge arguments run at full speed.
//   Subnormal *inputs* are handled at full speed by log, log1p and tanh; exp, softplus, sigmoid, their tau forms and
//   log-sum-exp give correct results for them but take the slow path on the vectors that contain one.
#include "icnn_cpu.h"

/// y = e^x. Max error 1.01 ulp. +inf -> +inf, -inf -> +0, NaN -> NaN, x > 88.72 -> +inf, x < -103.97 -> +0;
/// results below 2^-126 are subnormal and correctly scaled (rounded once).
void icnn_vexp(const float *x, float *y, long n);
void icnn_vexp_level(icnn_cpu_level_t level, const float *x, float *y, long n);

/// y = ln x. Max error 0.86 ulp, subnormal x included. +-0 -> -inf, x < 0 -> NaN, +inf -> +inf, NaN -> NaN.
void icnn_vlog(const float *x, float *y, long n);
void icnn_vlog_level(icnn_cpu_level_t level, const float *x, float *y, long n);

/// y = ln(1 + x), accurate near 0. Max error 0.88 ulp. -1 -> -inf, x < -1 -> NaN, +inf -> +inf, NaN -> NaN,
/// +-0 -> +-0, |x| < 2^-28 (subnormals included) -> x.
void icnn_vlog1p(const float *x, float *y, long n);
void icnn_vlog1p_level(icnn_cpu_level_t level, const float *x, float *y, long n);

/// y = softplus(x) = ln(1 + e^x), computed as max(x, 0) + log1p(e^-|x|): convex, increasing, never overflows.
/// Max error 1.71 ulp over all floats, including the subnormal results of x < -87.3 (softplus(-100) = 3.78e-44, the
/// correctly rounded subnormal). +inf -> +inf, -inf -> +0, NaN -> NaN, +-0 -> ln 2.
void icnn_vsoftplus(const float *x, float *y, long n);
void icnn_vsoftplus_level(icnn_cpu_level_t level, const float *x, float *y, long n);

/// y = sigmoid(x) = 1/(1 + e^-x), the derivative of softplus, as 1/(1 + z) for x >= 0 and z/(1 + z) below, with
/// z = e^-|x|: no overflow on either side. Max error 1.50 ulp, subnormal results (x < -87.3) included.
/// +inf -> 1, -inf -> +0, NaN -> NaN, +-0 -> 0.5.
void icnn_vsigmoid(const float *x, float *y, long n);
void icnn_vsigmoid_level(icnn_cpu_level_t level, const float *x, float *y, long n);

/// y = tanh(x): an odd polynomial below |x| = 0.5625, (1 - e)/(1 + e) with e = e^-2|x| above. Max error 0.89 ulp.
/// +-inf -> +-1, NaN -> NaN, +-0 -> +-0, tiny x -> x, |x| >= 9.01 -> +-1.
void icnn_vtanh(const float *x, float *y, long n);
void icnn_vtanh_level(icnn_cpu_level_t level, const float *x, float *y, long n);

/// y = softplus(x) and d = sigmoid(x) in one pass (the value and derivative backprop needs), sharing e^-|x|.
/// Same results, bounds and edge cases as icnn_vsoftplus and icnn_vsigmoid. y and d must be distinct.
void icnn_vsoftplus_sigmoid(const float *x, float *y, float *d, long n);
void icnn_vsoftplus_sigmoid_level(icnn_cpu_level_t level, const float *x, float *y, float *d, long n);

/// y = tau softplus(x / tau) = max(x, 0) + tau log1p(e^(-|x| / tau)), tau > 0: convex, increasing, and tends to
/// max(x, 0) as tau -> 0. x / tau is carried in two parts (about 2^-46 relative), and e^(-|x|/tau) below 2^-125 is
/// kept scaled by 2^96 until one final rounding, so the error does not grow with |x / tau|, and tau e^(x/tau) stays
/// accurate where e^(x/tau) alone would be subnormal. Max error 2.7 ulp, measured for tau from 1e-4 to 1e4 (the
/// method holds for tau up to 2^40). +inf -> +inf, -inf -> +0, NaN -> NaN; large x -> x exactly.
void icnn_vsoftplus_tau(const float *x, float tau, float *y, long n);
void icnn_vsoftplus_tau_level(icnn_cpu_level_t level, const float *x, float tau, float *y, long n);

/// y = sigmoid(x / tau), the derivative of tau softplus(x / tau), tau > 0. Max error 1.5 ulp (tau from 1e-4 to 1e4),
/// subnormal results included. +inf -> 1, -inf -> +0, NaN -> NaN, +-0 -> 0.5.
void icnn_vsigmoid_tau(const float *x, float tau, float *y, long n);
void icnn_vsigmoid_tau_level(icnn_cpu_level_t level, const float *x, float tau, float *y, long n);

/// y = tau softplus(x / tau) and d = sigmoid(x / tau) in one pass; as icnn_vsoftplus_tau and icnn_vsigmoid_tau.
/// y and d must be distinct.
void icnn_vsoftplus_sigmoid_tau(const float *x, float tau, float *y, float *d, long n);
void icnn_vsoftplus_sigmoid_tau_level(icnn_cpu_level_t level, const float *x, float tau, float *y, float *d, long n);

/// Two-lane log-sum-exp, a smooth convex maximum: y = tau ln(e^(a/tau) + e^(b/tau)) computed as
/// max(a, b) + tau log1p(e^(-|a - b| / tau)), with a - b carried exactly (TwoSum) and divided by tau in two parts;
/// y >= max(a, b), convex and increasing in both arguments. If w is not NULL it receives the weight
/// w = sigmoid((a - b) / tau) = dy/da (dy/db = 1 - w; for an accurate small 1 - w swap a and b).
/// Max error of y: 4.2 ulp of max(|y|, |max(a, b)|) (the scale at which the final sum is rounded; y itself may
/// cancel to 0 when max(a, b) < 0); w: 1.6 ulp. Measured for tau in [0.01, 3.7], |a|, |b| from 1e-3 to 1e4.
/// a == b (also both +inf or both -inf) -> a + tau ln 2, w = 0.5; one argument -inf -> the other, w = 0 or 1;
/// +inf with anything but NaN -> +inf; NaN in a or b -> NaN in y and w.
void icnn_vlse2(const float *a, const float *b, float tau, float *y, float *w, long n);
void icnn_vlse2_level(icnn_cpu_level_t level, const float *a, const float *b, float tau, float *y, float *w, long n);

#endif
