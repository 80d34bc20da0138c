package org.topicj.umap;

import java.util.Objects;
import java.util.SplittableRandom;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.progress.ProgressListener;

/**
 * UMAP dimension reduction (McInnes, Healy and Melville 2018) with umap-learn 0.5's parameters and
 * defaults: a fuzzy k-neighbour graph of the input, a spectral initial layout, and a layout
 * optimised by stochastic gradient descent. Written from the paper and umap-learn's documented
 * behaviour.
 *
 * <p>Neighbours are exact below {@value #EXACT_NEIGHBOURS_BELOW} points and found by NN-descent
 * over random-projection trees above (as umap-learn); the neighbour index is kept for
 * {@link UmapModel#transform}. Memory is linear in n: no n x n matrix is ever formed.
 *
 * <p>Determinism: with a seed ({@link Builder#seed}) the result is identical run to run, bit for
 * bit, whatever the thread count. Every stage runs in parallel but deterministically, the gradient
 * descent included: it updates fixed blocks of edges with disjoint heads concurrently and merges
 * their other moves in a fixed order (unlike umap-learn, which gives up parallel layout when
 * seeded). Without a seed the same algorithm runs with a seed drawn at random, so only that seed
 * makes unseeded runs differ.
 *
 * <pre>{@code
 * UmapModel model = Umap.builder().components(5).minDist(0.0).seed(42).build().fit(embeddings);
 * DenseMatrix reduced = model.embedding();
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #fit} may be called from several threads.
 */
public final class Umap {
    /** Inputs smaller than this get exact neighbours (umap-learn's threshold). */
    public static final int EXACT_NEIGHBOURS_BELOW = 4096;

    private final int neighbours;
    private final int components;
    private final double minDist;
    private final double spread;
    private final Integer epochs;
    private final double learningRate;
    private final int negativeSampleRate;
    private final double localConnectivity;
    private final double setOpMixRatio;
    private final double repulsionStrength;
    private final UmapMetric metric;
    private final long seed;
    private final boolean seeded;
    private final int threads;
    private final Boolean exactNeighbours;
    private final double targetWeight;

    private Umap(Builder b) {
        this.neighbours = b.neighbours;
        this.components = b.components;
        this.minDist = b.minDist;
        this.spread = b.spread;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.negativeSampleRate = b.negativeSampleRate;
        this.localConnectivity = b.localConnectivity;
        this.setOpMixRatio = b.setOpMixRatio;
        this.repulsionStrength = b.repulsionStrength;
        this.metric = b.metric;
        this.seed = b.seed != null ? b.seed : new java.util.SplittableRandom().nextLong();
        this.seeded = b.seed != null;
        this.threads = b.threads;
        this.exactNeighbours = b.exactNeighbours;
        this.targetWeight = b.targetWeight;
        if (minDist > spread) {
            throw new IllegalArgumentException("min_dist (" + minDist + ") must not exceed spread (" + spread + ")");
        }
    }

    /** @return a builder with umap-learn's defaults, except the metric (cosine, as BERTopic) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits to dense or sparse input. For sparse input without an explicit metric the Hellinger
     * metric is used, as BERTopic's documentation recommends for TF-IDF.
     *
     * @param input one row per point
     * @return the fitted model
     */
    public UmapModel fit(Matrix input) {
        return fit(input, ProgressListener.NONE);
    }

    /**
     * @param input one row per point
     * @param progress told about each stage
     * @return the fitted model
     * @throws IllegalArgumentException for too few points, non-finite values, zero rows under
     *     cosine or Hellinger, negative values under Hellinger
     */
    public UmapModel fit(Matrix input, ProgressListener progress) {
        return fit(input, null, progress);
    }

    /**
     * Fits with (partial) labels, umap-learn's supervised and semi-supervised UMAP with its
     * categorical target metric: the fuzzy graph is intersected with the labels (an edge between
     * different labels is weakened by {@code exp(-2.5 / (1 - targetWeight))}, one with an unknown
     * label, -1, by {@code exp(-1)}) and its local connectivity reset, so points with the same label
     * are drawn together. New points are placed without labels ({@link UmapModel#transform}).
     *
     * @param input one row per point
     * @param labels one per point: any integer category, -1 for unknown; or null for plain UMAP
     * @param progress told about each stage
     * @return the fitted model
     * @throws IllegalArgumentException as {@link #fit(Matrix, ProgressListener)}, or if the labels do not fit
     */
    public UmapModel fit(Matrix input, int[] labels, ProgressListener progress) {
        Objects.requireNonNull(input, "input");
        if (labels != null && labels.length != input.rows()) {
            throw new IllegalArgumentException(input.rows() + " points but " + labels.length + " labels; give one label per point, -1 "
                    + "where it is unknown");
        }
        ProgressListener listener = ProgressListener.orNone(progress);
        int n = input.rows();
        if (n <= neighbours) {
            throw new IllegalArgumentException("UMAP needs more points than n_neighbors (" + neighbours + "), got " + n
                    + "; lower n_neighbors or give more data");
        }
        if (n <= components + 1) {
            throw new IllegalArgumentException("UMAP needs more than n_components + 1 = " + (components + 1) + " points, got " + n);
        }
        UmapMetric m = effectiveMetric(input);
        long t0 = System.nanoTime();
        PointSet points = PointSet.of(input, m);
        NearestNeighbors nn = new NearestNeighbors(threads);
        boolean exact = exactNeighbours != null ? exactNeighbours : n < EXACT_NEIGHBOURS_BELOW;
        KnnGraph knn = exact ? nn.exact(points, neighbours) : nn.nnDescent(points, neighbours, seed, listener);
        long t1 = System.nanoTime();
        FuzzyGraph graph = FuzzyGraph.build(knn, localConnectivity, setOpMixRatio, threads);
        if (labels != null) {
            graph = graph.intersectLabels(labels, 1.0, targetWeight < 1 ? 2.5 * (1.0 / (1.0 - targetWeight)) : 1e12);
        }
        long t2 = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] layout = SpectralLayout.layout(graph, components, rnd);
        float[] embedding = expandAndScale(layout, n, components, rnd);
        long t3 = System.nanoTime();
        int nEpochs = epochs != null ? epochs : n <= 10_000 ? 500 : 200;
        double[] ab = CurveParameters.fit(spread, minDist);
        double[] eps = LayoutOptimizer.epochsPerSample(graph.weight(), nEpochs);
        new LayoutOptimizer(ab[0], ab[1], repulsionStrength, learningRate, negativeSampleRate, threads)
                .optimize(embedding, n, components, graph.head(), graph.tail(), eps, nEpochs, seed, listener);
        long t4 = System.nanoTime();
        UmapModel.Timings timings = new UmapModel.Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
        return new UmapModel(this, points, DenseMatrix.wrap(n, components, embedding), ab, timings, knn.indices());
    }

    /** umap-learn: scale the initial layout to max |x| = 10, add tiny noise, then map each axis onto [0, 10]. */
    private static float[] expandAndScale(float[] layout, int n, int dim, SplittableRandom rnd) {
        double max = 0;
        for (float v : layout) {
            max = Math.max(max, Math.abs(v));
        }
        double expansion = max > 0 ? 10.0 / max : 1;
        float[] out = new float[layout.length];
        for (int i = 0; i < layout.length; i++) {
            out[i] = (float) (layout[i] * expansion + rnd.nextGaussian() * 0.0001);
        }
        for (int d = 0; d < dim; d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, out[i * dim + d]);
                hi = Math.max(hi, out[i * dim + d]);
            }
            double range = hi - lo;
            for (int i = 0; i < n; i++) {
                out[i * dim + d] = (float) (range > 0 ? 10.0 * (out[i * dim + d] - lo) / range : 0);
            }
        }
        return out;
    }

    UmapMetric effectiveMetric(Matrix input) {
        return metric != null ? metric : input instanceof SparseMatrix ? UmapMetric.HELLINGER : UmapMetric.COSINE;
    }

    int neighbours() {
        return neighbours;
    }

    int components() {
        return components;
    }

    Integer epochs() {
        return epochs;
    }

    double learningRate() {
        return learningRate;
    }

    int negativeSampleRate() {
        return negativeSampleRate;
    }

    double localConnectivity() {
        return localConnectivity;
    }

    double repulsionStrength() {
        return repulsionStrength;
    }

    int threads() {
        return threads;
    }

    /** @return the seed in use (drawn at random when none was given) */
    public long seed() {
        return seed;
    }

    /** @return whether a seed was given, making results reproducible */
    public boolean seeded() {
        return seeded;
    }

    /** Options for {@link Umap}; defaults as umap-learn 0.5. Not thread-safe; build once. */
    public static final class Builder {
        private int neighbours = 15;
        private int components = 2;
        private double minDist = 0.1;
        private double spread = 1.0;
        private Integer epochs;
        private double learningRate = 1.0;
        private int negativeSampleRate = 5;
        private double localConnectivity = 1.0;
        private double setOpMixRatio = 1.0;
        private double repulsionStrength = 1.0;
        private UmapMetric metric;
        private Long seed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Boolean exactNeighbours;
        private double targetWeight = 0.5;

        private Builder() {
        }

        /**
         * @param w how strongly labels shape a supervised fit ({@link Umap#fit(Matrix, int[], ProgressListener)}),
         *     in [0, 1] (umap-learn's target_weight, default 0.5; 1 cuts every edge between different labels)
         * @return this
         */
        public Builder targetWeight(double w) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("target_weight must be in [0, 1], got " + w);
            }
            this.targetWeight = w;
            return this;
        }

        /** @param k neighbours per point, &ge; 2 (default 15) @return this */
        public Builder neighbours(int k) {
            if (k < 2) {
                throw new IllegalArgumentException("n_neighbors must be at least 2, got " + k);
            }
            this.neighbours = k;
            return this;
        }

        /** @param d output dimensions, &ge; 1 (umap-learn default 2; BERTopic uses 5) @return this */
        public Builder components(int d) {
            if (d < 1) {
                throw new IllegalArgumentException("n_components must be at least 1, got " + d);
            }
            this.components = d;
            return this;
        }

        /** @param d minimum distance between embedded points, &ge; 0 (default 0.1; BERTopic uses 0.0) @return this */
        public Builder minDist(double d) {
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("min_dist must be finite and >= 0, got " + d);
            }
            this.minDist = d;
            return this;
        }

        /** @param s scale of embedded points, &gt; 0 (default 1.0) @return this */
        public Builder spread(double s) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("spread must be finite and positive, got " + s);
            }
            this.spread = s;
            return this;
        }

        /** @param e optimisation epochs, &ge; 1 (default 500 up to 10,000 points, else 200) @return this */
        public Builder epochs(int e) {
            if (e < 1) {
                throw new IllegalArgumentException("n_epochs must be at least 1, got " + e);
            }
            this.epochs = e;
            return this;
        }

        /** @param r initial learning rate, &gt; 0 (default 1.0) @return this */
        public Builder learningRate(double r) {
            if (!(r > 0)) {
                throw new IllegalArgumentException("learning_rate must be positive, got " + r);
            }
            this.learningRate = r;
            return this;
        }

        /** @param r negative samples per positive sample, &ge; 0 (default 5) @return this */
        public Builder negativeSampleRate(int r) {
            if (r < 0) {
                throw new IllegalArgumentException("negative_sample_rate must be >= 0, got " + r);
            }
            this.negativeSampleRate = r;
            return this;
        }

        /** @param c nearest neighbours assumed connected, &ge; 0 (default 1.0) @return this */
        public Builder localConnectivity(double c) {
            if (!(c >= 0)) {
                throw new IllegalArgumentException("local_connectivity must be >= 0, got " + c);
            }
            this.localConnectivity = c;
            return this;
        }

        /** @param r 1 = fuzzy union, 0 = fuzzy intersection (default 1.0) @return this */
        public Builder setOpMixRatio(double r) {
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalArgumentException("set_op_mix_ratio must be in [0, 1], got " + r);
            }
            this.setOpMixRatio = r;
            return this;
        }

        /** @param g weight of negative samples, &gt; 0 (default 1.0) @return this */
        public Builder repulsionStrength(double g) {
            if (!(g > 0)) {
                throw new IllegalArgumentException("repulsion_strength must be positive, got " + g);
            }
            this.repulsionStrength = g;
            return this;
        }

        /** @param m input metric (default: cosine for dense input, Hellinger for sparse) @return this */
        public Builder metric(UmapMetric m) {
            this.metric = Objects.requireNonNull(m);
            return this;
        }

        /** @param s random seed; makes results reproducible (default: none, random and faster) @return this */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @param t worker threads, &ge; 1 (default: all cores) @return this */
        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + t);
            }
            this.threads = t;
            return this;
        }

        /** @param exact force exact (true) or approximate (false) neighbours; default by size @return this */
        public Builder exactNeighbours(boolean exact) {
            this.exactNeighbours = exact;
            return this;
        }

        /** @return the configured reducer */
        public Umap build() {
            return new Umap(this);
        }
    }
}
