package org.topicj;

/**
 * Base of every exception TopicJ throws on purpose. Unchecked: most failures (a missing backend,
 * a malformed file, bad input) are configuration or data errors the caller fixes, not retries.
 *
 * <p>Messages say what happened, what was expected and what to do. Subclasses name the kind of
 * failure so callers can catch one without parsing text.
 *
 * <p>Thread-safety: immutable.
 */
public class TopicJException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened and what to do about it */
    public TopicJException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do about it
     * @param cause the underlying failure, kept for the stack trace
     */
    public TopicJException(String message, Throwable cause) {
        super(message, cause);
    }
}
