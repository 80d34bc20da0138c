package org.topicj.topics;

import java.util.Arrays;

/**
 * scipy's {@code linkage(y, "ward", optimal_ordering=True)} on a condensed distance matrix, step by
 * step as scipy computes it, so that the merges, their heights and the left/right order of every
 * node's children are scipy's: the nearest-neighbour chain with the Lance-Williams update for Ward
 * (the distances are treated as if Euclidean, as BERTopic does with its cosine distances), merges
 * sorted by height (stable), clusters relabelled {@code n, n+1, ...} with the smaller child first,
 * then the optimal leaf ordering of Bar-Joseph et al. (2001) in scipy's single-precision arithmetic,
 * which swaps children so that adjacent leaves are close.
 */
final class WardLinkage {
    private WardLinkage() {
    }

    /**
     * @param n points, &ge; 2
     * @param condensed the upper triangle of the distance matrix, row by row ({@code n(n-1)/2} values)
     * @return {@code n-1} merges {left, right, height, size}, by increasing height
     */
    static double[][] linkage(int n, double[] condensed) {
        double[][] z = nnChain(n, condensed);
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(z[a][2], z[b][2])); // stable, as numpy's mergesort
        double[][] sorted = new double[z.length][];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = z[order[i]].clone();
        }
        label(sorted, n);
        return OptimalLeafOrder.apply(sorted, n, condensed);
    }

    static int condensedIndex(int n, int i, int j) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return n * a - (a * (a + 1) / 2) + (b - a - 1);
    }

    private static double[][] nnChain(int n, double[] dists) {
        double[][] z = new double[n - 1][4];
        double[] d = dists.clone();
        int[] size = new int[n];
        Arrays.fill(size, 1);
        int[] chain = new int[n];
        int length = 0;
        int x = 0;
        int y = 0;
        for (int k = 0; k < n - 1; k++) {
            if (length == 0) {
                length = 1;
                for (int i = 0; i < n; i++) {
                    if (size[i] > 0) {
                        chain[0] = i;
                        break;
                    }
                }
            }
            double currentMin;
            while (true) {
                x = chain[length - 1];
                if (length > 1) {
                    y = chain[length - 2];
                    currentMin = d[condensedIndex(n, x, y)];
                } else {
                    currentMin = Double.POSITIVE_INFINITY;
                }
                for (int i = 0; i < n; i++) {
                    if (size[i] == 0 || x == i) {
                        continue;
                    }
                    double dist = d[condensedIndex(n, x, i)];
                    if (dist < currentMin) {
                        currentMin = dist;
                        y = i;
                    }
                }
                if (length > 1 && y == chain[length - 2]) {
                    break;
                }
                chain[length++] = y;
            }
            length -= 2;
            if (x > y) {
                int t = x;
                x = y;
                y = t;
            }
            int nx = size[x];
            int ny = size[y];
            z[k] = new double[] {x, y, currentMin, nx + ny};
            size[x] = 0;
            size[y] = nx + ny;
            for (int i = 0; i < n; i++) {
                int ni = size[i];
                if (ni == 0 || i == y) {
                    continue;
                }
                d[condensedIndex(n, i, y)] = ward(d[condensedIndex(n, i, x)], d[condensedIndex(n, i, y)], currentMin, nx, ny, ni);
            }
        }
        return z;
    }

    /** scipy's _ward, in its order of operations. */
    private static double ward(double dxi, double dyi, double dxy, int sx, int sy, int si) {
        double t = 1.0 / (sx + sy + si);
        return Math.sqrt((si + sx) * t * dxi * dxi + (si + sy) * t * dyi * dyi - si * t * dxy * dxy);
    }

    /** scipy's label: cluster ids n, n+1, ... in merge order, the smaller id first. */
    private static void label(double[][] z, int n) {
        int[] parent = new int[2 * n - 1];
        int[] size = new int[2 * n - 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            size[i] = 1;
        }
        int next = n;
        for (double[] row : z) {
            int xr = find(parent, (int) row[0]);
            int yr = find(parent, (int) row[1]);
            row[0] = Math.min(xr, yr);
            row[1] = Math.max(xr, yr);
            parent[xr] = next;
            parent[yr] = next;
            size[next] = size[xr] + size[yr];
            row[3] = size[next];
            next++;
        }
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int up = parent[x];
            parent[x] = root;
            x = up;
        }
        return root;
    }
}
