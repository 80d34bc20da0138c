package org.topicj.pipeline;

import java.util.Objects;
import org.topicj.matrix.DenseMatrix;
import org.topicj.progress.ProgressListener;

/**
 * The clustering stage of a topic model (BERTopic's {@code hdbscan_model}): groups the reduced
 * document embeddings into clusters (-1 for outliers) and returns a fitted clusterer that predicts
 * the cluster of new documents. {@link HdbscanClusterer} (the default), {@link KMeansClusterer} and
 * {@link GivenLabels} are built in; any implementation can stand in.
 *
 * <p>Thread-safety: implementations should be immutable.
 */
public interface Clusterer {

    /**
     * Learns the clusters.
     *
     * @param points the reduced embeddings, one row per document
     * @param progress told about long work; never {@code null}
     * @return the fitted clusterer with each document's cluster and membership strength
     */
    Clustering fit(DenseMatrix points, ProgressListener progress);

    /**
     * A fitted clusterer and what it made of the training documents.
     *
     * @param model predicts clusters of new documents
     * @param labels each document's cluster, -1 for an outlier; clusters are numbered from 0
     * @param probabilities how strongly each document belongs to its cluster, in [0, 1]
     */
    record Clustering(FittedClusterer model, int[] labels, double[] probabilities) {
        /** Checks that the arrays agree. */
        public Clustering {
            Objects.requireNonNull(model, "model");
            if (labels.length != probabilities.length) {
                throw new IllegalArgumentException(labels.length + " labels but " + probabilities.length + " probabilities");
            }
            for (int l : labels) {
                if (l < -1 || l >= model.clusters()) {
                    throw new IllegalArgumentException("label " + l + " outside -1.." + (model.clusters() - 1));
                }
            }
        }
    }
}
