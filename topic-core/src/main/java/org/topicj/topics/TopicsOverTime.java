package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.topicj.progress.ProgressListener;

/**
 * BERTopic's {@code topics_over_time}: for every timestamp (or bin of timestamps), each topic's
 * documents at that time are weighed with the model's fitted vocabulary and idf, and the topic is
 * described by those weights: its words at that time and how many documents it has then.
 *
 * <pre>{@code
 * List<TopicsOverTime.Row> rows = TopicsOverTime.builder().nrBins(20).build()
 *         .compute(model, docs, Timestamps.parse(dates, null));
 * }</pre>
 *
 * <ul>
 * <li>Bins: with {@link Builder#nrBins}, pandas' {@code cut} into equal-width bins named by their
 * left edge ({@link TimeBins}); without, every distinct timestamp is its own bin.</li>
 * <li>Global tuning (default on): each topic's weights at a time are L1-normalised and averaged with
 * the topic's L1-normalised weights over all documents, so that words absent at that time may still
 * describe it.</li>
 * <li>Evolution tuning (default on): each topic's L1-normalised weights are averaged with its final
 * weights at the previous time it appeared in, before global tuning.</li>
 * <li>The representation of the model (KeyBERT, MMR, an LLM) describes every topic at every time,
 * as in BERTopic; {@link Builder#fineTune(boolean) fineTune(false)} uses the c-TF-IDF words alone.</li>
 * </ul>
 *
 * <p>Where BERTopic 0.17.4 differs: its evolution tuning is a no-op (the averaged rows are written into
 * a temporary copy, upstream issue #2370), so with it on, BERTopic's results equal those with it off;
 * TopicJ averages as intended. BERTopic takes each topic's global row by its position among the topics
 * present in the documents passed, which picks the wrong row when a topic (the outliers, say) is
 * absent; TopicJ takes the topic's own row. BERTopic L1-normalises the model's c-TF-IDF in place;
 * TopicJ never changes the model. Equal scores are ordered by vocabulary order (BERTopic's order among
 * ties is numpy's). Timestamps are checked one by one ({@link Timestamps}).
 *
 * <p>Thread-safety: immutable; {@code compute} may run concurrently.
 */
public final class TopicsOverTime {
    private final Integer nrBins;
    private final boolean globalTuning;
    private final boolean evolutionTuning;
    private final boolean fineTune;
    private final ProgressListener progress;

    private TopicsOverTime(Builder b) {
        this.nrBins = b.nrBins;
        this.globalTuning = b.globalTuning;
        this.evolutionTuning = b.evolutionTuning;
        this.fineTune = b.fineTune;
        this.progress = b.progress;
    }

    /** @return a builder with BERTopic's defaults: no bins, global and evolution tuning on */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One topic at one time (a row of BERTopic's DataFrame).
     *
     * @param topic the topic id
     * @param words its first five words joined by ", " (BERTopic's "Words"), or its label from a labelling representation
     * @param frequency its documents at that time
     * @param timestamp the time: the timestamp, or the bin's left edge
     * @param topWords its words at that time with their scores, best first (the model's number of words)
     * @param label the label a labelling representation gave it at that time, or null
     */
    public record Row(int topic, String words, int frequency, Timestamps.Value timestamp, List<Topic.Word> topWords, String label) {
        /** Copies the words. */
        public Row {
            topWords = List.copyOf(topWords);
        }
    }

    /**
     * @param model a fitted model
     * @param documents its training documents, in the order they were fitted
     * @param timestamps one per document
     * @return the rows, by time and then by topic (-1 first)
     */
    public List<Row> compute(TopicModel model, List<String> documents, Timestamps timestamps) {
        return compute(model, documents, null, timestamps);
    }

    /**
     * @param model a fitted model
     * @param documents any documents
     * @param topics their topics (e.g. from {@link TopicModel#transform}), or null for the training topics
     * @param timestamps one per document
     * @return the rows, by time and then by topic (-1 first)
     */
    public List<Row> compute(TopicModel model, List<String> documents, int[] topics, Timestamps timestamps) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timestamps, "timestamps");
        int[] t = TopicSubsets.topics(model, documents, topics);
        if (timestamps.size() != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + timestamps.size() + " timestamps");
        }
        Map<Timestamps.Value, List<Integer>> byTime = new TreeMap<>();
        Timestamps.Value[] when = nrBins != null ? TimeBins.bin(timestamps, nrBins) : null;
        for (int i = 0; i < t.length; i++) {
            byTime.computeIfAbsent(when != null ? when[i] : timestamps.value(i), k -> new ArrayList<>()).add(i);
        }
        ClassTfidf.WeightedRows global = SparseRows.l1(model.topicWords().weights());
        List<Row> rows = new ArrayList<>();
        TopicSubsets.Subset previous = null;
        ClassTfidf.WeightedRows previousRows = null;
        int done = 0;
        for (Map.Entry<Timestamps.Value, List<Integer>> bin : byTime.entrySet()) {
            TopicSubsets.Subset subset = TopicSubsets.weigh(model, documents, t, bin.getValue());
            ClassTfidf.WeightedRows c = subset.weights();
            if (globalTuning || evolutionTuning) {
                c = SparseRows.l1(c);
            }
            if (evolutionTuning && previous != null) {
                c = evolve(c, subset.topicIds(), previousRows, previous.topicIds());
            }
            if (globalTuning) {
                c = TopicSubsets.globallyTuned(model, global, subset.topicIds(), c);
            }
            List<TopicRepresenter.Described> described = TopicSubsets.describe(model, documents, subset, c, fineTune);
            for (int r = 0; r < subset.topicIds().length; r++) {
                TopicRepresenter.Described d = described.get(r);
                rows.add(new Row(subset.topicIds()[r], d.joined(5, ", "), subset.frequency(r), bin.getKey(), d.words(), d.label()));
            }
            previous = subset;
            previousRows = c;
            progress.update("topics over time", ++done, byTime.size());
        }
        return rows;
    }

    /** Rows of topics also present at the previous time become the mean of both times' rows; the others stay. */
    private static ClassTfidf.WeightedRows evolve(ClassTfidf.WeightedRows c, int[] ids, ClassTfidf.WeightedRows prev, int[] prevIds) {
        int[] own = new int[ids.length];
        int[] other = new int[ids.length];
        ClassTfidf.WeightedRows both = SparseRows.vstack(c, prev);
        for (int r = 0; r < ids.length; r++) {
            own[r] = r;
            int p = Arrays.binarySearch(prevIds, ids[r]);
            other[r] = p >= 0 ? c.rows() + p : r; // (x + x) / 2 == x exactly
        }
        return SparseRows.mean(c, own, both, other);
    }

    /** Options for {@link TopicsOverTime}. Not thread-safe; build once. */
    public static final class Builder {
        private Integer nrBins;
        private boolean globalTuning = true;
        private boolean evolutionTuning = true;
        private boolean fineTune = true;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** @param bins equal-width time bins, &ge; 1 (default: every distinct timestamp is a bin) @return this */
        public Builder nrBins(int bins) {
            if (bins < 1) {
                throw new IllegalArgumentException("nr_bins must be at least 1, got " + bins);
            }
            this.nrBins = bins;
            return this;
        }

        /** @param on average each time's weights with the topic's global weights (default true) @return this */
        public Builder globalTuning(boolean on) {
            this.globalTuning = on;
            return this;
        }

        /** @param on average each time's weights with the previous time's (default true) @return this */
        public Builder evolutionTuning(boolean on) {
            this.evolutionTuning = on;
            return this;
        }

        /** @param on describe each topic at each time with the model's representation (default true, as BERTopic) @return this */
        public Builder fineTune(boolean on) {
            this.fineTune = on;
            return this;
        }

        /** @param p told after each time @return this */
        public Builder progress(ProgressListener p) {
            this.progress = ProgressListener.orNone(p);
            return this;
        }

        /** @return the configured computation */
        public TopicsOverTime build() {
            return new TopicsOverTime(this);
        }
    }
}
