package org.topicj.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.topicj.progress.ProgressListener;

/**
 * BERTopic's {@code topics_per_class}: for every class (a category of documents: source, author,
 * label), each topic's documents in that class are weighed with the model's fitted vocabulary and idf,
 * optionally averaged with the topic's global weights (global tuning, default on: both L1-normalised),
 * and described: the topic's words in that class and how many of its documents are in it.
 *
 * <pre>{@code
 * List<TopicsPerClass.Row> rows = TopicsPerClass.builder().build().compute(model, docs, classes);
 * }</pre>
 *
 * <p>Where BERTopic 0.17.4 differs: it visits classes in Python set order (for strings, different in
 * every process); TopicJ visits them in order of first appearance. It does not check that the model is
 * fitted or that the lengths agree; TopicJ does.
 *
 * <p>Thread-safety: immutable; {@code compute} may run concurrently.
 */
public final class TopicsPerClass {
    private final boolean globalTuning;
    private final boolean fineTune;
    private final ProgressListener progress;

    private TopicsPerClass(Builder b) {
        this.globalTuning = b.globalTuning;
        this.fineTune = b.fineTune;
        this.progress = b.progress;
    }

    /** @return a builder with BERTopic's defaults (global tuning on) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One topic in one class (a row of BERTopic's DataFrame).
     *
     * @param topic the topic id
     * @param words its first five words joined by ", " (BERTopic's "Words"), or its label from a labelling representation
     * @param frequency its documents in the class
     * @param className the class
     * @param topWords its words in the class with their scores, best first
     * @param label the label a labelling representation gave it in that class, or null
     */
    public record Row(int topic, String words, int frequency, String className, List<Topic.Word> topWords, String label) {
        /** Copies the words. */
        public Row {
            topWords = List.copyOf(topWords);
        }
    }

    /**
     * @param model a fitted model
     * @param documents its training documents, in the order they were fitted
     * @param classes one class per document
     * @return the rows, by class (in order of first appearance) and then by topic (-1 first)
     */
    public List<Row> compute(TopicModel model, List<String> documents, List<String> classes) {
        return compute(model, documents, null, classes);
    }

    /**
     * @param model a fitted model
     * @param documents any documents
     * @param topics their topics, or null for the training topics
     * @param classes one class per document
     * @return the rows, by class (in order of first appearance) and then by topic (-1 first)
     */
    public List<Row> compute(TopicModel model, List<String> documents, int[] topics, List<String> classes) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(classes, "classes");
        int[] t = TopicSubsets.topics(model, documents, topics);
        if (classes.size() != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + classes.size() + " classes");
        }
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            String c = Objects.requireNonNull(classes.get(i), () -> "the class of a document is null");
            byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
        }
        ClassTfidf.WeightedRows global = SparseRows.l1(model.topicWords().weights());
        List<Row> rows = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, List<Integer>> cls : byClass.entrySet()) {
            TopicSubsets.Subset subset = TopicSubsets.weigh(model, documents, t, cls.getValue());
            ClassTfidf.WeightedRows c = subset.weights();
            if (globalTuning) {
                c = TopicSubsets.globallyTuned(model, global, subset.topicIds(), SparseRows.l1(c));
            }
            List<TopicRepresenter.Described> described = TopicSubsets.describe(model, documents, subset, c, fineTune);
            for (int r = 0; r < subset.topicIds().length; r++) {
                TopicRepresenter.Described d = described.get(r);
                rows.add(new Row(subset.topicIds()[r], d.joined(5, ", "), subset.frequency(r), cls.getKey(), d.words(), d.label()));
            }
            progress.update("topics per class", ++done, byClass.size());
        }
        return rows;
    }

    /** Options for {@link TopicsPerClass}. Not thread-safe; build once. */
    public static final class Builder {
        private boolean globalTuning = true;
        private boolean fineTune = true;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** @param on average each class's weights with the topic's global weights (default true) @return this */
        public Builder globalTuning(boolean on) {
            this.globalTuning = on;
            return this;
        }

        /** @param on describe each topic in each class with the model's representation (default true, as BERTopic) @return this */
        public Builder fineTune(boolean on) {
            this.fineTune = on;
            return this;
        }

        /** @param p told after each class @return this */
        public Builder progress(ProgressListener p) {
            this.progress = ProgressListener.orNone(p);
            return this;
        }

        /** @return the configured computation */
        public TopicsPerClass build() {
            return new TopicsPerClass(this);
        }
    }
}
