package org.topicj.pipeline;

import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * The dimension-reduction stage of a topic model (BERTopic's {@code umap_model}): learns from the
 * document embeddings and returns their reduced form with a fitted reducer that places new
 * documents the same way. {@link UmapReducer} (the default), {@link PcaReducer} and
 * {@link NoReduction} are built in; any implementation can stand in.
 *
 * <p>Thread-safety: implementations should be immutable, so one reducer can fit several models.
 */
public interface Reducer {

    /**
     * Learns the reduction.
     *
     * @param embeddings one row per document, dense or sparse
     * @param progress told about long work; never {@code null}
     * @return the fitted reducer and the documents' reduced coordinates
     * @throws IllegalArgumentException if the embeddings cannot be reduced (too few rows, sparse input a reducer refuses)
     */
    Reduction fit(Matrix embeddings, ProgressListener progress);

    /**
     * A fitted reducer and what it made of the training documents.
     *
     * @param model places new documents
     * @param reduced the training documents' reduced coordinates, one row each
     */
    record Reduction(FittedReducer model, org.topicj.matrix.DenseMatrix reduced) {
        /** Checks for nulls. */
        public Reduction {
            java.util.Objects.requireNonNull(model, "model");
            java.util.Objects.requireNonNull(reduced, "reduced");
        }
    }
}
