package org.topicj.sklearn;

import java.util.List;
import org.topicj.matrix.Matrix;

/**
 * The first step of a pipeline: learns from texts and turns texts into a matrix (a vectorizer).
 *
 * <p>Thread-safety: implementations are immutable; fitted forms are immutable too.
 */
public interface TextStep {

    /**
     * @param documents the training texts
     * @return the fitted step
     */
    Fitted fit(List<String> documents);

    /** @return true if fitting learns nothing (hashing), so the step also works on data it never saw */
    default boolean stateless() {
        return false;
    }

    /** A fitted text step. */
    interface Fitted {
        /**
         * @param documents texts
         * @return one row per text
         */
        Matrix transform(List<String> documents);

        /** @return the number of output columns */
        int dimension();
    }
}
