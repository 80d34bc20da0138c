package org.topicj.embed;

import java.util.Map;
import java.util.TreeMap;
import org.topicj.TopicJException;

/**
 * A remote embedding run that failed after all retries. Nothing already embedded is lost: the
 * finished documents are in {@link #completed()} (and in the on-disk cache, if one is set, so a
 * rerun sends only the rest).
 */
public class PartialEmbeddingException extends TopicJException {
    private static final long serialVersionUID = 1L;

    private final transient Map<Integer, float[]> completed;
    private final int total;

    /**
     * @param message what failed (no secrets)
     * @param completed embeddings of the finished documents, by input index
     * @param total number of documents asked for
     * @param cause the last failure
     */
    public PartialEmbeddingException(String message, Map<Integer, float[]> completed, int total, Throwable cause) {
        super(message, cause);
        this.completed = new TreeMap<>(completed);
        this.total = total;
    }

    /** @return the embeddings that were finished, by input index */
    public Map<Integer, float[]> completed() {
        return completed;
    }

    /** @return how many documents were asked for */
    public int total() {
        return total;
    }
}
