package org.topicj.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.online.MiniBatchKMeans;
import org.topicj.progress.ProgressListener;

/**
 * k-means as a topic model's clustering (BERTopic lets k-means stand in for HDBSCAN, and uses
 * mini-batch k-means online): every document gets a cluster (no outliers) with probability 1.
 * {@link #fit} runs k-means on all points (best of 3 seeded k-means++ starts with Lloyd's
 * iterations); {@link #incremental()} gives the chunk-by-chunk form.
 *
 * <p>Thread-safety: immutable; the incremental form is not thread-safe while fitting.
 */
public final class KMeansClusterer implements Clusterer {
    private final int clusters;
    private final long seed;

    /**
     * @param clusters k, &gt; 0
     * @param seed seeds the k-means++ starts
     */
    public KMeansClusterer(int clusters, long seed) {
        if (clusters <= 0) {
            throw new IllegalArgumentException("clusters must be positive, got " + clusters);
        }
        this.clusters = clusters;
        this.seed = seed;
    }

    /**
     * @param km a fitted (or empty) mini-batch k-means
     * @return it as an incremental stage
     */
    public static IncrementalClusterer of(MiniBatchKMeans km) {
        return new Fitted(java.util.Objects.requireNonNull(km, "km"));
    }

    /** @return an empty mini-batch k-means with these settings */
    public IncrementalClusterer incremental() {
        return new Fitted(new MiniBatchKMeans(clusters, seed));
    }

    @Override
    public Clustering fit(DenseMatrix points, ProgressListener progress) {
        MiniBatchKMeans km = new MiniBatchKMeans(clusters, seed);
        int[] labels = km.fit(points);
        progress.update("k-means", 1, 1);
        double[] ones = new double[labels.length];
        Arrays.fill(ones, 1.0);
        return new Clustering(new Fitted(km), labels, ones);
    }

    /** Mini-batch k-means as a stage. */
    static final class Fitted implements IncrementalClusterer {
        static final String TYPE = "kmeans";
        private final MiniBatchKMeans km;

        Fitted(MiniBatchKMeans km) {
            this.km = km;
        }

        @Override
        public int[] partialFit(DenseMatrix chunk) {
            return km.partialFit(chunk);
        }

        @Override
        public void moveCenters(UnaryOperator<double[]> change) {
            km.moveCenters(change);
        }

        @Override
        public IncrementalClusterer copy() {
            return new Fitted(km.isFitted() ? MiniBatchKMeans.restore(km.state(), km.seed())
                    : new MiniBatchKMeans(km.clusters(), km.seed()));
        }

        @Override
        public Prediction predict(DenseMatrix points) {
            int[] labels = km.predict(points);
            double[] ones = new double[labels.length];
            Arrays.fill(ones, 1.0);
            return new Prediction(labels, ones);
        }

        @Override
        public int clusters() {
            return km.clusters();
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void save(Path dir) {
            double[][] state = km.state();
            int k = km.clusters();
            int dim = state[0].length;
            double[] centres = new double[k * dim];
            for (int c = 0; c < k; c++) {
                System.arraycopy(state[c], 0, centres, c * dim, dim);
            }
            ModelFiles.mkdirs(dir);
            Npy.writeDoubles(dir.resolve("centers.npy"), centres);
            Npy.writeDoubles(dir.resolve("counts.npy"), state[k]);
            ModelFiles.writeJson(dir.resolve("kmeans.json"), ModelFiles.object().put("format", "topicj-kmeans").put("version", 1)
                    .put("clusters", k).put("dimension", dim).put("seed", km.seed()));
        }

        static Fitted load(Path dir) {
            Path file = dir.resolve("kmeans.json");
            JsonNode j = ModelFiles.readJson(file, "topicj-kmeans", 1);
            int k = ModelFiles.requirePositiveInt(j, "clusters", file);
            int dim = ModelFiles.requirePositiveInt(j, "dimension", file);
            double[] centres = ModelFiles.requireLength(Npy.readDoubles(ModelFiles.requireFile(dir.resolve("centers.npy"))),
                    (long) k * dim, dir.resolve("centers.npy"));
            double[] counts = ModelFiles.requireLength(Npy.readDoubles(ModelFiles.requireFile(dir.resolve("counts.npy"))), k,
                    dir.resolve("counts.npy"));
            double[][] state = new double[k + 1][];
            for (int c = 0; c < k; c++) {
                state[c] = Arrays.copyOfRange(centres, c * dim, (c + 1) * dim);
            }
            state[k] = counts;
            return new Fitted(MiniBatchKMeans.restore(state, ModelFiles.require(j, "seed", file).asLong()));
        }
    }
}
