package org.topicj.embed;

import org.topicj.TopicJException;

/**
 * An embedder key that is not well formed: empty, surrounded by whitespace, with an empty
 * provider or model part, or a provider name with characters names may not have. The message
 * quotes the key so stray whitespace shows.
 *
 * <p>Thread-safety: immutable.
 */
public class InvalidKeyException extends TopicJException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the key and what a valid one looks like */
    public InvalidKeyException(String message) {
        super(message);
    }
}
