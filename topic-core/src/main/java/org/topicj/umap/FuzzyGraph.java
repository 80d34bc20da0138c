package org.topicj.umap;

import java.util.Arrays;
import org.topicj.concurrent.Workers;

/**
 * UMAP's fuzzy simplicial set: each point's k-neighbour distances become membership strengths
 * {@code exp(-(d - rho) / sigma)}, with {@code rho} the distance to the nearest neighbour and
 * {@code sigma} chosen so the strengths sum to {@code log2(k)}; the directed graph is then
 * symmetrised by fuzzy union. Stored as a list of directed edges (both directions present),
 * sorted by (head, tail).
 *
 * @param n points
 * @param head edge sources
 * @param tail edge targets
 * @param weight edge strengths in (0, 1]
 */
record FuzzyGraph(int n, int[] head, int[] tail, float[] weight) {
    private static final double SMOOTH_K_TOLERANCE = 1e-5;
    private static final double MIN_K_DIST_SCALE = 1e-3;

    /** Sigmas and rhos for each row of a neighbour graph (umap-learn's smooth_knn_dist). */
    static double[][] smoothKnnDistances(float[] dists, int n, int k, double localConnectivity) {
        return smoothKnnDistances(dists, n, k, localConnectivity, 1);
    }

    /** As {@link #smoothKnnDistances(float[], int, int, double)}, rows in parallel (each row is independent). */
    static double[][] smoothKnnDistances(float[] dists, int n, int k, double localConnectivity, int threads) {
        double target = Math.log(k) / Math.log(2);
        double[] sigma = new double[n];
        double[] rho = new double[n];
        double sum = 0;
        for (float d : dists) {
            sum += d;
        }
        double meanAll = sum / dists.length;
        Workers.forEach(threads, n, i -> smoothRow(dists, i, k, localConnectivity, target, meanAll, sigma, rho));
        return new double[][] {sigma, rho};
    }

    private static void smoothRow(float[] dists, int i, int k, double localConnectivity, double target, double meanAll,
                                  double[] sigma, double[] rho) {
        int base = i * k;
        float[] nonZero = new float[k];
        int nz = 0;
        double mean = 0;
        for (int j = 0; j < k; j++) {
            mean += dists[base + j];
            if (dists[base + j] > 0) {
                nonZero[nz++] = dists[base + j];
            }
        }
        mean /= k;
        if (nz >= localConnectivity) {
            int index = (int) Math.floor(localConnectivity);
            double interpolation = localConnectivity - index;
            if (index > 0) {
                rho[i] = nonZero[index - 1];
                if (interpolation > SMOOTH_K_TOLERANCE) {
                    rho[i] += interpolation * (nonZero[index] - nonZero[index - 1]);
                }
            } else {
                rho[i] = interpolation * nonZero[0];
            }
        } else if (nz > 0) {
            double max = 0;
            for (int j = 0; j < nz; j++) {
                max = Math.max(max, nonZero[j]);
            }
            rho[i] = max;
        }
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1;
        for (int iter = 0; iter < 64; iter++) {
            double psum = 0;
            for (int j = 1; j < k; j++) {
                double d = dists[base + j] - rho[i];
                psum += d > 0 ? Math.exp(-(d / mid)) : 1.0;
            }
            if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) {
                break;
            }
            if (psum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = Double.isInfinite(hi) ? mid * 2 : (lo + hi) / 2;
            }
        }
        sigma[i] = mid;
        double floor = MIN_K_DIST_SCALE * (rho[i] > 0 ? mean : meanAll);
        if (sigma[i] < floor) {
            sigma[i] = floor;
        }
    }

    /** Directed membership strength of neighbour slot (i, j) (umap-learn's compute_membership_strengths). */
    static float strength(KnnGraph g, double[] sigma, double[] rho, int i, int slot, boolean bipartite) {
        int j = g.indices()[i * g.k() + slot];
        float d = g.distances()[i * g.k() + slot];
        if (!bipartite && j == i) {
            return 0f;
        }
        if (d - rho[i] <= 0 || sigma[i] == 0) {
            return 1f;
        }
        return (float) Math.exp(-((d - rho[i]) / sigma[i]));
    }

    static FuzzyGraph build(KnnGraph g, double localConnectivity, double setOpMixRatio) {
        return build(g, localConnectivity, setOpMixRatio, 1);
    }

    /** The fuzzy union (or mix) of the directed strengths; rows are computed in parallel, the result does not depend on it. */
    static FuzzyGraph build(KnnGraph g, double localConnectivity, double setOpMixRatio, int threads) {
        int n = g.n();
        int k = g.k();
        double[][] sr = smoothKnnDistances(g.distances(), n, k, localConnectivity, threads);
        // Directed strengths as a sparse row per point, sorted by column (a row's neighbours are distinct).
        int[] cols = new int[n * k];
        float[] vals = new float[n * k];
        Workers.forEach(threads, n, i -> {
            for (int s = 0; s < k; s++) {
                cols[i * k + s] = g.indices()[i * k + s];
                vals[i * k + s] = strength(g, sr[0], sr[1], i, s, false);
            }
            sortByKey(cols, vals, i * k, (i + 1) * k);
        });
        int[] head = new int[2 * n * k];
        int[] tail = new int[2 * n * k];
        float[] weight = new float[2 * n * k];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < k; s++) {
                int j = cols[i * k + s];
                float a = vals[i * k + s];
                if (j == i || a == 0) {
                    continue;
                }
                float b = lookup(cols, vals, k, j, i);
                double union = a + b - (double) a * b;
                float w = (float) (setOpMixRatio * union + (1 - setOpMixRatio) * a * b);
                if (w <= 0) {
                    continue;
                }
                head[e] = i;
                tail[e] = j;
                weight[e++] = w;
                if (b == 0) {
                    // j does not list i: emit the reverse direction here, since j's row will not.
                    head[e] = j;
                    tail[e] = i;
                    weight[e++] = w;
                }
            }
        }
        return sorted(n, Arrays.copyOf(head, e), Arrays.copyOf(tail, e), Arrays.copyOf(weight, e));
    }

    /**
     * umap-learn's categorical intersection with labels ({@code discrete_metric_simplicial_set_intersection}
     * with {@code unknown_dist} and {@code far_dist}, then {@code reset_local_connectivity}): an edge
     * with an unlabelled end (-1) is weakened by {@code exp(-unknownDist)}, an edge between different
     * labels by {@code exp(-farDist)}; edges that become 0 are dropped; then every row is divided by
     * its strongest edge and the graph is symmetrised again by fuzzy union. In float32 arithmetic, as
     * umap-learn computes it.
     *
     * @param labels one per point, -1 for unknown
     * @param unknownDist distance of an unknown label from any label (umap-learn: 1.0)
     * @param farDist distance between different labels (umap-learn: 2.5 / (1 - target_weight), or 1e12)
     * @return the intersected graph
     */
    FuzzyGraph intersectLabels(int[] labels, double unknownDist, double farDist) {
        int[] h = new int[head.length];
        int[] t = new int[head.length];
        float[] w = new float[head.length];
        int e = 0;
        for (int i = 0; i < head.length; i++) {
            int a = labels[head[i]];
            int b = labels[tail[i]];
            double factor = a == -1 || b == -1 ? Math.exp(-unknownDist) : a != b ? Math.exp(-farDist) : 1;
            float v = (float) (weight[i] * factor);
            if (v != 0) {
                h[e] = head[i];
                t[e] = tail[i];
                w[e++] = v;
            }
        }
        return resetLocalConnectivity(n, Arrays.copyOf(h, e), Arrays.copyOf(t, e), Arrays.copyOf(w, e));
    }

    /** Rows divided by their largest weight, then {@code W + W^T - W o W^T}; the edge pattern is symmetric. */
    private static FuzzyGraph resetLocalConnectivity(int n, int[] head, int[] tail, float[] weight) {
        float[] rowMax = new float[n];
        for (int e = 0; e < head.length; e++) {
            rowMax[head[e]] = Math.max(rowMax[head[e]], Math.abs(weight[e]));
        }
        float[] scaled = new float[weight.length];
        for (int e = 0; e < weight.length; e++) {
            scaled[e] = weight[e] / rowMax[head[e]];
        }
        int[] h = new int[head.length];
        int[] t = new int[head.length];
        float[] w = new float[head.length];
        int out = 0;
        for (int e = 0; e < head.length; e++) {
            int reverse = find(head, tail, tail[e], head[e]);
            float a = scaled[e];
            float b = reverse >= 0 ? scaled[reverse] : 0f;
            float v = (a + b) - a * b;
            if (v != 0) {
                h[out] = head[e];
                t[out] = tail[e];
                w[out++] = v;
            }
        }
        return new FuzzyGraph(n, Arrays.copyOf(h, out), Arrays.copyOf(t, out), Arrays.copyOf(w, out));
    }

    /** The edge (from, to) in edges sorted by (head, tail), or -1. */
    private static int find(int[] head, int[] tail, int from, int to) {
        int lo = 0;
        int hi = head.length - 1;
        long key = ((long) from << 32) | (to & 0xffffffffL);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = ((long) head[mid] << 32) | (tail[mid] & 0xffffffffL);
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static float lookup(int[] cols, float[] vals, int k, int row, int col) {
        int lo = row * k;
        int hi = lo + k - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cols[mid] < col) {
                lo = mid + 1;
            } else if (cols[mid] > col) {
                hi = mid - 1;
            } else {
                return vals[mid];
            }
        }
        return 0f;
    }

    /**
     * Edges in (head, tail) order, which the layout relies on. Every (head, tail) pair occurs once, so the order
     * is unique: a counting sort by head, then an insertion sort by tail within each head's few edges.
     */
    private static FuzzyGraph sorted(int n, int[] head, int[] tail, float[] weight) {
        int[] start = new int[n + 1];
        for (int h : head) {
            start[h + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = start.clone();
        int[] h = new int[head.length];
        int[] t = new int[head.length];
        float[] w = new float[head.length];
        for (int e = 0; e < head.length; e++) {
            int at = fill[head[e]]++;
            h[at] = head[e];
            t[at] = tail[e];
            w[at] = weight[e];
        }
        for (int i = 0; i < n; i++) {
            sortByKey(t, w, start[i], start[i + 1]);
        }
        return new FuzzyGraph(n, h, t, w);
    }

    /** Insertion sort of {@code key[from, to)} ascending, carrying {@code value} along; for short runs of distinct keys. */
    private static void sortByKey(int[] key, float[] value, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int kk = key[i];
            float v = value[i];
            int j = i - 1;
            while (j >= from && key[j] > kk) {
                key[j + 1] = key[j];
                value[j + 1] = value[j];
                j--;
            }
            key[j + 1] = kk;
            value[j + 1] = v;
        }
    }
}
