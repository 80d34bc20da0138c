package org.topicj.topics;

/**
 * scipy's {@code optimal_leaf_ordering} (Bar-Joseph, Gifford and Jaakkola 2001), ported from
 * scipy's Cython so that ties resolve as they do there: the same single-precision sums, the same
 * quicksort of candidate rows, the same strict comparisons. It decides, for every node, whether to
 * swap its children so that the sum of distances between adjacent leaves is smallest.
 */
final class OptimalLeafOrder {
    private OptimalLeafOrder() {
    }

    /**
     * @param z a linkage ({@link WardLinkage} before ordering)
     * @param n leaves
     * @param condensed the distances it was computed from
     * @return the linkage with children swapped where the order requires
     */
    static double[][] apply(double[][] z, int n, double[] condensed) {
        int[] leaves = leaves(z, n);
        int[] position = new int[n];
        for (int s = 0; s < n; s++) {
            position[leaves[s]] = s;
        }
        int[][] sortedZ = new int[z.length][2];
        for (int i = 0; i < z.length; i++) {
            for (int c = 0; c < 2; c++) {
                int v = (int) z[i][c];
                sortedZ[i][c] = v < n ? position[v] : v;
            }
        }
        double[][] d = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                d[a][b] = a == b ? 0 : condensed[WardLinkage.condensedIndex(n, leaves[a], leaves[b])];
            }
        }
        int[][] ranges = new int[2 * n - 1][2];
        for (int i = 0; i < n; i++) {
            ranges[i][0] = i;
            ranges[i][1] = i + 1;
        }
        for (int i = 0; i < z.length; i++) {
            ranges[n + i][0] = ranges[sortedZ[i][0]][0];
            ranges[n + i][1] = ranges[sortedZ[i][1]][1];
        }
        int[] mustSwap = identifySwaps(sortedZ, d, ranges, n);
        boolean[] swap = finalSwaps(sortedZ, mustSwap, n);
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = swap[i] ? new double[] {z[i][1], z[i][0], z[i][2], z[i][3]} : z[i].clone();
        }
        return out;
    }

    /** scipy's leaves_list: the leaves left to right (pre-order, left child first). */
    static int[] leaves(double[][] z, int n) {
        int[] out = new int[n];
        int[] stack = new int[2 * n];
        int top = 0;
        int count = 0;
        stack[top++] = 2 * n - 2;
        while (top > 0) {
            int v = stack[--top];
            if (v < n) {
                out[count++] = v;
            } else {
                stack[top++] = (int) z[v - n][1];
                stack[top++] = (int) z[v - n][0];
            }
        }
        return out;
    }

    private static int[] identifySwaps(int[][] z, double[][] d, int[][] ranges, int n) {
        float[][] m = new float[n][n];
        int[][][] swapStatus = new int[n][n][2];
        int[] mustSwap = new int[z.length];
        int[] uClusters = new int[2];
        int[] mClusters = new int[2];
        int[] wClusters = new int[2];
        int[] kClusters = new int[2];
        float[] mVals = new float[n];
        int[] mIdx = new int[n];
        float[] kVals = new float[n];
        int[] kIdx = new int[n];
        for (int i = 0; i < z.length; i++) {
            int vl = z[i][0];
            int vr = z[i][1];
            int totalU;
            int totalW;
            if (vl < n) {
                totalU = 1;
                uClusters[0] = vl;
                mClusters[0] = vl;
            } else {
                totalU = 2;
                uClusters[0] = z[vl - n][0];
                mClusters[0] = z[vl - n][1];
                uClusters[1] = z[vl - n][1];
                mClusters[1] = z[vl - n][0];
            }
            if (vr < n) {
                totalW = 1;
                wClusters[0] = vr;
                kClusters[0] = vr;
            } else {
                totalW = 2;
                wClusters[0] = z[vr - n][1];
                wClusters[1] = z[vr - n][0];
                kClusters[0] = z[vr - n][0];
                kClusters[1] = z[vr - n][1];
            }
            for (int swapL = 0; swapL < totalU; swapL++) {
                for (int swapR = 0; swapR < totalW; swapR++) {
                    int uMin = ranges[uClusters[swapL]][0];
                    int uMax = ranges[uClusters[swapL]][1];
                    int mMin = ranges[mClusters[swapL]][0];
                    int mMax = ranges[mClusters[swapL]][1];
                    int wMin = ranges[wClusters[swapR]][0];
                    int wMax = ranges[wClusters[swapR]][1];
                    int kMin = ranges[kClusters[swapR]][0];
                    int kMax = ranges[kClusters[swapR]][1];
                    float minKm = 1073741824f;
                    for (int a = mMin; a < mMax; a++) {
                        for (int b = kMin; b < kMax; b++) {
                            if (d[a][b] < minKm) {
                                minKm = (float) d[a][b];
                            }
                        }
                    }
                    for (int u = uMin; u < uMax; u++) {
                        sortSlice(m, mVals, mIdx, mMin, mMax, u);
                        for (int w = wMin; w < wMax; w++) {
                            sortSlice(m, kVals, kIdx, kMin, kMax, w);
                            float curMin = 1073741824f;
                            for (int mi = 0; mi < mMax - mMin; mi++) {
                                int mm = mIdx[mi];
                                if (m[u][mm] + m[w][kIdx[0]] + minKm >= curMin) {
                                    break;
                                }
                                for (int ki = 0; ki < kMax - kMin; ki++) {
                                    int kk = kIdx[ki];
                                    if (m[u][mm] + m[w][kk] + minKm >= curMin) {
                                        break;
                                    }
                                    float current = (float) ((double) (m[u][mm] + m[w][kk]) + d[mm][kk]);
                                    if (current < curMin) {
                                        curMin = current;
                                    }
                                }
                            }
                            m[u][w] = curMin;
                            m[w][u] = curMin;
                            swapStatus[u][w][0] = swapL;
                            swapStatus[w][u][0] = swapL;
                            swapStatus[u][w][1] = swapR;
                            swapStatus[w][u][1] = swapR;
                        }
                    }
                }
            }
            float curMin = 1073741824f;
            int bestU = 0;
            int bestW = 0;
            for (int u = ranges[vl][0]; u < ranges[vl][1]; u++) {
                for (int w = ranges[vr][0]; w < ranges[vr][1]; w++) {
                    if (m[u][w] < curMin) {
                        curMin = m[u][w];
                        bestU = u;
                        bestW = w;
                    }
                }
            }
            if (vl >= n) {
                mustSwap[vl - n] = swapStatus[bestU][bestW][0];
            }
            if (vr >= n) {
                mustSwap[vr - n] = swapStatus[bestU][bestW][1];
            }
        }
        return mustSwap;
    }

    /** A node is swapped if an odd number of it and its ancestors must swap (rotating a node reverses its subtree). */
    private static boolean[] finalSwaps(int[][] z, int[] mustSwap, int n) {
        int nodes = z.length;
        boolean[][] descendant = new boolean[nodes][nodes];
        for (int i = 0; i < nodes; i++) {
            descendant[i][i] = true;
            for (int c = 0; c < 2; c++) {
                int child = z[i][c];
                if (child >= n) {
                    for (int j = 0; j < nodes; j++) {
                        descendant[i][j] |= descendant[child - n][j];
                    }
                }
            }
        }
        boolean[] out = new boolean[nodes];
        for (int j = 0; j < nodes; j++) {
            int count = 0;
            for (int i = 0; i < nodes; i++) {
                count += descendant[i][j] && mustSwap[i] != 0 ? 1 : 0;
            }
            out[j] = count % 2 == 1;
        }
        return out;
    }

    /** vals/idx = M[lo..hi, col] and its rows, sorted by scipy's (unstable) quicksort. */
    private static void sortSlice(float[][] m, float[] vals, int[] idx, int lo, int hi, int col) {
        for (int i = 0; i < hi - lo; i++) {
            vals[i] = m[lo + i][col];
            idx[i] = lo + i;
        }
        quicksort(vals, idx, 0, hi - lo);
    }

    /** scipy's _simultaneous_sort (from scikit-learn): median-of-three quicksort over [offset, offset + size). */
    private static void quicksort(float[] dist, int[] idx, int offset, int size) {
        if (size <= 1) {
            return;
        }
        if (size == 2) {
            if (dist[offset] > dist[offset + 1]) {
                swap(dist, idx, offset, offset + 1);
            }
            return;
        }
        if (size == 3) {
            if (dist[offset] > dist[offset + 1]) {
                swap(dist, idx, offset, offset + 1);
            }
            if (dist[offset + 1] > dist[offset + 2]) {
                swap(dist, idx, offset + 1, offset + 2);
                if (dist[offset] > dist[offset + 1]) {
                    swap(dist, idx, offset, offset + 1);
                }
            }
            return;
        }
        int pivotIdx = size / 2;
        if (dist[offset] > dist[offset + size - 1]) {
            swap(dist, idx, offset, offset + size - 1);
        }
        if (dist[offset + size - 1] > dist[offset + pivotIdx]) {
            swap(dist, idx, offset + size - 1, offset + pivotIdx);
            if (dist[offset] > dist[offset + size - 1]) {
                swap(dist, idx, offset, offset + size - 1);
            }
        }
        float pivot = dist[offset + size - 1];
        int store = 0;
        for (int i = 0; i < size - 1; i++) {
            if (dist[offset + i] < pivot) {
                swap(dist, idx, offset + i, offset + store);
                store++;
            }
        }
        swap(dist, idx, offset + store, offset + size - 1);
        pivotIdx = store;
        if (pivotIdx > 1) {
            quicksort(dist, idx, offset, pivotIdx);
        }
        if (pivotIdx + 2 < size) {
            quicksort(dist, idx, offset + pivotIdx + 1, size - pivotIdx - 1);
        }
    }

    private static void swap(float[] dist, int[] idx, int a, int b) {
        float t = dist[a];
        dist[a] = dist[b];
        dist[b] = t;
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
    }
}
