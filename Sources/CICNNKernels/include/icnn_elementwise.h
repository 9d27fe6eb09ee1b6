#ifndef ICNN_ELEMENTWISE_H
#define ICNN_ELEMENTWISE_H
// Vectorised two-operand elementwise kernels on Float32 arrays, with the row/scalar broadcasting the engine's
// tensors need (a bias row, a per-row scalar, one scalar).
//
// Results are bit-identical to the engine's scalar loops (plain IEEE single-precision operations in the same
// order) on every level, except ICNN_BINARY_MULTIPLY_SIGMOID, whose sigmoid is icnn_vsigmoid's (1.5 ulp). The
// plain entry runs the best level (icnn_cpu_level()); `_level` runs the requested one, lowered to the CPU's.
// No alignment is required and no memory is allocated.
#include "icnn_cpu.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The operations of icnn_vbinary2d, each y = op(a, b) elementwise.
typedef enum {
    ICNN_BINARY_ADD = 0,
    ICNN_BINARY_SUBTRACT = 1,
    ICNN_BINARY_MULTIPLY = 2,
    ICNN_BINARY_DIVIDE = 3,
    /// b > a ? b : a (ties and a NaN in b take a; a NaN in a propagates).
    ICNN_BINARY_MAXIMUM = 4,
    /// b > a ? 0 : 1, the lane ICNN_BINARY_MAXIMUM took.
    ICNN_BINARY_FIRST_LANE_MASK = 5,
    /// b > 0 ? a : 0, the ReLU backward pass.
    ICNN_BINARY_MULTIPLY_RELU_MASK = 6,
    /// a sigmoid(b), the softplus backward pass.
    ICNN_BINARY_MULTIPLY_SIGMOID = 7,
    /// t - t b with t = a b: a s (1 - s) for s = b = sigmoid(x), the sigmoid backward pass.
    ICNN_BINARY_MULTIPLY_SIGMOID_DERIVATIVE = 8,
} icnn_binary_op_t;

/// y[r cols + j] = op(a[r ars + j acs], b[r brs + j bcs]) for r < rows, j < cols: y is contiguous, the column
/// strides acs and bcs are 0 (the value repeats along the row) or 1, the row strides are any (0 repeats a row).
/// y may be the same array as a or b when that operand has the layout of y (acs = 1, ars = cols); no other
/// overlap is allowed. rows <= 0 or cols <= 0 does nothing; an unknown op does nothing.
void icnn_vbinary2d(icnn_binary_op_t op, long rows, long cols, const float *a, long ars, long acs, const float *b,
                    long brs, long bcs, float *y);
void icnn_vbinary2d_level(icnn_cpu_level_t level, icnn_binary_op_t op, long rows, long cols, const float *a,
                          long ars, long acs, const float *b, long brs, long bcs, float *y);

/// w = sigmoid((a - b) / tau), the weight of the two-lane log-sum-exp (icnn_vlse2's w, 1.6 ulp, same edge cases),
/// without computing the log-sum-exp itself. tau > 0 and finite. w may be a or b.
void icnn_vlse2_weight(const float *a, const float *b, float tau, float *w, long n);
void icnn_vlse2_weight_level(icnn_cpu_level_t level, const float *a, const float *b, float tau, float *w, long n);

#ifdef __cplusplus
}
#endif
#endif
