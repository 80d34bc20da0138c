package org.topicj.topics;

import java.util.List;
import org.topicj.embed.Embedder;

/**
 * Fine-tunes a topic's words after c-TF-IDF (BERTopic's representation models), e.g.
 * {@link KeyBertInspired} or {@link MaximalMarginalRelevance}, or labels the topic (an LLM's label,
 * see {@link #producesLabels()}). Runs for every topic whenever topics are described: at fit, after
 * reductions and merges, and for the bins, classes and merged nodes of {@link TopicsOverTime},
 * {@link TopicsPerClass} and {@link TopicHierarchy} (as BERTopic's representation models do).
 *
 * <p>Thread-safety: implementations should be immutable.
 */
public interface Representation {

    /** @return how many c-TF-IDF words to offer as candidates */
    int candidateWords();

    /**
     * Whether this representation names topics instead of re-ranking their words (an LLM's label).
     * BERTopic stores such a label as the topic's only word, {@code [(label, 1)]}; TopicJ keeps the
     * c-TF-IDF keywords as {@link Topic#words()}, puts the label in {@link Topic#label()} and names
     * the topic {@code "{id}_{label}"} as BERTopic does, so that the word views keep working.
     *
     * @return true if the first word {@link #represent} returns is the topic's label
     */
    default boolean producesLabels() {
        return false;
    }

    /**
     * Represents several topics at once; the default calls {@link #represent} for each in order. A
     * representation that calls a remote service overrides it to send requests concurrently. Called
     * from one thread; {@code context} must only be used from that thread.
     *
     * @param topicIds the topics
     * @param candidates each topic's candidates, as for {@link #represent}
     * @param context access to the embedder and the topics' documents
     * @return each topic's words, in the order of {@code topicIds}
     */
    default List<List<Topic.Word>> representAll(int[] topicIds, List<List<Topic.Word>> candidates, Context context) {
        java.util.ArrayList<List<Topic.Word>> out = new java.util.ArrayList<>(topicIds.length);
        for (int i = 0; i < topicIds.length; i++) {
            out.add(represent(topicIds[i], candidates.get(i), context));
        }
        return out;
    }

    /**
     * @param topicId the topic
     * @param candidates its best words by c-TF-IDF, best first ({@link #candidateWords()} of them, or fewer)
     * @param context access to the embedder and the topic's documents
     * @return the topic's words, best first, with this representation's scores
     */
    List<Topic.Word> represent(int topicId, List<Topic.Word> candidates, Context context);

    /** What a representation may use. Not thread-safe: use it from the thread that called the representation. */
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
