package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What topics over time and topics per class share: the documents of one bin or class, grouped by
 * topic, weighed with the model's fitted vocabulary and idf (BERTopic's {@code _c_tf_idf(fit=False)}:
 * each topic's documents joined, cleaned and counted, term frequencies L1-normalised, times idf),
 * optionally averaged with the model's own (L1-normalised) c-TF-IDF row of each topic, and described
 * by the model's settings (the representation included, as BERTopic fine-tunes every bin).
 */
final class TopicSubsets {
    private TopicSubsets() {
    }

    /**
     * One subset's topics.
     *
     * @param topicIds the topics present, increasing
     * @param members the documents of each topic (indices into the full document list)
     * @param weights one row per topic
     */
    record Subset(int[] topicIds, List<List<Integer>> members, ClassTfidf.WeightedRows weights) {
        /** @return documents per topic */
        int frequency(int row) {
            return members.get(row).size();
        }
    }

    /** The topic of each document: the given ones, or the model's training topics (then the documents must be the training documents). */
    static int[] topics(TopicModel model, List<String> documents, int[] topics) {
        Objects.requireNonNull(documents, "documents");
        int[] t = topics != null ? topics : model.data().documentTopics();
        if (t.length != documents.size()) {
            throw new IllegalArgumentException(topics != null ? documents.size() + " documents but " + t.length + " topics"
                    : "give the " + t.length + " training documents in the order they were fitted (or their topics); got "
                    + documents.size());
        }
        for (int i = 0; i < t.length; i++) {
            if (model.topicWords().row(t[i]) < 0) {
                throw new IllegalArgumentException("document " + i + " has topic " + t[i] + ", which the model does not have");
            }
        }
        return t;
    }

    /** Groups the chosen documents by topic and weighs each group. */
    static Subset weigh(TopicModel model, List<String> documents, int[] topics, List<Integer> chosen) {
        Map<Integer, List<Integer>> byTopic = new TreeMap<>();
        for (int i : chosen) {
            byTopic.computeIfAbsent(topics[i], t -> new ArrayList<>()).add(i);
        }
        int[] ids = byTopic.keySet().stream().mapToInt(Integer::intValue).toArray();
        List<List<Integer>> members = new ArrayList<>(byTopic.values());
        List<String> joined = new ArrayList<>(ids.length);
        for (List<Integer> m : members) {
            joined.add(String.join(" ", m.stream().map(documents::get).toList()));
        }
        return new Subset(ids, members, model.topicWords().weigh(joined));
    }

    /** @return the subset's rows, each averaged with the model's L1-normalised c-TF-IDF row of its topic */
    static ClassTfidf.WeightedRows globallyTuned(TopicModel model, ClassTfidf.WeightedRows global, int[] topicIds,
                                                ClassTfidf.WeightedRows rows) {
        int[] globalRows = Arrays.stream(topicIds).map(t -> model.topicWords().row(t)).toArray();
        int[] own = new int[topicIds.length];
        Arrays.setAll(own, r -> r);
        return SparseRows.mean(rows, own, global, globalRows);
    }

    /** Describes each row by the model's settings (fine-tuned by its representation if {@code fineTune}). */
    static List<TopicRepresenter.Described> describe(TopicModel model, List<String> documents, Subset subset,
                                                     ClassTfidf.WeightedRows rows, boolean fineTune) {
        TopicWords words = model.topicWords().withRows(subset.topicIds(), rows);
        return new TopicRepresenter(model.settings()).describeRows(documents, words, subset.members(), model.embedderHandle()::get,
                fineTune, new SplittableRandom(model.settings().sampleSeed()));
    }
}
