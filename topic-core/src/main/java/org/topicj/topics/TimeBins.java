package org.topicj.topics;

import java.time.Instant;

/**
 * pandas' {@code cut(x, bins=n)} as BERTopic's {@code topics_over_time(nr_bins=n)} uses it, with
 * pandas 1.5's arithmetic: n equal-width intervals from the minimum to the maximum, right-closed,
 * the first edge pushed down by 0.1% of the range so that the minimum falls inside (when every
 * value is equal, the range is widened by 0.1% of the value on both sides, or by 0.001 around 0).
 * A document's bin is named by its left edge: for numbers, rounded as pandas labels intervals (3
 * significant decimals, more until the edges are distinct), so that two bins never share a name;
 * for instants (binned as float64 nanoseconds since the epoch, as pandas 1.5 does; pandas 2
 * computes the edges in int64, which may differ by nanoseconds), the edge itself.
 */
final class TimeBins {
    private TimeBins() {
    }

    /**
     * @param timestamps one per document
     * @param nrBins how many bins, &ge; 1
     * @return each document's bin, named by its left edge
     */
    static Timestamps.Value[] bin(Timestamps timestamps, int nrBins) {
        double[] x = timestamps.asNumbers();
        if (x.length == 0) {
            throw new IllegalArgumentException("no timestamps to bin");
        }
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            mn = Math.min(mn, v);
            mx = Math.max(mx, v);
        }
        double[] edges;
        if (mn == mx) {
            mn -= mn != 0 ? 0.001 * Math.abs(mn) : 0.001;
            mx += mx != 0 ? 0.001 * Math.abs(mx) : 0.001;
            edges = linspace(mn, mx, nrBins + 1);
        } else {
            edges = linspace(mn, mx, nrBins + 1);
            edges[0] -= (mx - mn) * 0.001;
        }
        Timestamps.Value[] names = new Timestamps.Value[nrBins];
        int precision = timestamps.isInstants() ? 0 : precision(edges);
        for (int b = 0; b < nrBins; b++) {
            names[b] = timestamps.isInstants() ? Timestamps.Value.of(instant(edges[b])) : Timestamps.Value.of(roundFrac(edges[b], precision));
        }
        Timestamps.Value[] out = new Timestamps.Value[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = names[searchLeft(edges, x[i]) - 1];
        }
        return out;
    }

    /** numpy's linspace with its endpoint: start + i * step, the last exactly stop. */
    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        out[num - 1] = stop;
        return out;
    }

    /** numpy's searchsorted(side="left"): the first index whose edge is &ge; x. */
    private static int searchLeft(double[] edges, double x) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** pandas' _infer_precision: from 3 up to 19, the first precision at which the rounded edges are distinct. */
    static int precision(double[] edges) {
        for (int p = 3; p < 20; p++) {
            java.util.Set<Double> levels = new java.util.HashSet<>();
            for (double e : edges) {
                levels.add(roundFrac(e, p));
            }
            if (levels.size() == edges.length) {
                return p;
            }
        }
        return 3;
    }

    /** pandas' _round_frac: p decimals, or p significant digits when the integer part is 0 (numpy's half-even around). */
    static double roundFrac(double x, int precision) {
        if (!Double.isFinite(x) || x == 0) {
            return x;
        }
        double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
        double frac = x - whole;
        int digits = whole == 0 ? -(int) Math.floor(Math.log10(Math.abs(frac))) - 1 + precision : precision;
        double scale = powerOfTen(digits);
        return Math.rint(x * scale) / scale;
    }

    /** numpy's power_of_ten: exact for the exponents rounding uses (products of 10 up to 1e22 are exact). */
    private static double powerOfTen(int n) {
        double ret = 1;
        for (int i = 0; i < n; i++) {
            ret *= 10;
        }
        return ret;
    }

    private static Instant instant(double nanos) {
        long n = (long) nanos;
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }
}
