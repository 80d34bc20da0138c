package org.topicj.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.matrix.VectorMath;
import org.topicj.progress.ProgressListener;

/**
 * Clusters that are given, not learnt (BERTopic's {@code BaseCluster}, for documents already
 * labelled): label {@code -1} marks an outlier, any other non-negative value a cluster, however large
 * (hashed ids are fine: they are renumbered 0, 1, ... in increasing order). New documents go to the
 * cluster whose centroid is most similar (cosine) to them, as BERTopic assigns when its clusterer is
 * a {@code BaseCluster}; the similarity, clamped to [0, 1], is the probability.
 *
 * <p>Thread-safety: immutable.
 */
public final class GivenLabels implements Clusterer {
    private final int[] labels;

    /** @param labels one per document, -1 for outliers */
    public GivenLabels(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("label " + labels[i] + " of document " + i + " is invalid; use -1 for outliers");
            }
        }
        this.labels = labels.clone();
    }

    /**
     * @param labels any non-negative labels and -1
     * @return the same partition with clusters numbered 0..k-1 in increasing order of the given values
     */
    public static int[] compact(int[] labels) {
        int[] distinct = Arrays.stream(labels).filter(l -> l >= 0).distinct().sorted().toArray();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] < 0 ? -1 : Arrays.binarySearch(distinct, labels[i]);
        }
        return out;
    }

    @Override
    public Clustering fit(DenseMatrix points, ProgressListener progress) {
        if (points.rows() != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + points.rows() + " documents");
        }
        int[] compact = compact(labels);
        int k = Arrays.stream(compact).max().orElse(-1) + 1;
        int d = points.cols();
        float[] centroids = new float[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < compact.length; i++) {
            if (compact[i] >= 0) {
                counts[compact[i]]++;
                for (int j = 0; j < d; j++) {
                    centroids[compact[i] * d + j] += points.get(i, j);
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] /= counts[c];
            }
        }
        double[] ones = new double[compact.length];
        for (int i = 0; i < ones.length; i++) {
            ones[i] = compact[i] < 0 ? 0 : 1;
        }
        return new Clustering(new Fitted(DenseMatrix.wrap(k, d, centroids)), compact, ones);
    }

    /** Nearest centroid by cosine. */
    static final class Fitted implements FittedClusterer {
        static final String TYPE = "given-labels";
        private final DenseMatrix centroids;

        Fitted(DenseMatrix centroids) {
            this.centroids = centroids;
        }

        @Override
        public Prediction predict(DenseMatrix points) {
            int[] out = new int[points.rows()];
            double[] p = new double[points.rows()];
            for (int i = 0; i < out.length; i++) {
                float[] x = points.row(i);
                int best = -1;
                double bestSim = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < centroids.rows(); c++) {
                    double s = VectorMath.cosine(x, centroids.row(c));
                    if (s > bestSim) {
                        bestSim = s;
                        best = c;
                    }
                }
                out[i] = best;
                p[i] = best < 0 ? 0 : Math.max(0, Math.min(1, bestSim));
            }
            return new Prediction(out, p);
        }

        @Override
        public int clusters() {
            return centroids.rows();
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void save(Path dir) {
            ModelFiles.mkdirs(dir);
            Npy.write(dir.resolve("centroids.npy"), centroids);
            ModelFiles.writeJson(dir.resolve("given-labels.json"), ModelFiles.object().put("format", "topicj-given-labels")
                    .put("version", 1).put("clusters", centroids.rows()));
        }

        static Fitted load(Path dir) {
            Path file = dir.resolve("given-labels.json");
            JsonNode j = ModelFiles.readJson(file, "topicj-given-labels", 1);
            int k = ModelFiles.require(j, "clusters", file).asInt(-1);
            DenseMatrix c = Npy.readMatrix(ModelFiles.requireFile(dir.resolve("centroids.npy")));
            if (k < 0 || c.rows() != k) {
                throw ModelFiles.corrupt(dir.resolve("centroids.npy"), "clusters", k + " clusters declared, " + c.rows() + " centroids stored");
            }
            return new Fitted(c);
        }
    }
}
