package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.online.IncrementalPca;
import org.topicj.online.MiniBatchKMeans;
import org.topicj.text.CountVectorizer;

/**
 * BERTopic's online topic modelling ({@code partial_fit}): for corpora that arrive in chunks or do not
 * fit in memory. UMAP and HDBSCAN need all points at once, so this model swaps them, as BERTopic's
 * online mode does, for {@link IncrementalPca} (5 components) and {@link MiniBatchKMeans} (50
 * clusters), and keeps a bag of words per topic that grows with the vocabulary and may forget old
 * chunks ({@code decay}, BERTopic's {@code OnlineCountVectorizer(decay=...)}). Topic words are the
 * class-based TF-IDF of those bags. Every document is assigned (no outliers; k-means gives no
 * probability, so it is 1.0), and topic ids are the cluster numbers, stable from chunk to chunk.
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
    static final String FILE = "topicj-online-model.json";
    private static final String FORMAT = "topicj-online-topic-model";

    private final Builder options;
    private final IncrementalPca pca;
    private final MiniBatchKMeans kmeans;
    private final Map<String, Integer> termIndex = new LinkedHashMap<>();
    private final List<Map<Integer, Double>> bags = new ArrayList<>();
    private final long[] sizes;
    private long documents;

    private OnlineTopicModel(Builder b, IncrementalPca pca, MiniBatchKMeans kmeans) {
        this.options = b.copy();
        this.pca = pca;
        this.kmeans = kmeans;
        this.sizes = new long[b.clusters];
        for (int c = 0; c < b.clusters; c++) {
            bags.add(new HashMap<>());
        }
    }

    /** @return a builder with BERTopic's online defaults (5 components, 50 clusters, no decay, seed 42) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Learns from one chunk: updates the components, the clusters and the topics' bags of words.
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
        if (documents == 0 && texts.size() < options.clusters) {
            throw new IllegalArgumentException("the first chunk has " + texts.size() + " documents; an online model with "
                    + options.clusters + " clusters needs at least that many to place them (use bigger chunks or fewer clusters)");
        }
        IncrementalPca before = documents == 0 ? null : IncrementalPca.restore(pca.state(), pca.samplesSeen());
        pca.partialFit(embeddings);
        if (before != null) {
            // The components turned; carry each centre over as the point it stands for, so the clusters
            // learnt so far stay where they were in embedding space (BERTopic's online mode lets them drift).
            kmeans.moveCenters(c -> pca.project(before.inverseTransform(c)));
        }
        int[] labels = kmeans.partialFit(pca.transform(embeddings));
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
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Assignment> out = new ArrayList<>(texts.size());
        for (int label : kmeans.predict(pca.transform(embeddings))) {
            out.add(new Assignment(label, 1.0));
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
        List<Integer> ids = new ArrayList<>();
        for (int c = 0; c < sizes.length; c++) {
            if (sizes[c] > 0) {
                ids.add(c);
            }
        }
        SparseMatrix counts = bagsAsMatrix(ids);
        ClassTfidf.WeightedRows weights = options.ctfidf.weigh(counts, options.ctfidf.idf(counts));
        List<String> terms = new ArrayList<>(termIndex.keySet());
        List<Topic> topics = new ArrayList<>();
        for (int r = 0; r < ids.size(); r++) {
            List<Topic.Word> words = TopicModel.topWords(weights, terms, r, options.topNWords);
            String name = ids.get(r) + "_" + String.join("_", words.stream().limit(4).map(Topic.Word::word).toList());
            topics.add(new Topic(ids.get(r), (int) Math.min(Integer.MAX_VALUE, sizes[ids.get(r)]), name, words, List.of()));
        }
        return topics;
    }

    /** @return documents learnt from so far */
    public long documentsSeen() {
        return documents;
    }

    /** @return the embedder key recorded for reopening, if one was given */
    public Optional<String> embedderKey() {
        return Optional.ofNullable(options.embedderKey);
    }

    /** @return the recorded embedder options (never credentials) */
    public Map<String, String> embedderOptions() {
        return options.embedderOptions;
    }

    private SparseMatrix bagsAsMatrix(List<Integer> ids) {
        int[] indptr = new int[ids.size() + 1];
        List<int[]> rowsIdx = new ArrayList<>();
        List<float[]> rowsVal = new ArrayList<>();
        for (int r = 0; r < ids.size(); r++) {
            Map<Integer, Double> bag = bags.get(ids.get(r));
            int[] idx = bag.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            float[] val = new float[idx.length];
            for (int k = 0; k < idx.length; k++) {
                val[k] = bag.get(idx[k]).floatValue();
            }
            rowsIdx.add(idx);
            rowsVal.add(val);
            indptr[r + 1] = indptr[r] + idx.length;
        }
        int[] indices = new int[indptr[ids.size()]];
        float[] data = new float[indices.length];
        for (int r = 0; r < ids.size(); r++) {
            System.arraycopy(rowsIdx.get(r), 0, indices, indptr[r], rowsIdx.get(r).length);
            System.arraycopy(rowsVal.get(r), 0, data, indptr[r], rowsVal.get(r).length);
        }
        return SparseMatrix.wrap(ids.size(), Math.max(1, termIndex.size()), indptr, indices, data);
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
     * Saves the model as JSON (settings, the learnt components and centres as exact doubles, the
     * vocabulary and the bags of words), so it can be loaded and fitted further.
     *
     * @param dir the folder, created if needed
     */
    public void save(Path dir) {
        requireFitted();
        ModelFiles.mkdirs(dir);
        ObjectNode j = ModelFiles.object();
        j.put("format", FORMAT).put("version", 1);
        if (options.embedderKey != null) {
            j.put("embedder", options.embedderKey);
            ObjectNode eo = j.putObject("embedderOptions");
            new java.util.TreeMap<>(options.embedderOptions).forEach(eo::put);
        }
        j.put("components", options.components).put("clusters", options.clusters).put("decay", options.decay)
                .put("seed", options.seed).put("topNWords", options.topNWords)
                .put("englishPreprocessing", options.englishPreprocessing).put("documents", documents);
        j.putObject("ctfidf").put("bm25Weighting", options.ctfidf.bm25Weighting())
                .put("reduceFrequentWords", options.ctfidf.reduceFrequentWords());
        VectorizerJson.write(j, options.vectorizer);
        j.put("pcaSeen", pca.samplesSeen());
        j.set("pca", ModelFiles.mapper().valueToTree(pca.state()));
        j.set("kmeans", ModelFiles.mapper().valueToTree(kmeans.state()));
        ArrayNode terms = j.putArray("vocabulary");
        termIndex.keySet().forEach(terms::add);
        j.set("sizes", ModelFiles.mapper().valueToTree(sizes));
        ArrayNode bagsJson = j.putArray("bags");
        for (Map<Integer, Double> bag : bags) {
            ObjectNode b = bagsJson.addObject();
            int[] idx = bag.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            b.set("terms", ModelFiles.mapper().valueToTree(idx));
            b.set("counts", ModelFiles.mapper().valueToTree(java.util.Arrays.stream(idx).mapToDouble(bag::get).toArray()));
        }
        ModelFiles.writeJson(dir.resolve(FILE), j);
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @param dir the folder
     * @return the model, ready to transform or to fit further
     */
    public static OnlineTopicModel load(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode j = ModelFiles.readJson(file, FORMAT, 1);
        try {
            Builder b = builder().components(j.path("components").asInt()).clusters(j.path("clusters").asInt())
                    .decay(j.path("decay").asDouble()).seed(j.path("seed").asLong()).topNWords(j.path("topNWords").asInt())
                    .englishPreprocessing(j.path("englishPreprocessing").asBoolean(true))
                    .ctfidf(new ClassTfidf(j.path("ctfidf").path("bm25Weighting").asBoolean(false),
                            j.path("ctfidf").path("reduceFrequentWords").asBoolean(false)))
                    .vectorizer(VectorizerJson.read(ModelFiles.require(j, "vectorizer", file)).build());
            if (j.hasNonNull("embedder")) {
                Map<String, String> eo = new HashMap<>();
                j.path("embedderOptions").fields().forEachRemaining(e -> eo.put(e.getKey(), e.getValue().asText()));
                b.embedderKey(j.get("embedder").asText(), eo);
            }
            OnlineTopicModel m = new OnlineTopicModel(b,
                    IncrementalPca.restore(ModelFiles.mapper().treeToValue(ModelFiles.require(j, "pca", file), double[][].class),
                            j.path("pcaSeen").asLong()),
                    MiniBatchKMeans.restore(ModelFiles.mapper().treeToValue(ModelFiles.require(j, "kmeans", file), double[][].class),
                            b.seed));
            ModelFiles.require(j, "vocabulary", file).forEach(t -> m.termIndex.put(t.asText(), m.termIndex.size()));
            long[] sizes = ModelFiles.mapper().treeToValue(ModelFiles.require(j, "sizes", file), long[].class);
            System.arraycopy(sizes, 0, m.sizes, 0, m.sizes.length);
            JsonNode bags = ModelFiles.require(j, "bags", file);
            for (int c = 0; c < m.bags.size(); c++) {
                JsonNode terms = bags.get(c).get("terms");
                JsonNode counts = bags.get(c).get("counts");
                for (int k = 0; k < terms.size(); k++) {
                    m.bags.get(c).put(terms.get(k).asInt(), counts.get(k).asDouble());
                }
            }
            m.documents = j.path("documents").asLong();
            return m;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new org.topicj.TopicJException("corrupt online topic model in " + dir + ": " + e.getMessage(), e);
        }
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
            return b;
        }

        /** @param n principal components, &gt; 0; default 5; @return this */
        public Builder components(int n) {
            this.components = positive(n, "components");
            return this;
        }

        /** @param k topics (k-means clusters), &gt; 0; default 50; @return this */
        public Builder clusters(int k) {
            this.clusters = positive(k, "clusters");
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

        /** @param seed seeds k-means++; default 42; @return this */
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
         * Records the embedder the embeddings come from, saved with the model so that it can be reopened.
         *
         * @param key the embedder key
         * @param options its options, credentials excluded
         * @return this
         */
        public Builder embedderKey(String key, Map<String, String> options) {
            this.embedderKey = key;
            this.embedderOptions = Map.copyOf(options);
            return this;
        }

        /** @return a new, empty model */
        public OnlineTopicModel build() {
            return new OnlineTopicModel(this, new IncrementalPca(components), new MiniBatchKMeans(clusters, seed));
        }

        private static int positive(int n, String name) {
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + n);
            }
            return n;
        }
    }
}
