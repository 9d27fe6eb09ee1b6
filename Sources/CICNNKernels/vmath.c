// Run-time dispatch of the vectorised math and elementwise kernels (icnn_vmath.h, icnn_elementwise.h) to their
// per-level variants.
#include "icnn_elementwise.h"
#include "icnn_pool.h"
#include <stddef.h>
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

// ---- Two threads for long arrays ----
//
// The plain entries split arrays of at least two grains into contiguous ranges (boundaries at multiples of 16
// elements, one 64-byte line) run on the engine's worker pool (icnn_pool.h); every element is computed by the same
// code whichever range holds it, so results are bit-identical to the `_level` entries, which always run on the
// calling thread. Grains (elements per range, at least): the transcendental kernels cost 0.3-0.8 ns per element,
// so 16 Ki elements take 5-13 us, several times what a hand-off to a spinning worker costs (about 1 us); the
// memory-bound two-operand kernels cost about 0.2 ns per element and need a larger grain.
#define GRAIN_MATH 16384L
#define GRAIN_BINARY 65536L
// Arrays shorter than this use a worker only when one is running already (it spins for a while after each job);
// longer ones wake a parked worker, which takes 10-80 us (see icnn_pool.h).
#define WAKE_ELEMENTS (1L << 20)

typedef enum { JOB_UNARY, JOB_UNARY2, JOB_TAU, JOB_TAU2, JOB_LSE2, JOB_LSE2_WEIGHT, JOB_BINARY } vm_job_kind;

typedef struct {
    vm_job_kind kind;
    const vm_table_t *table;
    void (*unary)(const float *, float *, long);
    void (*tauUnary)(const float *, float, float *, long);
    const float *a, *b;
    float *y, *d;
    float tau;
    long n, parts;
    int op;                        // JOB_BINARY: the operation and layout of icnn_vbinary2d
    long rows, cols, ars, acs, brs, bcs;
} vm_job;

static void vm_part(void *context, long part) {
    const vm_job *j = context;
    long lo, hi;
    if (j->kind == JOB_BINARY) {
        if (j->rows == 1) {  // ranges of columns
            icnn_parallel_range(j->cols, j->parts, part, 16, &lo, &hi);
            if (lo < hi)
                j->table->binary2d(j->op, 1, hi - lo, j->a + lo * j->acs, j->ars, j->acs, j->b + lo * j->bcs, j->brs,
                                   j->bcs, j->y + lo);
        } else {  // ranges of rows
            icnn_parallel_range(j->rows, j->parts, part, 1, &lo, &hi);
            if (lo < hi)
                j->table->binary2d(j->op, hi - lo, j->cols, j->a + lo * j->ars, j->ars, j->acs, j->b + lo * j->brs,
                                   j->brs, j->bcs, j->y + lo * j->cols);
        }
        return;
    }
    icnn_parallel_range(j->n, j->parts, part, 16, &lo, &hi);
    if (lo >= hi) return;
    const long m = hi - lo;
    switch (j->kind) {
    case JOB_UNARY: j->unary(j->a + lo, j->y + lo, m); break;
    case JOB_UNARY2: j->table->softplus_sigmoid(j->a + lo, j->y + lo, j->d + lo, m); break;
    case JOB_TAU: j->tauUnary(j->a + lo, j->tau, j->y + lo, m); break;
    case JOB_TAU2: j->table->softplus_sigmoid_tau(j->a + lo, j->tau, j->y + lo, j->d + lo, m); break;
    case JOB_LSE2: j->table->lse2(j->a + lo, j->b + lo, j->tau, j->y + lo, j->d ? j->d + lo : NULL, m); break;
    case JOB_LSE2_WEIGHT: j->table->lse2_weight(j->a + lo, j->b + lo, j->tau, j->y + lo, m); break;
    case JOB_BINARY: break;
    }
}

/// Runs `job` over job->n elements, on the pool when it is long enough.
static void vm_run(vm_job *job, long grain) {
    job->table = vm_table(icnn_cpu_level());
    job->parts = job->n < 2 * grain ? 1 : icnn_parallel_parts(job->n, grain, 0);
    if (job->parts == 1) {
        vm_part(job, 0);
        return;
    }
    icnn_parallel_for(job->parts, job->parts, job->n >= WAKE_ELEMENTS, vm_part, job);
}

#define ICNN_VM_UNARY(f)                                                                                           \
    void icnn_v##f(const float *x, float *y, long n) {                                                             \
        if (n <= 0) return;                                                                                        \
        vm_job job = {.kind = JOB_UNARY, .unary = vm_table(icnn_cpu_level())->f, .a = x, .y = y, .n = n};          \
        vm_run(&job, GRAIN_MATH);                                                                                  \
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
    if (n <= 0) return;
    vm_job job = {.kind = JOB_UNARY2, .a = x, .y = y, .d = d, .n = n};
    vm_run(&job, GRAIN_MATH);
}
void icnn_vsoftplus_sigmoid_level(icnn_cpu_level_t level, const float *x, float *y, float *d, long n) {
    if (n > 0) vm_table(level)->softplus_sigmoid(x, y, d, n);
}

#define ICNN_VM_UNARY_TAU(f)                                                                                       \
    void icnn_v##f(const float *x, float tau, float *y, long n) {                                                  \
        if (n <= 0) return;                                                                                        \
        vm_job job = {.kind = JOB_TAU, .tauUnary = vm_table(icnn_cpu_level())->f, .a = x, .tau = tau, .y = y,      \
                      .n = n};                                                                                     \
        vm_run(&job, GRAIN_MATH);                                                                                  \
    }                                                                                                              \
    void icnn_v##f##_level(icnn_cpu_level_t level, const float *x, float tau, float *y, long n) {                  \
        if (n > 0) vm_table(level)->f(x, tau, y, n);                                                               \
    }

ICNN_VM_UNARY_TAU(softplus_tau)
ICNN_VM_UNARY_TAU(sigmoid_tau)

void icnn_vsoftplus_sigmoid_tau(const float *x, float tau, float *y, float *d, long n) {
    if (n <= 0) return;
    vm_job job = {.kind = JOB_TAU2, .a = x, .tau = tau, .y = y, .d = d, .n = n};
    vm_run(&job, GRAIN_MATH);
}
void icnn_vsoftplus_sigmoid_tau_level(icnn_cpu_level_t level, const float *x, float tau, float *y, float *d,
                                      long n) {
    if (n > 0) vm_table(level)->softplus_sigmoid_tau(x, tau, y, d, n);
}

void icnn_vlse2(const float *a, const float *b, float tau, float *y, float *w, long n) {
    if (n <= 0) return;
    vm_job job = {.kind = JOB_LSE2, .a = a, .b = b, .tau = tau, .y = y, .d = w, .n = n};
    vm_run(&job, GRAIN_MATH);
}
void icnn_vlse2_level(icnn_cpu_level_t level, const float *a, const float *b, float tau, float *y, float *w,
                      long n) {
    if (n > 0) vm_table(level)->lse2(a, b, tau, y, w, n);
}

void icnn_vbinary2d(icnn_binary_op_t op, long rows, long cols, const float *a, long ars, long acs, const float *b,
                    long brs, long bcs, float *y) {
    if (rows <= 0 || cols <= 0) return;
    vm_job job = {.kind = JOB_BINARY, .a = a, .b = b, .y = y, .n = rows * cols, .op = (int)op, .rows = rows,
                  .cols = cols, .ars = ars, .acs = acs, .brs = brs, .bcs = bcs};
    if (job.n < 2 * GRAIN_BINARY) {
        vm_table(icnn_cpu_level())->binary2d((int)op, rows, cols, a, ars, acs, b, brs, bcs, y);
        return;
    }
    job.table = vm_table(icnn_cpu_level());
    job.parts = icnn_parallel_parts(job.n, GRAIN_BINARY, rows == 1 ? 0 : rows);
    icnn_parallel_for(job.parts, job.parts, job.n >= WAKE_ELEMENTS, vm_part, &job);
}
void icnn_vbinary2d_level(icnn_cpu_level_t level, icnn_binary_op_t op, long rows, long cols, const float *a,
                          long ars, long acs, const float *b, long brs, long bcs, float *y) {
    if (rows > 0 && cols > 0) vm_table(level)->binary2d((int)op, rows, cols, a, ars, acs, b, brs, bcs, y);
}

void icnn_vlse2_weight(const float *a, const float *b, float tau, float *w, long n) {
    if (n <= 0) return;
    vm_job job = {.kind = JOB_LSE2_WEIGHT, .a = a, .b = b, .tau = tau, .y = w, .n = n};
    vm_run(&job, GRAIN_MATH);
}
void icnn_vlse2_weight_level(icnn_cpu_level_t level, const float *a, const float *b, float tau, float *w, long n) {
    if (n > 0) vm_table(level)->lse2_weight(a, b, tau, w, n);
}
