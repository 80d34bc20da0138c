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
 * @param representativeImages for models fitted on images, the images (as given to
 *     {@link TopicModeler#fit(List, List)}) whose embeddings are closest to the topic's centroid, best
 *     first; empty otherwise
 */
public record Topic(int id, int count, String name, List<Word> words, List<String> representativeDocs,
                    List<String> representativeImages) {

    /** Copies the lists; a missing image list (models saved before images existed) is empty. */
    public Topic {
        words = List.copyOf(words);
        representativeDocs = List.copyOf(representativeDocs);
        representativeImages = representativeImages == null ? List.of() : List.copyOf(representativeImages);
    }

    /**
     * A topic of a text-only model.
     *
     * @param id the topic id
     * @param count documents in the topic
     * @param name the topic's name
     * @param words the top words
     * @param representativeDocs the representative documents
     */
    public Topic(int id, int count, String name, List<Word> words, List<String> representativeDocs) {
        this(id, count, name, words, representativeDocs, List.of());
    }

    /** @param images the representative images; @return a copy of this topic with them */
    Topic withRepresentativeImages(List<String> images) {
        return new Topic(id, count, name, words, representativeDocs, images);
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
