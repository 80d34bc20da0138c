package org.topicj.umap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * A fitted UMAP: the layout of the training points and what {@link #transform} needs to place new
 * points into it (the prepared training data and the curve parameters).
 *
 * <p>{@code transform} follows umap-learn: each new point's neighbours among the training points
 * (exact search), an initial position at the membership-weighted mean of theirs, then a short
 * optimisation that moves only the new points (a third of the fitting epochs, or 100 / 30). One
 * addition: a point identical to a training point (the same input row) is placed exactly where
 * that training point is, so transforming the training data reproduces the fitted layout
 * (umap-learn would move it slightly towards its neighbours).
 *
 * <p>Thread-safety: immutable; {@code transform} may be called concurrently.
 */
public final class UmapModel {
    private final Umap options;
    private final PointSet training;
    private final DenseMatrix embedding;
    private final double a;
    private final double b;
    private final Timings timings;
    /** The training points' k-neighbour indices (self first), or null for a model saved without them. */
    private final int[] neighbours;
    private volatile GraphSearch search;
    private volatile java.util.Map<Integer, Integer> rows;

    /**
     * Seconds spent in each stage of {@link Umap#fit}.
     *
     * @param neighbours k-nearest-neighbour search
     * @param graph fuzzy simplicial set
     * @param init spectral initialisation
     * @param optimise layout optimisation
     */
    public record Timings(double neighbours, double graph, double init, double optimise) {
        /** @return the total */
        public double total() {
            return neighbours + graph + init + optimise;
        }
    }

    UmapModel(Umap options, PointSet training, DenseMatrix embedding, double[] ab, Timings timings, int[] neighbours) {
        this.options = options;
        this.training = training;
        this.embedding = embedding;
        this.a = ab[0];
        this.b = ab[1];
        this.timings = timings;
        this.neighbours = neighbours;
    }

    /** @return the layout of the training points, one row each, in input order */
    public DenseMatrix embedding() {
        return embedding;
    }

    /** @return time per stage of the fit */
    public Timings timings() {
        return timings;
    }

    /** @return the fitted curve parameters {a, b} */
    public double[] curveParameters() {
        return new double[] {a, b};
    }

    /** @return the metric used on the input */
    public UmapMetric metric() {
        return training.metric;
    }

    /** @return the k-neighbour indices of the training points, row-major, self first */
    int[] neighbourIndices() {
        return neighbours.clone();
    }

    /**
     * Places new points into the fitted layout.
     *
     * @param points rows of the training dimension, dense or sparse like the training data
     * @return one row per point in the fitted space
     */
    public DenseMatrix transform(Matrix points) {
        return transform(points, ProgressListener.NONE);
    }

    /**
     * Places new points: each starts at the weighted mean of its neighbours' places and is then
     * optimised against the fixed layout for 100 epochs (a third of the model's epochs, if set). Unlike
     * umap-learn, a point's result does not depend on the batch it comes in, its order, or the thread
     * count, so splitting a corpus (across threads, machines or days) changes nothing.
     *
     * @param points rows of the training dimension
     * @param progress told about the optimisation
     * @return one row per point in the fitted space
     */
    public DenseMatrix transform(Matrix points, ProgressListener progress) {
        Objects.requireNonNull(points, "points");
        if (points.cols() != training.dimension()) {
            throw new IllegalArgumentException("points have " + points.cols() + " columns, the model was fitted on "
                    + training.dimension());
        }
        int m = points.rows();
        int dim = embedding.cols();
        if (m == 0) {
            return DenseMatrix.zeros(0, dim);
        }
        PointSet queries = PointSet.of(points, training.metric);
        if (queries.getClass() != training.getClass()) {
            throw new IllegalArgumentException("the model was fitted on " + (training instanceof PointSet.Sparse ? "sparse" : "dense")
                    + " input; transform needs the same kind");
        }
        int k = options.neighbours();
        KnnGraph g = trainingNeighbours(queries, k);
        double[][] sr = FuzzyGraph.smoothKnnDistances(g.distances(), m, k, Math.max(0, options.localConnectivity() - 1));
        float[] train = embedding.rawData();
        float[] out = new float[m * dim];
        int[] to = new int[m * k];
        float[] weight = new float[m * k];
        int[] known = new int[m];
        java.util.Map<Integer, Integer> rows = trainingRows();
        for (int i = 0; i < m; i++) {
            Integer j = rows.get(queries.rowHash(i));
            known[i] = j != null && training.sameRow(j, queries, i) ? j : -1;
        }
        for (int i = 0; i < m; i++) {
            double total = 0;
            for (int s = 0; s < k; s++) {
                float w = FuzzyGraph.strength(g, sr[0], sr[1], i, s, true);
                weight[i * k + s] = w;
                to[i * k + s] = g.indices()[i * k + s];
                total += w;
            }
            for (int s = 0; s < k; s++) {
                int j = g.indices()[i * k + s];
                double w = total > 0 ? weight[i * k + s] / total : 1.0 / k;
                for (int d = 0; d < dim; d++) {
                    out[i * dim + d] += (float) (w * train[j * dim + d]);
                }
            }
        }
        // umap-learn takes 100 epochs for batches up to 10,000 points and 30 beyond, and draws one random
        // stream for the whole batch, so a point's place depends on its batch. Here the epochs are fixed
        // and every point has its own stream (keyed by its neighbours) and edge periods: the same point lands in the same
        // place whatever it is transformed with, which distributed and incremental use rely on.
        int nEpochs = options.epochs() != null ? Math.max(1, options.epochs() / 3) : TRANSFORM_EPOCHS;
        // Sampling periods against the strongest possible membership (1), not the batch's strongest edge.
        double[] eps = LayoutOptimizer.epochsPerSample(weight, nEpochs, 1.0);
        long[] keys = new long[m];
        for (int i = 0; i < m; i++) {
            if (known[i] >= 0) {
                System.arraycopy(train, known[i] * dim, out, i * dim, dim);
                java.util.Arrays.fill(eps, i * k, (i + 1) * k, -1);
            }
            keys[i] = neighbourKey(g, i, k);
        }
        new LayoutOptimizer(a, b, options.repulsionStrength(), options.learningRate() / 4, options.negativeSampleRate(),
                options.threads())
                .optimizeEach(out, train, embedding.rows(), dim, k, to, eps, nEpochs, options.seed(), keys);
        ProgressListener.orNone(progress).update("layout", m, m);
        return DenseMatrix.wrap(m, dim, out);
    }

    /** Optimisation epochs of {@link #transform} when the model sets none (umap-learn's count for small batches). */
    static final int TRANSFORM_EPOCHS = 100;

    /** A point's identity for its random stream: its exact neighbours and their distances. */
    private static long neighbourKey(KnnGraph g, int i, int k) {
        long h = 0x243F6A8885A308D3L;
        for (int s = 0; s < k; s++) {
            h = (h ^ g.indices()[i * k + s]) * 0x100000001B3L;
            h = (h ^ Float.floatToIntBits(g.distances()[i * k + s])) * 0x100000001B3L;
        }
        return h;
    }

    /**
     * Each query's k nearest training points: exact below {@value #EXACT_QUERY_BELOW} training points, else
     * by {@link GraphSearch} over the training neighbour graph (approximate, as umap-learn's pynndescent query).
     * Both depend on nothing but the query and the model.
     */
    private KnnGraph trainingNeighbours(PointSet queries, int k) {
        if (training.n < EXACT_QUERY_BELOW) {
            return new NearestNeighbors(options.threads()).exactQuery(training, queries, k, false);
        }
        return search().query(queries, k);
    }

    private GraphSearch search() {
        GraphSearch s = search;
        if (s == null) {
            synchronized (this) {
                s = search;
                if (s == null) {
                    int[] graph = neighbours != null ? neighbours
                            // A model saved before the neighbours were: find them once, with a fixed seed so every load agrees.
                            : new NearestNeighbors(options.threads()).nnDescent(training, options.neighbours(), 0,
                                    ProgressListener.NONE).indices();
                    s = GraphSearch.over(training, graph, options.neighbours(), options.threads());
                    search = s;
                }
            }
        }
        return s;
    }

    /**
     * The first training row with each row hash: transform recognises a training point by its values (and places it
     * where the fit did) whether or not the approximate search found it. A hash shared by two different rows only
     * recognises the first; the other is placed like a new point.
     */
    private java.util.Map<Integer, Integer> trainingRows() {
        java.util.Map<Integer, Integer> r = rows;
        if (r == null) {
            r = new java.util.HashMap<>(training.n * 2);
            for (int i = 0; i < training.n; i++) {
                r.putIfAbsent(training.rowHash(i), i);
            }
            rows = r;
        }
        return r;
    }

    /** Training sets smaller than this are searched exhaustively by {@link #transform} (and always were). */
    static final int EXACT_QUERY_BELOW = 8192;

    private static final String FORMAT = "topicj-umap";

    /**
     * Saves what {@link #transform} needs into a folder: {@code umap.json} and {@code .npy} arrays
     * (the prepared training rows and the layout).
     *
     * @param dir the folder, created if needed
     */
    public void save(Path dir) {
        ModelFiles.mkdirs(dir);
        ObjectNode j = ModelFiles.object();
        j.put("format", FORMAT).put("version", 1);
        j.put("neighbours", options.neighbours()).put("components", embedding.cols()).put("metric", training.metric.name());
        j.put("a", a).put("b", b);
        if (options.epochs() != null) {
            j.put("epochs", options.epochs());
        }
        j.put("learningRate", options.learningRate()).put("negativeSampleRate", options.negativeSampleRate());
        j.put("localConnectivity", options.localConnectivity()).put("repulsionStrength", options.repulsionStrength());
        j.put("seed", options.seed()).put("seeded", options.seeded());
        Npy.write(dir.resolve("embedding.npy"), embedding);
        if (neighbours != null) {
            Npy.writeInts(dir.resolve("neighbours.npy"), neighbours);
        }
        if (training instanceof PointSet.Dense d) {
            j.put("input", "dense");
            Npy.write(dir.resolve("training.npy"), DenseMatrix.wrap(d.n, d.dim, d.data));
        } else {
            PointSet.Sparse sp = (PointSet.Sparse) training;
            j.put("input", "sparse").put("columns", sp.cols);
            Npy.writeInts(dir.resolve("training_indptr.npy"), sp.indptr);
            Npy.writeInts(dir.resolve("training_indices.npy"), sp.indices);
            Npy.writeFloats(dir.resolve("training_data.npy"), sp.values);
        }
        ModelFiles.writeJson(dir.resolve("umap.json"), j);
    }

    /**
     * Loads a model written by {@link #save}.
     *
     * @param dir the folder
     * @return the model, ready to transform
     * @throws org.topicj.TopicJException if the folder is missing, foreign or corrupt
     */
    public static UmapModel load(Path dir) {
        Path file = dir.resolve("umap.json");
        JsonNode j = ModelFiles.readJson(file, FORMAT, 1);
        UmapMetric metric;
        try {
            metric = UmapMetric.valueOf(ModelFiles.require(j, "metric", file).asText());
        } catch (IllegalArgumentException e) {
            throw ModelFiles.corrupt(file, "metric", "unknown metric '" + j.path("metric").asText() + "'");
        }
        ModelFiles.requirePositiveInt(j, "neighbours", file);
        int components = ModelFiles.requirePositiveInt(j, "components", file);
        Umap.Builder b = Umap.builder().neighbours(ModelFiles.require(j, "neighbours", file).asInt())
                .components(ModelFiles.require(j, "components", file).asInt()).metric(metric)
                .learningRate(j.path("learningRate").asDouble(1.0)).negativeSampleRate(j.path("negativeSampleRate").asInt(5))
                .localConnectivity(j.path("localConnectivity").asDouble(1.0))
                .repulsionStrength(j.path("repulsionStrength").asDouble(1.0));
        if (j.has("epochs")) {
            b.epochs(j.get("epochs").asInt());
        }
        if (j.path("seeded").asBoolean(false)) {
            b.seed(j.path("seed").asLong());
        }
        DenseMatrix embedding = Npy.readMatrix(ModelFiles.requireFile(dir.resolve("embedding.npy")));
        if (embedding.cols() != components || !embedding.isFinite()) {
            throw ModelFiles.corrupt(dir.resolve("embedding.npy"), "embedding", "expected finite values in " + components
                    + " columns, found " + embedding.cols() + " columns");
        }
        PointSet training;
        if ("sparse".equals(j.path("input").asText())) {
            int[] indptr = Npy.readInts(ModelFiles.requireFile(dir.resolve("training_indptr.npy")));
            training = new PointSet.Sparse(indptr.length - 1, ModelFiles.require(j, "columns", file).asInt(), indptr,
                    Npy.readInts(ModelFiles.requireFile(dir.resolve("training_indices.npy"))),
                    Npy.readFloats(ModelFiles.requireFile(dir.resolve("training_data.npy"))), metric);
        } else {
            DenseMatrix t = Npy.readMatrix(ModelFiles.requireFile(dir.resolve("training.npy")));
            training = new PointSet.Dense(t.rawData(), t.rows(), t.cols(), metric);
        }
        if (training.n != embedding.rows()) {
            throw new org.topicj.io.CorruptModelException(dir.resolve("embedding.npy"), "embedding", training.n
                    + " training rows but " + embedding.rows() + " embedded rows");
        }
        double[] ab = {ModelFiles.require(j, "a", file).asDouble(), ModelFiles.require(j, "b", file).asDouble()};
        return new UmapModel(b.build(), training, embedding, ab, new Timings(0, 0, 0, 0), savedNeighbours(dir, training.n,
                ModelFiles.require(j, "neighbours", file).asInt()));
    }

    /** The saved neighbour indices (checked: n x k, each a training row), or null for a model saved without them. */
    private static int[] savedNeighbours(Path dir, int n, int k) {
        Path f = dir.resolve("neighbours.npy");
        if (!java.nio.file.Files.exists(f)) {
            return null;
        }
        int[] idx = Npy.readInts(f);
        if (idx.length != (long) n * k) {
            throw ModelFiles.corrupt(f, "neighbours", "expected " + n + " x " + k + " indices, found " + idx.length);
        }
        for (int v : idx) {
            if (v < 0 || v >= n) {
                throw ModelFiles.corrupt(f, "neighbours", "index " + v + " is not a training row (0.." + (n - 1) + ")");
            }
        }
        return idx;
    }
}
