package org.topicj.sklearn.spi;

import java.util.Map;
import org.topicj.sklearn.MatrixStep;
import org.topicj.sklearn.TextStep;

/**
 * Adds a step to the {@code sklearn:} pipeline grammar: list the implementation in
 * {@code META-INF/services/org.topicj.sklearn.spi.StepProvider}, and {@code sklearn:tfidf+NAME(args)}
 * builds it. Names must not clash with the built-in steps (count, tfidf, hashing, svd, normalize,
 * scale) or with each other; a clash is an error, never a silent pick.
 *
 * <p>Fitted third-party steps are not saved with a topic model unless they are stateless; saving
 * one that learnt something fails with a message naming it.
 *
 * <p>Thread-safety: implementations must be stateless.
 */
public interface StepProvider {

    /** @return the step's name in keys: lower-case letters, digits and '_' */
    String name();

    /**
     * @param args the step's arguments, positional ones under "0", "1", ...; reject unknown ones
     * @return the vectorizer, if this step is one (it must then come first), else null
     */
    default TextStep textStep(Map<String, String> args) {
        return null;
    }

    /**
     * @param args the step's arguments
     * @return the matrix step, if this step is one, else null
     */
    default MatrixStep matrixStep(Map<String, String> args) {
        return null;
    }
}
