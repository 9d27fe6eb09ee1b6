// Scoped flush-to-zero (icnn_float_environment.h).
#include "icnn_float_environment.h"
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
// MXCSR bits: flush-to-zero (15) and denormals-are-zero (6).
#define FLUSH_BITS 0x8040u

unsigned icnn_flush_subnormals_begin(void) {
    const unsigned previous = _mm_getcsr();
    _mm_setcsr(previous | FLUSH_BITS);
    return previous;
}

void icnn_flush_subnormals_end(unsigned previous) { _mm_setcsr(previous); }
#else
unsigned icnn_flush_subnormals_begin(void) { return 0; }
void icnn_flush_subnormals_end(unsigned previous) { (void)previous; }
#endif
