package org.topicj.hdbscan;

import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.topicj.concurrent.Workers;
import org.topicj.matrix.DenseMatrix;
import org.topicj.neighbors.KdTree;
import org.topicj.neighbors.MutualReachabilityMst;
import org.topicj.progress.ProgressListener;

/**
 * HDBSCAN clustering (Campello, Moulavi and Sander 2013; McInnes, Healy and Astels 2017), with the
 * parameters, defaults and outputs of the Python {@code hdbscan} library 0.8: labels (-1 noise),
 * membership probabilities, GLOSH outlier scores, the condensed tree, and prediction data for
 * {@link HdbscanModel#approximatePredict} and soft clustering.
 *
 * <p>How: core distances from exact k-nearest neighbours in a k-d tree; the minimum spanning tree
 * of the mutual-reachability graph by Borůvka's algorithm on the same tree (memory linear in n,
 * no n x n matrix); single linkage, condensing, stability-based selection. Meant for the
 * low-dimensional output of UMAP; in high dimension a k-d tree degrades towards brute force.
 *
 * <p>Deterministic: the same input and options give the same result for any thread count.
 * Duplicate points are fine; distances of zero get a large finite density
 * ({@link CondensedTree#MAX_LAMBDA}) instead of hdbscan's infinity.
 *
 * <pre>{@code
 * HdbscanModel model = Hdbscan.builder().minClusterSize(10).build().fit(points);
 * int[] labels = model.labels();
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #fit} may be called from several threads.
 */
public final class Hdbscan {
    private final int minClusterSize;
    private final int minSamples;
    private final HdbscanMetric metric;
    private final ClusterSelectionMethod selection;
    private final double epsilon;
    private final boolean allowSingleCluster;
    private final double alpha;
    private final int threads;

    private Hdbscan(Builder b) {
        this.minClusterSize = b.minClusterSize;
        this.minSamples = b.minSamples == null ? b.minClusterSize : b.minSamples;
        this.metric = b.metric;
        this.selection = b.selection;
        this.epsilon = b.epsilon;
        this.allowSingleCluster = b.allowSingleCluster;
        this.alpha = b.alpha;
        this.threads = b.threads;
    }

    /** @return a builder with hdbscan's defaults (min cluster size 5; BERTopic passes 10) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return smallest cluster size */
    public int minClusterSize() {
        return minClusterSize;
    }

    /** @return neighbours that define a point's core distance */
    public int minSamples() {
        return minSamples;
    }

    /**
     * Clusters points.
     *
     * @param points one row per point; finite values
     * @return the fitted model
     * @throws IllegalArgumentException for fewer points than min cluster size, non-finite values,
     *     or zero rows under the cosine metric
     */
    public HdbscanModel fit(DenseMatrix points) {
        return fit(points, ProgressListener.NONE);
    }

    /**
     * Clusters points, reporting progress by stage.
     *
     * @param points one row per point
     * @param progress told when each stage is done
     * @return the fitted model
     */
    public HdbscanModel fit(DenseMatrix points, ProgressListener progress) {
        Objects.requireNonNull(points, "points");
        ProgressListener listener = ProgressListener.orNone(progress);
        int n = points.rows();
        validate(points);
        double[] data = toTreeSpace(points);
        KdTree tree = new KdTree(data, n, points.cols(), metric.treeMetric(), 20);
        int k = Math.max(1, Math.min(n - 1, minSamples));
        // One neighbour query serves both conventions of hdbscan: its Borůvka takes the core distance as the
        // distance to the k-th neighbour other than the point itself, its prediction data counts the point.
        int[] neighbours = new int[n * (k + 1)];
        double[][] core = neighbourDistances(tree, data, k + 1, k, neighbours);
        double[] predictionCore = core[1];
        listener.update("hdbscan", 1, 4);
        MutualReachabilityMst mst = MutualReachabilityMst.compute(tree, core[0], alpha, threads, neighbours, k + 1);
        listener.update("hdbscan", 2, 4);
        double[] weights = mst.weight().clone();
        for (int i = 0; i < weights.length; i++) {
            weights[i] = metric.fromTree(weights[i]);
        }
        SingleLinkage linkage = SingleLinkage.of(new MutualReachabilityMst(mst.from(), mst.to(), weights), n);
        CondensedTree condensed = CondensedTree.condense(linkage, minClusterSize);
        listener.update("hdbscan", 3, 4);
        for (int i = 0; i < n; i++) {
            predictionCore[i] = metric.fromTree(predictionCore[i]);
        }
        HdbscanModel model = HdbscanModel.build(this, tree, condensed, predictionCore);
        listener.update("hdbscan", 4, 4);
        return model;
    }

    ClusterSelectionMethod selection() {
        return selection;
    }

    double epsilon() {
        return epsilon;
    }

    boolean allowSingleCluster() {
        return allowSingleCluster;
    }

    HdbscanMetric metric() {
        return metric;
    }

    int threads() {
        return threads;
    }

    private void validate(DenseMatrix points) {
        int n = points.rows();
        if (n < minClusterSize) {
            throw new IllegalArgumentException("HDBSCAN needs at least min cluster size = " + minClusterSize
                    + " points, got " + n);
        }
        if (n < 2) {
            throw new IllegalArgumentException("HDBSCAN needs at least 2 points, got " + n);
        }
        if (points.cols() == 0) {
            throw new IllegalArgumentException("points have no dimensions");
        }
        float[] v = points.rawData();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("point " + i / points.cols() + " has a non-finite value (" + v[i]
                        + ") in dimension " + i % points.cols() + "; remove or impute it before clustering");
            }
        }
    }

    double[] toTreeSpace(DenseMatrix points) {
        int n = points.rows();
        int d = points.cols();
        float[] v = points.rawData();
        double[] out = new double[v.length];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                out[i * d + j] = v[i * d + j];
                norm += out[i * d + j] * out[i * d + j];
            }
            if (metric == HdbscanMetric.COSINE) {
                if (norm == 0) {
                    throw new IllegalArgumentException("point " + i + " is all zeros; the cosine distance is undefined for it");
                }
                double inv = 1 / Math.sqrt(norm);
                for (int j = 0; j < d; j++) {
                    out[i * d + j] *= inv;
                }
            }
        }
        return out;
    }

    /**
     * Distances (tree units) from each point to its {@code k}-th and {@code j}-th nearest stored points, itself
     * included; the indices of its k nearest go to {@code neighboursOut}.
     */
    double[][] neighbourDistances(KdTree tree, double[] data, int k, int j, int[] neighboursOut) {
        int n = tree.size();
        int d = tree.dimension();
        double[] kth = new double[n];
        double[] jth = new double[n];
        Runnable work = () -> IntStream.range(0, n).parallel().forEach(i -> {
            int[] idx = new int[k];
            double[] dist = new double[k];
            tree.query(data, i * d, k, idx, dist);
            kth[i] = dist[k - 1];
            jth[i] = dist[j - 1];
            System.arraycopy(idx, 0, neighboursOut, i * k, k);
        });
        runWithThreads(work);
        return new double[][] {kth, jth};
    }

    void runWithThreads(Runnable parallelWork) {
        Workers.run(threads, parallelWork);
    }

    /** Options for {@link Hdbscan}. Not thread-safe; build once. */
    public static final class Builder {
        private int minClusterSize = 5;
        private Integer minSamples;
        private HdbscanMetric metric = HdbscanMetric.EUCLIDEAN;
        private ClusterSelectionMethod selection = ClusterSelectionMethod.EOM;
        private double epsilon;
        private boolean allowSingleCluster;
        private double alpha = 1.0;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** @param size smallest cluster, &ge; 2 (hdbscan default 5; BERTopic uses its min topic size, 10) @return this */
        public Builder minClusterSize(int size) {
            if (size < 2) {
                throw new IllegalArgumentException("min cluster size must be at least 2, got " + size);
            }
            this.minClusterSize = size;
            return this;
        }

        /** @param samples neighbours defining density, &ge; 1; default: min cluster size @return this */
        public Builder minSamples(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("min samples must be at least 1, got " + samples);
            }
            this.minSamples = samples;
            return this;
        }

        /** @param m the distance @return this */
        public Builder metric(HdbscanMetric m) {
            this.metric = Objects.requireNonNull(m);
            return this;
        }

        /** @param method EOM (default) or LEAF @return this */
        public Builder clusterSelectionMethod(ClusterSelectionMethod method) {
            this.selection = Objects.requireNonNull(method);
            return this;
        }

        /** @param eps clusters closer than this distance are merged (hdbscan's cluster_selection_epsilon), &ge; 0 @return this */
        public Builder clusterSelectionEpsilon(double eps) {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("cluster selection epsilon must be finite and >= 0, got " + eps);
            }
            this.epsilon = eps;
            return this;
        }

        /** @param allow whether the root may be the single cluster @return this */
        public Builder allowSingleCluster(boolean allow) {
            this.allowSingleCluster = allow;
            return this;
        }

        /** @param a distance scaling of robust single linkage, &gt; 0 (default 1) @return this */
        public Builder alpha(double a) {
            if (!(a > 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("alpha must be finite and positive, got " + a);
            }
            this.alpha = a;
            return this;
        }

        /** @param count worker threads, &ge; 1 (default: all cores); the result does not depend on it @return this */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + count);
            }
            this.threads = count;
            return this;
        }

        /** @return the configured clusterer */
        public Hdbscan build() {
            return new Hdbscan(this);
        }
    }
}
