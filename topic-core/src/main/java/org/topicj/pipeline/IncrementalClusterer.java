package org.topicj.pipeline;

import java.util.function.UnaryOperator;
import org.topicj.matrix.DenseMatrix;

/**
 * A clustering that learns chunk by chunk (BERTopic's online mode: {@code MiniBatchKMeans}). It is
 * its own fitted form; a topic model keeps a {@link #copy()}. Clusters never merge or vanish, so
 * their numbers are stable from chunk to chunk.
 *
 * <p>Thread-safety: {@link #partialFit} and {@link #moveCenters} must not run concurrently with
 * anything; predictions may run concurrently between fits.
 */
public interface IncrementalClusterer extends FittedClusterer {

    /**
     * Learns from one more chunk of reduced points.
     *
     * @param chunk the points
     * @return each point's cluster after the update
     */
    int[] partialFit(DenseMatrix chunk);

    /**
     * Moves what the clusterer learnt into new coordinates, after the reduction changed them.
     *
     * @param change old coordinates to new ones, from {@link IncrementalReducer#partialFit}
     */
    void moveCenters(UnaryOperator<double[]> change);

    /** @return an independent copy of the current state */
    IncrementalClusterer copy();
}
