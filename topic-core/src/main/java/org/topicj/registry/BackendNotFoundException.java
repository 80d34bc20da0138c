package org.topicj.registry;

import org.topicj.TopicJException;

/**
 * No installed embedding backend serves a key: the provider name is unknown, or no provider claims
 * a bare model id. The message quotes the key, lists the installed providers and names the Maven
 * artifact to add.
 *
 * <p>Thread-safety: immutable.
 */
public class BackendNotFoundException extends TopicJException {
    private static final long serialVersionUID = 1L;

    /** @param message the full explanation, including what to add */
    public BackendNotFoundException(String message) {
        super(message);
    }
}
