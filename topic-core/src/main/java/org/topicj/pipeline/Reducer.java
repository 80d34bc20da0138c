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
     * Whether {@link #fit(Matrix, int[], ProgressListener)} uses labels (UMAP's target metric does).
     * Guided topic modelling passes its seed labels only to reducers that do.
     *
     * @return true if labels steer the reduction
     */
    default boolean usesLabels() {
        return false;
    }

    /**
     * Learns the reduction steered by (partial) labels: semi-supervised topic modelling (BERTopic's
     * {@code y}). The default refuses, rather than ignoring the labels as BERTopic's PCA fallback does.
     *
     * @param embeddings one row per document
     * @param labels one per document, -1 where unknown
     * @param progress told about long work
     * @return the fitted reducer and the documents' reduced coordinates
     * @throws org.topicj.TopicJException if this reducer cannot use labels
     */
    default Reduction fit(Matrix embeddings, int[] labels, ProgressListener progress) {
        throw new org.topicj.TopicJException(getClass().getSimpleName() + " cannot use labels; semi-supervised topic modelling needs "
                + "a reducer that does, such as UMAP (UmapReducer, the default)");
    }

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
