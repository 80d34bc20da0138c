package org.topicj.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import org.topicj.matrix.DenseMatrix;

/**
 * Learnt clusters: predicts the cluster of new documents from their reduced embeddings. Saved by a
 * topic model into a folder of its own, and loaded back by its {@link #type()} through {@link Stages}.
 *
 * <p>Thread-safety: implementations must allow concurrent {@link #predict} calls.
 */
public interface FittedClusterer {

    /**
     * Each point's cluster and strength.
     *
     * @param labels cluster per point, -1 for an outlier
     * @param probabilities strength per point, in [0, 1]
     */
    record Prediction(int[] labels, double[] probabilities) {
    }

    /**
     * @param points reduced embeddings of new documents
     * @return their clusters
     */
    Prediction predict(DenseMatrix points);

    /** @return the number of clusters (labels run from 0 to this minus 1) */
    int clusters();

    /**
     * The training documents' soft membership in every cluster (HDBSCAN's
     * {@code all_points_membership_vectors}), computed on request because it costs time and memory.
     *
     * @return documents x clusters, rows summing to at most 1, if the clusterer can tell
     */
    default Optional<DenseMatrix> trainingMembership() {
        return Optional.empty();
    }

    /** @return the name {@link Stages} loads this kind by, e.g. {@code "hdbscan"} */
    String type();

    /**
     * Writes what {@link #predict} needs as JSON and {@code .npy} files.
     *
     * @param dir an empty folder to write into
     */
    void save(Path dir);
}
