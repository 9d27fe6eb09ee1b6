// The body of one level of icnn_softmin_rows_f64, included by softmin.c once per level (no include guard). The
// includer defines NAME (the function's name) and ATTR (its target attribute, or nothing), and the macros SPLAT,
// LOAD and VEXP.

static ATTR void NAME(const double *c, long rows, long cols, const double *h, double epsilon, double *out) {
    const double inverse = 1 / epsilon, logCount = log((double)cols);
    for (long i = 0; i < rows; i++) {
        const double *row = c + i * cols;
        v8d vmax = SPLAT(-INFINITY);
        long j = 0;
        for (; j + 8 <= cols; j += 8) vmax = __builtin_elementwise_max(LOAD(h + j) - LOAD(row + j), vmax);
        double largest = -INFINITY;
        for (int l = 0; l < 8; l++) largest = vmax[l] > largest ? vmax[l] : largest;
        for (; j < cols; j++) largest = h[j] - row[j] > largest ? h[j] - row[j] : largest;

        v8d acc = SPLAT(0.0), term;
        const v8d shift = SPLAT(largest), scale = SPLAT(inverse);
        for (j = 0; j + 8 <= cols; j += 8) {
            VEXP(term, (LOAD(h + j) - LOAD(row + j) - shift) * scale);
            acc += term;
        }
        if (j < cols) {
            double tail[8] = {0, 0, 0, 0, 0, 0, 0, 0};
            const long left = cols - j;
            for (long k = 0; k < left; k++) tail[k] = h[j + k] - row[j + k] - largest;
            VEXP(term, LOAD(tail) * scale);
            for (long k = 0; k < left; k++) acc[k] += term[k];
        }
        double s = 0;
        for (int l = 0; l < 8; l++) s += acc[l];
        out[i] = -(largest + epsilon * (log(s) - logCount));
    }
}
