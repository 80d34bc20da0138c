package org.topicj.neighbors;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.topicj.concurrent.Workers;

/**
 * The minimum spanning tree of the mutual-reachability graph, where the weight of edge (p, q) is
 * {@code max(core(p), core(q), d(p, q))}, without ever forming the n x n graph: Borůvka's
 * algorithm, each round finding every component's lightest outgoing edge with k-d tree searches
 * that skip nodes lying wholly inside the point's own component or too far away.
 *
 * <p>Deterministic: among edges of equal weight the one with the smallest (min index, max index)
 * wins, so the tree does not depend on the number of threads.
 *
 * @param from one end of each edge
 * @param to the other end
 * @param weight each edge's mutual-reachability distance (true distance, not reduced)
 */
public record MutualReachabilityMst(int[] from, int[] to, double[] weight) {

    /**
     * @param tree the points
     * @param coreDistances each point's core distance (true distance)
     * @param alpha distances between points are divided by this (hdbscan's {@code alpha}); 1 for none
     * @param threads worker threads, &ge; 1
     * @return the n - 1 edges, in the order they were found
     */
    public static MutualReachabilityMst compute(KdTree tree, double[] coreDistances, double alpha, int threads) {
        return compute(tree, coreDistances, alpha, threads, null, 0);
    }

    /**
     * As {@link #compute(KdTree, double[], double, int)}, with each point's nearest neighbours (as found for
     * the core distances) used to settle most points of the first round without a tree search: an edge to a
     * neighbour whose core distance is no larger costs exactly the point's own core distance, the least any of
     * its edges can cost.
     *
     * @param tree the points
     * @param coreDistances core distances (true distance)
     * @param alpha distance scaling, 1 for none
     * @param threads worker threads
     * @param neighbours {@code n * k} neighbour indices, row-major (the point itself may be among them)
     * @param k neighbours per point
     * @return the edges
     */
    public static MutualReachabilityMst compute(KdTree tree, double[] coreDistances, double alpha, int threads,
                                                int[] neighbours, int k) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        int n = tree.size();
        double[] core = new double[n];
        for (int i = 0; i < n; i++) {
            core[i] = tree.toReduced(coreDistances[i]);
        }
        double scale = 1 / tree.toReduced(alpha);
        Search search = new Search(tree, core, scale, Math.max(1, threads));
        search.neighbours = neighbours;
        search.k = k;
        return search.run();
    }

    private static final class Search {
        private final KdTree tree;
        private final double[] core;
        /** Multiplies reduced point distances: 1 / alpha, reduced. */
        private final double scale;
        private final int threads;
        private final int n;
        private final int[] parent;
        private final int[] comp;
        private int[] neighbours;
        private int k;
        private boolean firstRound;
        private final int[] nodeComp;
        private final double[] nodeMinCore;

        Search(KdTree tree, double[] core, double scale, int threads) {
            this.tree = tree;
            this.core = core;
            this.scale = scale;
            this.threads = threads;
            this.n = tree.size();
            this.parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
            this.comp = new int[n];
            this.nodeComp = new int[tree.nodes()];
            this.nodeMinCore = new double[tree.nodes()];
            minCore(0);
        }

        private double minCore(int node) {
            double m;
            if (tree.isLeaf(node)) {
                m = Double.POSITIVE_INFINITY;
                for (int i = tree.nodeStart[node]; i < tree.nodeEnd[node]; i++) {
                    m = Math.min(m, core[tree.index[i]]);
                }
            } else {
                m = Math.min(minCore(tree.nodeLeft[node]), minCore(tree.nodeRight[node]));
            }
            nodeMinCore[node] = m;
            return m;
        }

        private int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        MutualReachabilityMst run() {
            int[] from = new int[Math.max(0, n - 1)];
            int[] to = new int[Math.max(0, n - 1)];
            double[] weight = new double[Math.max(0, n - 1)];
            int edges = 0;
            Best[] locals = new Best[threads];
            for (int t = 0; t < threads; t++) {
                locals[t] = new Best(n);
            }
            while (edges < n - 1) {
                for (int i = 0; i < n; i++) {
                    comp[i] = find(i);
                }
                labelNodes(0);
                firstRound = edges == 0;
                searchAll(locals, threads > 1 ? Workers.pool(threads) : null);
                Best best = locals[0];
                for (int t = 1; t < threads; t++) {
                    best.mergeFrom(locals[t]);
                }
                int before = edges;
                for (int c = 0; c < n; c++) {
                    if (comp[c] != c || best.a[c] < 0) {
                        continue;
                    }
                    int ra = find(best.a[c]);
                    int rb = find(best.b[c]);
                    if (ra != rb) {
                        parent[Math.max(ra, rb)] = Math.min(ra, rb);
                        from[edges] = best.a[c];
                        to[edges] = best.b[c];
                        weight[edges] = tree.toDistance(best.w[c]);
                        edges++;
                    }
                }
                if (edges == before) {
                    throw new IllegalStateException("Borůvka made no progress with " + (n - 1 - edges) + " edges missing");
                }
            }
            return new MutualReachabilityMst(from, to, weight);
        }

        private int labelNodes(int node) {
            int c;
            if (tree.isLeaf(node)) {
                c = comp[tree.index[tree.nodeStart[node]]];
                for (int i = tree.nodeStart[node] + 1; i < tree.nodeEnd[node] && c >= 0; i++) {
                    if (comp[tree.index[i]] != c) {
                        c = -1;
                    }
                }
            } else {
                int l = labelNodes(tree.nodeLeft[node]);
                int r = labelNodes(tree.nodeRight[node]);
                c = l == r ? l : -1;
            }
            nodeComp[node] = c;
            return c;
        }

        private void searchAll(Best[] locals, ForkJoinPool pool) {
            for (Best b : locals) {
                b.reset();
            }
            int chunk = (n + threads - 1) / threads;
            Runnable work = () -> IntStream.range(0, threads).parallel().forEach(t -> {
                Best best = locals[t];
                double[] data = tree.data();
                int dim = tree.dimension();
                for (int p = t * chunk; p < Math.min(n, (t + 1) * chunk); p++) {
                    int c = comp[p];
                    if (firstRound && neighbours != null && seed(p, best, data, dim)) {
                        continue;
                    }
                    if (core[p] > best.w[c]) {
                        continue;
                    }
                    visit(0, tree.lowerBound(0, data, p * dim), p, c, data, p * dim, best);
                }
            });
            if (pool == null) {
                work.run();
            } else {
                pool.submit(work).join();
            }
        }

        /** First round: offers p's edges to its listed neighbours; true if one already costs the minimum, core(p). */
        private boolean seed(int p, Best best, double[] data, int dim) {
            for (int s = 0; s < k; s++) {
                int q = neighbours[p * k + s];
                if (q != p) {
                    double w = Math.max(Math.max(core[p], core[q]), scale * tree.reduced(q, data, p * dim));
                    best.offer(p, w, Math.min(p, q), Math.max(p, q));
                }
            }
            return best.w[p] <= core[p];
        }

        private void visit(int node, double lowerBound, int p, int c, double[] data, int off, Best best) {
            if (nodeComp[node] == c) {
                return;
            }
            double cp = core[p];
            if (Math.max(cp, Math.max(nodeMinCore[node], scale * lowerBound)) > best.w[c]) {
                return;
            }
            if (tree.isLeaf(node)) {
                for (int i = tree.nodeStart[node]; i < tree.nodeEnd[node]; i++) {
                    int q = tree.index[i];
                    if (comp[q] == c) {
                        continue;
                    }
                    double w = Math.max(Math.max(cp, core[q]), scale * tree.reduced(q, data, off));
                    best.offer(c, w, Math.min(p, q), Math.max(p, q));
                }
                return;
            }
            int l = tree.nodeLeft[node];
            int r = tree.nodeRight[node];
            double lb = tree.lowerBound(l, data, off);
            double rb = tree.lowerBound(r, data, off);
            if (lb <= rb) {
                visit(l, lb, p, c, data, off, best);
                visit(r, rb, p, c, data, off, best);
            } else {
                visit(r, rb, p, c, data, off, best);
                visit(l, lb, p, c, data, off, best);
            }
        }
    }

    /** The lightest edge found so far for each component (indexed by its root). */
    private static final class Best {
        final double[] w;
        final int[] a;
        final int[] b;

        Best(int n) {
            w = new double[n];
            a = new int[n];
            b = new int[n];
        }

        void reset() {
            Arrays.fill(w, Double.POSITIVE_INFINITY);
            Arrays.fill(a, -1);
            Arrays.fill(b, -1);
        }

        void offer(int c, double weight, int lo, int hi) {
            if (weight < w[c] || (weight == w[c] && (lo < a[c] || (lo == a[c] && hi < b[c])))) {
                w[c] = weight;
                a[c] = lo;
                b[c] = hi;
            }
        }

        void mergeFrom(Best other) {
            for (int c = 0; c < w.length; c++) {
                if (other.a[c] >= 0) {
                    offer(c, other.w[c], other.a[c], other.b[c]);
                }
            }
        }
    }
}
