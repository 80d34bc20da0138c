package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.topicj.TopicJException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.hdbscan.HdbscanModel;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.Npy;
import org.topicj.matrix.SparseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.text.CountVectorizer;
import org.topicj.text.Vocabulary;
import org.topicj.umap.UmapModel;

/**
 * A fitted topic model: the topics (words, counts, names, representative documents), the topic
 * of each training document, and everything {@link #transform} needs to assign new documents the
 * same way: the fitted UMAP, HDBSCAN's prediction data, the vocabulary and c-TF-IDF weights, and
 * the embedder's key. {@link #save} writes it as JSON plus {@code .npy} arrays; {@link #load}
 * reads it back without any code of the user's.
 *
 * <p>Thread-safety: immutable; {@code transform} may be called concurrently.
 */
public final class TopicModel {
    private static final String FORMAT = "topicj-topic-model";
    private static final String FILE = "topicj-model.json";

    private final EmbedderRef embedderRef;
    private final boolean english;
    private final Vocabulary vocabulary;
    private final double[] idf;
    private final ClassTfidf ctfidf;
    /** Topic ids in row order of {@link #weights}: -1 first if present, then 0, 1, ... */
    private final int[] topicIds;
    private final ClassTfidf.WeightedRows weights;
    private final List<Topic> topics;
    private final int[] documentTopics;
    private final double[] documentProbabilities;
    private final DenseMatrix membership;
    private final DenseMatrix topicEmbeddings;
    private final int[] clusterToTopic;
    private final UmapModel umap;
    private final HdbscanModel hdbscan;
    /** How this model was fitted (vectorizer, c-TF-IDF, sizes); reused when topics are reduced or merged. */
    private TopicModeler modeler;
    private Embedder embedder;

    private TopicModel(EmbedderRef embedderRef, boolean english, Vocabulary vocabulary, double[] idf, ClassTfidf ctfidf,
                       int[] topicIds, ClassTfidf.WeightedRows weights, List<Topic> topics, int[] documentTopics,
                       double[] documentProbabilities, DenseMatrix membership, DenseMatrix topicEmbeddings,
                       int[] clusterToTopic, UmapModel umap, HdbscanModel hdbscan) {
        this.embedderRef = embedderRef;
        this.english = english;
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.ctfidf = ctfidf;
        this.topicIds = topicIds;
        this.weights = weights;
        this.topics = List.copyOf(topics);
        this.documentTopics = documentTopics;
        this.documentProbabilities = documentProbabilities;
        this.membership = membership;
        this.topicEmbeddings = topicEmbeddings;
        this.clusterToTopic = clusterToTopic;
        this.umap = umap;
        this.hdbscan = hdbscan;
    }

    static TopicModel assemble(TopicModeler modeler, List<String> docs, Matrix embeddings, int[] clusterLabels,
                               double[] probabilities, DenseMatrix clusterMembership, UmapModel umap, HdbscanModel hdbscan,
                               EmbedderRef key, Embedder openEmbedder) {
        int max = Arrays.stream(clusterLabels).max().orElse(-1);
        int[] identity = new int[max + 1];
        for (int c = 0; c <= max; c++) {
            identity[c] = c;
        }
        return assemble(modeler, docs, embeddings, null, clusterLabels, identity, probabilities, clusterMembership, identity,
                umap, hdbscan, key, openEmbedder);
    }

    /**
     * Builds a model from a grouping of the documents: groups are numbered by size into topics,
     * each HDBSCAN cluster maps to its group's topic, and the topics are described by c-TF-IDF.
     *
     * @param groupEmbeddings if non-null, the topic embeddings to use, indexed by group (embeddings may then be null)
     */
    private static TopicModel assemble(TopicModeler modeler, List<String> docs, Matrix embeddings, DenseMatrix groupEmbeddings,
                                       int[] docGroups, int[] clusterToGroup, double[] probabilities,
                                       DenseMatrix membershipIn, int[] membershipColumnToGroup, UmapModel umap,
                                       HdbscanModel hdbscan, EmbedderRef key, Embedder openEmbedder) {
        TopicModeler.Builder o = modeler.options;
        int[] groupToTopic = numberBySize(docGroups);
        int[] docTopics = new int[docs.size()];
        for (int i = 0; i < docTopics.length; i++) {
            docTopics[i] = docGroups[i] < 0 ? -1 : groupToTopic[docGroups[i]];
        }
        int[] clusterToTopic = new int[clusterToGroup.length];
        for (int c = 0; c < clusterToGroup.length; c++) {
            int g = clusterToGroup[c];
            clusterToTopic[c] = g < 0 || g >= groupToTopic.length ? -1 : groupToTopic[g];
        }
        int[] topicIds = TopicModeler.sortedDistinct(docTopics).stream().mapToInt(Integer::intValue).toArray();
        List<String> joined = new ArrayList<>();
        for (int t : topicIds) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < docs.size(); i++) {
                if (docTopics[i] == t) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(docs.get(i));
                }
            }
            joined.add(Preprocessing.clean(sb.toString(), o.englishPreprocessing));
        }
        Vocabulary vocabulary = o.vectorizer.fit(joined);
        SparseMatrix counts = vocabulary.transform(joined);
        double[] idf = o.ctfidf.idf(counts);
        ClassTfidf.WeightedRows weights = o.ctfidf.weigh(counts, idf);
        int[] sizes = new int[topicIds.length];
        for (int t : docTopics) {
            sizes[Arrays.binarySearch(topicIds, t)]++;
        }
        TopicModel partial = new TopicModel(key, o.englishPreprocessing, vocabulary, idf, o.ctfidf, topicIds, weights,
                List.of(), docTopics, probabilities, null, null, clusterToTopic, umap, hdbscan);
        List<Topic> topics = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(o.seed != null ? o.seed : 42);
        java.util.function.Supplier<Embedder> opener = key == null ? null : () -> key.open(o);
        try (RepresentationContext context = new RepresentationContext(openEmbedder, opener, partial, docs, docTopics, rnd.split())) {
            for (int r = 0; r < topicIds.length; r++) {
                List<Topic.Word> words;
                if (o.representation == null) {
                    words = partial.topWords(r, o.topNWords);
                } else {
                    List<Topic.Word> candidates = partial.topWords(r, Math.max(o.topNWords, o.representation.candidateWords()));
                    words = o.representation.represent(topicIds[r], candidates, context);
                }
                String name = topicIds[r] + "_" + String.join("_", words.stream().limit(4).map(Topic.Word::word).toList());
                topics.add(new Topic(topicIds[r], sizes[r], name, words,
                        partial.representativeDocs(r, docs, docTopics, o.representativeDocs, rnd.split())));
            }
        }
        DenseMatrix topicEmbeddings = embeddings instanceof DenseMatrix dense ? meanPerTopic(dense, docTopics, topicIds)
                : groupEmbeddings != null ? reorderRows(groupEmbeddings, docGroups, groupToTopic, topicIds) : null;
        DenseMatrix membership = null;
        if (membershipIn != null) {
            int[] columnToTopic = new int[membershipColumnToGroup.length];
            for (int c = 0; c < columnToTopic.length; c++) {
                int g = membershipColumnToGroup[c];
                columnToTopic[c] = g < 0 || g >= groupToTopic.length ? -1 : groupToTopic[g];
            }
            membership = mergeColumns(membershipIn, columnToTopic, (int) Arrays.stream(topicIds).filter(t -> t >= 0).count());
        }
        TopicModel model = new TopicModel(key, o.englishPreprocessing, vocabulary, idf, o.ctfidf, topicIds, weights, topics,
                docTopics, probabilities, membership, topicEmbeddings, clusterToTopic, umap, hdbscan);
        model.embedder = o.embedder;
        model.modeler = modeler;
        return model;
    }

    /** Gives representations the embedder (opened by key on first use if none is open) and representative documents. */
    private static final class RepresentationContext implements Representation.Context, AutoCloseable {
        private final Embedder given;
        private final java.util.function.Supplier<Embedder> opener;
        private final TopicModel model;
        private final List<String> docs;
        private final int[] docTopics;
        private final SplittableRandom rnd;
        private Embedder opened;

        RepresentationContext(Embedder given, java.util.function.Supplier<Embedder> opener, TopicModel model, List<String> docs, int[] docTopics,
                              SplittableRandom rnd) {
            this.given = given;
            this.opener = opener;
            this.model = model;
            this.docs = docs;
            this.docTopics = docTopics;
            this.rnd = rnd;
        }

        @Override
        public Embedder embedder() {
            if (given != null) {
                return given;
            }
            if (opened == null) {
                if (opener == null) {
                    throw new TopicJException("this representation needs an embedder, but the model was fitted on precomputed "
                            + "embeddings without one; set TopicModeler.builder().embedder(...) or .embedderKey(...)");
                }
                opened = opener.get();
            }
            return opened;
        }

        @Override
        public List<String> representativeDocs(int topicId, int n) {
            return model.representativeDocs(Arrays.binarySearch(model.topicIds, topicId), docs, docTopics, n, rnd.split());
        }

        @Override
        public void close() {
            if (opened != null) {
                opened.close();
            }
        }
    }

    /** Cluster label to topic id: the largest cluster becomes topic 0; equal sizes keep label order. */
    private static int[] numberBySize(int[] labels) {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] count = new int[max + 1];
        for (int l : labels) {
            if (l >= 0) {
                count[l]++;
            }
        }
        List<Integer> present = new ArrayList<>();
        for (int l = 0; l <= max; l++) {
            if (count[l] > 0) {
                present.add(l);
            }
        }
        present.sort(Comparator.comparingInt((Integer l) -> -count[l]).thenComparingInt(l -> l));
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        for (int t = 0; t < present.size(); t++) {
            map[present.get(t)] = t;
        }
        return map;
    }

    private List<Topic.Word> topWords(int row, int n) {
        return topWords(weights, vocabulary.terms(), row, n);
    }

    /**
     * A topic's {@code n} best words by c-TF-IDF, ties by vocabulary order, padded with ("", 0.00001)
     * when it has fewer, as BERTopic pads; shared by the batch and the online model.
     */
    static List<Topic.Word> topWords(ClassTfidf.WeightedRows weights, List<String> terms, int row, int n) {
        List<Integer> entries = new ArrayList<>();
        for (int k = weights.indptr()[row]; k < weights.indptr()[row + 1]; k++) {
            if (weights.values()[k] > 0) {
                entries.add(k);
            }
        }
        entries.sort(Comparator.comparingDouble((Integer k) -> -weights.values()[k]).thenComparingInt(k -> weights.indices()[k]));
        List<Topic.Word> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i < entries.size()) {
                int k = entries.get(i);
                words.add(new Topic.Word(terms.get(weights.indices()[k]), weights.values()[k]));
            } else {
                words.add(new Topic.Word("", 0.00001));
            }
        }
        return words;
    }

    private List<String> representativeDocs(int row, List<String> docs, int[] docTopics, int n, SplittableRandom rnd) {
        if (n == 0) {
            return List.of();
        }
        int topic = topicIds[row];
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < docTopics.length; i++) {
            if (docTopics[i] == topic) {
                members.add(i);
            }
        }
        if (members.size() > 500) {
            Collections.shuffle(members, new java.util.Random(rnd.nextLong()));
            members = new ArrayList<>(members.subList(0, 500));
            Collections.sort(members);
        }
        ClassTfidf.WeightedRows docWeights = weighDocuments(members.stream().map(docs::get).toList());
        Integer[] order = new Integer[members.size()];
        double[] sim = new double[members.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            sim[i] = docWeights.cosine(i, weights, row);
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -sim[i]).thenComparingInt(i -> i));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < order.length && out.size() < n; i++) {
            String d = docs.get(members.get(order[i]));
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private ClassTfidf.WeightedRows weighDocuments(List<String> docs) {
        return ctfidf.weigh(vocabulary.transform(Preprocessing.clean(docs, english)), idf);
    }

    private static DenseMatrix meanPerTopic(DenseMatrix e, int[] docTopics, int[] topicIds) {
        int d = e.cols();
        float[] out = new float[topicIds.length * d];
        int[] counts = new int[topicIds.length];
        for (int i = 0; i < docTopics.length; i++) {
            int r = Arrays.binarySearch(topicIds, docTopics[i]);
            counts[r]++;
            for (int j = 0; j < d; j++) {
                out[r * d + j] += e.rawData()[i * d + j];
            }
        }
        for (int r = 0; r < topicIds.length; r++) {
            for (int j = 0; j < d; j++) {
                out[r * d + j] /= counts[r];
            }
        }
        return DenseMatrix.wrap(topicIds.length, d, out);
    }

    /** Column c of a clusters' membership matrix is added to the column of its topic. */
    private static DenseMatrix mergeColumns(DenseMatrix m, int[] clusterToTopic, int topics) {
        float[] out = new float[m.rows() * topics];
        for (int i = 0; i < m.rows(); i++) {
            for (int c = 0; c < m.cols(); c++) {
                if (clusterToTopic[c] >= 0) {
                    out[i * topics + clusterToTopic[c]] += m.get(i, c);
                }
            }
        }
        return DenseMatrix.wrap(m.rows(), topics, out);
    }

    /** Group embeddings (row g for group g, the last row for outliers) in topic-id order. */
    private static DenseMatrix reorderRows(DenseMatrix byGroup, int[] docGroups, int[] groupToTopic, int[] topicIds) {
        int d = byGroup.cols();
        float[] out = new float[topicIds.length * d];
        for (int g = 0; g < groupToTopic.length; g++) {
            int t = groupToTopic[g];
            if (t >= 0) {
                System.arraycopy(byGroup.rawData(), g * d, out, Arrays.binarySearch(topicIds, t) * d, d);
            }
        }
        if (topicIds.length > 0 && topicIds[0] == -1) {
            System.arraycopy(byGroup.rawData(), (byGroup.rows() - 1) * d, out, 0, d);
        }
        return DenseMatrix.wrap(topicIds.length, d, out);
    }

    /** @return the topics, -1 (outliers) first if any, then 0, 1, ... by decreasing size */
    public List<Topic> topics() {
        return topics;
    }

    /**
     * @param id a topic id
     * @return that topic
     * @throws IllegalArgumentException if there is none
     */
    public Topic topic(int id) {
        return topics.stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + id + "; topics are " + Arrays.toString(topicIds)));
    }

    /** @return the topics, as {@link #topics()} (BERTopic's get_topic_info) */
    public List<Topic> topicInfo() {
        return topics;
    }

    /**
     * @param documents the training documents, in the order they were fitted
     * @return one row per document: text, topic, topic name, probability
     */
    public List<DocumentInfo> documentInfo(List<String> documents) {
        checkTrainingDocuments(documents);
        List<DocumentInfo> out = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            out.add(new DocumentInfo(documents.get(i), documentTopics[i], topic(documentTopics[i]).name(), documentProbabilities[i]));
        }
        return out;
    }

    /** @return number of topics, the outlier topic not counted */
    public int topicCount() {
        return (int) topics.stream().filter(t -> t.id() >= 0).count();
    }

    /** @return the topic and probability of each training document, in input order */
    public List<Assignment> documentInfo() {
        List<Assignment> out = new ArrayList<>(documentTopics.length);
        for (int i = 0; i < documentTopics.length; i++) {
            out.add(new Assignment(documentTopics[i], documentProbabilities[i]));
        }
        return out;
    }

    /** @return the documents x topics soft-membership matrix, if fitted with calculateProbabilities */
    public Optional<DenseMatrix> probabilities() {
        return Optional.ofNullable(membership);
    }

    /** @return mean embedding of each topic's documents, rows in {@link #topics()} order, if embeddings were dense */
    public Optional<DenseMatrix> topicEmbeddings() {
        return Optional.ofNullable(topicEmbeddings);
    }

    /** @return the training documents' UMAP coordinates (5-d by default), for a clustered model */
    public Optional<DenseMatrix> reducedEmbeddings() {
        return umap == null ? Optional.empty() : Optional.of(umap.embedding());
    }

    /**
     * Cosine similarity between topics, rows and columns in {@link #topics()} order: of the topic
     * embeddings when the model has them, otherwise of the topics' c-TF-IDF weights.
     *
     * @return a square matrix
     */
    public DenseMatrix topicSimilarity() {
        int k = topicIds.length;
        float[] out = new float[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                out[a * k + b] = (float) (topicEmbeddings != null
                        ? VectorMath.cosine(topicEmbeddings.row(a), topicEmbeddings.row(b)) : weights.cosine(a, weights, b));
            }
        }
        return DenseMatrix.wrap(k, k, out);
    }

    /** @return the registry key of the embedder, if known */
    public Optional<String> embedderKey() {
        return Optional.ofNullable(embedderRef).map(EmbedderRef::key);
    }

    /**
     * @return the options the embedder was opened with, saved beside its key so that loading
     *         reopens the same model; credentials are never among them (empty if none or no key)
     */
    public Map<String, String> embedderOptions() {
        return embedderRef == null ? Map.of() : embedderRef.options();
    }

    /** @return true for a model fitted from given labels (manual mode), without UMAP and HDBSCAN */
    public boolean isManual() {
        return umap == null;
    }

    /**
     * Assigns new documents to topics, embedding them with the model's embedder (the one given at
     * fit or load, else opened by the saved key).
     *
     * @param documents the documents
     * @return one assignment per document
     */
    public List<Assignment> transform(List<String> documents) {
        if (isManual()) {
            return transform(documents, null);
        }
        if (embedder != null) {
            return transform(documents, embedder.embedDocuments(documents, org.topicj.progress.ProgressListener.NONE));
        }
        if (embedderRef == null) {
            throw new TopicJException("this model does not know its embedder; pass embeddings to transform, or load it "
                    + "with TopicModel.load(dir, embedder)");
        }
        try (Embedder e = openRecordedEmbedder()) {
            return transform(documents, e.embedDocuments(documents, org.topicj.progress.ProgressListener.NONE));
        }
    }

    /**
     * Assigns new documents to topics from their embeddings (computed the way the training
     * embeddings were): UMAP's transform, then HDBSCAN's approximate prediction. A manual model
     * ignores the embeddings and assigns by c-TF-IDF similarity.
     *
     * @param documents the documents
     * @param embeddings one row per document, or null for a manual model
     * @return one assignment per document
     */
    public List<Assignment> transform(List<String> documents, Matrix embeddings) {
        Objects.requireNonNull(documents, "documents");
        if (isManual()) {
            return assignBySimilarity(documents);
        }
        Objects.requireNonNull(embeddings, "embeddings");
        if (embeddings.rows() != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + embeddings.rows() + " embedding rows");
        }
        if (documents.isEmpty()) {
            return List.of();
        }
        HdbscanModel.Prediction p = hdbscan.approximatePredict(umap.transform(embeddings));
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            int label = p.labels()[i];
            out.add(new Assignment(label < 0 ? -1 : clusterToTopic[label], p.probabilities()[i]));
        }
        return out;
    }

    private List<Assignment> assignBySimilarity(List<String> documents) {
        ClassTfidf.WeightedRows docs = weighDocuments(documents);
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            int best = -1;
            double bestSim = 0;
            for (int r = 0; r < topicIds.length; r++) {
                if (topicIds[r] < 0) {
                    continue;
                }
                double s = docs.cosine(i, weights, r);
                if (s > bestSim) {
                    bestSim = s;
                    best = topicIds[r];
                }
            }
            out.add(new Assignment(best, bestSim));
        }
        return out;
    }

    /**
     * Merges topics until {@code nrTopics} remain (the outlier topic counted, as BERTopic's
     * {@code reduce_topics}): average-linkage agglomerative clustering on the cosine distance of the
     * topic embeddings. Topics are renumbered by size; new documents are assigned to the merged topics.
     *
     * @param documents the training documents, in the order they were fitted
     * @param nrTopics how many topics to keep, outliers included
     * @return the reduced model; this one is unchanged
     */
    public TopicModel reduceTopics(List<String> documents, int nrTopics) {
        checkTrainingDocuments(documents);
        int outlier = topicIds.length > 0 && topicIds[0] == -1 ? 1 : 0;
        int k = topicCount();
        int target = nrTopics - outlier;
        if (target < 1 || target > k) {
            throw new IllegalArgumentException("can reduce " + k + " topics (plus " + outlier + " outlier topic) to between "
                    + (1 + outlier) + " and " + (k + outlier) + " topics, not " + nrTopics);
        }
        DenseMatrix emb = topicEmbeddings().orElseThrow(() -> new TopicJException(
                "reducing topics needs topic embeddings; this model was fitted without dense embeddings"));
        int[] group = averageLinkage(emb, outlier, k, target);
        return remap(documents, group);
    }

    /**
     * Merges similar topics automatically (BERTopic's {@code nr_topics="auto"}): HDBSCAN (min cluster
     * size 2) over the L2-normalised topic embeddings; topics in one cluster are merged, the others kept.
     *
     * @param documents the training documents, in the order they were fitted
     * @return the reduced model; this one is unchanged
     */
    public TopicModel reduceTopicsAuto(List<String> documents) {
        checkTrainingDocuments(documents);
        int outlier = topicIds.length > 0 && topicIds[0] == -1 ? 1 : 0;
        int k = topicCount();
        DenseMatrix emb = topicEmbeddings().orElseThrow(() -> new TopicJException(
                "reducing topics needs topic embeddings; this model was fitted without dense embeddings"));
        if (k < 3) {
            return remap(documents, java.util.stream.IntStream.range(0, k).toArray());
        }
        int d = emb.cols();
        float[] unit = new float[k * d];
        for (int t = 0; t < k; t++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += (double) emb.get(outlier + t, j) * emb.get(outlier + t, j);
            }
            for (int j = 0; j < d; j++) {
                unit[t * d + j] = norm > 0 ? (float) (emb.get(outlier + t, j) / Math.sqrt(norm)) : 0f;
            }
        }
        int[] clusters = org.topicj.hdbscan.Hdbscan.builder().minClusterSize(2).build().fit(DenseMatrix.wrap(k, d, unit)).labels();
        int clusterCount = Arrays.stream(clusters).max().orElse(-1) + 1;
        int[] group = new int[k];
        int next = clusterCount;
        for (int t = 0; t < k; t++) {
            group[t] = clusters[t] >= 0 ? clusters[t] : next++;
        }
        return remap(documents, group);
    }

    /**
     * Merges groups of topics into one topic each (BERTopic's {@code merge_topics}).
     *
     * @param documents the training documents, in the order they were fitted
     * @param groups lists of topic ids to merge; each list becomes one topic
     * @return the merged model; this one is unchanged
     */
    public TopicModel mergeTopics(List<String> documents, List<List<Integer>> groups) {
        checkTrainingDocuments(documents);
        int k = topicCount();
        int[] group = new int[k];
        for (int t = 0; t < k; t++) {
            group[t] = t;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (List<Integer> g : groups) {
            if (g.isEmpty()) {
                continue;
            }
            for (int t : g) {
                if (t < 0 || t >= k) {
                    throw new IllegalArgumentException("cannot merge topic " + t + "; topics are 0 to " + (k - 1));
                }
                if (!seen.add(t)) {
                    throw new IllegalArgumentException("topic " + t + " appears in more than one group");
                }
                group[t] = g.get(0);
            }
        }
        return remap(documents, group);
    }

    private TopicModel remap(List<String> documents, int[] topicToGroup) {
        int[] docGroups = new int[documentTopics.length];
        for (int i = 0; i < docGroups.length; i++) {
            docGroups[i] = documentTopics[i] < 0 ? -1 : topicToGroup[documentTopics[i]];
        }
        int[] clusterToGroup = new int[clusterToTopic.length];
        for (int c = 0; c < clusterToGroup.length; c++) {
            clusterToGroup[c] = clusterToTopic[c] < 0 ? -1 : topicToGroup[clusterToTopic[c]];
        }
        DenseMatrix groupEmbeddings = null;
        if (topicEmbeddings != null) {
            int groups = Arrays.stream(topicToGroup).max().orElse(-1) + 1;
            int d = topicEmbeddings.cols();
            double[] sum = new double[(groups + 1) * d];
            double[] weight = new double[groups + 1];
            for (Topic t : topics) {
                int g = t.id() < 0 ? groups : topicToGroup[t.id()];
                int row = Arrays.binarySearch(topicIds, t.id());
                for (int j = 0; j < d; j++) {
                    sum[g * d + j] += (double) t.count() * topicEmbeddings.get(row, j);
                }
                weight[g] += t.count();
            }
            float[] out = new float[sum.length];
            for (int g = 0; g <= groups; g++) {
                for (int j = 0; j < d; j++) {
                    out[g * d + j] = weight[g] > 0 ? (float) (sum[g * d + j] / weight[g]) : 0f;
                }
            }
            groupEmbeddings = DenseMatrix.wrap(groups + 1, d, out);
        }
        return assemble(modelerOrDefault(), documents, null, groupEmbeddings, docGroups, clusterToGroup,
                documentProbabilities, membership, topicToGroup, umap, hdbscan, embedderRef, embedder).withEmbedder(embedder);
    }

    /**
     * Adds each topic's representative images: of its documents with a readable image, the {@code n}
     * whose embeddings have the highest cosine similarity to the topic's embedding.
     */
    TopicModel withRepresentativeImages(List<java.nio.file.Path> images, boolean[] hasImage, DenseMatrix embeddings, int n) {
        List<List<Integer>> membersByRow = new ArrayList<>();
        for (int r = 0; r < topicIds.length; r++) {
            membersByRow.add(new ArrayList<>());
        }
        for (int i = 0; i < documentTopics.length; i++) {
            if (hasImage[i]) {
                membersByRow.get(Arrays.binarySearch(topicIds, documentTopics[i])).add(i);
            }
        }
        List<Topic> withImages = new ArrayList<>();
        for (int r = 0; r < topicIds.length; r++) {
            List<Integer> members = membersByRow.get(r);
            float[] centroid = topicEmbeddings.row(r);
            members.sort(java.util.Comparator.comparingDouble((Integer i) -> -org.topicj.matrix.VectorMath.cosine(embeddings.row(i), centroid))
                    .thenComparingInt(i -> i));
            withImages.add(topics.get(r).withRepresentativeImages(
                    members.stream().limit(n).map(i -> images.get(i).toString()).toList()));
        }
        TopicModel m = new TopicModel(embedderRef, english, vocabulary, idf, ctfidf, topicIds, weights, withImages,
                documentTopics, documentProbabilities, membership, topicEmbeddings, clusterToTopic, umap, hdbscan);
        m.embedder = embedder;
        m.modeler = modeler;
        return m;
    }

    TopicModel keepingEmbedder(Embedder e) {
        this.embedder = e;
        return this;
    }

    private TopicModel withEmbedder(Embedder e) {
        this.embedder = e;
        return this;
    }

    private TopicModeler modelerOrDefault() {
        return modeler != null ? modeler : TopicModeler.builder().vectorizer(refittableVectorizer()).ctfidf(ctfidf)
                .englishPreprocessing(english).topNWords(topics.isEmpty() ? 10 : topics.get(0).words().size()).build();
    }

    private CountVectorizer refittableVectorizer() {
        CountVectorizer v = vocabulary.vectorizer();
        return CountVectorizer.builder().lowercase(v.lowercase()).tokenPattern(v.tokenPattern())
                .ngramRange(v.ngramRange()[0], v.ngramRange()[1]).stopWords(v.stopWords()).build();
    }

    private void checkTrainingDocuments(List<String> documents) {
        Objects.requireNonNull(documents, "documents");
        if (documents.size() != documentTopics.length) {
            throw new IllegalArgumentException("give the " + documentTopics.length + " training documents in the order they "
                    + "were fitted; got " + documents.size());
        }
    }

    /** Agglomerative clustering of topic embeddings (cosine distance, average linkage) into {@code target} groups. */
    private static int[] averageLinkage(DenseMatrix emb, int firstRow, int k, int target) {
        int d = emb.cols();
        double[][] dist = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int j = 0; j < d; j++) {
                    double x = emb.get(firstRow + a, j);
                    double y = emb.get(firstRow + b, j);
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                }
                dist[a][b] = dist[b][a] = 1 - dot / Math.sqrt(na * nb);
            }
        }
        List<List<Integer>> clusters = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            clusters.add(new ArrayList<>(List.of(t)));
        }
        while (clusters.size() > target) {
            int bestA = 0;
            int bestB = 1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double s = 0;
                    for (int x : clusters.get(a)) {
                        for (int y : clusters.get(b)) {
                            s += dist[x][y];
                        }
                    }
                    s /= (double) clusters.get(a).size() * clusters.get(b).size();
                    if (s < best) {
                        best = s;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            clusters.get(bestA).addAll(clusters.remove(bestB));
        }
        int[] group = new int[k];
        for (int g = 0; g < clusters.size(); g++) {
            for (int t : clusters.get(g)) {
                group[t] = g;
            }
        }
        return group;
    }

    /** How {@link #reduceOutliers} picks a topic for an outlier document. */
    public enum OutlierStrategy {
        /** The topic with the highest soft-clustering probability (needs calculateProbabilities). */
        PROBABILITIES,
        /** The topic whose c-TF-IDF is most similar to the document's. */
        C_TF_IDF,
        /** The topic whose embedding is most similar (cosine) to the document's (needs embeddings). */
        EMBEDDINGS
    }

    /**
     * New topics for the outlier documents (BERTopic's {@code reduce_outliers}): each -1 document
     * goes to its best topic if the score reaches {@code threshold}; other documents keep theirs.
     *
     * @param documents the training documents, in order
     * @param embeddings their embeddings (only for {@link OutlierStrategy#EMBEDDINGS}), else null
     * @param strategy how to choose
     * @param threshold minimum score to reassign, &ge; 0
     * @return the new topic of every document
     */
    public int[] reduceOutliers(List<String> documents, Matrix embeddings, OutlierStrategy strategy, double threshold) {
        checkTrainingDocuments(documents);
        int[] out = documentTopics.clone();
        List<Integer> outliers = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                outliers.add(i);
            }
        }
        if (outliers.isEmpty()) {
            return out;
        }
        switch (strategy) {
            case PROBABILITIES -> {
                DenseMatrix p = probabilities().orElseThrow(() -> new TopicJException(
                        "the probabilities strategy needs a model fitted with calculateProbabilities(true)"));
                for (int i : outliers) {
                    pick(out, i, p.row(i), threshold);
                }
            }
            case C_TF_IDF -> {
                ClassTfidf.WeightedRows w = weighDocuments(outliers.stream().map(documents::get).toList());
                for (int o = 0; o < outliers.size(); o++) {
                    float[] scores = new float[topicCount()];
                    for (int r = 0; r < topicIds.length; r++) {
                        if (topicIds[r] >= 0) {
                            scores[topicIds[r]] = (float) w.cosine(o, weights, r);
                        }
                    }
                    pick(out, outliers.get(o), scores, threshold);
                }
            }
            case EMBEDDINGS -> {
                Objects.requireNonNull(embeddings, "the embeddings strategy needs the documents' embeddings");
                DenseMatrix te = topicEmbeddings().orElseThrow(() -> new TopicJException("this model has no topic embeddings"));
                DenseMatrix e = embeddings.toDense();
                for (int i : outliers) {
                    float[] scores = new float[topicCount()];
                    for (int r = 0; r < topicIds.length; r++) {
                        if (topicIds[r] >= 0) {
                            scores[topicIds[r]] = (float) VectorMath.cosine(e.row(i), te.row(r));
                        }
                    }
                    pick(out, i, scores, threshold);
                }
            }
            default -> throw new IllegalStateException(strategy.name());
        }
        return out;
    }

    private static void pick(int[] out, int i, float[] scores, double threshold) {
        int best = -1;
        double bestScore = -1;
        for (int t = 0; t < scores.length; t++) {
            if (scores[t] > bestScore) {
                bestScore = scores[t];
                best = t;
            }
        }
        if (best >= 0 && bestScore >= threshold && bestScore > 0) {
            out[i] = best;
        }
    }

    /**
     * A topic and its similarity to a search term.
     *
     * @param topic topic id
     * @param similarity cosine similarity, at most 1
     */
    public record TopicMatch(int topic, double similarity) {
    }

    /**
     * The topics most similar to a search term (BERTopic's {@code find_topics}): the term is embedded
     * with {@link Embedder#embedWords} and compared with the topic embeddings.
     *
     * @param query the search term
     * @param n how many topics
     * @return up to n topics, most similar first (the outlier topic excluded)
     */
    public List<TopicMatch> findTopics(String query, int n) {
        DenseMatrix te = topicEmbeddings().orElseThrow(() -> new TopicJException("this model has no topic embeddings"));
        float[] q;
        if (embedder != null) {
            q = embedder.embedWords(List.of(query)).toDense().row(0);
        } else if (embedderRef != null) {
            try (Embedder e = openRecordedEmbedder()) {
                q = e.embedWords(List.of(query)).toDense().row(0);
            }
        } else {
            throw new TopicJException("this model does not know its embedder; load it with TopicModel.load(dir, embedder)");
        }
        List<TopicMatch> matches = new ArrayList<>();
        for (int r = 0; r < topicIds.length; r++) {
            if (topicIds[r] >= 0) {
                matches.add(new TopicMatch(topicIds[r], VectorMath.cosine(q, te.row(r))));
            }
        }
        matches.sort(Comparator.comparingDouble((TopicMatch m) -> -m.similarity()).thenComparingInt(TopicMatch::topic));
        return List.copyOf(matches.subList(0, Math.min(n, matches.size())));
    }

    /**
     * Saves the model into a folder: {@code topicj-model.json}, {@code .npy} arrays, and
     * {@code umap/} and {@code hdbscan/} for a clustered model. API keys are never written; the
     * embedder is recorded by its registry key and its non-secret options ({@link #embedderOptions()}).
     *
     * @param dir the folder, created if needed
     */
    public void save(Path dir) {
        ModelFiles.mkdirs(dir);
        ObjectNode j = ModelFiles.object();
        j.put("format", FORMAT).put("version", 1);
        j.put("topicj", Optional.ofNullable(TopicModel.class.getPackage().getImplementationVersion()).orElse("development"));
        if (embedderRef != null) {
            j.put("embedder", embedderRef.key());
            if (!embedderRef.options().isEmpty()) {
                ObjectNode eo = j.putObject("embedderOptions");
                new TreeMap<>(embedderRef.options()).forEach(eo::put);
            }
        }
        j.put("manual", isManual()).put("englishPreprocessing", english);
        VectorizerJson.write(j, vocabulary.vectorizer());
        ArrayNode terms = j.putArray("vocabulary");
        vocabulary.terms().forEach(terms::add);
        j.putObject("ctfidf").put("bm25Weighting", ctfidf.bm25Weighting()).put("reduceFrequentWords", ctfidf.reduceFrequentWords());
        ArrayNode ids = j.putArray("topicIds");
        Arrays.stream(topicIds).forEach(ids::add);
        ArrayNode map = j.putArray("clusterToTopic");
        Arrays.stream(clusterToTopic).forEach(map::add);
        j.set("topics", ModelFiles.mapper().valueToTree(topics));
        Npy.writeFloats(dir.resolve("idf.npy"), toFloats(idf));
        Npy.writeInts(dir.resolve("ctfidf_indptr.npy"), weights.indptr());
        Npy.writeInts(dir.resolve("ctfidf_indices.npy"), weights.indices());
        Npy.writeFloats(dir.resolve("ctfidf_values.npy"), toFloats(weights.values()));
        Npy.writeInts(dir.resolve("document_topics.npy"), documentTopics);
        Npy.writeFloats(dir.resolve("document_probabilities.npy"), toFloats(documentProbabilities));
        if (topicEmbeddings != null) {
            Npy.write(dir.resolve("topic_embeddings.npy"), topicEmbeddings);
        }
        if (!isManual()) {
            umap.save(dir.resolve("umap"));
            hdbscan.save(dir.resolve("hdbscan"));
        }
        if (embedder instanceof org.topicj.embed.StatefulEmbedder stateful && stateful.isFitted()) {
            j.put("statefulEmbedder", stateful.spec());
            stateful.saveState(dir.resolve("embedder"));
        }
        ModelFiles.writeJson(dir.resolve(FILE), j);
    }

    /**
     * Loads a saved model; {@link #transform(List)} will open the saved embedder key through the
     * registry.
     *
     * @param dir the folder written by {@link #save}
     * @return the model
     * @throws TopicJException if the folder is missing, foreign or corrupt
     */
    public static TopicModel load(Path dir) {
        return load(dir, null);
    }

    /**
     * Loads a saved model, embedding new documents with the given embedder instead of the saved key.
     *
     * @param dir the folder written by {@link #save}
     * @param embedder the embedder to use (the caller owns it), or null for the saved key
     * @return the model
     */
    public static TopicModel load(Path dir, Embedder embedder) {
        Path file = dir.resolve(FILE);
        JsonNode j = ModelFiles.readJson(file, FORMAT, 1);
        try {
            List<String> terms = new ArrayList<>();
            ModelFiles.require(j, "vocabulary", file).forEach(t -> terms.add(t.asText()));
            CountVectorizer cv = VectorizerJson.read(ModelFiles.require(j, "vectorizer", file)).vocabulary(terms).build();
            Vocabulary vocabulary = cv.fit(List.of());
            ClassTfidf ctfidf = new ClassTfidf(j.path("ctfidf").path("bm25Weighting").asBoolean(false),
                    j.path("ctfidf").path("reduceFrequentWords").asBoolean(false));
            int[] topicIds = ints(ModelFiles.require(j, "topicIds", file));
            int[] clusterToTopic = ints(ModelFiles.require(j, "clusterToTopic", file));
            List<Topic> topics = new ArrayList<>();
            for (JsonNode t : ModelFiles.require(j, "topics", file)) {
                topics.add(ModelFiles.mapper().treeToValue(t, Topic.class));
            }
            double[] idf = toDoubles(Npy.readFloats(ModelFiles.requireFile(dir.resolve("idf.npy"))));
            int[] indptr = Npy.readInts(ModelFiles.requireFile(dir.resolve("ctfidf_indptr.npy")));
            int[] indices = Npy.readInts(ModelFiles.requireFile(dir.resolve("ctfidf_indices.npy")));
            double[] values = toDoubles(Npy.readFloats(ModelFiles.requireFile(dir.resolve("ctfidf_values.npy"))));
            if (idf.length != terms.size() || indptr.length != topicIds.length + 1) {
                throw new TopicJException("corrupt topic model in " + dir + ": arrays do not match the vocabulary and topics");
            }
            ClassTfidf.WeightedRows weights = new ClassTfidf.WeightedRows(topicIds.length, terms.size(), indptr, indices, values);
            int[] docTopics = Npy.readInts(ModelFiles.requireFile(dir.resolve("document_topics.npy")));
            double[] docProbs = toDoubles(Npy.readFloats(ModelFiles.requireFile(dir.resolve("document_probabilities.npy"))));
            DenseMatrix topicEmbeddings = java.nio.file.Files.exists(dir.resolve("topic_embeddings.npy"))
                    ? Npy.readMatrix(dir.resolve("topic_embeddings.npy")) : null;
            boolean manual = j.path("manual").asBoolean(false);
            UmapModel umap = manual ? null : UmapModel.load(dir.resolve("umap"));
            HdbscanModel hdbscan = manual ? null : HdbscanModel.load(dir.resolve("hdbscan"));
            TopicModel m = new TopicModel(readEmbedderRef(j),
                    j.path("englishPreprocessing").asBoolean(true), vocabulary, idf, ctfidf, topicIds, weights, topics,
                    docTopics, docProbs, null, topicEmbeddings, clusterToTopic, umap, hdbscan);
            if (embedder != null) {
                m.embedder = embedder;
            } else if (j.hasNonNull("statefulEmbedder")) {
                Path state = dir.resolve("embedder");
                if (!java.nio.file.Files.isDirectory(state)) {
                    throw new TopicJException("corrupt topic model in " + dir + ": the embedder state folder " + state + " is missing");
                }
                m.embedder = Embedders.registry().restore(j.get("statefulEmbedder").asText(), state);
            }
            return m;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new TopicJException("corrupt topic model in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static double[] toDoubles(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** @return topic counts by id, for summaries */
    public TreeMap<Integer, Integer> topicSizes() {
        TreeMap<Integer, Integer> out = new TreeMap<>();
        topics.forEach(t -> out.put(t.id(), t.count()));
        return out;
    }

    /** Opens the recorded embedder; in the fitting process with the modeler's options, credentials included. */
    private Embedder openRecordedEmbedder() {
        return embedderRef.open(modeler == null ? null : modeler.options);
    }

    private static EmbedderRef readEmbedderRef(com.fasterxml.jackson.databind.JsonNode j) {
        if (!j.hasNonNull("embedder")) {
            return null;
        }
        Map<String, String> options = new TreeMap<>();
        j.path("embedderOptions").fields().forEachRemaining(f -> {
            if (!f.getValue().isTextual()) {
                throw new IllegalArgumentException("embedder option '" + f.getKey() + "' is not a string");
            }
            options.put(f.getKey(), f.getValue().asText());
        });
        return new EmbedderRef(j.get("embedder").asText(), options);
    }
}
