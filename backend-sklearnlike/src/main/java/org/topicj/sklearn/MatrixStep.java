package org.topicj.sklearn;

import org.topicj.matrix.Matrix;

/**
 * A later step of a pipeline: learns from a matrix and maps matrices to matrices (SVD, scaling).
 *
 * <p>Thread-safety: implementations are immutable; fitted forms are immutable too.
 */
public interface MatrixStep {

    /**
     * @param x training rows
     * @return the fitted step
     */
    Fitted fit(Matrix x);

    /**
     * @param inputDimension columns of the input
     * @return columns of the output, if known before fitting (else -1)
     */
    default int outputDimension(int inputDimension) {
        return inputDimension;
    }

    /** A fitted matrix step. */
    interface Fitted {
        /**
         * @param x rows with the training number of columns
         * @return transformed rows
         */
        Matrix transform(Matrix x);
    }
}
