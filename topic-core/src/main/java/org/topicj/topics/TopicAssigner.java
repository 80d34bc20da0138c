package org.topicj.topics;

import java.util.List;
import org.topicj.matrix.Matrix;

/**
 * Assigns documents to the topics of a fitted model from their embeddings: what a distributed
 * transform (topic-spark) runs on every executor, for batch and online models alike.
 *
 * <p>Thread-safety: implementations must allow concurrent calls.
 */
public interface TopicAssigner {

    /**
     * @param documents the documents
     * @param embeddings their embeddings, one row each, computed as the model's training embeddings were
     * @return one assignment per document, in order
     */
    List<Assignment> transform(List<String> documents, Matrix embeddings);
}
