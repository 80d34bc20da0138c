package org.topicj.registry;

import org.topicj.TopicJException;

/**
 * Two or more providers answer for one key with nothing to tell them apart: two providers with
 * the same name, or two providers of equal rank claiming the same bare model id. TopicJ never
 * picks one silently; the message lists the candidates and the property that settles it.
 *
 * <p>Thread-safety: immutable.
 */
public class AmbiguousBackendException extends TopicJException {
    private static final long serialVersionUID = 1L;

    /** @param message the candidates and how to choose between them */
    public AmbiguousBackendException(String message) {
        super(message);
    }
}
