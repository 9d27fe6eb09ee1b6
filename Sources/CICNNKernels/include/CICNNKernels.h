#ifndef CICNN_KERNELS_H
#define CICNN_KERNELS_H
// Umbrella header of the C kernel target. Each kernel family has its own header.
#include "icnn_affinity.h"
#include "icnn_buffer.h"
#include "icnn_cpu.h"
#include "icnn_elementwise.h"
#include "icnn_float_environment.h"
#include "icnn_gemm.h"
#include "icnn_pool.h"
#include "icnn_softmin.h"
#include "icnn_vmath.h"
#endif
