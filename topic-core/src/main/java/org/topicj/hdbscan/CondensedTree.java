package org.topicj.hdbscan;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * HDBSCAN's condensed cluster tree: the single-linkage hierarchy with every split that sheds fewer
 * than {@code minClusterSize} points recorded as those points falling out of their cluster. Each
 * row says that {@link #child(int)} (a point if below {@link #root()}, else a cluster) left
 * {@link #parent(int)} at density {@link #lambda(int)} (1 / distance), with
 * {@link #childSize(int)} points. The root cluster's id is the number of points.
 *
 * <p>A split at distance 0 (duplicate points) gets lambda {@value #MAX_LAMBDA} instead of
 * infinity, so stabilities stay finite.
 *
 * <p>Thread-safety: immutable.
 */
public final class CondensedTree {
    /** The lambda of a zero distance: large and finite. */
    public static final double MAX_LAMBDA = 1e200;

    private final int points;
    private final int[] parent;
    private final int[] child;
    private final double[] lambda;
    private final int[] childSize;

    CondensedTree(int points, int[] parent, int[] child, double[] lambda, int[] childSize) {
        this.points = points;
        this.parent = parent;
        this.child = child;
        this.lambda = lambda;
        this.childSize = childSize;
    }

    /** @return number of rows */
    public int size() {
        return parent.length;
    }

    /** @return the root cluster's id, which is also the number of points */
    public int root() {
        return points;
    }

    /** @return one more than the largest cluster id */
    public int clusterIdLimit() {
        int max = points;
        for (int c : child) {
            max = Math.max(max, c);
        }
        return max + 1;
    }

    /** @param row row index @return the parent cluster */
    public int parent(int row) {
        return parent[row];
    }

    /** @param row row index @return the child: a point (&lt; root) or a cluster */
    public int child(int row) {
        return child[row];
    }

    /** @param row row index @return the density at which the child left the parent */
    public double lambda(int row) {
        return lambda[row];
    }

    /** @param row row index @return the number of points in the child */
    public int childSize(int row) {
        return childSize[row];
    }

    static double lambdaOf(double distance) {
        return distance > 0 ? Math.min(1.0 / distance, MAX_LAMBDA) : MAX_LAMBDA;
    }

    static CondensedTree condense(SingleLinkage h, int minClusterSize) {
        int n = h.n;
        int root = 2 * n - 2;
        int rows = 0;
        int[] parent = new int[2 * n];
        int[] child = new int[2 * n];
        double[] lambda = new double[2 * n];
        int[] childSize = new int[2 * n];
        int[] relabel = new int[2 * n - 1];
        relabel[root] = n;
        int nextLabel = n + 1;
        boolean[] ignore = new boolean[2 * n - 1];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            if (node < n || ignore[node]) {
                continue;
            }
            int left = h.left[node - n];
            int right = h.right[node - n];
            queue.add(left);
            queue.add(right);
            double lam = lambdaOf(h.distance[node - n]);
            int leftCount = h.sizeOf(left);
            int rightCount = h.sizeOf(right);
            int label = relabel[node];
            if (leftCount >= minClusterSize && rightCount >= minClusterSize) {
                relabel[left] = nextLabel++;
                parent[rows] = label;
                child[rows] = relabel[left];
                lambda[rows] = lam;
                childSize[rows++] = leftCount;
                relabel[right] = nextLabel++;
                parent[rows] = label;
                child[rows] = relabel[right];
                lambda[rows] = lam;
                childSize[rows++] = rightCount;
            } else {
                if (leftCount >= minClusterSize) {
                    relabel[left] = label;
                } else {
                    rows = fallOut(h, left, label, lam, parent, child, lambda, childSize, rows, ignore);
                }
                if (rightCount >= minClusterSize) {
                    relabel[right] = label;
                } else {
                    rows = fallOut(h, right, label, lam, parent, child, lambda, childSize, rows, ignore);
                }
            }
        }
        return new CondensedTree(n, Arrays.copyOf(parent, rows), Arrays.copyOf(child, rows),
                Arrays.copyOf(lambda, rows), Arrays.copyOf(childSize, rows));
    }

    /** Every point under {@code node} leaves cluster {@code label} at {@code lam}; the subtree is done. */
    private static int fallOut(SingleLinkage h, int node, int label, double lam, int[] parent, int[] child,
                               double[] lambda, int[] childSize, int rows, boolean[] ignore) {
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            int x = stack.pop();
            if (x < h.n) {
                parent[rows] = label;
                child[rows] = x;
                lambda[rows] = lam;
                childSize[rows++] = 1;
            } else {
                ignore[x] = true;
                stack.push(h.right[x - h.n]);
                stack.push(h.left[x - h.n]);
            }
        }
        return rows;
    }
}
