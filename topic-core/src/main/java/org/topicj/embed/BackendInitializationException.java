package org.topicj.embed;

import org.topicj.TopicJException;

/**
 * A backend was found but could not be created or loaded: its native runtime failed to load,
 * a model file is missing or corrupt, or its provider could not be instantiated.
 *
 * <p>Thread-safety: immutable.
 */
public class BackendInitializationException extends TopicJException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed to load, and where it was looked for */
    public BackendInitializationException(String message) {
        super(message);
    }

    /**
     * @param message what failed to load, and where it was looked for
     * @param cause the underlying failure
     */
    public BackendInitializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
