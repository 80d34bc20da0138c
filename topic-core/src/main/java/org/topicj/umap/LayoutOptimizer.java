package org.topicj.umap;

import org.topicj.concurrent.Workers;
import org.topicj.progress.ProgressListener;

/**
 * UMAP's stochastic gradient descent on the layout (umap-learn's optimize_layout_euclidean): each
 * edge is sampled in proportion to its strength, pulling its ends together, with
 * {@code negativeSampleRate} random points pushed away per sample; the learning rate decays
 * linearly to 0. Gradients are clipped to [-4, 4].
 *
 * <p>Deterministic on any number of threads: fitting splits the edges into fixed blocks with disjoint
 * heads (see {@link #optimize}); placing new points moves each point alone. The same seed gives the
 * same layout, bit for bit, whatever the thread count. Thread-safety: one call at a time per instance.
 */
final class LayoutOptimizer {
    private final double a;
    private final double b;
    private final double gamma;
    private final double initialAlpha;
    private final int negativeSampleRate;
    private final int threads;

    /** Negative samples whose push is computed together (umap-learn's default rate is 5). */
    private static final int NEGATIVE_BATCH = 8;

    LayoutOptimizer(double a, double b, double gamma, double initialAlpha, int negativeSampleRate, int threads) {
        this.a = a;
        this.b = b;
        this.gamma = gamma;
        this.initialAlpha = initialAlpha;
        this.negativeSampleRate = negativeSampleRate;
        this.threads = Math.max(1, threads);
    }

    /** Drops edges too weak to be sampled once in {@code nEpochs}; returns their sampling periods. */
    static double[] epochsPerSample(float[] weight, int nEpochs) {
        double max = 0;
        for (float w : weight) {
            max = Math.max(max, w);
        }
        return epochsPerSample(weight, nEpochs, max);
    }

    /** As {@link #epochsPerSample(float[], int)}, against a given strongest weight instead of the batch's. */
    static double[] epochsPerSample(float[] weight, int nEpochs, double max) {
        double[] out = new double[weight.length];
        for (int e = 0; e < weight.length; e++) {
            double samples = nEpochs * (weight[e] / max);
            out[e] = samples > 0 && weight[e] >= max / nEpochs ? nEpochs / samples : -1;
        }
        return out;
    }

    /**
     * Fitting: both ends of every edge move, in place in {@code pos}. Each epoch runs the fixed
     * {@link EdgeBlocks} concurrently: a block moves the heads it owns in place, sequentially, reads every
     * other point from the epoch's starting snapshot, and keeps the moves of tails it does not own aside;
     * those are added after the epoch, block by block in block order. Each block draws negative samples from
     * its own stream. Nothing depends on which thread runs which block, so the result is the same for any
     * thread count (the edges must be sorted by head, as {@link FuzzyGraph} gives them).
     *
     * @param pos the layout, {@code n x dim} row-major, updated in place
     */
    void optimize(float[] pos, int n, int dim, int[] from, int[] to, double[] epochsPerSample,
                  int nEpochs, long seed, ProgressListener progress) {
        Epochs state = new Epochs(epochsPerSample, negativeSampleRate);
        EdgeBlocks blocks = EdgeBlocks.of(from, n);
        int count = blocks.count();
        long[] rng = new long[count];
        Deferred[] deferred = new Deferred[count];
        for (int b = 0; b < count; b++) {
            rng[b] = streamStart(seed, b);
            deferred[b] = new Deferred(dim);
        }
        float[] snapshot = new float[pos.length];
        for (int epoch = 0; epoch < nEpochs; epoch++) {
            double alpha = initialAlpha * (1.0 - (double) epoch / nEpochs);
            int now = epoch;
            System.arraycopy(pos, 0, snapshot, 0, pos.length);
            Workers.forEach(threads, count, b -> rng[b] = runBlock(pos, snapshot, n, dim, from, to, state, blocks, b,
                    now, alpha, deferred[b], rng[b]));
            for (Deferred d : deferred) {
                d.addTo(pos);
            }
            progress.update("layout", epoch + 1, nEpochs);
        }
    }

    private static long streamStart(long seed, int block) {
        long s = seed * 0x9E3779B97F4A7C15L + (block + 1) * 0xBF58476D1CE4E5B9L;
        return s == 0 ? 1 : s;
    }

    private long runBlock(float[] pos, float[] snapshot, int n, int dim, int[] from, int[] to, Epochs state,
                          EdgeBlocks blocks, int b, int epoch, double alpha, Deferred deferred, long rng) {
        Negatives negatives = new Negatives();
        for (int e = blocks.firstEdge[b]; e < blocks.firstEdge[b + 1]; e++) {
            if (!state.due(e, epoch)) {
                continue;
            }
            int cj = from[e] * dim;
            int k = to[e];
            boolean ownsTail = blocks.owns(b, k);
            float[] t = ownsTail ? pos : snapshot;
            int ck = k * dim;
            double coeff = attraction(pos, cj, t, ck, dim);
            for (int d = 0; d < dim; d++) {
                float step = (float) (clip(coeff * (pos[cj + d] - t[ck + d])) * alpha);
                pos[cj + d] += step;
                if (ownsTail) {
                    pos[ck + d] -= step;
                } else {
                    deferred.add(ck + d, -step);
                }
            }
            for (int owed = state.negatives(e, epoch); owed > 0; owed -= NEGATIVE_BATCH) {
                int count = Math.min(owed, NEGATIVE_BATCH);
                for (int p = 0; p < count; p++) {
                    rng = next(rng);
                    int other = (int) Long.remainderUnsigned(rng >>> 1, n);
                    negatives.add(p, blocks.owns(b, other) ? pos : snapshot, other * dim);
                }
                repel(pos, cj, negatives, count, dim, alpha);
            }
        }
        return rng;
    }

    /** One block's moves of tails it does not own, kept until the end of the epoch. Not thread-safe. */
    private static final class Deferred {
        private int[] at;
        private float[] step;
        private int size;

        Deferred(int dim) {
            at = new int[64 * dim];
            step = new float[64 * dim];
        }

        void add(int index, float value) {
            if (size == at.length) {
                at = java.util.Arrays.copyOf(at, size * 2);
                step = java.util.Arrays.copyOf(step, size * 2);
            }
            at[size] = index;
            step[size++] = value;
        }

        void addTo(float[] pos) {
            for (int s = 0; s < size; s++) {
                pos[at[s]] += step[s];
            }
            size = 0;
        }
    }

    /** Per-edge sampling schedule: when an edge is next due, and how many negative samples it owes. */
    private static final class Epochs {
        final double[] period;
        final double[] nextSample;
        final double[] negPeriod;
        final double[] nextNegative;

        Epochs(double[] epochsPerSample, int negativeSampleRate) {
            period = epochsPerSample;
            nextSample = epochsPerSample.clone();
            negPeriod = new double[period.length];
            nextNegative = new double[period.length];
            for (int e = 0; e < period.length; e++) {
                negPeriod[e] = period[e] / negativeSampleRate;
                nextNegative[e] = negPeriod[e];
            }
        }

        /** Whether edge e is sampled in this epoch; if so, schedules its next sample. */
        boolean due(int e, int epoch) {
            if (period[e] <= 0 || nextSample[e] > epoch) {
                return false;
            }
            nextSample[e] += period[e];
            return true;
        }

        /** Negative samples edge e owes at this epoch (counted as taken). */
        int negatives(int e, int epoch) {
            int count = (int) ((epoch - nextNegative[e]) / negPeriod[e]);
            nextNegative[e] += count * negPeriod[e];
            return count;
        }
    }

    /**
     * Places new points against a fixed layout (transform): each point alone, through all epochs, with
     * a random stream of its own seeded from {@code seed} and {@code pointKeys[i]}. Only a point's own
     * edges move it, so its result does not depend on the other points of the batch, their order,
     * or the thread count: the same point gets the same place alone or among millions.
     *
     * @param head the moving points' positions ({@code k} edges each, edge {@code i * k + s}), updated in place
     * @param tail the fixed layout
     * @param pointKeys one key per moving point that identifies it independently of the batch
     */
    void optimizeEach(float[] head, float[] tail, int tailCount, int dim, int k, int[] to, double[] epochsPerSample,
                      int nEpochs, long seed, long[] pointKeys) {
        int m = pointKeys.length;
        Epochs state = new Epochs(epochsPerSample, negativeSampleRate);
        Workers.forEach(threads, m, i -> {
            long rng = seed * 0x9E3779B97F4A7C15L ^ pointKeys[i] * 0xBF58476D1CE4E5B9L;
            rng = rng == 0 ? 1 : rng;
            int cj = i * dim;
            Negatives negatives = new Negatives();
            for (int epoch = 0; epoch < nEpochs; epoch++) {
                double alpha = initialAlpha * (1.0 - (double) epoch / nEpochs);
                for (int e = i * k; e < (i + 1) * k; e++) {
                    if (!state.due(e, epoch)) {
                        continue;
                    }
                    int ck = to[e] * dim;
                    double coeff = attraction(head, cj, tail, ck, dim);
                    for (int d = 0; d < dim; d++) {
                        head[cj + d] += (float) (clip(coeff * (head[cj + d] - tail[ck + d])) * alpha);
                    }
                    for (int owed = state.negatives(e, epoch); owed > 0; owed -= NEGATIVE_BATCH) {
                        int count = Math.min(owed, NEGATIVE_BATCH);
                        for (int p = 0; p < count; p++) {
                            rng = next(rng);
                            negatives.add(p, tail, (int) Long.remainderUnsigned(rng >>> 1, tailCount) * dim);
                        }
                        repel(head, cj, negatives, count, dim, alpha);
                    }
                }
            }
        });
    }

    /** The attractive gradient's coefficient between point h[cj..] and point t[ck..]. */
    private double attraction(float[] h, int cj, float[] t, int ck, int dim) {
        double distSquared = 0;
        for (int d = 0; d < dim; d++) {
            double diff = h[cj + d] - t[ck + d];
            distSquared += diff * diff;
        }
        if (distSquared <= 0) {
            return 0;
        }
        double pb = Math.pow(distSquared, b);
        return -2.0 * a * b * (pb / distSquared) / (a * pb + 1.0);
    }

    /**
     * Pushes point h[cj..] away from the first {@code count} negative samples. Every sample's
     * coefficient is taken from where h stood before any of them moved it, then the moves are applied
     * in draw order. umap-learn takes each from where the previous one left h; taking them together makes
     * the {@code Math.pow} calls independent, so the CPU overlaps them instead of waiting on each in turn,
     * which makes the layout about 1.7x faster. The difference is one step of at most 4 * alpha per sample.
     */
    private void repel(float[] h, int cj, Negatives negatives, int count, int dim, double alpha) {
        double[] coeff = negatives.coeff;
        for (int p = 0; p < count; p++) {
            float[] t = negatives.from[p];
            int co = negatives.row[p];
            double dsq = 0;
            for (int d = 0; d < dim; d++) {
                double diff = h[cj + d] - t[co + d];
                dsq += diff * diff;
            }
            coeff[p] = dsq > 0 ? 2.0 * gamma * b / ((0.001 + dsq) * (a * Math.pow(dsq, b) + 1)) : 0;
        }
        for (int p = 0; p < count; p++) {
            double c = coeff[p];
            if (c <= 0) {
                continue;
            }
            float[] t = negatives.from[p];
            int co = negatives.row[p];
            for (int d = 0; d < dim; d++) {
                h[cj + d] += (float) (clip(c * (h[cj + d] - t[co + d])) * alpha);
            }
        }
    }

    /** Negative samples drawn for one positive sample, at most {@link #NEGATIVE_BATCH}. One per thread. */
    private static final class Negatives {
        final float[][] from = new float[NEGATIVE_BATCH][];
        final int[] row = new int[NEGATIVE_BATCH];
        final double[] coeff = new double[NEGATIVE_BATCH];

        void add(int p, float[] layout, int offset) {
            from[p] = layout;
            row[p] = offset;
        }
    }

    private static double clip(double v) {
        return v > 4 ? 4 : v < -4 ? -4 : v;
    }

    /** xorshift64*, cheap and good enough for picking negative samples. */
    private static long next(long x) {
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        return x * 0x2545F4914F6CDD1DL;
    }
}
