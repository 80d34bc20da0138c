package org.topicj.umap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.topicj.linalg.SymmetricEigen;

/**
 * UMAP's spectral initialisation: the eigenvectors of the normalised graph Laplacian with the
 * smallest non-trivial eigenvalues, found as the largest eigenvectors of D^-1/2 W D^-1/2 after
 * removing the known top one (D^1/2 1), by Lanczos iteration with full re-orthogonalisation.
 *
 * <p>A disconnected graph (umap-learn's multi-component case) is laid out component by
 * component: each component's own spectral layout, scaled and moved to its place on a
 * meta-layout (the ends of the coordinate axes for up to 2 x dim components, seeded random
 * points on a sphere beyond that); components too small for a spectral layout are placed at random
 * around their meta point.
 */
final class SpectralLayout {
    private SpectralLayout() {
    }

    static float[] layout(FuzzyGraph g, int dim, SplittableRandom rnd) {
        int n = g.n();
        int[] comp = components(g);
        int count = Arrays.stream(comp).max().orElse(-1) + 1;
        float[] out = new float[n * dim];
        if (count == 1) {
            int[] members = new int[n];
            for (int i = 0; i < n; i++) {
                members[i] = i;
            }
            double[][] vecs = componentLayout(g, members, dim, rnd);
            if (vecs == null) {
                return randomLayout(n, dim, rnd);
            }
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < dim; d++) {
                    out[i * dim + d] = (float) vecs[d][i];
                }
            }
            return out;
        }
        double[][] meta = metaPositions(count, dim, rnd);
        double minMeta = Double.POSITIVE_INFINITY;
        for (int a = 0; a < count; a++) {
            for (int b = a + 1; b < count; b++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    s += (meta[a][d] - meta[b][d]) * (meta[a][d] - meta[b][d]);
                }
                minMeta = Math.min(minMeta, Math.sqrt(s));
            }
        }
        double radius = minMeta / 2;
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            groups.get(comp[i]).add(i);
        }
        for (int c = 0; c < count; c++) {
            int[] members = groups.get(c).stream().mapToInt(Integer::intValue).toArray();
            double[][] vecs = members.length > 2 * dim + 1 ? componentLayout(g, members, dim, rnd) : null;
            double scale = 1;
            if (vecs != null) {
                double max = 0;
                for (double[] v : vecs) {
                    for (double x : v) {
                        max = Math.max(max, Math.abs(x));
                    }
                }
                scale = max > 0 ? radius / max : 1;
            }
            for (int m = 0; m < members.length; m++) {
                for (int d = 0; d < dim; d++) {
                    double offset = vecs != null ? vecs[d][m] * scale : rnd.nextDouble(-radius, radius);
                    out[members[m] * dim + d] = (float) (meta[c][d] + offset);
                }
            }
        }
        return out;
    }

    static float[] randomLayout(int n, int dim, SplittableRandom rnd) {
        float[] out = new float[n * dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) rnd.nextDouble(-10, 10);
        }
        return out;
    }

    private static double[][] metaPositions(int count, int dim, SplittableRandom rnd) {
        double[][] meta = new double[count][dim];
        if (count <= 2 * dim) {
            for (int c = 0; c < count; c++) {
                meta[c][c % dim] = c < dim ? 1 : -1;
            }
            return meta;
        }
        for (double[] p : meta) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                p[d] = rnd.nextGaussian();
                norm += p[d] * p[d];
            }
            for (int d = 0; d < dim; d++) {
                p[d] /= Math.sqrt(norm);
            }
        }
        return meta;
    }

    static int[] components(FuzzyGraph g) {
        int n = g.n();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < g.head().length; e++) {
            int a = find(parent, g.head()[e]);
            int b = find(parent, g.tail()[e]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] label = new int[n];
        Arrays.fill(label, -1);
        int next = 0;
        int[] comp = new int[n];
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (label[r] < 0) {
                label[r] = next++;
            }
            comp[i] = label[r];
        }
        return comp;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** The {@code dim} non-trivial leading eigenvectors of one component (vectors indexed like members), or null. */
    static double[][] componentLayout(FuzzyGraph g, int[] members, int dim, SplittableRandom rnd) {
        int m = members.length;
        int[] local = new int[g.n()];
        Arrays.fill(local, -1);
        for (int i = 0; i < m; i++) {
            local[members[i]] = i;
        }
        // Component CSR of W.
        int[] rowStart = new int[m + 1];
        for (int e = 0; e < g.head().length; e++) {
            if (local[g.head()[e]] >= 0) {
                rowStart[local[g.head()[e]] + 1]++;
            }
        }
        for (int i = 0; i < m; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] col = new int[rowStart[m]];
        double[] val = new double[rowStart[m]];
        int[] fill = rowStart.clone();
        for (int e = 0; e < g.head().length; e++) {
            int h = local[g.head()[e]];
            if (h >= 0) {
                col[fill[h]] = local[g.tail()[e]];
                val[fill[h]++] = g.weight()[e];
            }
        }
        double[] invSqrtDeg = new double[m];
        double[] top = new double[m];
        double topNorm = 0;
        for (int i = 0; i < m; i++) {
            double deg = 0;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                deg += val[p];
            }
            invSqrtDeg[i] = deg > 0 ? 1 / Math.sqrt(deg) : 0;
            top[i] = Math.sqrt(deg);
            topNorm += deg;
        }
        topNorm = Math.sqrt(topNorm);
        for (int i = 0; i < m; i++) {
            top[i] /= topNorm;
        }
        int steps = Math.min(m - 1, Math.max(4 * (dim + 1), 100));
        if (steps < dim) {
            return null;
        }
        double[][] basis = new double[steps + 1][];
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = rnd.nextGaussian();
        }
        orthogonalise(v, top, basis, 0);
        normalise(v);
        basis[0] = v;
        int used = steps;
        for (int j = 0; j < steps; j++) {
            double[] w = new double[m];
            double[] x = basis[j];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                    s += val[p] * invSqrtDeg[col[p]] * x[col[p]];
                }
                w[i] = s * invSqrtDeg[i];
            }
            alpha[j] = dot(w, x);
            orthogonalise(w, top, basis, j + 1);
            orthogonalise(w, top, basis, j + 1);
            double b = Math.sqrt(dot(w, w));
            if (b < 1e-10 || j == steps - 1) {
                used = j + 1;
                break;
            }
            beta[j] = b;
            for (int i = 0; i < m; i++) {
                w[i] /= b;
            }
            basis[j + 1] = w;
        }
        double[] t = new double[used * used];
        for (int j = 0; j < used; j++) {
            t[j * used + j] = alpha[j];
            if (j + 1 < used) {
                t[j * used + j + 1] = beta[j];
                t[(j + 1) * used + j] = beta[j];
            }
        }
        double[][] eig = SymmetricEigen.decompose(t, used);
        Integer[] order = new Integer[used];
        for (int i = 0; i < used; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig[0][b], eig[0][a]));
        if (used < dim) {
            return null;
        }
        double[][] vectors = new double[dim][m];
        for (int d = 0; d < dim; d++) {
            int e = order[d];
            for (int j = 0; j < used; j++) {
                double coef = eig[1][j * used + e];
                double[] bj = basis[j];
                for (int i = 0; i < m; i++) {
                    vectors[d][i] += coef * bj[i];
                }
            }
        }
        return vectors;
    }

    private static void orthogonalise(double[] w, double[] top, double[][] basis, int count) {
        double c = dot(w, top);
        for (int i = 0; i < w.length; i++) {
            w[i] -= c * top[i];
        }
        for (int j = 0; j < count; j++) {
            double[] b = basis[j];
            double cj = dot(w, b);
            for (int i = 0; i < w.length; i++) {
                w[i] -= cj * b[i];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void normalise(double[] v) {
        double s = Math.sqrt(dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] /= s;
        }
    }
}
