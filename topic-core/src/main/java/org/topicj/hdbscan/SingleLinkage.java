package org.topicj.hdbscan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.topicj.neighbors.MutualReachabilityMst;

/**
 * The single-linkage dendrogram of a spanning tree, in SciPy's layout: merge {@code i} joins
 * nodes {@code left[i]} and {@code right[i]} (points are 0..n-1, merge {@code i} creates node
 * {@code n + i}) at {@code distance[i]}, giving a node of {@code size[i]} points.
 */
final class SingleLinkage {
    final int n;
    final int[] left;
    final int[] right;
    final double[] distance;
    final int[] size;

    private SingleLinkage(int n) {
        this.n = n;
        this.left = new int[n - 1];
        this.right = new int[n - 1];
        this.distance = new double[n - 1];
        this.size = new int[n - 1];
    }

    static SingleLinkage of(MutualReachabilityMst mst, int n) {
        SingleLinkage s = new SingleLinkage(n);
        Integer[] order = IntStream.range(0, n - 1).boxed().toArray(Integer[]::new);
        // Sort by weight; ties by the edge's ends, so the dendrogram is deterministic.
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> mst.weight()[i])
                .thenComparingInt(i -> Math.min(mst.from()[i], mst.to()[i]))
                .thenComparingInt(i -> Math.max(mst.from()[i], mst.to()[i])));
        int[] parent = new int[2 * n - 1];
        int[] nodeSize = new int[2 * n - 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            nodeSize[i] = i < n ? 1 : 0;
        }
        int next = n;
        for (int k = 0; k < n - 1; k++) {
            int e = order[k];
            int a = find(parent, mst.from()[e]);
            int b = find(parent, mst.to()[e]);
            s.left[k] = a;
            s.right[k] = b;
            s.distance[k] = mst.weight()[e];
            s.size[k] = nodeSize[a] + nodeSize[b];
            parent[a] = next;
            parent[b] = next;
            nodeSize[next] = s.size[k];
            next++;
        }
        return s;
    }

    int sizeOf(int node) {
        return node < n ? 1 : size[node - n];
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }
}
