package org.topicj.sklearn;

import org.topicj.matrix.Matrix;

/**
 * A matrix step that can learn from data in batches ({@code partial_fit}), so a pipeline of a
 * hashing vectorizer and such steps can follow a stream of documents.
 */
public interface IncrementalStep extends MatrixStep {

    /**
     * @param previous the state so far, or null for the first batch
     * @param batch the next rows
     * @return the updated state
     */
    Fitted partialFit(Fitted previous, Matrix batch);
}
