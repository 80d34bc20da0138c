package org.topicj.umap;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.topicj.concurrent.Workers;
import org.topicj.progress.ProgressListener;

/**
 * UMAP's stochastic gradient descent on the layout (umap-learn's optimize_layout_euclidean): each
 * edge is sampled in proportion to its strength, pulling its ends together, with
 * {@code negativeSampleRate} random points pushed away per sample; the learning rate decays
 * linearly to 0. Gradients are clipped to [-4, 4].
 *
 * <p>With one thread every run with the same seed is identical. With more, edges are split into
 * contiguous blocks updated concurrently without locks (as umap-learn's parallel mode does), so
 * results vary slightly from run to run.
 */
final class LayoutOptimizer {
    private final double a;
    private final double b;
    private final double gamma;
    private final double initialAlpha;
    private final int negativeSampleRate;
    private final int threads;

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
     * Fitting: both ends of every edge move. (Transform, where the layout stays fixed, is {@link #optimizeEach}.)
     *
     * @param head embedding of the moving points (updated in place)
     * @param tail embedding of the reference points (the same array when fitting)
     */
    void optimize(float[] head, float[] tail, int tailCount, int dim, int[] from, int[] to, double[] epochsPerSample,
                  int nEpochs, long seed, ProgressListener progress) {
        int edges = from.length;
        double[] nextSample = epochsPerSample.clone();
        double[] negPeriod = new double[edges];
        double[] nextNegative = new double[edges];
        for (int e = 0; e < edges; e++) {
            negPeriod[e] = epochsPerSample[e] / negativeSampleRate;
            nextNegative[e] = negPeriod[e];
        }
        int blocks = threads == 1 ? 1 : threads * 4;
        long[] state = new long[blocks];
        for (int t = 0; t < blocks; t++) {
            state[t] = seed * 0x9E3779B97F4A7C15L + t * 0xBF58476D1CE4E5B9L + 1;
        }
        for (int epoch = 0; epoch < nEpochs; epoch++) {
            double alpha = initialAlpha * (1.0 - (double) epoch / nEpochs);
            int n = epoch;
            Runnable work = () -> IntStream.range(0, blocks).parallel().forEach(block -> {
                int start = (int) ((long) edges * block / blocks);
                int end = (int) ((long) edges * (block + 1) / blocks);
                long rng = state[block];
                for (int e = start; e < end; e++) {
                    if (epochsPerSample[e] <= 0 || nextSample[e] > n) {
                        continue;
                    }
                    rng = sampleEdge(head, tail, tailCount, dim, from[e], to[e], alpha, true, e, n,
                            nextSample, epochsPerSample, nextNegative, negPeriod, rng);
                }
                state[block] = rng;
            });
            if (threads == 1) {
                work.run();
            } else {
                Workers.run(threads, work);
            }
            progress.update("layout", epoch + 1, nEpochs);
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
        double[] nextSample = epochsPerSample.clone();
        double[] negPeriod = new double[to.length];
        double[] nextNegative = new double[to.length];
        for (int e = 0; e < to.length; e++) {
            negPeriod[e] = epochsPerSample[e] / negativeSampleRate;
            nextNegative[e] = negPeriod[e];
        }
        Runnable work = () -> IntStream.range(0, m).parallel().forEach(i -> {
            long rng = seed * 0x9E3779B97F4A7C15L ^ pointKeys[i] * 0xBF58476D1CE4E5B9L;
            rng = rng == 0 ? 1 : rng;
            for (int epoch = 0; epoch < nEpochs; epoch++) {
                double alpha = initialAlpha * (1.0 - (double) epoch / nEpochs);
                for (int e = i * k; e < (i + 1) * k; e++) {
                    if (epochsPerSample[e] <= 0 || nextSample[e] > epoch) {
                        continue;
                    }
                    rng = sampleEdge(head, tail, tailCount, dim, i, to[e], alpha, false, e, epoch,
                            nextSample, epochsPerSample, nextNegative, negPeriod, rng);
                }
            }
        });
        Workers.run(threads, work);
    }

    private long sampleEdge(float[] head, float[] tail, int tailCount, int dim, int j, int k, double alpha, boolean moveOther,
                            int e, int epoch, double[] nextSample, double[] period, double[] nextNegative,
                            double[] negPeriod, long rng) {
        int cj = j * dim;
        int ck = k * dim;
        double distSquared = 0;
        for (int d = 0; d < dim; d++) {
            double diff = head[cj + d] - tail[ck + d];
            distSquared += diff * diff;
        }
        double coeff = 0;
        if (distSquared > 0) {
            double pb = Math.pow(distSquared, b);
            coeff = -2.0 * a * b * (pb / distSquared) / (a * pb + 1.0);
        }
        for (int d = 0; d < dim; d++) {
            double grad = clip(coeff * (head[cj + d] - tail[ck + d]));
            head[cj + d] += (float) (grad * alpha);
            if (moveOther) {
                tail[ck + d] -= (float) (grad * alpha);
            }
        }
        nextSample[e] += period[e];
        int negatives = (int) ((epoch - nextNegative[e]) / negPeriod[e]);
        for (int p = 0; p < negatives; p++) {
            rng = next(rng);
            int other = (int) Long.remainderUnsigned(rng >>> 1, tailCount);
            int co = other * dim;
            double dsq = 0;
            for (int d = 0; d < dim; d++) {
                double diff = head[cj + d] - tail[co + d];
                dsq += diff * diff;
            }
            double c;
            if (dsq > 0) {
                c = 2.0 * gamma * b / ((0.001 + dsq) * (a * Math.pow(dsq, b) + 1));
            } else {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                double grad = c > 0 ? clip(c * (head[cj + d] - tail[co + d])) : 0;
                head[cj + d] += (float) (grad * alpha);
            }
        }
        nextNegative[e] += negatives * negPeriod[e];
        return rng;
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
