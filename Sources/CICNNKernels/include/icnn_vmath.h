#ifndef ICNN_VMATH_H
#define ICNN_VMATH_H
// Vectorised transcendental functions (to be written).
#endif
