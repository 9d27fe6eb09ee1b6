// The vectorised elementwise math kernels, written once over a small vector vocabulary.
//
// Not a public header. Each vmath_<level>.c defines, then includes this file:
//   vf, vi, vm            a vector of VM_WIDTH floats, of VM_WIDTH int32s, and a lane mask
//   VM_WIDTH, VM_NAME(f)  lanes per vector, and the level-suffixed name of kernel f
//   vf_set vf_load vf_store vf_load_tail vf_store_tail (the tail forms touch only the first k < VM_WIDTH lanes)
//   vf_add vf_sub vf_mul
//   vf_fma(a, b, c) = a*b + c and vf_fnma(a, b, c) = c - a*b, fused where the level has FMA
//   vf_fnma_exact(a, b, c) = c - a*b with a single rounding on every level
//   vf_min(a, b), vf_max(a, b): x86 semantics, `b` when either is NaN
//   vf_abs vf_neg_abs vf_neg vf_copysign(magnitude >= 0, sign source)
//   vf_lt vf_gt vf_ge vf_eq (ordered: false when either is NaN), vm_and, vm_any, vf_sel(m, a, b) = m ? a : b
//   vf_bits vf_from_bits vi_set vi_add vi_sub vi_and vi_sra vi_to_vf
//   vf_rcp(b)             1/b to at least 12 bits
//   vf_quot_near1(a, b, r) a/b for b in [1, 2] to at least 14 bits, given r = vf_rcp(b)
//   vf_scale2(p, n)       p * 2^n for integral n in [-250, 250] (a float), rounded once where p * 2^n is
//                         subnormal, exact otherwise
//
// The algorithms (constants fitted by our own Remez exchange, see the comments):
//   exp:    Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, then exp(r) = 1 + r + r^2 P(r), P of degree 4.
//   log:    x = 2^e m, m in [sqrt(1/2), sqrt(2)), f = m - 1 exactly, log1p(f) = f - f^2/2 + f^3 Q(f), Q of degree 7.
//   log1p:  the same polynomial; f = x itself near 0, else log(1 + x) corrected by the rounding error of 1 + x.
//   softplus, sigmoid, log-sum-exp: z = exp(-|x|) in (0, 1], then log1p(z) without forming 1 + z. Where z < 2^-125
//           the results are finished from z 2^96 and scaled back once: accurate, and no subnormal intermediates
//           (each costs a microcode assist of 100+ cycles on x86), only subnormal results.
//   tanh:   odd polynomial x + x^3 T(x^2) below 0.5625, (1 - e)/(1 + e) with e = exp(-2|x|) above.

#ifndef VM_NAME
#error "define the vector vocabulary before including vmath_kernels.h"
#endif

// Every helper is inlined: the flags passed to them are constants, and a call would pass vectors through memory.
#define VM_INLINE static inline __attribute__((always_inline))

#define VM_MAGIC 0x1.8p23f        // adding it rounds |v| < 2^22 to an integer
#define VM_LOG2E 0x1.715476p+0f   // 1/ln 2
#define VM_LN2_HI 0x1.63p-1f      // ln 2 rounded to 9 bits: n * VM_LN2_HI is exact for |n| < 2^15
#define VM_LN2_LO -0x1.bd0106p-13f // ln 2 - VM_LN2_HI
#define VM_EXP_MAX 89.0f          // exp(89) overflows; above it the reduction would need larger n
#define VM_EXP_MIN -150.0f        // e^-150 < 2^-216: 0 even after the 2^96 rescaling of vm_exp_split
#define VM_SQRT_HALF_BITS 0x3f3504f3 // bits of sqrt(1/2) rounded down: mantissa split point of log
#define VM_LOG1P_LO -0x1.2bec34p-2f  // sqrt(1/2) - 1: where log1p may use its argument directly
#define VM_LOG1P_HI 0x1.a8279ap-2f   // sqrt(2) - 1
#define VM_TANH_SPLIT 0x1.2p-1f      // 0.5625: polynomial below, exp formula above

// The reduction of e^(x + xl) = p 2^n, p = e^r in [0.70, 1.42], n integral in [-217, 128]; xl is a small finite
// correction, read only when has_lo (a constant: the argument came in two parts). x is clamped to
// [VM_EXP_MIN, VM_EXP_MAX], so +inf -> +inf and -inf -> 0 once scaled; NaN propagates to p and n. Callers whose
// x <= 0 (or NaN) pass nonpositive = 1 (a constant) to skip the upper clamp.
VM_INLINE vf vm_exp_reduce(vf x, vf xl, int has_lo, int nonpositive, vf *n) {
    if (!nonpositive) x = vf_min(vf_set(VM_EXP_MAX), x); // keeps NaN (second operand)
    x = vf_max(vf_set(VM_EXP_MIN), x);
    vf t = vf_fma(x, vf_set(VM_LOG2E), vf_set(VM_MAGIC));
    *n = vf_sub(t, vf_set(VM_MAGIC)); // round(x / ln 2)
    vf r = vf_fnma(*n, vf_set(VM_LN2_HI), x); // exact: n * LN2_HI is exact and close to x
    r = vf_fnma(*n, vf_set(VM_LN2_LO), r);
    if (has_lo) r = vf_add(r, xl);
    // exp(r) - 1 - r = r^2 P(r) on |r| <= 1.01 ln2/2, relative error 2^-28.2 (degree-6 minimax).
    vf p = vf_set(0x1.6a1a6cp-10f);
    p = vf_fma(p, r, vf_set(0x1.123fc6p-7f));
    p = vf_fma(p, r, vf_set(0x1.555916p-5f));
    p = vf_fma(p, r, vf_set(0x1.55548ap-3f));
    p = vf_fma(p, r, vf_set(0x1.fffffcp-2f));
    vf r2 = vf_mul(r, r);
    p = vf_fma(p, r2, r);
    return vf_add(p, vf_set(1.0f));
}

// t 2^-k for k = 0 or 96 (an integral float), rounded once, with no floating-point operation producing a subnormal
// (on x86 each one costs a microcode assist of 100+ cycles): a subnormal result is built from its bits, the integer
// round(|t| 2^(149 - k)), which adding 2^23 rounds (to nearest even, as the hardware would).
VM_INLINE vf vm_scale_down(vf t, vf k) {
    vf two23 = vf_set(0x1p23f);
    vf u = vf_scale2(vf_abs(t), vf_sub(vf_set(149.0f), k)); // |t 2^-k| in units of 2^-149
    vm sub = vf_lt(u, two23);                                // a subnormal or zero result (false for NaN)
    vf bits = vf_from_bits(vi_sub(vf_bits(vf_add(u, two23)), vf_bits(two23)));
    vf normal = vf_scale2(vf_sel(sub, vf_set(1.0f), t), vf_neg(k));
    return vf_sel(sub, vf_copysign(bits, t), normal);
}

// e^(x + xl), max error about 1 ulp; subnormal results are rounded once and built without a subnormal operation.
VM_INLINE vf vm_exp_core(vf x, vf xl, int has_lo) {
    vf n;
    vf p = vm_exp_reduce(x, xl, has_lo, 0, &n);
    vm tiny = vf_lt(n, vf_set(-125.0f));
    vf y = vf_scale2(p, vf_max(vf_set(-125.0f), n)); // normal (or NaN) in every lane; NaN stays in max's 2nd operand
    if (vm_any(tiny)) {
        vf k = vf_set(96.0f);
        y = vf_sel(tiny, vm_scale_down(vf_scale2(p, vf_add(n, k)), k), y);
    }
    return y;
}

// e^(x + xl) for x <= 0 as zs 2^-k with zs normal, so that what is computed from it creates no subnormal: k = 0
// where e^(x + xl) >= 2^-100, else k = 96 and the lane is set in *tiny.
VM_INLINE vf vm_exp_split(vf x, vf xl, int has_lo, vf *k, vm *tiny) {
    vf n;
    vf p = vm_exp_reduce(x, xl, has_lo, 1, &n);
    *tiny = vf_lt(n, vf_set(-100.0f));
    *k = vf_sel(*tiny, vf_set(96.0f), vf_set(0.0f));
    return vf_scale2(p, vf_add(n, *k));
}

// log1p(f) - f + lo, for f in [sqrt(1/2) - 1, sqrt(2) - 1] and a small lo.
VM_INLINE vf vm_log1p_tail(vf f, vf lo) {
    // log1p(f) = f - f^2/2 + f^3 Q(f), relative error 2^-27.3 (degree-10 minimax).
    vf q = vf_set(-0x1.38b646p-4f);
    q = vf_fma(q, f, vf_set(0x1.055ba2p-3f));
    q = vf_fma(q, f, vf_set(-0x1.0d8532p-3f));
    q = vf_fma(q, f, vf_set(0x1.22da14p-3f));
    q = vf_fma(q, f, vf_set(-0x1.547246p-3f));
    q = vf_fma(q, f, vf_set(0x1.99a008p-3f));
    q = vf_fma(q, f, vf_set(-0x1.000226p-2f));
    q = vf_fma(q, f, vf_set(0x1.555554p-2f));
    // Below 2^-28 the f^2 terms are under half an ulp of f; zeroing them avoids slow subnormal products.
    vf fp = vf_sel(vf_lt(vf_abs(f), vf_set(0x1p-28f)), vf_set(0.0f), f);
    vf f2 = vf_mul(fp, fp);
    vf f3 = vf_mul(f2, fp);
    lo = vf_fma(f3, q, lo);
    return vf_fma(f2, vf_set(-0.5f), lo);
}

// e ln2 + log1p(f) + corr for f in [sqrt(1/2) - 1, sqrt(2) - 1], e integral, corr a small correction.
VM_INLINE vf vm_log_reconstruct(vf f, vf e, vf corr) {
    vf y = vf_add(f, vm_log1p_tail(f, vf_fma(e, vf_set(VM_LN2_LO), corr)));
    return vf_fma(e, vf_set(VM_LN2_HI), y); // e * LN2_HI is exact: one rounding
}

// log1p(z) for z in [0, 1] (or NaN), without forming 1 + z: f = z below sqrt(2) - 1, else f = (z - 1)/2, e = 1,
// both exact. Subnormal z returns z.
VM_INLINE vf vm_log1p_unit(vf z) {
    vm big = vf_ge(z, vf_set(VM_LOG1P_HI));
    vf f = vf_sel(big, vf_fma(z, vf_set(0.5f), vf_set(-0.5f)), z); // z/2 is exact, z/2 - 1/2 by Sterbenz
    vf zero = vf_set(0.0f);
    vf y = vf_add(f, vm_log1p_tail(f, vf_sel(big, vf_set(VM_LN2_LO), zero)));
    return vf_add(vf_sel(big, vf_set(VM_LN2_HI), zero), y); // y >= 0, so adding +0 changes nothing
}

// Splits x into 2^e m, m in [sqrt(1/2), sqrt(2)), for positive normal finite x: returns m - 1 (exact) and e.
VM_INLINE vf vm_log_split(vf x, vf *e) {
    vi ix = vi_sub(vf_bits(x), vi_set(VM_SQRT_HALF_BITS));
    *e = vi_to_vf(vi_sra(ix, 23));
    vf m = vf_from_bits(vi_add(vi_and(ix, vi_set(0x007fffff)), vi_set(VM_SQRT_HALF_BITS)));
    return vf_sub(m, vf_set(1.0f));
}

VM_INLINE vf vm_log(vf x) {
    // A subnormal x is i 2^-149 with i its bits: log(i) - 149 ln 2, with no arithmetic on a subnormal.
    vm sub = vf_lt(x, vf_set(0x1p-126f)); // subnormal (and zero or negative, fixed below)
    vf xs = vf_sel(sub, vi_to_vf(vf_bits(x)), x);
    vf e;
    vf f = vm_log_split(xs, &e);
    e = vf_sub(e, vf_sel(sub, vf_set(149.0f), vf_set(0.0f)));
    vf y = vm_log_reconstruct(f, e, vf_set(0.0f));
    vf inf = vf_set(__builtin_inff());
    vm ok = vm_and(vf_gt(x, vf_set(0.0f)), vf_lt(x, inf));
    // 0 -> -inf, negative -> NaN, +inf and NaN -> themselves
    vf special = vf_sel(vf_lt(x, vf_set(0.0f)), vf_set(__builtin_nanf("")), x);
    special = vf_sel(vf_eq(x, vf_set(0.0f)), vf_neg(inf), special);
    return vf_sel(ok, y, special);
}

VM_INLINE vf vm_log1p(vf x0) {
    // Below 2^-28, log1p(x) = x - x^2/2 rounds to x; such x (subnormals included) are set aside, so that no
    // arithmetic sees a subnormal.
    vm tiny = vf_lt(vf_abs(x0), vf_set(0x1p-28f));
    vf x = vf_sel(tiny, vf_set(0.0f), x0);
    vf one = vf_set(1.0f);
    vm direct = vm_and(vf_ge(x, vf_set(VM_LOG1P_LO)), vf_lt(x, vf_set(VM_LOG1P_HI)));
    vf u = vf_add(one, x);
    vf c = vf_sub(x, vf_sub(u, one)); // the rounding error of 1 + x: exact where it matters (u <= 2^24)
    vf e;
    vf f = vm_log_split(u, &e);
    vf corr = vf_mul(c, vf_rcp(u)); // |c/u| <= 2^-24 while |log u| >= 0.34: 12 bits suffice
    f = vf_sel(direct, x, f);
    e = vf_sel(direct, vf_set(0.0f), e);
    corr = vf_sel(direct, vf_set(0.0f), corr);
    vf y = vm_log_reconstruct(f, e, corr);
    vf inf = vf_set(__builtin_inff());
    vm ok = vm_and(vf_gt(x, vf_set(-1.0f)), vf_lt(x, inf));
    // -1 -> -inf, below -1 -> NaN, +inf and NaN -> themselves; tiny (+-0 included) -> itself
    vf special = vf_sel(vf_lt(x, vf_set(-1.0f)), vf_set(__builtin_nanf("")), x);
    special = vf_sel(vf_eq(x, vf_set(-1.0f)), vf_neg(inf), special);
    y = vf_sel(ok, y, special);
    return vf_sel(tiny, x0, y);
}

VM_INLINE vf vm_exp(vf x) { return vm_exp_core(x, x, 0); }

// -|(x + xl) / tau| as hi + lo, to about 2^-46 relative (inv = 1/tau rounded), for |xl| <= ulp(x)/2 (read only
// when has_xl, a constant). lo is zeroed where |hi| >= 256.
VM_INLINE vf vm_neg_abs_quotient(vf x, vf xl, int has_xl, vf tau, vf inv, vf *lo) {
    vf q = vf_mul(x, inv);
    vf rem = vf_fnma_exact(q, tau, x); // x - q tau, one rounding: |rem| ~ 2^-23 |x|, so ~2^-47 relative
    if (has_xl) rem = vf_add(rem, xl);
    vf ql = vf_mul(rem, inv);
    ql = vf_sel(vf_lt(vf_abs(q), vf_set(256.0f)), ql, vf_set(0.0f)); // e^-256 is 0 anyway; also inf, NaN
    *lo = vf_sel(vf_lt(q, vf_set(0.0f)), ql, vf_neg(ql));
    return vf_neg_abs(q);
}

// (a + ca) / (b + cb) for b in [1, 2], ca and cb the rounding errors of a and b: the quotient, one Newton
// correction that also takes in ca and cb, one final rounding (within about 0.5 + 2^-4 ulp).
VM_INLINE vf vm_div_near1(vf a, vf ca, vf b, vf cb) {
    vf r = vf_rcp(b);
    vf q = vf_quot_near1(a, b, r);
    vf e = vf_fnma_exact(q, b, a); // a - q b
    e = vf_add(e, vf_fnma(q, cb, ca));
    return vf_fma(e, r, q);
}

// sigmoid from z = exp(-|v|) and the sign of v: 1/(1+z) for v >= 0, z/(1+z) below; NaN when v or z is NaN.
VM_INLINE vf vm_sigmoid_from(vf v, vf z) {
    vf one = vf_set(1.0f), zero = vf_set(0.0f);
    vf d = vf_add(one, z);
    vf c = vf_add(vf_sub(one, d), z); // exact (Fast2Sum, 1 >= z): d + c = 1 + z
    return vm_div_near1(vf_sel(vf_ge(v, zero), one, z), zero, d, c);
}

// The smooth family from z = e^(arg + lo), arg <= 0: *y = m + tau log1p(z) (want_y) and *d = sigmoid, 1/(1 + z)
// where v >= 0 and z/(1 + z) below (want_d); want_y, want_d and has_lo are constants. Where z < 2^-100 the
// results are finished in the scaled domain: log1p(z) = z and z/(1 + z) = z to the last bit, and vm_scale_down
// rounds them once (with tau >= 2^-25 no other operation can produce a subnormal).
VM_INLINE void vm_smooth(vf arg, vf lo, int has_lo, vf m, vf tau, vf v, int want_y, vf *y, int want_d, vf *d) {
    vf k;
    vm tiny;
    vf zs = vm_exp_split(arg, lo, has_lo, &k, &tiny);
    if (want_y) *y = vf_fma(tau, vm_log1p_unit(zs), m);
    if (want_d) *d = vm_sigmoid_from(v, zs);
    if (vm_any(tiny)) {
        zs = vf_sel(vf_lt(arg, vf_set(VM_EXP_MIN)), vf_set(0.0f), zs); // clamped: e^arg is 0 even for a huge tau
        if (want_y) {
            // |m| >= 2^-60 swallows tau z < tau 2^-100 (tau < 2^35); below, m + tau z is formed at scale 2^k
            vm small = vf_lt(vf_abs(m), vf_set(0x1p-60f));
            vf t = vm_scale_down(vf_fma(tau, zs, vf_scale2(m, k)), k);
            *y = vf_sel(tiny, vf_sel(small, t, m), *y);
        }
        if (want_d) {
            vf one = vf_set(1.0f);
            *d = vf_sel(tiny, vf_sel(vf_ge(v, vf_set(0.0f)), one, vm_scale_down(zs, k)), *d);
        }
    }
}

VM_INLINE vf vm_sigmoid(vf x) {
    vf d;
    vm_smooth(vf_neg_abs(x), x, 0, x, x, x, 0, &d, 1, &d);
    return d;
}

VM_INLINE vf vm_softplus(vf x) {
    vf y;
    vm_smooth(vf_neg_abs(x), x, 0, vf_max(vf_set(0.0f), x), vf_set(1.0f), x, 1, &y, 0, &y);
    return y; // max keeps NaN (second operand)
}

VM_INLINE vf vm_softplus_sigmoid(vf x, vf *d) {
    vf y;
    vm_smooth(vf_neg_abs(x), x, 0, vf_max(vf_set(0.0f), x), vf_set(1.0f), x, 1, &y, 1, d);
    return y;
}

// tau softplus(x / tau) = max(x, 0) + tau log1p(exp(-|x| / tau)) (want_y), and sigmoid(x / tau) in *d (want_d).
VM_INLINE vf vm_softplus_sigmoid_tau(vf x, vf tau, vf inv, int want_y, int want_d, vf *d) {
    vf lo, y = x;
    vf hi = vm_neg_abs_quotient(x, x, 0, tau, inv, &lo);
    vm_smooth(hi, lo, 1, vf_max(vf_set(0.0f), x), tau, x, want_y, &y, want_d, d);
    return y;
}

// max(a, b) + tau log1p(exp(-|a - b| / tau)) (returned when want_y), and w = sigmoid((a - b) / tau) when want_w;
// both flags are constants.
VM_INLINE vf vm_lse2_parts(vf a, vf b, vf tau, vf inv, int want_y, int want_w, vf *w) {
    // d + dl = a - b exactly (TwoSum): the rounding of a - b alone would cost up to |a - b|/tau half-ulps.
    vm eq = vf_eq(a, b); // a == b == +-inf gives d = 0, not NaN
    vf s = vf_sub(a, b);
    vf bv = vf_sub(s, a), av = vf_sub(s, bv);
    vf dl = vf_sub(vf_sub(a, av), vf_add(b, bv));
    vf d = vf_sel(eq, vf_set(0.0f), s);
    dl = vf_sel(eq, vf_set(0.0f), dl);
    vf lo, y = a;
    vf hi = vm_neg_abs_quotient(d, dl, 1, tau, inv, &lo);
    vm_smooth(hi, lo, 1, vf_max(a, b), tau, d, want_y, &y, want_w, w); // NaN in a or b reaches d, hence z
    return y;
}

VM_INLINE vf vm_lse2(vf a, vf b, vf tau, vf inv, int want_w, vf *w) {
    return vm_lse2_parts(a, b, tau, inv, 1, want_w, w);
}

VM_INLINE vf vm_tanh(vf x) {
    // Below 2^-28, tanh(x) = x - x^3/3 rounds to x; such x (subnormals included) are set aside, as in vm_log1p.
    vm tiny = vf_lt(vf_abs(x), vf_set(0x1p-28f));
    vf ax = vf_sel(tiny, vf_set(0.0f), vf_abs(x));
    // tanh(x) = x + x^3 T(x^2) on |x| <= 0.5625, relative error 2^-29.5 (degree-11 minimax).
    vf x2 = vf_mul(x, x);
    vf p = vf_set(-0x1.950024p-8f);
    p = vf_fma(p, x2, vf_set(0x1.582fb2p-6f));
    p = vf_fma(p, x2, vf_set(-0x1.b90948p-5f));
    p = vf_fma(p, x2, vf_set(0x1.110c72p-3f));
    p = vf_fma(p, x2, vf_set(-0x1.555548p-2f));
    vf small = vf_fma(vf_mul(x2, ax), p, ax);
    vf one = vf_set(1.0f);
    vf e = vm_exp_core(vf_mul(ax, vf_set(-2.0f)), x, 0); // <= 0.3247 here
    vf nu = vf_sub(one, e), de = vf_add(one, e);
    vf cnu = vf_sub(vf_sub(one, nu), e), cde = vf_add(vf_sub(one, de), e); // exact rounding errors (Fast2Sum)
    vf big = vm_div_near1(nu, cnu, de, cde);
    vf y = vf_copysign(vf_sel(vf_lt(ax, vf_set(VM_TANH_SPLIT)), small, big), x); // tanh is odd; -0 -> -0
    return vf_sel(tiny, x, y);
}

// ---- loops: whole vectors, then one masked tail ----

#define VM_UNARY_KERNEL(name, op)                                                                                  \
    void VM_NAME(name)(const float *x, float *y, long n) {                                                         \
        long i = 0;                                                                                                \
        for (; i + VM_WIDTH <= n; i += VM_WIDTH) vf_store(y + i, op(vf_load(x + i)));                              \
        if (i < n) vf_store_tail(y + i, op(vf_load_tail(x + i, n - i)), n - i);                                    \
    }

VM_UNARY_KERNEL(exp, vm_exp)
VM_UNARY_KERNEL(log, vm_log)
VM_UNARY_KERNEL(log1p, vm_log1p)
VM_UNARY_KERNEL(softplus, vm_softplus)
VM_UNARY_KERNEL(sigmoid, vm_sigmoid)
VM_UNARY_KERNEL(tanh, vm_tanh)

void VM_NAME(softplus_sigmoid)(const float *x, float *y, float *d, long n) {
    long i = 0;
    vf dv;
    for (; i + VM_WIDTH <= n; i += VM_WIDTH) {
        vf v = vm_softplus_sigmoid(vf_load(x + i), &dv);
        vf_store(y + i, v);
        vf_store(d + i, dv);
    }
    if (i < n) {
        vf v = vm_softplus_sigmoid(vf_load_tail(x + i, n - i), &dv);
        vf_store_tail(y + i, v, n - i);
        vf_store_tail(d + i, dv, n - i);
    }
}

// tau softplus(x / tau) into y (want_y) and sigmoid(x / tau) into d (want_d); both flags are constants.
VM_INLINE void vm_tau_loop(const float *x, float tau, float *y, float *d, long n, int want_y, int want_d) {
    vf t = vf_set(tau), inv = vf_set(1.0f / tau), dv;
    long i = 0;
    for (; i + VM_WIDTH <= n; i += VM_WIDTH) {
        vf v = vm_softplus_sigmoid_tau(vf_load(x + i), t, inv, want_y, want_d, &dv);
        if (want_y) vf_store(y + i, v);
        if (want_d) vf_store(d + i, dv);
    }
    if (i < n) {
        vf v = vm_softplus_sigmoid_tau(vf_load_tail(x + i, n - i), t, inv, want_y, want_d, &dv);
        if (want_y) vf_store_tail(y + i, v, n - i);
        if (want_d) vf_store_tail(d + i, dv, n - i);
    }
}

void VM_NAME(softplus_tau)(const float *x, float tau, float *y, long n) { vm_tau_loop(x, tau, y, y, n, 1, 0); }

void VM_NAME(sigmoid_tau)(const float *x, float tau, float *y, long n) { vm_tau_loop(x, tau, y, y, n, 0, 1); }

void VM_NAME(softplus_sigmoid_tau)(const float *x, float tau, float *y, float *d, long n) {
    vm_tau_loop(x, tau, y, d, n, 1, 1);
}

// max(a, b) + tau log1p(e^(-|a - b| / tau)) into y, and the weight into w when want_w (a constant).
VM_INLINE void vm_lse2_loop(const float *a, const float *b, float tau, float *y, float *w, long n, int want_w) {
    vf t = vf_set(tau), inv = vf_set(1.0f / tau), wv;
    long i = 0;
    for (; i + VM_WIDTH <= n; i += VM_WIDTH) {
        vf v = vm_lse2(vf_load(a + i), vf_load(b + i), t, inv, want_w, &wv);
        vf_store(y + i, v);
        if (want_w) vf_store(w + i, wv);
    }
    if (i < n) {
        vf v = vm_lse2(vf_load_tail(a + i, n - i), vf_load_tail(b + i, n - i), t, inv, want_w, &wv);
        vf_store_tail(y + i, v, n - i);
        if (want_w) vf_store_tail(w + i, wv, n - i);
    }
}

void VM_NAME(lse2)(const float *a, const float *b, float tau, float *y, float *w, long n) {
    if (w == 0)
        vm_lse2_loop(a, b, tau, y, w, n, 0);
    else
        vm_lse2_loop(a, b, tau, y, w, n, 1);
}
