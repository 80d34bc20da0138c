package org.topicj.matrix;

import org.topicj.TopicJException;

/**
 * A {@code .npy} file that TopicJ cannot read as asked: not a NumPy file, truncated, or holding a
 * type or shape other than the one needed. The message names the file, what it holds and how to
 * convert it in NumPy.
 *
 * <p>Thread-safety: immutable.
 */
public class NpyFormatException extends TopicJException {
    private static final long serialVersionUID = 1L;

    /** @param message the file, what was found and what was expected */
    public NpyFormatException(String message) {
        super(message);
    }

    /**
     * @param message the file, what was found and what was expected
     * @param cause the underlying failure
     */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
