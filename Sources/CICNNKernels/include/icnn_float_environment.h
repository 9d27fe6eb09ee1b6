#ifndef ICNN_FLOAT_ENVIRONMENT_H
#define ICNN_FLOAT_ENVIRONMENT_H
// Scoped flush-to-zero for kernels whose operands decay into the subnormal range.
//
// Adam's moments of a parameter whose gradient stays zero (a dead unit, a lane a max gate never picks) decay
// geometrically (beta2 = 0.9: below 1e-38 after about 800 steps) and then pass through subnormal values, where each
// multiply, divide or square root on x86 takes a microcode assist of about 100 cycles: the optimiser step of a
// small network became 5-10x slower than its arithmetic. Flushed to zero, such a moment changes its update by less
// than 1e-38 relative to epsilon, i.e. not at all.

#ifdef __cplusplus
extern "C" {
#endif

/// Sets flush-to-zero and denormals-are-zero on the calling thread (x86 SSE/AVX control register; elsewhere
/// nothing) and returns the previous state for icnn_flush_subnormals_end.
unsigned icnn_flush_subnormals_begin(void);

/// Restores the state returned by icnn_flush_subnormals_begin.
void icnn_flush_subnormals_end(unsigned previous);

#ifdef __cplusplus
}
#endif
#endif
