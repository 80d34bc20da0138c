package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Human labels for topics: BERTopic's {@code generate_topic_labels} (labels made from each topic's
 * words) and {@code set_topic_labels} ({@link TopicModel#withLabels}, which stores them as
 * {@link Topic#label()} and saves them with the model).
 *
 * <p>Unlike BERTopic, which silently ignores unknown topic ids and blank labels in
 * {@code set_topic_labels}, both are errors here.
 *
 * <p>Thread-safety: stateless.
 */
public final class TopicLabels {
    private TopicLabels() {
    }

    /**
     * Labels made from each topic's words, as BERTopic's {@code generate_topic_labels}: the first
     * {@code nrWords} words, each cut to {@code wordLength} characters if given, joined by
     * {@code separator}, after {@code "{id}{separator}"} if {@code topicPrefix}.
     *
     * @param model the model
     * @param nrWords words per label, &ge; 1 (BERTopic's default 3)
     * @param topicPrefix start with the topic id (default true)
     * @param wordLength cut each word to this many characters, or null
     * @param separator between the parts (default "_")
     * @return a label for every topic, -1 included, in topic order
     */
    public static Map<Integer, String> generate(TopicModel model, int nrWords, boolean topicPrefix, Integer wordLength,
                                                String separator) {
        Objects.requireNonNull(separator, "separator");
        if (nrWords < 1 || (wordLength != null && wordLength < 1)) {
            throw new IllegalArgumentException("nrWords and wordLength must be at least 1, got " + nrWords + " and " + wordLength);
        }
        Map<Integer, String> out = new LinkedHashMap<>();
        for (Topic t : model.topics()) {
            List<String> words = new ArrayList<>();
            for (Topic.Word w : t.words().subList(0, Math.min(nrWords, t.words().size()))) {
                words.add(wordLength != null && w.word().length() > wordLength ? w.word().substring(0, wordLength) : w.word());
            }
            out.put(t.id(), (topicPrefix ? t.id() + separator : "") + String.join(separator, words));
        }
        return out;
    }

    /** The model's data with the given labels set (others kept). */
    static TopicModelData apply(TopicModelData data, Map<Integer, String> labels) {
        Objects.requireNonNull(labels, "labels");
        List<Topic> topics = new ArrayList<>(data.topics());
        for (Map.Entry<Integer, String> e : labels.entrySet()) {
            int row = e.getKey() == null ? -1 : data.words().row(e.getKey());
            if (row < 0) {
                throw new IllegalArgumentException("no topic " + e.getKey() + " to label; topics are "
                        + Arrays.toString(data.words().topicIdArray()));
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("the label for topic " + e.getKey() + " is blank; give a label with text");
            }
            topics.set(row, topics.get(row).withLabel(e.getValue().strip()));
        }
        return data.withTopics(topics);
    }
}
