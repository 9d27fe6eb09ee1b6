// Run-time dispatch of the vectorised math and elementwise kernels (icnn_vmath.h, icnn_elementwise.h) to their
// per-level variants.
#include "icnn_elementwise.h"
#include "icnn_vmath.h"
#include "vmath_internal.h"

typedef struct {
    void (*exp)(const float *, float *, long);
    void (*log)(const float *, float *, long);
    void (*log1p)(const float *, float *, long);
    void (*softplus)(const float *, float *, long);
    void (*sigmoid)(const float *, float *, long);
    void (*tanh)(const float *, float *, long);
    void (*softplus_sigmoid)(const float *, float *, float *, long);
    void (*softplus_tau)(const float *, float, float *, long);
    void (*sigmoid_tau)(const float *, float, float *, long);
    void (*softplus_sigmoid_tau)(const float *, float, float *, float *, long);
    void (*lse2)(const float *, const float *, float, float *, float *, long);
    void (*binary2d)(int, long, long, const float *, long, long, const float *, long, long, float *);
    void (*lse2_weight)(const float *, const float *, float, float *, long);
} vm_table_t;

#define ICNN_VM_TABLE(L)                                                                                           \
    {                                                                                                              \
        icnn_vexp_##L, icnn_vlog_##L, icnn_vlog1p_##L, icnn_vsoftplus_##L, icnn_vsigmoid_##L, icnn_vtanh_##L,      \
            icnn_vsoftplus_sigmoid_##L, icnn_vsoftplus_tau_##L, icnn_vsigmoid_tau_##L,                             \
            icnn_vsoftplus_sigmoid_tau_##L, icnn_vlse2_##L, icnn_vbinary2d_##L, icnn_vlse2_weight_##L              \
    }

// Indexed by icnn_cpu_level_t. Without x86 every level runs the portable kernels.
static const vm_table_t vm_tables[3] = {
    ICNN_VM_TABLE(portable),
#if ICNN_VM_HAVE_X86
    ICNN_VM_TABLE(avx2),
    ICNN_VM_TABLE(avx512),
#else
    ICNN_VM_TABLE(portable),
    ICNN_VM_TABLE(portable),
#endif
};

// A level above what the CPU supports is lowered to it, never run (it would fault on an illegal instruction).
static inline const vm_table_t *vm_table(icnn_cpu_level_t level) {
    icnn_cpu_level_t best = icnn_cpu_level();
    if ((unsigned)level > (unsigned)best) level = best;
    return &vm_tables[level];
}

#define ICNN_VM_UNARY(f)                                                                                           \
    void icnn_v##f(const float *x, float *y, long n) {                                                             \
        if (n > 0) vm_table(icnn_cpu_level())->f(x, y, n);                                                         \
    }                                                                                                              \
    void icnn_v##f##_level(icnn_cpu_level_t level, const float *x, float *y, long n) {                             \
        if (n > 0) vm_table(level)->f(x, y, n);                                                                    \
    }

ICNN_VM_UNARY(exp)
ICNN_VM_UNARY(log)
ICNN_VM_UNARY(log1p)
ICNN_VM_UNARY(softplus)
ICNN_VM_UNARY(sigmoid)
ICNN_VM_UNARY(tanh)

void icnn_vsoftplus_sigmoid(const float *x, float *y, float *d, long n) {
    if (n > 0) vm_table(icnn_cpu_level())->softplus_sigmoid(x, y, d, n);
}
void icnn_vsoftplus_sigmoid_level(icnn_cpu_level_t level, const float *x, float *y, float *d, long n) {
    if (n > 0) vm_table(level)->softplus_sigmoid(x, y, d, n);
}

#define ICNN_VM_UNARY_TAU(f)                                                                                       \
    void icnn_v##f(const float *x, float tau, float *y, long n) {                                                  \
        if (n > 0) vm_table(icnn_cpu_level())->f(x, tau, y, n);                                                    \
    }                                                                                                              \
    void icnn_v##f##_level(icnn_cpu_level_t level, const float *x, float tau, float *y, long n) {                  \
        if (n > 0) vm_table(level)->f(x, tau, y, n);                                                               \
    }

ICNN_VM_UNARY_TAU(softplus_tau)
ICNN_VM_UNARY_TAU(sigmoid_tau)

void icnn_vsoftplus_sigmoid_tau(const float *x, float tau, float *y, float *d, long n) {
    if (n > 0) vm_table(icnn_cpu_level())->softplus_sigmoid_tau(x, tau, y, d, n);
}
void icnn_vsoftplus_sigmoid_tau_level(icnn_cpu_level_t level, const float *x, float tau, float *y, float *d,
                                      long n) {
    if (n > 0) vm_table(level)->softplus_sigmoid_tau(x, tau, y, d, n);
}

void icnn_vlse2(const float *a, const float *b, float tau, float *y, float *w, long n) {
    if (n > 0) vm_table(icnn_cpu_level())->lse2(a, b, tau, y, w, n);
}
void icnn_vlse2_level(icnn_cpu_level_t level, const float *a, const float *b, float tau, float *y, float *w,
                      long n) {
    if (n > 0) vm_table(level)->lse2(a, b, tau, y, w, n);
}

void icnn_vbinary2d(icnn_binary_op_t op, long rows, long cols, const float *a, long ars, long acs, const float *b,
                    long brs, long bcs, float *y) {
    if (rows > 0 && cols > 0) vm_table(icnn_cpu_level())->binary2d((int)op, rows, cols, a, ars, acs, b, brs, bcs, y);
}
void icnn_vbinary2d_level(icnn_cpu_level_t level, icnn_binary_op_t op, long rows, long cols, const float *a,
                          long ars, long acs, const float *b, long brs, long bcs, float *y) {
    if (rows > 0 && cols > 0) vm_table(level)->binary2d((int)op, rows, cols, a, ars, acs, b, brs, bcs, y);
}

void icnn_vlse2_weight(const float *a, const float *b, float tau, float *w, long n) {
    if (n > 0) vm_table(icnn_cpu_level())->lse2_weight(a, b, tau, w, n);
}
void icnn_vlse2_weight_level(icnn_cpu_level_t level, const float *a, const float *b, float tau, float *w, long n) {
    if (n > 0) vm_table(level)->lse2_weight(a, b, tau, w, n);
}
