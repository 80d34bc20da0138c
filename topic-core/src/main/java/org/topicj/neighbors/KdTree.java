package org.topicj.neighbors;

import java.util.Arrays;
import java.util.Objects;

/**
 * An exact k-d tree over points in low dimension (UMAP's 2 to 10 components): median splits on
 * the widest dimension, bounding boxes per node. Distances are Euclidean or Manhattan; internally
 * the tree works in "reduced" distance (squared Euclidean, plain Manhattan), which orders points
 * the same way and saves square roots.
 *
 * <p>Thread-safety: immutable after construction; concurrent queries are safe.
 */
public final class KdTree {
    /** Supported metrics. */
    public enum Metric {
        /** L2. */
        EUCLIDEAN,
        /** L1. */
        MANHATTAN
    }

    private final double[] data;
    private final int n;
    private final int dim;
    private final Metric metric;
    private final int leafSize;
    /** Point indices, permuted so every node covers a contiguous range. */
    final int[] index;
    final int[] nodeStart;
    final int[] nodeEnd;
    final int[] nodeLeft;
    final int[] nodeRight;
    final double[] nodeLo;
    final double[] nodeHi;
    int nodeCount;

    /**
     * @param data row-major points, {@code n * dim} values
     * @param n number of points
     * @param dim dimensions
     * @param metric distance
     * @param leafSize points per leaf, &ge; 1 (about 16 to 40 works well)
     */
    public KdTree(double[] data, int n, int dim, Metric metric, int leafSize) {
        if ((long) n * dim != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values, not " + n + " x " + dim);
        }
        this.data = data;
        this.n = n;
        this.dim = dim;
        this.metric = Objects.requireNonNull(metric);
        this.leafSize = Math.max(1, leafSize);
        this.index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        // Median splits leave more than leafSize / 2 points per leaf: under 2n / leafSize + 1 leaves.
        int maxNodes = 4 * (n / this.leafSize + 1) + 1;
        nodeStart = new int[maxNodes];
        nodeEnd = new int[maxNodes];
        nodeLeft = new int[maxNodes];
        nodeRight = new int[maxNodes];
        nodeLo = new double[maxNodes * dim];
        nodeHi = new double[maxNodes * dim];
        if (n > 0) {
            build(0, n);
        }
    }

    /** @return number of points */
    public int size() {
        return n;
    }

    /** @return dimensions */
    public int dimension() {
        return dim;
    }

    /** @return the metric */
    public Metric metric() {
        return metric;
    }

    /** @return number of nodes; node 0 is the root */
    int nodes() {
        return nodeCount;
    }

    boolean isLeaf(int node) {
        return nodeLeft[node] < 0;
    }

    private int build(int start, int end) {
        int node = nodeCount++;
        nodeStart[node] = start;
        nodeEnd[node] = end;
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = start; i < end; i++) {
            int base = index[i] * dim;
            for (int j = 0; j < dim; j++) {
                double v = data[base + j];
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        System.arraycopy(lo, 0, nodeLo, node * dim, dim);
        System.arraycopy(hi, 0, nodeHi, node * dim, dim);
        if (end - start <= leafSize) {
            nodeLeft[node] = -1;
            nodeRight[node] = -1;
            return node;
        }
        int split = 0;
        for (int j = 1; j < dim; j++) {
            if (hi[j] - lo[j] > hi[split] - lo[split]) {
                split = j;
            }
        }
        int mid = (start + end) >>> 1;
        select(start, end - 1, mid, split);
        nodeLeft[node] = build(start, mid);
        nodeRight[node] = build(mid, end);
        return node;
    }

    /** Quickselect on {@code index[lo..hi]} by coordinate {@code axis} so position {@code k} holds the median; ties by index. */
    private void select(int lo, int hi, int k, int axis) {
        while (hi > lo) {
            int pivotPos = (lo + hi) >>> 1;
            int pivot = index[pivotPos];
            swap(pivotPos, hi);
            int store = lo;
            for (int i = lo; i < hi; i++) {
                if (less(index[i], pivot, axis)) {
                    swap(i, store++);
                }
            }
            swap(store, hi);
            if (store == k) {
                return;
            } else if (store < k) {
                lo = store + 1;
            } else {
                hi = store - 1;
            }
        }
    }

    private boolean less(int a, int b, int axis) {
        double va = data[a * dim + axis];
        double vb = data[b * dim + axis];
        return va < vb || (va == vb && a < b);
    }

    private void swap(int i, int j) {
        int t = index[i];
        index[i] = index[j];
        index[j] = t;
    }

    /**
     * @param i a stored point
     * @param q query coordinates
     * @param qOff where the query starts in {@code q}
     * @return the reduced distance (squared for Euclidean) between them
     */
    public double reduced(int i, double[] q, int qOff) {
        int base = i * dim;
        double s = 0;
        if (metric == Metric.EUCLIDEAN) {
            for (int j = 0; j < dim; j++) {
                double d = data[base + j] - q[qOff + j];
                s += d * d;
            }
        } else {
            for (int j = 0; j < dim; j++) {
                s += Math.abs(data[base + j] - q[qOff + j]);
            }
        }
        return s;
    }

    /** Reduced lower bound of the distance from {@code q} to any point in {@code node}. */
    double lowerBound(int node, double[] q, int qOff) {
        int base = node * dim;
        double s = 0;
        for (int j = 0; j < dim; j++) {
            double v = q[qOff + j];
            double lo = nodeLo[base + j];
            double hi = nodeHi[base + j];
            double d = v < lo ? lo - v : v > hi ? v - hi : 0;
            s += metric == Metric.EUCLIDEAN ? d * d : d;
        }
        return s;
    }

    /** @return the true distance for a reduced one */
    public double toDistance(double reduced) {
        return metric == Metric.EUCLIDEAN ? Math.sqrt(reduced) : reduced;
    }

    /** @return the reduced distance for a true one */
    public double toReduced(double distance) {
        return metric == Metric.EUCLIDEAN ? distance * distance : distance;
    }

    /** @return the stored coordinates, row-major; the backing array: do not modify */
    public double[] data() {
        return data;
    }

    /**
     * The {@code k} nearest stored points of a query, nearest first, ties by index.
     *
     * @param query coordinates (row-major array)
     * @param offset where the query starts in {@code query}
     * @param k how many, at most {@link #size()}
     * @param outIndex receives the indices ({@code k} values)
     * @param outDistance receives the true distances ({@code k} values)
     */
    public void query(double[] query, int offset, int k, int[] outIndex, double[] outDistance) {
        query(query, offset, k, outIndex, outDistance, true);
    }

    private void queryRaw(double[] query, int offset, int k, int[] outIndex, double[] outDistance) {
        if (k > n) {
            throw new IllegalArgumentException("asked for " + k + " neighbours of " + n + " points");
        }
        double[] heapDist = new double[k];
        int[] heapIdx = new int[k];
        Arrays.fill(heapDist, Double.POSITIVE_INFINITY);
        Arrays.fill(heapIdx, Integer.MAX_VALUE);
        search(0, lowerBound(0, query, offset), query, offset, k, heapDist, heapIdx);
        // Heap to ascending (distance, index) order: pop the worst k times.
        for (int size = k; size > 1; size--) {
            double d = heapDist[0];
            int i = heapIdx[0];
            heapDist[0] = heapDist[size - 1];
            heapIdx[0] = heapIdx[size - 1];
            heapDist[size - 1] = d;
            heapIdx[size - 1] = i;
            siftDown(heapDist, heapIdx, size - 1);
        }
        for (int i = 0; i < k; i++) {
            outIndex[i] = heapIdx[i];
            outDistance[i] = heapDist[i];
        }
    }

    /**
     * Like {@link #query} but leaves distances reduced (squared for Euclidean).
     *
     * @param query coordinates
     * @param offset where the query starts
     * @param k how many
     * @param outIndex receives indices, nearest first
     * @param outReduced receives reduced distances
     */
    public void queryReduced(double[] query, int offset, int k, int[] outIndex, double[] outReduced) {
        query(query, offset, k, outIndex, outReduced, false);
    }

    private void query(double[] query, int offset, int k, int[] outIndex, double[] outDistance, boolean convert) {
        queryRaw(query, offset, k, outIndex, outDistance);
        if (convert) {
            for (int i = 0; i < k; i++) {
                outDistance[i] = toDistance(outDistance[i]);
            }
        }
    }

    private void search(int node, double bound, double[] q, int off, int k, double[] heapDist, int[] heapIdx) {
        if (bound > heapDist[0]) {
            return;
        }
        if (isLeaf(node)) {
            for (int i = nodeStart[node]; i < nodeEnd[node]; i++) {
                int p = index[i];
                double d = reduced(p, q, off);
                if (d < heapDist[0] || (d == heapDist[0] && p < heapIdx[0])) {
                    heapDist[0] = d;
                    heapIdx[0] = p;
                    siftDown(heapDist, heapIdx, k);
                }
            }
            return;
        }
        int left = nodeLeft[node];
        int right = nodeRight[node];
        double lb = lowerBound(left, q, off);
        double rb = lowerBound(right, q, off);
        if (lb <= rb) {
            search(left, lb, q, off, k, heapDist, heapIdx);
            search(right, rb, q, off, k, heapDist, heapIdx);
        } else {
            search(right, rb, q, off, k, heapDist, heapIdx);
            search(left, lb, q, off, k, heapDist, heapIdx);
        }
    }

    /** Max-heap on (distance, index): the root is the worst kept neighbour. */
    private static void siftDown(double[] dist, int[] idx, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && worse(dist, idx, l, worst)) {
                worst = l;
            }
            if (r < size && worse(dist, idx, r, worst)) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            double td = dist[i];
            dist[i] = dist[worst];
            dist[worst] = td;
            int ti = idx[i];
            idx[i] = idx[worst];
            idx[worst] = ti;
            i = worst;
        }
    }

    private static boolean worse(double[] dist, int[] idx, int a, int b) {
        return dist[a] > dist[b] || (dist[a] == dist[b] && idx[a] > idx[b]);
    }
}
