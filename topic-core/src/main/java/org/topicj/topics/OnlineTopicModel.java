package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.TopicJException;
import org.topicj.io.CorruptModelException;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.pipeline.IncrementalClusterer;
import org.topicj.pipeline.IncrementalReducer;
import org.topicj.pipeline.KMeansClusterer;
import org.topicj.pipeline.PcaReducer;
import org.topicj.registry.Embedders;
import org.topicj.text.CountVectorizer;

/**
 * BERTopic's online topic modelling ({@code partial_fit}): for corpora that arrive in chunks or do
 * not fit in memory. The same topic model as the batch one with incremental stages: an
 * {@link IncrementalReducer} (default: incremental PCA, 5 components) and an
 * {@link IncrementalClusterer} (default: mini-batch k-means, 50 clusters), plus a bag of words per
 * topic that grows with the vocabulary and may forget old chunks ({@code decay}, BERTopic's
 * {@code OnlineCountVectorizer(decay=...)}). Topic words are the c-TF-IDF of those bags. Every
 * document is assigned (no outliers; k-means gives no probability, so it is 1.0), and topic ids
 * are the cluster numbers, stable from chunk to chunk.
 *
 * <p>This class is the learner; {@link #model()} is the fitted {@link TopicModel} at this point,
 * which answers like any other and saves in the same format ({@link #save} adds the learner's
 * state, so {@link #load} can learn further, and {@link TopicModel#load} answers from the same folder).
 *
 * <pre>{@code
 * OnlineTopicModel m = OnlineTopicModel.builder().clusters(50).build();
 * for (Chunk c : chunks) m.partialFit(c.texts(), c.embeddings());
 * m.topics().forEach(t -> System.out.println(t.name()));
 * }</pre>
 *
 * <p>Determinism: seeded; the same chunks in the same order give the same model. Thread-safety:
 * {@link #partialFit} must not run concurrently with anything; once fitting is over,
 * {@link #transform} and {@link #topics} may run from several threads.
 */
public final class OnlineTopicModel {
    /** The file of online models saved before the unified format. */
    static final String LEGACY_FILE = "topicj-online-model.json";
    private static final String STATE_DIR = "online";
    private static final String STATE_FORMAT = "topicj-online-state";
    private static final Logger LOG = LoggerFactory.getLogger(OnlineTopicModel.class);

    private final Builder options;
    private final TopicSettings settings;
    private final IncrementalReducer reducer;
    private final IncrementalClusterer clusterer;
    private final Map<String, Integer> termIndex = new LinkedHashMap<>();
    private final List<Map<Integer, Double>> bags = new ArrayList<>();
    private final long[] sizes;
    private long documents;
    private int dimension;

    private OnlineTopicModel(Builder b, IncrementalReducer reducer, IncrementalClusterer clusterer) {
        this.options = b.copy();
        this.settings = new TopicSettings(b.vectorizer, b.ctfidf, b.englishPreprocessing, b.topNWords, 0, null, b.seed);
        this.reducer = reducer;
        this.clusterer = clusterer;
        this.sizes = new long[clusterer.clusters()];
        for (int c = 0; c < sizes.length; c++) {
            bags.add(new HashMap<>());
        }
    }

    /** @return a builder with BERTopic's online defaults (5 components, 50 clusters, no decay, seed 42) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Learns from one chunk: updates the reduction, the clusters and the topics' bags of words.
     *
     * @param texts the chunk's documents
     * @param embeddings one row per document; the first chunk needs at least as many rows as clusters
     * @return each document's topic, as the updated clusters place it
     */
    public int[] partialFit(List<String> texts, Matrix embeddings) {
        check(texts, embeddings);
        if (texts.isEmpty()) {
            return new int[0];
        }
        if (documents == 0 && texts.size() < clusterer.clusters()) {
            throw new IllegalArgumentException("the first chunk has " + texts.size() + " documents; an online model with "
                    + clusterer.clusters() + " clusters needs at least that many to place them (use bigger chunks or fewer clusters)");
        }
        dimension = embeddings.cols();
        UnaryOperator<double[]> moved = reducer.partialFit(embeddings);
        if (documents > 0) {
            // The axes turned; carry what the clusters learnt into the new coordinates (BERTopic lets them drift).
            clusterer.moveCenters(moved);
        }
        int[] labels = clusterer.partialFit(reducer.transform(embeddings));
        if (options.decay > 0) {
            for (Map<Integer, Double> bag : bags) {
                bag.replaceAll((term, count) -> count * (1 - options.decay));
            }
        }
        for (int i = 0; i < labels.length; i++) {
            Map<Integer, Double> bag = bags.get(labels[i]);
            for (String token : options.vectorizer.analyze(Preprocessing.clean(texts.get(i), options.englishPreprocessing))) {
                int term = termIndex.computeIfAbsent(token, t -> termIndex.size());
                bag.merge(term, 1.0, Double::sum);
            }
            sizes[labels[i]]++;
        }
        documents += texts.size();
        return labels;
    }

    /**
     * Assigns documents to the current topics.
     *
     * @param texts the documents
     * @param embeddings one row per document
     * @return one assignment per document (probability 1.0: k-means gives none)
     */
    public List<Assignment> transform(List<String> texts, Matrix embeddings) {
        check(texts, embeddings);
        requireFitted();
        List<Assignment> out = new ArrayList<>(texts.size());
        if (texts.isEmpty()) {
            return out;
        }
        var p = clusterer.predict(reducer.transform(embeddings));
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Assignment(p.labels()[i], p.probabilities()[i]));
        }
        return out;
    }

    /**
     * The topics that have documents, by id, each described by the c-TF-IDF of its bag of words.
     *
     * @return the topics; representative documents are not kept online, so those lists are empty
     */
    public List<Topic> topics() {
        requireFitted();
        return snapshot().topics();
    }

    /**
     * The fitted model as of now: answers and saves like a batch model (no training documents are
     * kept, so per-document queries and reductions are not available). Later {@code partialFit} calls
     * do not change it.
     *
     * @return the model
     */
    public TopicModel model() {
        requireFitted();
        TopicModelData data = snapshot();
        return new TopicModel(data, data.embedderRef() == null
                ? EmbedderHandle.none("this online model records no embedder; pass embeddings to transform")
                : EmbedderHandle.lazy(() -> Embedders.open(data.embedderRef().key(), data.embedderRef().options())));
    }

    private TopicModelData snapshot() {
        int[] ids = java.util.stream.IntStream.range(0, sizes.length).filter(c -> sizes[c] > 0).toArray();
        List<String> terms = new ArrayList<>(termIndex.keySet());
        TopicWords words = TopicWords.fromCounts(options.vectorizer.vocabulary(terms), bagsAsMatrix(ids), ids, options.ctfidf,
                options.englishPreprocessing);
        List<Topic> topics = new ArrayList<>(ids.length);
        for (int r = 0; r < ids.length; r++) {
            List<Topic.Word> w = words.topWords(r, options.topNWords);
            topics.add(new Topic(ids[r], (int) Math.min(Integer.MAX_VALUE, sizes[ids[r]]), TopicRepresenter.name(ids[r], w), w, List.of()));
        }
        int[] clusterToTopic = new int[sizes.length];
        for (int c = 0; c < clusterToTopic.length; c++) {
            clusterToTopic[c] = sizes[c] > 0 ? c : -1;
        }
        return new TopicModelData(settings, words, topics, new int[0], new double[0], null, null,
                new TopicRoute.Stages(reducer.copy(), clusterer.copy(), clusterToTopic), recordedEmbedder(), null,
                Provenance.now(documents, dimension, options.seed));
    }

    /** The recorded embedder, its options stripped of credentials by the backend's own declaration. */
    private EmbedderRef recordedEmbedder() {
        if (options.embedderKey == null) {
            return null;
        }
        try {
            return EmbedderRef.of(options.embedderKey, Embedders.registry().savableOptions(options.embedderKey, options.embedderOptions));
        } catch (TopicJException e) {
            LOG.warn("the online model records embedder key '{}' without its options, because {}", options.embedderKey, e.getMessage());
            return EmbedderRef.of(options.embedderKey, Map.of());
        }
    }

    /** @return documents learnt from so far */
    public long documentsSeen() {
        return documents;
    }

    /** @return the embedder key recorded for reopening, if one was given */
    public Optional<String> embedderKey() {
        return Optional.ofNullable(options.embedderKey);
    }

    /** @return the recorded embedder options that a saved model keeps (never credentials) */
    public Map<String, String> embedderOptions() {
        EmbedderRef ref = recordedEmbedder();
        return ref == null ? Map.of() : ref.options();
    }

    private SparseMatrix bagsAsMatrix(int[] ids) {
        int[] indptr = new int[ids.length + 1];
        List<int[]> rowsIdx = new ArrayList<>();
        List<float[]> rowsVal = new ArrayList<>();
        for (int r = 0; r < ids.length; r++) {
            Map<Integer, Double> bag = bags.get(ids[r]);
            int[] idx = bag.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            float[] val = new float[idx.length];
            for (int k = 0; k < idx.length; k++) {
                val[k] = bag.get(idx[k]).floatValue();
            }
            rowsIdx.add(idx);
            rowsVal.add(val);
            indptr[r + 1] = indptr[r] + idx.length;
        }
        int[] indices = new int[indptr[ids.length]];
        float[] data = new float[indices.length];
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(rowsIdx.get(r), 0, indices, indptr[r], rowsIdx.get(r).length);
            System.arraycopy(rowsVal.get(r), 0, data, indptr[r], rowsVal.get(r).length);
        }
        return SparseMatrix.wrap(ids.length, Math.max(1, termIndex.size()), indptr, indices, data);
    }

    private static void check(List<String> texts, Matrix embeddings) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(embeddings, "embeddings");
        if (texts.size() != embeddings.rows()) {
            throw new IllegalArgumentException(texts.size() + " documents but " + embeddings.rows() + " embedding rows");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("document " + i + " is null; use an empty string for an empty document");
            }
        }
        if (!embeddings.isFinite()) {
            throw new IllegalArgumentException("the embeddings contain NaN or infinite values");
        }
    }

    private void requireFitted() {
        if (documents == 0) {
            throw new IllegalStateException("the online model has learnt nothing yet; call partialFit first");
        }
    }

    /**
     * Saves the model in the topic-model format (staged and swapped in whole), with the learner's
     * state (vocabulary, bags of words, settings) so it can be loaded and fitted further.
     *
     * @param dir the folder, replaced if it holds a model
     */
    public void save(Path dir) {
        requireFitted();
        ModelFormat.save(model(), dir, (staging, json) -> {
            ObjectNode j = ModelFiles.object();
            j.put("format", STATE_FORMAT).put("version", 1);
            j.put("decay", options.decay).put("documents", documents);
            ArrayNode terms = j.putArray("vocabulary");
            termIndex.keySet().forEach(terms::add);
            j.set("sizes", ModelFiles.mapper().valueToTree(sizes));
            ArrayNode bagsJson = j.putArray("bags");
            for (Map<Integer, Double> bag : bags) {
                ObjectNode b = bagsJson.addObject();
                int[] idx = bag.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
                b.set("terms", ModelFiles.mapper().valueToTree(idx));
                b.set("counts", ModelFiles.mapper().valueToTree(Arrays.stream(idx).mapToDouble(bag::get).toArray()));
            }
            ModelFiles.writeJson(ModelFiles.mkdirs(staging.resolve(STATE_DIR)).resolve("online.json"), j);
        });
    }

    /**
     * Loads a model saved by {@link #save} (or by an older TopicJ's online model).
     *
     * @param dir the folder
     * @return the model, ready to transform or to fit further
     */
    public static OnlineTopicModel load(Path dir) {
        if (java.nio.file.Files.isRegularFile(dir.resolve(LEGACY_FILE)) && !java.nio.file.Files.exists(dir.resolve(ModelFormat.FILE))) {
            return LegacyOnlineFormat.read(dir);
        }
        TopicModel saved = TopicModel.load(dir, LoadOptions.builder().verifyChecksums(true).build());
        TopicModelData d = saved.data();
        Path file = dir.resolve(STATE_DIR).resolve("online.json");
        JsonNode j = ModelFiles.readJson(file, STATE_FORMAT, 1);
        if (!(d.route() instanceof TopicRoute.Stages s && s.reducer() instanceof IncrementalReducer r
                && s.clusterer() instanceof IncrementalClusterer c)) {
            throw new CorruptModelException(dir.resolve(ModelFormat.FILE), "route", "an online model needs incremental stages");
        }
        TopicSettings ts = d.settings();
        Builder b = builder().decay(j.path("decay").asDouble()).seed(ts.seed() == null ? 42 : ts.seed()).topNWords(ts.topNWords())
                .englishPreprocessing(ts.englishPreprocessing()).ctfidf(ts.ctfidf()).vectorizer(ts.vectorizer());
        if (d.embedderRef() != null) {
            b.embedderKey(d.embedderRef().key(), d.embedderRef().options());
        }
        OnlineTopicModel m = new OnlineTopicModel(b.stages(r, c), r.copy(), c.copy());
        m.restoreState(j, file);
        return m;
    }

    void restoreState(JsonNode j, Path file) {
        ModelChecks.strings(ModelFiles.requireArray(j, "vocabulary", file), "vocabulary", file)
                .forEach(t -> termIndex.put(t, termIndex.size()));
        long[] saved;
        try {
            saved = ModelFiles.mapper().treeToValue(ModelFiles.requireArray(j, "sizes", file), long[].class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CorruptModelException(file, "sizes", e.getMessage(), e);
        }
        JsonNode bagsJson = ModelFiles.requireArray(j, "bags", file);
        if (saved.length != sizes.length || bagsJson.size() != sizes.length) {
            throw new CorruptModelException(file, "sizes", saved.length + " sizes and " + bagsJson.size() + " bags for "
                    + sizes.length + " clusters");
        }
        System.arraycopy(saved, 0, sizes, 0, sizes.length);
        for (int c = 0; c < sizes.length; c++) {
            int[] terms = ModelChecks.ints(bagsJson.get(c).path("terms"), "bags.terms", file);
            JsonNode counts = bagsJson.get(c).path("counts");
            if (counts.size() != terms.length) {
                throw new CorruptModelException(file, "bags.counts", "bag " + c + " has " + terms.length + " terms and " + counts.size() + " counts");
            }
            for (int k = 0; k < terms.length; k++) {
                if (terms[k] < 0 || terms[k] >= termIndex.size()) {
                    throw new CorruptModelException(file, "bags.terms", "bag " + c + " names term " + terms[k]
                            + "; the vocabulary has " + termIndex.size());
                }
                bags.get(c).put(terms[k], counts.get(k).asDouble());
            }
        }
        documents = j.path("documents").asLong();
    }

    void restoreLegacy(long seenDocuments, Map<String, Integer> terms, long[] savedSizes, List<Map<Integer, Double>> savedBags) {
        termIndex.putAll(terms);
        System.arraycopy(savedSizes, 0, sizes, 0, sizes.length);
        for (int c = 0; c < sizes.length; c++) {
            bags.get(c).putAll(savedBags.get(c));
        }
        documents = seenDocuments;
    }

    static OnlineTopicModel restored(Builder b, IncrementalReducer r, IncrementalClusterer c) {
        return new OnlineTopicModel(b, r, c);
    }

    /** Options for {@link OnlineTopicModel}; BERTopic's online defaults. Not thread-safe; build once. */
    public static final class Builder {
        int components = 5;
        int clusters = 50;
        double decay;
        long seed = 42;
        int topNWords = 10;
        boolean englishPreprocessing = true;
        CountVectorizer vectorizer = CountVectorizer.builder().build();
        ClassTfidf ctfidf = ClassTfidf.DEFAULT;
        String embedderKey;
        Map<String, String> embedderOptions = Map.of();
        IncrementalReducer reducer;
        IncrementalClusterer clusterer;

        private Builder() {
        }

        Builder copy() {
            Builder b = new Builder();
            b.components = components;
            b.clusters = clusters;
            b.decay = decay;
            b.seed = seed;
            b.topNWords = topNWords;
            b.englishPreprocessing = englishPreprocessing;
            b.vectorizer = vectorizer;
            b.ctfidf = ctfidf;
            b.embedderKey = embedderKey;
            b.embedderOptions = embedderOptions;
            b.reducer = reducer;
            b.clusterer = clusterer;
            return b;
        }

        /** @param n principal components of the default reduction, &gt; 0; default 5; @return this */
        public Builder components(int n) {
            this.components = positive(n, "components");
            return this;
        }

        /** @param k topics (clusters of the default k-means), &gt; 0; default 50; @return this */
        public Builder clusters(int k) {
            this.clusters = positive(k, "clusters");
            return this;
        }

        /**
         * @param r an empty incremental reduction instead of the default PCA
         * @param c an empty incremental clustering instead of the default k-means
         * @return this
         */
        public Builder stages(IncrementalReducer r, IncrementalClusterer c) {
            this.reducer = Objects.requireNonNull(r, "reducer");
            this.clusterer = Objects.requireNonNull(c, "clusterer");
            return this;
        }

        /** @param decay share of the bags of words forgotten at each chunk, in [0, 1); default 0; @return this */
        public Builder decay(double decay) {
            if (!(decay >= 0 && decay < 1)) {
                throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
            }
            this.decay = decay;
            return this;
        }

        /** @param seed seeds the default k-means++; default 42; @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param n words per topic; default 10; @return this */
        public Builder topNWords(int n) {
            this.topNWords = positive(n, "topNWords");
            return this;
        }

        /** @param english BERTopic's English cleaning before counting words; default true; @return this */
        public Builder englishPreprocessing(boolean english) {
            this.englishPreprocessing = english;
            return this;
        }

        /** @param v how documents become words (its min/max document frequencies do not apply online); @return this */
        public Builder vectorizer(CountVectorizer v) {
            this.vectorizer = Objects.requireNonNull(v, "vectorizer");
            return this;
        }

        /** @param c the c-TF-IDF weighting; @return this */
        public Builder ctfidf(ClassTfidf c) {
            this.ctfidf = Objects.requireNonNull(c, "ctfidf");
            return this;
        }

        /**
         * Records the embedder the embeddings come from, saved with the model so that it can be
         * reopened; options its backend declares secret (an {@code api_key}) are never saved.
         *
         * @param key the embedder key
         * @param options its options
         * @return this
         */
        public Builder embedderKey(String key, Map<String, String> options) {
            this.embedderKey = key;
            this.embedderOptions = Map.copyOf(options);
            return this;
        }

        /** @return a new, empty model */
        public OnlineTopicModel build() {
            IncrementalReducer r = reducer != null ? reducer.copy() : new PcaReducer(components).incremental();
            IncrementalClusterer c = clusterer != null ? clusterer.copy() : new KMeansClusterer(clusters, seed).incremental();
            return new OnlineTopicModel(this, r, c);
        }

        private static int positive(int n, String name) {
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + n);
            }
            return n;
        }
    }
}
