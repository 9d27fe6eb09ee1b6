// The cache-blocked GEMM driver for one element type, included by gemm.c once per type (no include guard).
// The includer defines T, KT (kernel table type) and SFX (name suffix).
//
// Loop nest (GotoBLAS/BLIS style): columns of C in blocks of nc, depth in blocks of kc (packed B block kc x nc,
// reused by every row block), rows in blocks of mc (A packed only when stored K x M with long rows), then the
// level's macro kernel walks mr-high A tiles (kept in L1) and, inside, the nr-wide B panels (streamed from L2).

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define NAME(x) CAT(x, SFX)

/// C[rows, cols] = beta * D[rows, cols], writing zeros without reading D when beta == 0 (D may be C).
static void NAME(scale)(long i0, long i1, long j0, long j1, T beta, const T *D, long ldd, T *C, long ldc) {
    for (long i = i0; i < i1; i++) {
        T *c = C + i * ldc;
        const T *d = D + i * ldd;
        if (beta == 0)
            for (long j = j0; j < j1; j++) c[j] = 0;
        else if (beta != 1 || d != c)
            for (long j = j0; j < j1; j++) c[j] = beta * d[j];
    }
}

/// The depth and column blocks of a product: functions of the whole product only (and of the level), so every
/// element of C sees the same depth blocks whichever part of C a call computes. Depth blocks are of (almost) equal
/// size, the level's large-C depth where the whole C is large (see ICNN_GEMM_LARGE_C).
static icnn_gemm_blocks NAME(blocks)(const KT *kt, long M, long N, long K) {
    const long kcMax = kt->kcLargeC > 0 && M * N >= ICNN_GEMM_LARGE_C ? kt->kcLargeC : kt->kc;
    const long parts = K > 0 ? (K + kcMax - 1) / kcMax : 1;
    const long kcb = K > 0 ? (K + parts - 1) / parts : 0;
    // The blocks the loops walk: `parts` except for very deep products (K beyond about kcMax squared), where
    // rounding kcb up can leave one fewer.
    const long kblocks = K > 0 ? (K + kcb - 1) / kcb : 1;
    const long ncb = N < kt->nc ? N : kt->nc;
    const long nblocks = ncb > 0 ? (N + ncb - 1) / ncb : 1;
    const long stride = kcb * ((ncb + kt->nr - 1) / kt->nr * kt->nr);
    return (icnn_gemm_blocks){kcb, kblocks, ncb, nblocks, stride};
}

/// Packs part `part` of `splits` of op(B)'s block (jb, pb) of `bl` into `bp` (the block's own start): a contiguous
/// range of its nr-wide panels, so that the parts of one block may be packed concurrently.
static void NAME(pack_shared)(const KT *kt, int tb, long N, long K, const T *B, long ldb, icnn_gemm_blocks bl,
                              long jb, long pb, long part, long splits, T *bp) {
    const long jc = jb * bl.ncb, pc = pb * bl.kcb;
    const long nc = N - jc < bl.ncb ? N - jc : bl.ncb, kc = K - pc < bl.kcb ? K - pc : bl.kcb;
    const long panels = (nc + kt->nr - 1) / kt->nr;
    const long p0 = panels * part / splits, p1 = panels * (part + 1) / splits;
    if (p0 >= p1) return;
    const long c0 = jc + p0 * kt->nr, cols = (p1 * kt->nr < nc ? p1 * kt->nr : nc) - p0 * kt->nr;
    kt->packB(tb, kc, cols, tb ? B + c0 * ldb + pc : B + pc * ldb + c0, ldb, bp + p0 * kt->nr * kc);
}

/// C = alpha op(A) op(B) + beta D on C[i0..<i1, j0..<j1]; D (row r at D + r*ldd) is C itself for a plain GEMM.
/// `sharedB`, when not NULL, holds all of op(B) packed by pack_shared (block (jb, pb) at sharedB + (jb * kblocks +
/// pb) * stride), and the call must cover every column (j0 = 0, j1 = N): B is then not packed here.
static void NAME(drive)(const KT *kt, int ta, int tb, long M, long N, long K, T alpha, const T *A, long lda,
                        const T *B, long ldb, T beta, const T *D, long ldd, T *C, long ldc, long i0, long i1, long j0,
                        long j1, const T *sharedB) {
    if (i0 < 0) i0 = 0;
    if (j0 < 0) j0 = 0;
    if (i1 > M) i1 = M;
    if (j1 > N) j1 = N;
    if (i0 >= i1 || j0 >= j1) return;
    if (K <= 0 || alpha == 0) {
        NAME(scale)(i0, i1, j0, j1, beta, D, ldd, C, ldc);
        return;
    }
    const long mr = kt->mr, nr = kt->nr;
    const icnn_gemm_blocks bl = NAME(blocks)(kt, M, N, K);
    const long kcb = bl.kcb;
    const long ncb = j1 - j0 < kt->nc ? j1 - j0 : kt->nc;
    const long mcb = i1 - i0 < kt->mc ? i1 - i0 : kt->mc;
    // A stored M x K is read in place: the macro kernel keeps each row tile in L1 across all B panels, and
    // packing it cost 10-17 % of the product at 1024x128x128 (C harness, thread CPU time: 147 -> 160 GFLOP/s
    // without it). In large products (levels with packLargeA: at least 512 rows and depth, 256 columns) packing
    // wins instead, most with two threads, whose streams of twelve strided rows compete for the shared cache:
    // medians of per-sample speed-ups, both drivers timed in turn, 4096x1024x1024 1.02 on one thread and
    // 1.07 on two, 1024x512x512 1.02 on two, while depth 64-128 or 256 rows lost 1-3 %. A stored K x M is packed
    // when its rows are 1 KiB or longer: a tile then spans kc lines that share few L1 sets (1024x4096x1024: 134
    // packed, 109 in place), while short rows read in place win (128x1024x128: 126 -> 145).
    // With a shared B the call is one chunk of a large product: the product's rows decide, as for one call.
    const long rows = sharedB ? M : i1 - i0;
    const int packA = ta ? ncb > 2 * nr && lda * (long)sizeof(T) >= 1024
                         : kt->packLargeA && rows >= 512 && K >= 512 && ncb >= 256;
    // With few rows of A, each element of B is used too few times to repay packing; B stored K x N is then read
    // in place (when the level's kernels support it). Beyond two tiles of rows only for short rows of B: rows
    // 4 KiB or more apart fall into few cache sets and evict each other.
    const int directB =
        !sharedB && kt->directB && !tb && (rows <= 2 * mr || (rows <= 8 * mr && ldb * (long)sizeof(T) < 4096));
    const size_t bElems = directB || sharedB ? 0 : (size_t)kcb * (size_t)((ncb + nr - 1) / nr * nr);
    const size_t bBytes = (bElems * sizeof(T) + 63) / 64 * 64;
    const size_t aElems = packA ? (size_t)kcb * (size_t)((mcb + mr - 1) / mr * mr) : 0;
    char *buffer = icnn_gemm_thread_buffer(bBytes + aElems * sizeof(T));
    T *bp = (T *)buffer;
    T *ap = (T *)(buffer + bBytes);
    for (long jc = j0, jb = 0; jc < j1; jc += ncb, jb++) {
        const long nc = j1 - jc < ncb ? j1 - jc : ncb;
        for (long pc = 0, pb = 0; pc < K; pc += kcb, pb++) {
            const long kc = K - pc < kcb ? K - pc : kcb;
            const T *bsrc = tb ? B + jc * ldb + pc : B + pc * ldb + jc;
            const T *panels = sharedB ? sharedB + (jb * bl.kblocks + pb) * bl.stride : bp;
            if (!sharedB && !directB) kt->packB(tb, kc, nc, bsrc, ldb, bp);
            for (long ic = i0; ic < i1; ic += mcb) {
                const long mc = i1 - ic < mcb ? i1 - ic : mcb;
                const T *a = ta ? A + pc * lda + ic : A + ic * lda + pc;
                long rsa = ta ? 1 : lda, csa = ta ? lda : 1, apanel = mr * rsa;
                if (packA) {
                    kt->packA(ta, mc, kc, a, lda, ap);
                    a = ap;
                    rsa = 1;
                    csa = mr;
                    apanel = mr * kc;
                }
                kt->macro(mc, nc, kc, a, rsa, csa, apanel, directB ? bsrc : panels, directB ? ldb : 0,
                          C + ic * ldc + jc, ldc, D + ic * ldd + jc, ldd, alpha, beta, pc == 0);
            }
        }
    }
}

#undef NAME
