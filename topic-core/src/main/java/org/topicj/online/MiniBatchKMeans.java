package org.topicj.online;

import java.util.Objects;
import java.util.SplittableRandom;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;

/**
 * k-means learnt batch by batch (Sculley 2010, as scikit-learn's {@code MiniBatchKMeans.partial_fit}):
 * the first batch places the centres (best of 3 k-means++ starts refined by Lloyd's algorithm); every
 * point then moves its nearest centre
 * towards it by 1 / (points that centre has taken so far). Seeded: the same batches give the same centres.
 *
 * <p>Thread-safety: not thread-safe while fitting; {@link #predict} may run concurrently once fitted.
 */
public final class MiniBatchKMeans {
    private final int clusters;
    private final long seed;
    private double[][] centers;
    private long[] counts;

    /**
     * @param clusters k, &gt; 0
     * @param seed seeds the k-means++ start
     */
    public MiniBatchKMeans(int clusters, long seed) {
        if (clusters <= 0) {
            throw new IllegalArgumentException("clusters must be positive, got " + clusters);
        }
        this.clusters = clusters;
        this.seed = seed;
    }

    /** @return k */
    public int clusters() {
        return clusters;
    }

    /**
     * Fits on all points at once, for a batch topic model: the best of 3 k-means++ starts refined by
     * Lloyd's algorithm, without the mini-batch updates.
     *
     * @param points the rows, at least {@code clusters} of them
     * @return each row's cluster
     * @throws IllegalStateException if already fitted
     */
    public int[] fit(Matrix points) {
        if (centers != null) {
            throw new IllegalStateException("MiniBatchKMeans is already fitted; use partialFit to learn more");
        }
        DenseMatrix x = Objects.requireNonNull(points, "points").toDense();
        if (x.rows() < clusters) {
            throw new IllegalArgumentException(x.rows() + " points cannot make " + clusters + " k-means clusters");
        }
        seedCenters(x);
        int[] labels = predict(x);
        for (int l : labels) {
            counts[l]++;
        }
        return labels;
    }

    /** @return whether the centres have been placed */
    public boolean isFitted() {
        return centers != null;
    }

    /** @return the seed of the k-means++ starts */
    public long seed() {
        return seed;
    }

    /**
     * Updates the centres with a batch and returns its points' clusters.
     *
     * @param batch rows; the first batch needs at least {@code clusters} rows
     * @return the cluster of each row, after its update
     */
    public int[] partialFit(Matrix batch) {
        DenseMatrix x = Objects.requireNonNull(batch, "batch").toDense();
        if (centers == null) {
            if (x.rows() < clusters) {
                throw new IllegalArgumentException("the first batch has " + x.rows() + " rows; MiniBatchKMeans("
                        + clusters + ") needs at least " + clusters + " to place its centres");
            }
            seedCenters(x);
        }
        int[] labels = new int[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            int c = nearest(x.row(i));
            counts[c]++;
            double rate = 1.0 / counts[c];
            for (int j = 0; j < centers[c].length; j++) {
                centers[c][j] += rate * (x.get(i, j) - centers[c][j]);
            }
            labels[i] = c;
        }
        return labels;
    }

    /**
     * @param points rows of the fitted dimension
     * @return each row's nearest centre
     */
    public int[] predict(Matrix points) {
        if (centers == null) {
            throw new IllegalStateException("MiniBatchKMeans has not been fitted; call partialFit first");
        }
        DenseMatrix x = points.toDense();
        int[] labels = new int[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            labels[i] = nearest(x.row(i));
        }
        return labels;
    }

    /**
     * Starts from the best of {@link #STARTS} k-means++ seedings, each refined by Lloyd iterations on
     * the first batch, by inertia on that batch (scikit-learn also tries several starts).
     */
    private void seedCenters(DenseMatrix x) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int start = 0; start < STARTS; start++) {
            centers = kMeansPlusPlus(x, rnd);
            double inertia = lloyd(x, LLOYD_ITERATIONS);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = centers;
            }
        }
        centers = best;
        counts = new long[clusters];
    }

    private static final int STARTS = 3;
    private static final int LLOYD_ITERATIONS = 20;

    /** Lloyd's iterations on one batch, in place; returns the final inertia. */
    private double lloyd(DenseMatrix x, int iterations) {
        int d = x.cols();
        double inertia = 0;
        for (int it = 0; it < iterations; it++) {
            double[][] sums = new double[clusters][d];
            int[] n = new int[clusters];
            inertia = 0;
            for (int i = 0; i < x.rows(); i++) {
                float[] p = x.row(i);
                int c = nearest(p);
                inertia += distance(p, centers[c]);
                n[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c][j] += p[j];
                }
            }
            for (int c = 0; c < clusters; c++) {
                if (n[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centers[c][j] = sums[c][j] / n[c];
                    }
                }
            }
        }
        return inertia;
    }

    private double[][] kMeansPlusPlus(DenseMatrix x, SplittableRandom rnd) {
        int n = x.rows();
        double[][] chosen = new double[clusters][];
        double[] best = new double[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        int pick = rnd.nextInt(n);
        for (int c = 0; c < clusters; c++) {
            float[] row = x.row(pick);
            chosen[c] = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                chosen[c][j] = row[j];
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                best[i] = Math.min(best[i], distance(x.row(i), chosen[c]));
                total += best[i];
            }
            double target = rnd.nextDouble() * total;
            pick = n - 1;
            for (int i = 0; i < n; i++) {
                target -= best[i];
                if (target < 0) {
                    pick = i;
                    break;
                }
            }
        }
        return chosen;
    }

    private int nearest(float[] p) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < clusters; c++) {
            double dd = distance(p, centers[c]);
            if (dd < bestDistance) {
                bestDistance = dd;
                best = c;
            }
        }
        return best;
    }

    private static double distance(float[] p, double[] c) {
        double s = 0;
        for (int j = 0; j < c.length; j++) {
            double diff = p[j] - c[j];
            s += diff * diff;
        }
        return s;
    }

    /**
     * Moves every centre, for when the space the points live in changes (an online PCA's new components).
     *
     * @param map old centre to new centre
     */
    public void moveCenters(java.util.function.UnaryOperator<double[]> map) {
        if (centers != null) {
            for (int c = 0; c < clusters; c++) {
                centers[c] = map.apply(centers[c].clone());
            }
        }
    }

    /** @return the centres (k x dim) followed by a row of counts; for saving */
    public double[][] state() {
        double[][] s = new double[clusters + 1][];
        for (int c = 0; c < clusters; c++) {
            s[c] = centers[c].clone();
        }
        s[clusters] = java.util.Arrays.stream(counts).asDoubleStream().toArray();
        return s;
    }

    /**
     * @param state what {@link #state()} returned
     * @param seed the seed it was built with
     * @return the fitted model
     */
    public static MiniBatchKMeans restore(double[][] state, long seed) {
        MiniBatchKMeans k = new MiniBatchKMeans(state.length - 1, seed);
        k.centers = new double[state.length - 1][];
        for (int c = 0; c < k.centers.length; c++) {
            k.centers[c] = state[c].clone();
        }
        k.counts = java.util.Arrays.stream(state[state.length - 1]).mapToLong(v -> (long) v).toArray();
        return k;
    }
}
