package org.topicj.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One topic of a fitted model.
 *
 * @param id the topic id: 0 is the largest topic, -1 the outliers
 * @param count documents in the topic
 * @param name {@code "{id}_{w1}_{w2}_{w3}_{w4}"}, as BERTopic names topics ({@code topic_labels_}); a
 *     zero-shot topic is named by its zero-shot label, and a topic labelled by an LLM representation
 *     {@code "{id}_{label}"}, as BERTopic names those
 * @param words the top words with their c-TF-IDF scores, best first
 * @param representativeDocs documents most similar to the topic (by c-TF-IDF), best first
 * @param representativeImages for models fitted on images, the images (as given to
 *     {@link TopicModeler#fit(List, List)}) whose embeddings are closest to the topic's centroid, best
 *     first; empty otherwise
 * @param label the topic's human label, or null: one set with {@link TopicModel#withLabels} (BERTopic's
 *     {@code set_topic_labels}), a zero-shot topic's label, or an LLM representation's label (the topic's
 *     words stay its c-TF-IDF keywords); saved with the model
 */
public record Topic(int id, int count, String name, List<Word> words, List<String> representativeDocs,
                    List<String> representativeImages, @JsonInclude(JsonInclude.Include.NON_NULL) String label) {

    /** Copies the lists; a missing image list (models saved before images existed) is empty; a label is never blank. */
    public Topic {
        words = List.copyOf(words);
        representativeDocs = List.copyOf(representativeDocs);
        representativeImages = representativeImages == null ? List.of() : List.copyOf(representativeImages);
        if (label != null && label.isBlank()) {
            throw new IllegalArgumentException("the label of topic " + id + " is blank; give null for no label");
        }
    }

    /**
     * A topic without a label.
     *
     * @param id the topic id
     * @param count documents in the topic
     * @param name the topic's name
     * @param words the top words
     * @param representativeDocs the representative documents
     * @param representativeImages the representative images
     */
    public Topic(int id, int count, String name, List<Word> words, List<String> representativeDocs,
                 List<String> representativeImages) {
        this(id, count, name, words, representativeDocs, representativeImages, null);
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
        this(id, count, name, words, representativeDocs, List.of(), null);
    }

    /** @return the label if the topic has one, else its name */
    public String displayName() {
        return label != null ? label : name;
    }

    /** @param images the representative images; @return a copy of this topic with them */
    Topic withRepresentativeImages(List<String> images) {
        return new Topic(id, count, name, words, representativeDocs, images, label);
    }

    /** @param newLabel a label, or null for none @return a copy of this topic with it */
    Topic withLabel(String newLabel) {
        return new Topic(id, count, name, words, representativeDocs, representativeImages, newLabel);
    }

    /**
     * @param newId the topic's new id
     * @param newCount its new size
     * @return a copy renumbered: a name that starts with the old id starts with the new one
     */
    Topic renumbered(int newId, int newCount) {
        String prefix = id + "_";
        String newName = name.startsWith(prefix) ? newId + "_" + name.substring(prefix.length()) : name;
        return new Topic(newId, newCount, newName, words, representativeDocs, representativeImages, label);
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
