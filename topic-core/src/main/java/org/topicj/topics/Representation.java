package org.topicj.topics;

import java.util.List;
import org.topicj.embed.Embedder;

/**
 * Fine-tunes a topic's words after c-TF-IDF (BERTopic's representation models), e.g.
 * {@link KeyBertInspired} or {@link MaximalMarginalRelevance}. Runs once per topic during fit.
 *
 * <p>Thread-safety: implementations should be immutable.
 */
public interface Representation {

    /** @return how many c-TF-IDF words to offer as candidates */
    int candidateWords();

    /**
     * @param topicId the topic
     * @param candidates its best words by c-TF-IDF, best first ({@link #candidateWords()} of them, or fewer)
     * @param context access to the embedder and the topic's documents
     * @return the topic's words, best first, with this representation's scores
     */
    List<Topic.Word> represent(int topicId, List<Topic.Word> candidates, Context context);

    /** What a representation may use. */
    interface Context {
        /**
         * @return the model's embedder
         * @throws org.topicj.TopicJException if the model has none (fitted on precomputed embeddings without a key)
         */
        Embedder embedder();

        /**
         * @param topicId a topic
         * @param n how many
         * @return the topic's documents most similar to it by c-TF-IDF, among a seeded sample of 500
         */
        List<String> representativeDocs(int topicId, int n);
    }
}
