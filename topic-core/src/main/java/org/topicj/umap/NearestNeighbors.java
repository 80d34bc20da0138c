package org.topicj.umap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import org.topicj.concurrent.Workers;
import org.topicj.progress.ProgressListener;

/**
 * k-nearest-neighbour graphs for UMAP: exact brute force for small inputs, and NN-descent
 * (Dong, Moses and Li 2011) seeded by a forest of random-projection trees for larger ones, as
 * umap-learn does through pynndescent. Results do not depend on the number of threads: every
 * parallel step only computes, and updates are applied in a fixed order.
 */
final class NearestNeighbors {
    private final int threads;

    NearestNeighbors(int threads) {
        this.threads = Math.max(1, threads);
    }

    void parallel(int n, IntConsumer body) {
        Workers.forEach(threads, n, body);
    }

    /** Exact neighbours of every stored point by brute force. */
    KnnGraph exact(PointSet points, int k) {
        return exactQuery(points, points, k, true);
    }

    /** Exact neighbours in {@code data} of each row of {@code queries}. */
    KnnGraph exactQuery(PointSet data, PointSet queries, int k, boolean selfFirst) {
        int m = queries.n;
        int[] idx = new int[m * k];
        float[] dist = new float[m * k];
        parallel(m, q -> {
            int[] hi = new int[k];
            float[] hd = new float[k];
            Arrays.fill(hd, Float.POSITIVE_INFINITY);
            Arrays.fill(hi, Integer.MAX_VALUE);
            for (int j = 0; j < data.n; j++) {
                if (selfFirst && j == q) {
                    continue;
                }
                float d = data.distance(j, queries, q);
                if (d < hd[0] || (d == hd[0] && j < hi[0])) {
                    hd[0] = d;
                    hi[0] = j;
                    Heap.siftDown(hd, hi, 0, k);
                }
            }
            if (selfFirst) {
                // self first, then the k - 1 nearest others: drop the worst of the k found
                hd[0] = 0;
                hi[0] = q;
            }
            Heap.sortAscending(hd, hi, selfFirst ? q : -1);
            System.arraycopy(hi, 0, idx, q * k, k);
            System.arraycopy(hd, 0, dist, q * k, k);
        });
        return new KnnGraph(m, k, idx, dist);
    }

    /** Approximate neighbours by NN-descent; column 0 is the point itself. */
    KnnGraph nnDescent(PointSet points, int k, long seed, ProgressListener progress) {
        int n = points.n;
        int others = k - 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        Heaps heaps = new Heaps(n, others);
        if (points.denseRow(0) != null) {
            int trees = Math.min(64, 5 + (int) Math.round(Math.sqrt(n) / 20.0));
            int leafSize = Math.max(10, Math.min(60, k));
            for (int t = 0; t < trees; t++) {
                for (int[] leaf : RandomProjectionTree.leaves(points, leafSize, rnd.split())) {
                    joinLeaf(points, leaf, heaps);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            while (heaps.count(i) < others) {
                int j = rnd.nextInt(n);
                if (j != i) {
                    heaps.push(i, j, points.distance(i, j), true);
                }
            }
        }
        int iterations = Math.max(5, (int) Math.round(Math.log(n) / Math.log(2)));
        int maxCandidates = Math.min(60, others * 2 + 10);
        for (int it = 0; it < iterations; it++) {
            int[][] newCand = new int[n][];
            int[][] oldCand = new int[n][];
            buildCandidates(heaps, maxCandidates, rnd.split(), newCand, oldCand);
            float[] threshold = heaps.thresholds();
            List<float[]>[] found = localJoin(points, newCand, oldCand, threshold);
            int updates = 0;
            for (List<float[]> list : found) {
                if (list == null) {
                    continue;
                }
                for (float[] u : list) {
                    int a = (int) u[0];
                    int b = (int) u[1];
                    updates += heaps.push(a, b, u[2], true) ? 1 : 0;
                    updates += heaps.push(b, a, u[2], true) ? 1 : 0;
                }
            }
            boolean converged = updates <= 0.001 * n * others;
            // An early stop is the end of the stage: report it complete, not stuck at the iteration it stopped at.
            progress.update("neighbours", converged ? iterations : it + 1, iterations);
            if (converged) {
                break;
            }
        }
        return heaps.toGraph(k);
    }

    private static void joinLeaf(PointSet points, int[] leaf, Heaps heaps) {
        for (int a = 0; a < leaf.length; a++) {
            for (int b = a + 1; b < leaf.length; b++) {
                int p = leaf[a];
                int q = leaf[b];
                float d = points.distance(p, q);
                heaps.push(p, q, d, true);
                heaps.push(q, p, d, true);
            }
        }
    }

    /** Samples up to {@code max} new and old candidates per point, forward and reverse, by random priority. */
    private static void buildCandidates(Heaps heaps, int max, SplittableRandom rnd, int[][] newOut, int[][] oldOut) {
        int n = heaps.n;
        Candidates fresh = new Candidates(n, max);
        Candidates old = new Candidates(n, max);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < heaps.k; s++) {
                int j = heaps.index[i * heaps.k + s];
                if (j < 0) {
                    continue;
                }
                float priority = rnd.nextFloat();
                Candidates target = heaps.isNew[i * heaps.k + s] ? fresh : old;
                target.add(i, j, priority);
                target.add(j, i, priority);
            }
        }
        // Sampled new candidates are new no longer.
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < heaps.k; s++) {
                int slot = i * heaps.k + s;
                int j = heaps.index[slot];
                if (j >= 0 && heaps.isNew[slot] && fresh.contains(i, j)) {
                    heaps.isNew[slot] = false;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            newOut[i] = fresh.get(i);
            oldOut[i] = old.get(i);
        }
    }

    @SuppressWarnings("unchecked")
    private List<float[]>[] localJoin(PointSet points, int[][] newCand, int[][] oldCand, float[] threshold) {
        int n = points.n;
        List<float[]>[] found = new List[n];
        parallel(n, i -> {
            int[] nw = newCand[i];
            int[] od = oldCand[i];
            List<float[]> out = null;
            for (int a = 0; a < nw.length; a++) {
                int p = nw[a];
                for (int b = a + 1; b < nw.length; b++) {
                    out = consider(points, p, nw[b], threshold, out);
                }
                for (int q : od) {
                    if (q != p) {
                        out = consider(points, p, q, threshold, out);
                    }
                }
            }
            found[i] = out;
        });
        return found;
    }

    private static List<float[]> consider(PointSet points, int p, int q, float[] threshold, List<float[]> out) {
        float d = points.distance(p, q);
        if (d < threshold[p] || d < threshold[q]) {
            if (out == null) {
                out = new ArrayList<>();
            }
            out.add(new float[] {p, q, d});
        }
        return out;
    }

    /** One bounded max-heap of (distance, index) per point, with "new" flags for NN-descent. */
    static final class Heaps {
        final int n;
        final int k;
        final int[] index;
        final float[] dist;
        final boolean[] isNew;

        Heaps(int n, int k) {
            this.n = n;
            this.k = k;
            index = new int[n * k];
            dist = new float[n * k];
            isNew = new boolean[n * k];
            Arrays.fill(index, -1);
            Arrays.fill(dist, Float.POSITIVE_INFINITY);
        }

        int count(int i) {
            int c = 0;
            for (int s = 0; s < k; s++) {
                c += index[i * k + s] >= 0 ? 1 : 0;
            }
            return c;
        }

        float[] thresholds() {
            float[] t = new float[n];
            for (int i = 0; i < n; i++) {
                t[i] = dist[i * k];
            }
            return t;
        }

        boolean push(int i, int j, float d, boolean fresh) {
            int base = i * k;
            if (i == j || !(d < dist[base])) {
                return false;
            }
            for (int s = 0; s < k; s++) {
                if (index[base + s] == j) {
                    return false;
                }
            }
            dist[base] = d;
            index[base] = j;
            isNew[base] = fresh;
            int pos = 0;
            while (true) {
                int l = 2 * pos + 1;
                int r = l + 1;
                int worst = pos;
                if (l < k && dist[base + l] > dist[base + worst]) {
                    worst = l;
                }
                if (r < k && dist[base + r] > dist[base + worst]) {
                    worst = r;
                }
                if (worst == pos) {
                    return true;
                }
                swap(base + pos, base + worst);
                pos = worst;
            }
        }

        private void swap(int a, int b) {
            float td = dist[a];
            dist[a] = dist[b];
            dist[b] = td;
            int ti = index[a];
            index[a] = index[b];
            index[b] = ti;
            boolean tn = isNew[a];
            isNew[a] = isNew[b];
            isNew[b] = tn;
        }

        KnnGraph toGraph(int kWithSelf) {
            int[] idx = new int[n * kWithSelf];
            float[] d = new float[n * kWithSelf];
            for (int i = 0; i < n; i++) {
                float[] hd = Arrays.copyOfRange(dist, i * k, (i + 1) * k);
                int[] hi = Arrays.copyOfRange(index, i * k, (i + 1) * k);
                Heap.sortAscending(hd, hi, -1);
                idx[i * kWithSelf] = i;
                d[i * kWithSelf] = 0;
                System.arraycopy(hi, 0, idx, i * kWithSelf + 1, k);
                System.arraycopy(hd, 0, d, i * kWithSelf + 1, k);
            }
            return new KnnGraph(n, kWithSelf, idx, d);
        }
    }

    /** Per point, the {@code max} candidates of smallest random priority. */
    static final class Candidates {
        final int max;
        final int[] index;
        final float[] priority;
        final int[] size;

        Candidates(int n, int max) {
            this.max = max;
            index = new int[n * max];
            priority = new float[n * max];
            size = new int[n];
        }

        void add(int i, int j, float p) {
            int base = i * max;
            for (int s = 0; s < size[i]; s++) {
                if (index[base + s] == j) {
                    return;
                }
            }
            if (size[i] < max) {
                index[base + size[i]] = j;
                priority[base + size[i]] = p;
                size[i]++;
                return;
            }
            int worst = 0;
            for (int s = 1; s < max; s++) {
                if (priority[base + s] > priority[base + worst]) {
                    worst = s;
                }
            }
            if (p < priority[base + worst]) {
                index[base + worst] = j;
                priority[base + worst] = p;
            }
        }

        boolean contains(int i, int j) {
            int base = i * max;
            for (int s = 0; s < size[i]; s++) {
                if (index[base + s] == j) {
                    return true;
                }
            }
            return false;
        }

        int[] get(int i) {
            return Arrays.copyOfRange(index, i * max, i * max + size[i]);
        }
    }

    /** Small helpers for (distance, index) max-heaps held in parallel arrays. */
    static final class Heap {
        private Heap() {
        }

        static void siftDown(float[] d, int[] idx, int pos, int size) {
            while (true) {
                int l = 2 * pos + 1;
                int r = l + 1;
                int worst = pos;
                if (l < size && worse(d, idx, l, worst)) {
                    worst = l;
                }
                if (r < size && worse(d, idx, r, worst)) {
                    worst = r;
                }
                if (worst == pos) {
                    return;
                }
                float td = d[pos];
                d[pos] = d[worst];
                d[worst] = td;
                int ti = idx[pos];
                idx[pos] = idx[worst];
                idx[worst] = ti;
                pos = worst;
            }
        }

        private static boolean worse(float[] d, int[] idx, int a, int b) {
            return d[a] > d[b] || (d[a] == d[b] && idx[a] > idx[b]);
        }

        /** Sorts by (distance, index), keeping {@code first} (if &ge; 0) at position 0. */
        static void sortAscending(float[] d, int[] idx, int first) {
            Integer[] order = new Integer[d.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                if (first >= 0 && idx[a] != idx[b] && (idx[a] == first || idx[b] == first)) {
                    return idx[a] == first ? -1 : 1;
                }
                return d[a] != d[b] ? Float.compare(d[a], d[b]) : Integer.compare(idx[a], idx[b]);
            });
            float[] dc = d.clone();
            int[] ic = idx.clone();
            for (int i = 0; i < order.length; i++) {
                d[i] = dc[order[i]];
                idx[i] = ic[order[i]];
            }
        }
    }
}
