package org.topicj.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.hdbscan.HdbscanModel;
import org.topicj.matrix.DenseMatrix;
import org.topicj.progress.ProgressListener;

/**
 * HDBSCAN as a topic model's clustering (BERTopic's default): outliers are -1, new documents are
 * placed by HDBSCAN's approximate prediction, and the soft membership of the training documents is
 * available ({@code calculate_probabilities}).
 *
 * <p>Thread-safety: immutable.
 */
public final class HdbscanClusterer implements Clusterer {
    private final Hdbscan hdbscan;

    private HdbscanClusterer(Hdbscan hdbscan) {
        this.hdbscan = hdbscan;
    }

    /** @param hdbscan the configured HDBSCAN @return a clusterer that runs it */
    public static HdbscanClusterer of(Hdbscan hdbscan) {
        return new HdbscanClusterer(Objects.requireNonNull(hdbscan, "hdbscan"));
    }

    /** @param minClusterSize smallest cluster @return BERTopic's default HDBSCAN (euclidean, EOM) with that size */
    public static HdbscanClusterer bertopicDefaults(int minClusterSize) {
        return of(Hdbscan.builder().minClusterSize(minClusterSize).build());
    }

    @Override
    public Clustering fit(DenseMatrix points, ProgressListener progress) {
        HdbscanModel model = hdbscan.fit(points, progress);
        return new Clustering(new Fitted(model), model.labels(), model.probabilities());
    }

    /** A fitted HDBSCAN as a stage. Thread-safety: as {@link HdbscanModel}. */
    static final class Fitted implements FittedClusterer {
        static final String TYPE = "hdbscan";
        private final HdbscanModel model;

        Fitted(HdbscanModel model) {
            this.model = model;
        }

        @Override
        public Prediction predict(DenseMatrix points) {
            HdbscanModel.Prediction p = model.approximatePredict(points);
            return new Prediction(p.labels(), p.probabilities());
        }

        @Override
        public int clusters() {
            return model.clusterCount();
        }

        @Override
        public Optional<DenseMatrix> trainingMembership() {
            return Optional.of(model.allPointsMembershipVectors());
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void save(Path dir) {
            model.save(dir);
        }

        static Fitted load(Path dir) {
            return new Fitted(HdbscanModel.load(dir));
        }
    }
}
