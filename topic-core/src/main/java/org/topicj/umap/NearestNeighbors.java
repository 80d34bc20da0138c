package org.topicj.umap;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.topicj.concurrent.Workers;
import org.topicj.progress.ProgressListener;

/**
 * k-nearest-neighbour graphs for UMAP: exact brute force for small inputs, and NN-descent
 * (Dong, Moses and Li 2011) seeded by a forest of random-projection trees for larger ones, as
 * umap-learn does through pynndescent. Results do not depend on the number of threads: every
 * parallel step only computes (trees, distances, candidate pairs), and whatever changes a heap is
 * applied in one fixed order.
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
        int[] all = new int[data.n];
        for (int j = 0; j < all.length; j++) {
            all[j] = j;
        }
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[data.n]);
        parallel(m, q -> {
            int[] hi = new int[k];
            float[] hd = new float[k];
            Arrays.fill(hd, Float.POSITIVE_INFINITY);
            Arrays.fill(hi, Integer.MAX_VALUE);
            // Distances from the query's side: the metrics are symmetric term by term, so d(q, j) == d(j, q) exactly.
            float[] d = buffers.get();
            queries.distances(q, data, all, data.n, d);
            for (int j = 0; j < data.n; j++) {
                if (selfFirst && j == q) {
                    continue;
                }
                if (d[j] < hd[0] || (d[j] == hd[0] && j < hi[0])) {
                    hd[0] = d[j];
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
            // Each tree's stream is split off in tree order before any tree is built, so trees may grow in parallel.
            SplittableRandom[] streams = new SplittableRandom[trees];
            for (int t = 0; t < trees; t++) {
                streams[t] = rnd.split();
            }
            @SuppressWarnings("unchecked")
            List<int[]>[] forest = new List[trees];
            parallel(trees, t -> forest[t] = RandomProjectionTree.leaves(points, leafSize, streams[t]));
            for (List<int[]> leaves : forest) {
                joinLeaves(points, leaves, heaps);
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
            Pairs[] found = localJoin(points, newCand, oldCand, threshold);
            boolean converged = offer(found, heaps) <= 0.001 * n * others;
            // An early stop is the end of the stage: report it complete, not stuck at the iteration it stopped at.
            progress.update("neighbours", converged ? iterations : it + 1, iterations);
            if (converged) {
                break;
            }
        }
        return heaps.toGraph(k);
    }

    /**
     * Runs {@code body} once per part of the points (as many parts as threads) and sums what it returns. Each
     * part changes only its own points' heaps or candidate lists, scanning the same sequence of offers, so every
     * heap sees its offers in the same order whatever the number of parts: the result does not depend on it.
     */
    private int inParts(int n, PartBody body) {
        int parts = threads;
        int[] counts = new int[parts];
        parallel(parts, p -> counts[p] = body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
        return Arrays.stream(counts).sum();
    }

    /** The work of one part: the points in {@code [lo, hi)}. */
    private interface PartBody {
        int run(int lo, int hi);
    }

    /** Every pair within each leaf: distances in parallel, offered to the heaps in leaf order. */
    private void joinLeaves(PointSet points, List<int[]> leaves, Heaps heaps) {
        float[][] dist = new float[leaves.size()][];
        parallel(leaves.size(), l -> {
            int[] leaf = leaves.get(l);
            int size = leaf.length;
            float[] d = new float[size * (size - 1) / 2];
            int[] rest = new int[size];
            float[] row = new float[size];
            int at = 0;
            for (int a = 0; a < size; a++) {
                int count = size - a - 1;
                System.arraycopy(leaf, a + 1, rest, 0, count);
                points.distances(leaf[a], points, rest, count, row);
                System.arraycopy(row, 0, d, at, count);
                at += count;
            }
            dist[l] = d;
        });
        inParts(heaps.n, (lo, hi) -> {
            for (int l = 0; l < leaves.size(); l++) {
                int[] leaf = leaves.get(l);
                int at = 0;
                for (int a = 0; a < leaf.length; a++) {
                    for (int b = a + 1; b < leaf.length; b++) {
                        float d = dist[l][at++];
                        heaps.pushIn(lo, hi, leaf[a], leaf[b], d);
                        heaps.pushIn(lo, hi, leaf[b], leaf[a], d);
                    }
                }
            }
            return 0;
        });
    }

    /** Offers the found pairs to both ends' heaps, in the order found; returns how many heaps changed. */
    private int offer(Pairs[] found, Heaps heaps) {
        return inParts(heaps.n, (lo, hi) -> {
            int updates = 0;
            for (Pairs f : found) {
                for (int u = 0; u < f.size; u++) {
                    updates += heaps.pushIn(lo, hi, f.a[u], f.b[u], f.d[u]) ? 1 : 0;
                    updates += heaps.pushIn(lo, hi, f.b[u], f.a[u], f.d[u]) ? 1 : 0;
                }
            }
            return updates;
        });
    }

    /**
     * Samples up to {@code max} new and old candidates per point, forward and reverse, by random priority. The
     * priorities are drawn in slot order first; then each part fills its own points' lists.
     */
    private void buildCandidates(Heaps heaps, int max, SplittableRandom rnd, int[][] newOut, int[][] oldOut) {
        int n = heaps.n;
        int slots = n * heaps.k;
        float[] priority = new float[slots];
        for (int slot = 0; slot < slots; slot++) {
            if (heaps.index[slot] >= 0) {
                priority[slot] = rnd.nextFloat();
            }
        }
        Candidates fresh = new Candidates(n, max);
        Candidates old = new Candidates(n, max);
        inParts(n, (lo, hi) -> {
            for (int slot = 0; slot < slots; slot++) {
                int j = heaps.index[slot];
                if (j < 0) {
                    continue;
                }
                int i = slot / heaps.k;
                Candidates target = heaps.isNew[slot] ? fresh : old;
                if (i >= lo && i < hi) {
                    target.add(i, j, priority[slot]);
                }
                if (j >= lo && j < hi) {
                    target.add(j, i, priority[slot]);
                }
            }
            return 0;
        });
        parallel(n, i -> {
            // Sampled new candidates are new no longer.
            for (int s = 0; s < heaps.k; s++) {
                int slot = i * heaps.k + s;
                int j = heaps.index[slot];
                if (j >= 0 && heaps.isNew[slot] && fresh.contains(i, j)) {
                    heaps.isNew[slot] = false;
                }
            }
            newOut[i] = fresh.get(i);
            oldOut[i] = old.get(i);
        });
    }

    /** Pairs (a, b) at distance d that may improve a's or b's heap, in the order found. */
    static final class Pairs {
        static final Pairs NONE = new Pairs(0);
        int size;
        int[] a;
        int[] b;
        float[] d;

        Pairs(int capacity) {
            a = new int[capacity];
            b = new int[capacity];
            d = new float[capacity];
        }

        void add(int p, int q, float dist) {
            if (size == a.length) {
                int grown = Math.max(16, size * 2);
                a = Arrays.copyOf(a, grown);
                b = Arrays.copyOf(b, grown);
                d = Arrays.copyOf(d, grown);
            }
            a[size] = p;
            b[size] = q;
            d[size++] = dist;
        }
    }

    /**
     * For each point, every new candidate against the later new ones and all old ones: the pairs closer than
     * either end's current worst neighbour. Distances are computed a row against many at once.
     */
    private Pairs[] localJoin(PointSet points, int[][] newCand, int[][] oldCand, float[] threshold) {
        int n = points.n;
        Pairs[] found = new Pairs[n];
        ThreadLocal<float[]> distances = ThreadLocal.withInitial(() -> new float[0]);
        ThreadLocal<int[]> partners = ThreadLocal.withInitial(() -> new int[0]);
        parallel(n, i -> {
            int[] nw = newCand[i];
            int[] od = oldCand[i];
            int most = nw.length + od.length;
            if (partners.get().length < most) {
                partners.set(new int[most]);
                distances.set(new float[most]);
            }
            int[] q = partners.get();
            float[] d = distances.get();
            Pairs out = null;
            for (int a = 0; a < nw.length; a++) {
                int p = nw[a];
                int count = nw.length - a - 1;
                System.arraycopy(nw, a + 1, q, 0, count);
                for (int o : od) {
                    if (o != p) {
                        q[count++] = o;
                    }
                }
                points.distances(p, points, q, count, d);
                for (int s = 0; s < count; s++) {
                    if (d[s] < threshold[p] || d[s] < threshold[q[s]]) {
                        if (out == null) {
                            out = new Pairs(16);
                        }
                        out.add(p, q[s], d[s]);
                    }
                }
            }
            found[i] = out == null ? Pairs.NONE : out;
        });
        return found;
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

        /** A fresh offer of j to i's heap, if i is in {@code [lo, hi)}; true if the heap changed. */
        boolean pushIn(int lo, int hi, int i, int j, float d) {
            return i >= lo && i < hi && push(i, j, d, true);
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

        /**
         * Sorts by (distance, index), keeping {@code first} (if &ge; 0) at position 0. An insertion sort: rows are
         * short (k entries) and their (distance, index) keys distinct.
         */
        static void sortAscending(float[] d, int[] idx, int first) {
            for (int i = 1; i < d.length; i++) {
                float dv = d[i];
                int iv = idx[i];
                int j = i - 1;
                while (j >= 0 && before(dv, iv, d[j], idx[j], first)) {
                    d[j + 1] = d[j];
                    idx[j + 1] = idx[j];
                    j--;
                }
                d[j + 1] = dv;
                idx[j + 1] = iv;
            }
        }

        private static boolean before(float da, int ia, float db, int ib, int first) {
            if (first >= 0 && ia != ib && (ia == first || ib == first)) {
                return ia == first;
            }
            return da != db ? Float.compare(da, db) < 0 : ia < ib;
        }
    }
}
