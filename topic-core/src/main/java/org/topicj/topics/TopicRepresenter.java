package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.topicj.TopicJException;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;

/**
 * Turns a grouping of documents into topics, for the fit and for every later regrouping (reduce,
 * merge): groups are numbered by size into topic ids (0 the largest, -1 the outliers), each topic
 * gets its c-TF-IDF words (fine-tuned by the representation, if any), its name, its representative
 * documents and its embedding. Works from the settings alone, so a model never needs its trainer.
 *
 * <p>Thread-safety: immutable.
 */
final class TopicRepresenter {
    /** Representative documents are chosen among a seeded sample of at most this many members, as BERTopic. */
    private static final int SAMPLE = 500;

    private final TopicSettings settings;

    TopicRepresenter(TopicSettings settings) {
        this.settings = settings;
    }

    /**
     * What grouping documents gave.
     *
     * @param groupToTopic for each group index (in {@code groups} order), its topic id
     * @param docTopics each document's topic id
     * @param words the topics' words
     * @param topics the topics, in row order of {@code words}
     * @param topicEmbeddings one row per topic, or null
     */
    record Represented(int[] groupToTopic, int[] docTopics, TopicWords words, List<Topic> topics, DenseMatrix topicEmbeddings) {
    }

    /**
     * @param docs the documents
     * @param docGroups each document's group: any non-negative value, or -1 for outliers
     * @param embeddings the documents' embeddings if dense ones are at hand (topic embeddings are their means), else null
     * @param groupEmbeddings else, one embedding per group in {@link #groups} order and a last row for the outliers, or null
     * @param embedder gives representations an embedder when they need one
     * @return the topics
     */
    Represented represent(List<String> docs, int[] docGroups, Matrix embeddings, DenseMatrix groupEmbeddings,
                          Supplier<Embedder> embedder) {
        return represent(docs, docGroups, embeddings, groupEmbeddings, embedder, true);
    }

    /**
     * As {@link #represent(List, int[], Matrix, DenseMatrix, Supplier)}, with the groups' own values
     * as topic ids when {@code numberBySize} is false (documents moved between existing topics keep
     * their topics' ids, as BERTopic's {@code update_topics} does).
     */
    Represented represent(List<String> docs, int[] docGroups, Matrix embeddings, DenseMatrix groupEmbeddings,
                          Supplier<Embedder> embedder, boolean numberBySize) {
        int[] groups = groups(docGroups);
        int[] groupToTopic = numberBySize ? numberBySize(docGroups, groups) : groups.clone();
        int[] docTopics = new int[docGroups.length];
        for (int i = 0; i < docTopics.length; i++) {
            docTopics[i] = docGroups[i] < 0 ? -1 : groupToTopic[Arrays.binarySearch(groups, docGroups[i])];
        }
        int[] topicIds = Arrays.stream(docTopics).distinct().sorted().toArray();
        DenseMatrix topicEmbeddings = embeddings instanceof DenseMatrix dense ? meanPerTopic(dense, docTopics, topicIds)
                : groupEmbeddings != null ? reorder(groupEmbeddings, groups, groupToTopic, topicIds) : null;
        return describeTopics(docs, docTopics, topicIds, groupToTopic, topicEmbeddings, embedder);
    }

    /**
     * Topics for documents whose topic ids are final (nothing is renumbered): zero-shot fits, and
     * {@code update_topics}, which keeps the assignments.
     *
     * @param docs the documents
     * @param docTopics each document's topic id, -1 for outliers
     * @param embeddings the documents' embeddings (topic embeddings are their means), or null
     * @param topicEmbeddings else the topic embeddings to keep, one row per topic in increasing id, or null
     * @param embedder gives representations an embedder when they need one
     * @return the topics; {@code groupToTopic} maps each topic to itself
     */
    Represented representAsIs(List<String> docs, int[] docTopics, Matrix embeddings, DenseMatrix topicEmbeddings,
                              Supplier<Embedder> embedder) {
        int[] topicIds = Arrays.stream(docTopics).distinct().sorted().toArray();
        DenseMatrix te = embeddings instanceof DenseMatrix dense ? meanPerTopic(dense, docTopics, topicIds) : topicEmbeddings;
        return describeTopics(docs, docTopics, topicIds, groups(docTopics), te, embedder);
    }

    private Represented describeTopics(List<String> docs, int[] docTopics, int[] topicIds, int[] groupToTopic,
                                       DenseMatrix topicEmbeddings, Supplier<Embedder> embedder) {
        TopicWords words = TopicWords.fit(docs, docTopics, topicIds, settings);
        List<List<Integer>> members = members(docTopics, topicIds);
        return new Represented(groupToTopic, docTopics, words, describe(docs, words, members, embedder), topicEmbeddings);
    }

    /** @return the distinct non-negative groups, increasing */
    static int[] groups(int[] docGroups) {
        return Arrays.stream(docGroups).filter(g -> g >= 0).distinct().sorted().toArray();
    }

    /** Group to topic id: the largest group becomes topic 0; equal sizes keep group order. */
    private static int[] numberBySize(int[] docGroups, int[] groups) {
        int[] count = new int[groups.length];
        for (int g : docGroups) {
            if (g >= 0) {
                count[Arrays.binarySearch(groups, g)]++;
            }
        }
        Integer[] order = new Integer[groups.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -count[i]).thenComparingInt(i -> i));
        int[] map = new int[groups.length];
        for (int t = 0; t < order.length; t++) {
            map[order[t]] = t;
        }
        return map;
    }

    /** @return the members of each topic, in row order of {@code topicIds} */
    static List<List<Integer>> members(int[] docTopics, int[] topicIds) {
        List<List<Integer>> members = new ArrayList<>(topicIds.length);
        for (int r = 0; r < topicIds.length; r++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < docTopics.length; i++) {
            members.get(Arrays.binarySearch(topicIds, docTopics[i])).add(i);
        }
        return members;
    }

    private List<Topic> describe(List<String> docs, TopicWords words, List<List<Integer>> members, Supplier<Embedder> embedder) {
        int[] topicIds = words.topicIdArray();
        SplittableRandom rnd = new SplittableRandom(settings.sampleSeed());
        List<Described> described = describeRows(docs, words, members, embedder, true, rnd.split());
        List<Topic> topics = new ArrayList<>(topicIds.length);
        for (int r = 0; r < topicIds.length; r++) {
            Described d = described.get(r);
            topics.add(new Topic(topicIds[r], members.get(r).size(), d.name(topicIds[r]), d.words(),
                    representativeDocs(docs, words, r, members.get(r), settings.representativeDocs(), rnd.split()), List.of(),
                    d.label()));
        }
        return topics;
    }

    /**
     * How one row of topic words is described: its words and, from a labelling representation, its label.
     *
     * @param words the words, best first
     * @param label the label, or null
     */
    record Described(List<Topic.Word> words, String label) {
        /** @param id the topic id @return BERTopic's name: {@code "{id}_{label}"}, or the id and the first four words */
        String name(int id) {
            return label != null ? id + "_" + label : TopicRepresenter.name(id, words);
        }

        /**
         * @param n how many words
         * @param separator between them
         * @return the label, or the first {@code n} words joined (BERTopic's "Words" column and node names)
         */
        String joined(int n, String separator) {
            return label != null ? label : String.join(separator, words.stream().limit(n).map(Topic.Word::word).toList());
        }
    }

    /**
     * Describes every row of some topic words: the c-TF-IDF words, fine-tuned or labelled by the
     * representation if {@code fineTune} and there is one. Used for the model's topics and for the
     * rows that workflows weigh themselves (a bin of topics over time, a class, a merged node).
     *
     * @param docs the documents that {@code members} index
     * @param words the rows to describe
     * @param members the documents of each row
     * @param embedder gives representations an embedder when they need one
     * @param fineTune whether to apply the representation
     * @param rnd seeds the samples representative documents are chosen from
     * @return one description per row
     */
    List<Described> describeRows(List<String> docs, TopicWords words, List<List<Integer>> members, Supplier<Embedder> embedder,
                                 boolean fineTune, SplittableRandom rnd) {
        int[] topicIds = words.topicIdArray();
        Representation representation = fineTune ? settings.representation() : null;
        List<Described> out = new ArrayList<>(topicIds.length);
        if (representation == null) {
            for (int r = 0; r < topicIds.length; r++) {
                out.add(new Described(words.topWords(r, settings.topNWords()), null));
            }
            return out;
        }
        List<List<Topic.Word>> candidates = new ArrayList<>(topicIds.length);
        for (int r = 0; r < topicIds.length; r++) {
            candidates.add(words.topWords(r, Math.max(settings.topNWords(), representation.candidateWords())));
        }
        List<List<Topic.Word>> represented = representation.representAll(topicIds.clone(), candidates,
                new Context(embedder, docs, words, members, rnd));
        if (represented.size() != topicIds.length) {
            throw new TopicJException(representation.getClass().getSimpleName() + " described " + represented.size() + " of "
                    + topicIds.length + " topics");
        }
        for (int r = 0; r < topicIds.length; r++) {
            List<Topic.Word> w = represented.get(r);
            if (!representation.producesLabels()) {
                out.add(new Described(w, null));
            } else if (w.isEmpty() || w.get(0).word().isBlank()) {
                throw new TopicJException(representation.getClass().getSimpleName() + " gave topic " + topicIds[r]
                        + " no label; check the model's replies (or its empty-label policy)");
            } else {
                out.add(new Described(words.topWords(r, settings.topNWords()), w.get(0).word().strip()));
            }
        }
        return out;
    }

    /** BERTopic's name: the id and the first four words. */
    static String name(int topicId, List<Topic.Word> words) {
        return topicId + "_" + String.join("_", words.stream().limit(4).map(Topic.Word::word).toList());
    }

    /** The members most similar to the topic by c-TF-IDF, among a seeded sample of 500, duplicates once. */
    static List<String> representativeDocs(List<String> docs, TopicWords words, int row, List<Integer> members, int n,
                                           SplittableRandom rnd) {
        if (n == 0 || members.isEmpty()) {
            return List.of();
        }
        List<Integer> sample = members;
        if (members.size() > SAMPLE) {
            sample = new ArrayList<>(members);
            Collections.shuffle(sample, new Random(rnd.nextLong()));
            sample = new ArrayList<>(sample.subList(0, SAMPLE));
            Collections.sort(sample);
        }
        ClassTfidf.WeightedRows weighed = words.weigh(sample.stream().map(docs::get).toList());
        Integer[] order = new Integer[sample.size()];
        double[] sim = new double[sample.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            sim[i] = words.similarity(weighed, i, row);
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -sim[i]).thenComparingInt(i -> i));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < order.length && out.size() < n; i++) {
            String d = docs.get(sample.get(order[i]));
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private static DenseMatrix meanPerTopic(DenseMatrix e, int[] docTopics, int[] topicIds) {
        int d = e.cols();
        double[] sum = new double[topicIds.length * d];
        int[] counts = new int[topicIds.length];
        float[] data = e.rawData();
        for (int i = 0; i < docTopics.length; i++) {
            int r = Arrays.binarySearch(topicIds, docTopics[i]);
            counts[r]++;
            for (int j = 0; j < d; j++) {
                sum[r * d + j] += data[i * d + j];
            }
        }
        float[] out = new float[sum.length];
        for (int r = 0; r < topicIds.length; r++) {
            for (int j = 0; j < d; j++) {
                out[r * d + j] = (float) (sum[r * d + j] / counts[r]);
            }
        }
        return DenseMatrix.wrap(topicIds.length, d, out);
    }

    /** Group embeddings (row g for group index g, the last row for outliers) in topic-row order. */
    private static DenseMatrix reorder(DenseMatrix byGroup, int[] groups, int[] groupToTopic, int[] topicIds) {
        int d = byGroup.cols();
        float[] out = new float[topicIds.length * d];
        for (int g = 0; g < groups.length; g++) {
            System.arraycopy(byGroup.rawData(), g * d, out, Arrays.binarySearch(topicIds, groupToTopic[g]) * d, d);
        }
        if (topicIds.length > 0 && topicIds[0] == -1) {
            System.arraycopy(byGroup.rawData(), (byGroup.rows() - 1) * d, out, 0, d);
        }
        return DenseMatrix.wrap(topicIds.length, d, out);
    }

    /** What representations may use: the embedder (opened on first use) and representative documents. */
    private final class Context implements Representation.Context {
        private final Supplier<Embedder> embedder;
        private final List<String> docs;
        private final TopicWords words;
        private final List<List<Integer>> members;
        private final SplittableRandom rnd;

        Context(Supplier<Embedder> embedder, List<String> docs, TopicWords words, List<List<Integer>> members, SplittableRandom rnd) {
            this.embedder = embedder;
            this.docs = docs;
            this.words = words;
            this.members = members;
            this.rnd = rnd;
        }

        @Override
        public Embedder embedder() {
            return embedder.get();
        }

        @Override
        public List<String> representativeDocs(int topicId, int n) {
            int row = words.row(topicId);
            return TopicRepresenter.representativeDocs(docs, words, row, members.get(row), n, rnd.split());
        }
    }
}
