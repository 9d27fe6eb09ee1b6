// Packing routines for one kernel family, included by the kernel templates (no include guard). The includer
// defines T, MR, NR, NAME(x) and TGT (a target attribute, possibly empty), so the copies vectorise for its level.
//
// When the source rows run along the panel width (A stored K x M, B stored K x N) the packers walk one source row
// at a time and deal it out to every panel, so the source is read sequentially. When they run along k (A stored
// M x K, B stored N x K) each panel transposes its own rows.

/// Packs A[0..<mc, 0..<kc] (op(A) coordinates) into panels of MR rows, k-major, the rows past mc zero-filled.
static TGT void NAME(packA)(int trans, long mc, long kc, const T *restrict a, long lda, T *restrict ap) {
    const long full = mc / MR * MR;
    if (trans) {
        for (long k = 0; k < kc; k++) {
            const T *src = a + k * lda;
            T *dst = ap + k * MR;
            for (long i = 0; i < full; i += MR, dst += MR * kc)
                for (long r = 0; r < MR; r++) dst[r] = src[i + r];
            if (full < mc) {
                long r = 0;
                for (; r < mc - full; r++) dst[r] = src[full + r];
                for (; r < MR; r++) dst[r] = 0;
            }
        }
        return;
    }
    for (long i = 0; i < mc; i += MR, ap += MR * kc) {
        const long mr = mc - i < MR ? mc - i : MR;
        for (long r = 0; r < mr; r++) {
            const T *src = a + (i + r) * lda;
            for (long k = 0; k < kc; k++) ap[k * MR + r] = src[k];
        }
        for (long r = mr; r < MR; r++)
            for (long k = 0; k < kc; k++) ap[k * MR + r] = 0;
    }
}

/// Packs B[0..<kc, 0..<nc] (op(B) coordinates) into panels of NR columns, k-major, the columns past nc zero-filled.
static TGT void NAME(packB)(int trans, long kc, long nc, const T *restrict b, long ldb, T *restrict bp) {
    const long full = nc / NR * NR;
    if (!trans) {
        for (long k = 0; k < kc; k++) {
            const T *src = b + k * ldb;
            T *dst = bp + k * NR;
            for (long j = 0; j < full; j += NR, dst += NR * kc)
                for (long jj = 0; jj < NR; jj++) dst[jj] = src[j + jj];
            if (full < nc) {
                long jj = 0;
                for (; jj < nc - full; jj++) dst[jj] = src[full + jj];
                for (; jj < NR; jj++) dst[jj] = 0;
            }
        }
        return;
    }
    for (long j = 0; j < nc; j += NR, bp += NR * kc) {
        const long nr = nc - j < NR ? nc - j : NR;
        long k0 = 0;  // the depth the scatter below starts at
#ifdef PACK_TRANSPOSE8
        // Whole panels in 8 x 8 register transposes: the scalar scatter below stores one element per 64 bytes and
        // was half of all packing time in the (64, 512, 4, 1024) steps (docs/ENGINE.md, sessions 13 and 14).
        _Static_assert(NR % 8 == 0, "PACK_TRANSPOSE8 needs panels of whole 8-column blocks");
        if (nr == NR)
            for (; k0 + 8 <= kc; k0 += 8)
                for (long jj = 0; jj < NR; jj += 8)
                    PACK_TRANSPOSE8(b + (j + jj) * ldb + k0, ldb, bp + k0 * NR + jj, NR);
#endif
        for (long jj = 0; jj < nr; jj++) {
            const T *src = b + (j + jj) * ldb;
            for (long k = k0; k < kc; k++) bp[k * NR + jj] = src[k];
        }
        for (long jj = nr; jj < NR; jj++)
            for (long k = 0; k < kc; k++) bp[k * NR + jj] = 0;
    }
}
