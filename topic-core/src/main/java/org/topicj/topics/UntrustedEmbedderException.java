package org.topicj.topics;

import org.topicj.TopicJException;

/**
 * A loaded model names an embedder that it may not open by itself: a remote service, a path or URL,
 * or a location option. The message names the key, says what it would reach, and how to give an
 * embedder or trust the model's.
 *
 * <p>Thread-safety: immutable.
 */
public class UntrustedEmbedderException extends TopicJException {
    private static final long serialVersionUID = 1L;

    /** @param message the key, what it reaches and what to do */
    public UntrustedEmbedderException(String message) {
        super(message);
    }
}
