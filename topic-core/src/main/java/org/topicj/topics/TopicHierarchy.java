package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.topicj.TopicJException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.progress.ProgressListener;

/**
 * BERTopic's {@code hierarchical_topics}: the merge tree of a model's topics. The distance between
 * two topics is 1 - the cosine similarity of their c-TF-IDF rows (or of their embeddings, with
 * {@code useCtfidf(false)}); topics are merged by Ward linkage with scipy's optimal leaf ordering
 * ({@link WardLinkage}), and every merged node is described by the c-TF-IDF of its topics' summed
 * word counts (with the model's fitted idf) and, as in BERTopic, the model's representation.
 *
 * <pre>{@code
 * TopicHierarchy.Tree tree = TopicHierarchy.builder().build().compute(model, docs);
 * System.out.print(tree.text());           // BERTopic's get_topic_tree
 * }</pre>
 *
 * <p>Where BERTopic 0.17.4 differs: when two merges have the same height it adds unseeded random
 * noise to the heights (different every run); TopicJ keeps the heights and computes each node's
 * topics from the tree itself, which is what BERTopic's noise is there to achieve. It falls back
 * from c-TF-IDF to embeddings (or back) with only a warning when the one asked for is missing; TopicJ
 * fails. It rejects a distance of -1e-16 (float noise for two identical topics) as negative; TopicJ
 * clamps it to 0.
 *
 * <p>Thread-safety: immutable; {@code compute} may run concurrently.
 */
public final class TopicHierarchy {
    private final boolean useCtfidf;
    private final boolean fineTune;
    private final ProgressListener progress;

    private TopicHierarchy(Builder b) {
        this.useCtfidf = b.useCtfidf;
        this.fineTune = b.fineTune;
        this.progress = b.progress;
    }

    /** @return a builder with BERTopic's defaults (c-TF-IDF distances) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One merge (a row of BERTopic's {@code hier_topics}).
     *
     * @param parentId the merged node's id: the number of topics plus the merge's index
     * @param parentName its first five words joined by "_" (or its label from a labelling representation)
     * @param topics the topics under it, increasing
     * @param leftId the left child: a topic id, or a node id
     * @param leftName the left child's name (a topic's first five words, or a node's name)
     * @param rightId the right child
     * @param rightName the right child's name
     * @param distance the merge's height (Ward linkage of the cosine distances)
     * @param parentWords the merged node's words with their scores, best first
     */
    public record Merge(int parentId, String parentName, List<Integer> topics, int leftId, String leftName, int rightId,
                        String rightName, double distance, List<Topic.Word> parentWords) {
        /** Copies the lists. */
        public Merge {
            topics = List.copyOf(topics);
            parentWords = List.copyOf(parentWords);
        }
    }

    /**
     * The tree.
     *
     * @param merges root first (BERTopic's order: by decreasing parent id)
     * @param topicCount the leaves (topics 0 to topicCount - 1)
     */
    public record Tree(List<Merge> merges, int topicCount) {
        /** Copies the list. */
        public Tree {
            merges = List.copyOf(merges);
        }

        /** @return BERTopic's {@code get_topic_tree}: every topic under its merges, drawn with box characters */
        public String text() {
            return text(null, false);
        }

        /**
         * @param maxDistance topics merged at this height or above are drawn as "O" (BERTopic's max_distance), or null for none
         * @param tightLayout narrower indents
         * @return BERTopic's {@code get_topic_tree(hier_topics, max_distance, tight_layout)}, exactly
         */
        public String text(Double maxDistance, boolean tightLayout) {
            return TreeText.render(this, maxDistance, tightLayout);
        }
    }

    /**
     * @param model a fitted model with at least two topics besides the outliers
     * @param documents its training documents, in the order they were fitted
     * @return the merge tree
     */
    public Tree compute(TopicModel model, List<String> documents) {
        Objects.requireNonNull(model, "model");
        int[] docTopics = TopicSubsets.topics(model, documents, null);
        TopicWords words = model.topicWords();
        int first = words.hasOutlierTopic() ? 1 : 0;
        int k = words.size() - first;
        if (k < 2) {
            throw new IllegalArgumentException("a topic hierarchy needs at least two topics besides the outliers; this model has " + k);
        }
        for (int t = 0; t < k; t++) {
            if (words.topicIdArray()[first + t] != t) {
                throw new IllegalStateException("the topics are not numbered 0 to " + (k - 1) + ": " + Arrays.toString(words.topicIdArray()));
            }
        }
        double[][] z = WardLinkage.linkage(k, distances(model, first, k));
        List<List<Integer>> leaves = leafSets(z, k);
        TopicWords nodes = nodeWords(words, documents, docTopics, leaves, k);
        List<List<Integer>> members = new ArrayList<>();
        for (List<Integer> topics : leaves) {
            // A mask, not List.contains: one pass over the documents per node, whatever the node's size.
            boolean[] under = new boolean[k];
            topics.forEach(t -> under[t] = true);
            List<Integer> m = new ArrayList<>();
            for (int i = 0; i < docTopics.length; i++) {
                if (docTopics[i] >= 0 && under[docTopics[i]]) {
                    m.add(i);
                }
            }
            members.add(m);
        }
        List<TopicRepresenter.Described> described = new TopicRepresenter(model.settings()).describeRows(documents, nodes, members,
                model.embedderHandle()::get, fineTune, new SplittableRandom(model.settings().sampleSeed()));
        progress.update("topic hierarchy", 1, 1);
        boolean labels = fineTune && model.settings().representation() != null && model.settings().representation().producesLabels();
        List<Merge> merges = new ArrayList<>();
        for (int i = z.length - 1; i >= 0; i--) {
            int left = (int) z[i][0];
            int right = (int) z[i][1];
            merges.add(new Merge(k + i, described.get(i).joined(5, "_"), leaves.get(i), left,
                    childName(model, described, left, k, labels), right, childName(model, described, right, k, labels), z[i][2],
                    described.get(i).words()));
        }
        return new Tree(merges, k);
    }

    /** The condensed cosine distances of topics 0..k-1, clamped at 0. */
    private double[] distances(TopicModel model, int first, int k) {
        double[] out = new double[k * (k - 1) / 2];
        DenseMatrix te = model.data().topicEmbeddings();
        if (!useCtfidf && te == null) {
            throw new TopicJException("this model has no topic embeddings (it was fitted without dense embeddings); build the "
                    + "hierarchy from c-TF-IDF: TopicHierarchy.builder().useCtfidf(true)");
        }
        ClassTfidf.WeightedRows w = model.topicWords().weights();
        int e = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double cos = useCtfidf ? w.cosine(first + a, w, first + b) : org.topicj.matrix.VectorMath.cosine(te.row(first + a),
                        te.row(first + b));
                out[e++] = Math.max(0, 1 - cos);
            }
        }
        return out;
    }

    /** The topics under each merge, increasing. */
    private static List<List<Integer>> leafSets(double[][] z, int k) {
        List<List<Integer>> out = new ArrayList<>();
        for (double[] row : z) {
            List<Integer> topics = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                int child = (int) row[c];
                topics.addAll(child < k ? List.of(child) : out.get(child - k));
            }
            topics.sort(null);
            out.add(topics);
        }
        return out;
    }

    /** Each merge's c-TF-IDF: its topics' word counts summed, weighed with the fitted idf (no refit), as BERTopic. */
    private static TopicWords nodeWords(TopicWords words, List<String> documents, int[] docTopics, List<List<Integer>> leaves, int k) {
        StringBuilder[] joined = new StringBuilder[k];
        for (int t = 0; t < k; t++) {
            joined[t] = new StringBuilder();
        }
        for (int i = 0; i < docTopics.length; i++) {
            if (docTopics[i] >= 0) {
                StringBuilder sb = joined[docTopics[i]];
                sb.append(sb.length() > 0 ? " " : "").append(documents.get(i));
            }
        }
        SparseMatrix bow = words.counts(Arrays.stream(joined).map(StringBuilder::toString).toList());
        ClassTfidf.WeightedRows all = null;
        for (List<Integer> topics : leaves) {
            ClassTfidf.WeightedRows row = words.ctfidf().weigh(SparseRows.sum(bow, topics.stream().mapToInt(Integer::intValue).toArray()),
                    words.idfArray());
            all = all == null ? row : SparseRows.vstack(all, row);
        }
        int[] ids = new int[leaves.size()];
        Arrays.setAll(ids, i -> k + i);
        return words.withRows(ids, all);
    }

    private static String childName(TopicModel model, List<TopicRepresenter.Described> described, int child, int k, boolean labels) {
        if (child >= k) {
            return described.get(child - k).joined(5, "_");
        }
        Topic t = model.topic(child);
        return labels && t.label() != null ? t.label()
                : String.join("_", t.words().stream().limit(5).map(Topic.Word::word).toList());
    }

    /** Options for {@link TopicHierarchy}. Not thread-safe; build once. */
    public static final class Builder {
        private boolean useCtfidf = true;
        private boolean fineTune = true;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** @param on distances from c-TF-IDF rows (default true), else from topic embeddings @return this */
        public Builder useCtfidf(boolean on) {
            this.useCtfidf = on;
            return this;
        }

        /** @param on describe merged nodes with the model's representation (default true, as BERTopic) @return this */
        public Builder fineTune(boolean on) {
            this.fineTune = on;
            return this;
        }

        /** @param p told when done @return this */
        public Builder progress(ProgressListener p) {
            this.progress = ProgressListener.orNone(p);
            return this;
        }

        /** @return the configured computation */
        public TopicHierarchy build() {
            return new TopicHierarchy(this);
        }
    }
}
