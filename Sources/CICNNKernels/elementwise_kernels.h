// The vectorised two-operand elementwise kernels (icnn_elementwise.h), written once over the vector vocabulary of
// vmath_kernels.h and included by each vmath_<level>.c right after it (no include guard).
//
// Every operation is the same IEEE arithmetic as the engine's scalar loop (Kernels.swift), in the same order, so
// the results are bit-identical to it on every level; only multiply-sigmoid calls the vector sigmoid (as the
// Float path already did) and the log-sum-exp weight takes a - b exactly (as icnn_vlse2 does).

VM_INLINE vf ew_add(vf a, vf b) { return vf_add(a, b); }
VM_INLINE vf ew_subtract(vf a, vf b) { return vf_sub(a, b); }
VM_INLINE vf ew_multiply(vf a, vf b) { return vf_mul(a, b); }
VM_INLINE vf ew_divide(vf a, vf b) { return vf_div(a, b); }
// b > a ? b : a: ties and a NaN in b take a, a NaN in a propagates.
VM_INLINE vf ew_maximum(vf a, vf b) { return vf_sel(vf_gt(b, a), b, a); }
// b > a ? 0 : 1: which lane ew_maximum took.
VM_INLINE vf ew_first_lane_mask(vf a, vf b) { return vf_sel(vf_gt(b, a), vf_set(0.0f), vf_set(1.0f)); }
// b > 0 ? a : 0: the ReLU backward pass.
VM_INLINE vf ew_multiply_relu_mask(vf a, vf b) { return vf_sel(vf_gt(b, vf_set(0.0f)), a, vf_set(0.0f)); }
// a sigmoid(b): the softplus backward pass.
VM_INLINE vf ew_multiply_sigmoid(vf a, vf b) { return vf_mul(a, vm_sigmoid(b)); }
// t - t b with t = a b, i.e. a s (1 - s) for s = b: the sigmoid backward pass, rounded as the recorded ops round it.
VM_INLINE vf ew_multiply_sigmoid_derivative(vf a, vf b) {
    vf t = vf_mul(a, b);
    return vf_sub(t, vf_mul(t, b));
}

// y[i] = op(a[i sa], b[i sb]) for i < n, sa and sb in {0, 1}; y may be a or b (each vector is loaded before it is
// stored), a broadcast operand is read once.
#define EW_ROW(name)                                                                                               \
    VM_INLINE void ew_row_##name(const float *a, long sa, const float *b, long sb, float *y, long n) {             \
        long i = 0;                                                                                                \
        if (sa && sb) {                                                                                            \
            for (; i + VM_WIDTH <= n; i += VM_WIDTH) vf_store(y + i, ew_##name(vf_load(a + i), vf_load(b + i)));   \
            if (i < n) vf_store_tail(y + i, ew_##name(vf_load_tail(a + i, n - i), vf_load_tail(b + i, n - i)), n - i); \
        } else if (sa) {                                                                                           \
            const vf bv = vf_set(*b);                                                                              \
            for (; i + VM_WIDTH <= n; i += VM_WIDTH) vf_store(y + i, ew_##name(vf_load(a + i), bv));               \
            if (i < n) vf_store_tail(y + i, ew_##name(vf_load_tail(a + i, n - i), bv), n - i);                     \
        } else if (sb) {                                                                                           \
            const vf av = vf_set(*a);                                                                              \
            for (; i + VM_WIDTH <= n; i += VM_WIDTH) vf_store(y + i, ew_##name(av, vf_load(b + i)));               \
            if (i < n) vf_store_tail(y + i, ew_##name(av, vf_load_tail(b + i, n - i)), n - i);                     \
        } else {                                                                                                   \
            const vf v = ew_##name(vf_set(*a), vf_set(*b));                                                        \
            for (; i + VM_WIDTH <= n; i += VM_WIDTH) vf_store(y + i, v);                                           \
            if (i < n) vf_store_tail(y + i, v, n - i);                                                             \
        }                                                                                                          \
    }

EW_ROW(add)
EW_ROW(subtract)
EW_ROW(multiply)
EW_ROW(divide)
EW_ROW(maximum)
EW_ROW(first_lane_mask)
EW_ROW(multiply_relu_mask)
EW_ROW(multiply_sigmoid)
EW_ROW(multiply_sigmoid_derivative)

#undef EW_ROW

void VM_NAME(binary2d)(int op, long rows, long cols, const float *a, long ars, long acs, const float *b, long brs,
                       long bcs, float *y) {
#define EW_CASE(code, name)                                                                                        \
    case code:                                                                                                     \
        for (long r = 0; r < rows; r++) ew_row_##name(a + r * ars, acs, b + r * brs, bcs, y + r * cols, cols);     \
        break;
    switch (op) {
        EW_CASE(ICNN_BINARY_ADD, add)
        EW_CASE(ICNN_BINARY_SUBTRACT, subtract)
        EW_CASE(ICNN_BINARY_MULTIPLY, multiply)
        EW_CASE(ICNN_BINARY_DIVIDE, divide)
        EW_CASE(ICNN_BINARY_MAXIMUM, maximum)
        EW_CASE(ICNN_BINARY_FIRST_LANE_MASK, first_lane_mask)
        EW_CASE(ICNN_BINARY_MULTIPLY_RELU_MASK, multiply_relu_mask)
        EW_CASE(ICNN_BINARY_MULTIPLY_SIGMOID, multiply_sigmoid)
        EW_CASE(ICNN_BINARY_MULTIPLY_SIGMOID_DERIVATIVE, multiply_sigmoid_derivative)
    default: break;
    }
#undef EW_CASE
}

void VM_NAME(lse2_weight)(const float *a, const float *b, float tau, float *w, long n) {
    const vf t = vf_set(tau), inv = vf_set(1.0f / tau);
    vf wv;
    long i = 0;
    for (; i + VM_WIDTH <= n; i += VM_WIDTH) {
        (void)vm_lse2_parts(vf_load(a + i), vf_load(b + i), t, inv, 0, 1, &wv);
        vf_store(w + i, wv);
    }
    if (i < n) {
        (void)vm_lse2_parts(vf_load_tail(a + i, n - i), vf_load_tail(b + i, n - i), t, inv, 0, 1, &wv);
        vf_store_tail(w + i, wv, n - i);
    }
}
