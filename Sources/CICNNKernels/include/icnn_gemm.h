#ifndef ICNN_GEMM_H
#define ICNN_GEMM_H
// Matrix multiply micro-kernels (to be written).
#endif
