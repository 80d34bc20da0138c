package org.topicj.topics;

import java.util.List;

/**
 * One topic of a fitted model.
 *
 * @param id the topic id: 0 is the largest topic, -1 the outliers
 * @param count documents in the topic
 * @param name {@code "{id}_{w1}_{w2}_{w3}_{w4}"}, as BERTopic names topics
 * @param words the top words with their c-TF-IDF scores, best first
 * @param representativeDocs documents most similar to the topic (by c-TF-IDF), best first
 */
public record Topic(int id, int count, String name, List<Word> words, List<String> representativeDocs) {

    /** Copies the lists. */
    public Topic {
        words = List.copyOf(words);
        representativeDocs = List.copyOf(representativeDocs);
    }

    /**
     * A topic word and its score.
     *
     * @param word the term
     * @param score its c-TF-IDF weight in the topic
     */
    public record Word(String word, double score) {
    }
}
