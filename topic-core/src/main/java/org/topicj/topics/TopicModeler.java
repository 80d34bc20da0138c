package org.topicj.topics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.TopicJException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.embed.ImageEmbedder;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.hdbscan.HdbscanModel;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.progress.ProgressListener;
import org.topicj.text.CountVectorizer;
import org.topicj.umap.Umap;
import org.topicj.umap.UmapMetric;
import org.topicj.umap.UmapModel;

/**
 * Fits topic models the way BERTopic does: embed, reduce with UMAP (5 components, 15 neighbours,
 * min_dist 0, cosine), cluster with HDBSCAN (min cluster size = min topic size, EOM), number the
 * topics by size (0 the largest, -1 the outliers), and describe each topic by class-based TF-IDF
 * over its documents. Every stage can be replaced through the builder.
 *
 * <pre>{@code
 * TopicModel model = TopicModeler.builder().embedderKey("all-MiniLM-L6-v2").seed(42).build().fit(docs);
 * model.topics().forEach(t -> System.out.println(t.name()));
 * }</pre>
 *
 * <p>Determinism: with a seed the same documents give the same topics (see {@link Umap}).
 *
 * <p>Thread-safety: immutable; {@code fit} may run concurrently.
 */
public final class TopicModeler {
    private static final Logger LOG = LoggerFactory.getLogger(TopicModeler.class);

    final Builder options;

    private TopicModeler(Builder b) {
        this.options = b.copy();
    }

    /** @return a builder with BERTopic's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Embeds the documents with the configured embedder and fits.
     *
     * @param documents the documents
     * @return the fitted model
     */
    public TopicModel fit(List<String> documents) {
        checkDocuments(documents);
        ProgressListener progress = options.progress;
        if (options.embedder != null) {
            return fit(documents, options.embedder.embedDocuments(documents, progress));
        }
        String key = options.embedderKey != null ? options.embedderKey : Embedders.defaultKey();
        Embedder e = Embedders.open(key, options.embedderOptions);
        boolean keep = false;
        try {
            Matrix embeddings = e.embedDocuments(documents, progress);
            // A stateful embedder (a fitted TF-IDF, say) cannot be reopened from its key: the model keeps it.
            keep = e instanceof org.topicj.embed.StatefulEmbedder;
            TopicModel model = fitWithKey(documents, embeddings, EmbedderRef.of(e), e);
            return keep ? model.keepingEmbedder(e) : model;
        } finally {
            if (!keep) {
                e.close();
            }
        }
    }

    /**
     * Fits on documents made of images, captions, or both (BERTopic's multimodal topics): each document
     * is embedded as the element-wise mean of its caption's and its image's vectors, or as the one it
     * has; topic words come from the captions, and every topic also lists its representative images
     * ({@link Topic#representativeImages()}: the images closest to the topic's centroid). Needs an
     * {@link ImageEmbedder} (e.g. {@code clip:/path/to/export} from {@code org.topicj:backend-multimodal}).
     *
     * @param captions one caption per image, {@code null} or blank where a document has none; or
     *     {@code null} for images only
     * @param images one image file per document, {@code null} where a document is a caption only
     * @return the fitted model
     * @throws IllegalArgumentException if the embedder cannot embed images, the lists differ in length,
     *     or a document has neither a caption nor a readable image
     */
    public TopicModel fit(List<String> captions, List<Path> images) {
        Embedder e = options.embedder;
        boolean opened = e == null;
        if (opened) {
            e = Embedders.open(options.embedderKey != null ? options.embedderKey : Embedders.defaultKey(), options.embedderOptions);
        }
        try {
            if (!(e instanceof ImageEmbedder imageEmbedder)) {
                throw new IllegalArgumentException("fitting on images needs an image embedder, such as clip:/path/to/clip-export "
                        + "from org.topicj:backend-multimodal; '" + e.modelId() + "' embeds text only");
            }
            MultimodalDocuments docs = MultimodalDocuments.embed(imageEmbedder, captions, images, options.progress);
            TopicModel model = fitWithKey(docs.texts, docs.embeddings, opened ? EmbedderRef.of(e) : configuredRef(), e);
            return model.withRepresentativeImages(docs.images, docs.hasImage, docs.embeddings, options.representativeDocs);
        } finally {
            if (opened) {
                e.close();
            }
        }
    }

    /**
     * Fits on precomputed embeddings, dense or sparse (sparse ones are reduced with Hellinger).
     *
     * @param documents the documents
     * @param embeddings one row per document
     * @return the fitted model
     */
    public TopicModel fit(List<String> documents, Matrix embeddings) {
        return fitWithKey(documents, embeddings, configuredRef(), options.embedder);
    }

    /**
     * Manual topic modelling (BERTopic's "manual" mode): the topics are given, so UMAP and HDBSCAN
     * are skipped and only the representations are computed.
     *
     * @param documents the documents
     * @param labels a topic label per document, -1 for outliers
     * @return the model; its {@link TopicModel#transform} assigns by c-TF-IDF similarity
     */
    public TopicModel fit(List<String> documents, int[] labels) {
        checkDocuments(documents);
        Objects.requireNonNull(labels, "labels");
        if (labels.length != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("label " + labels[i] + " of document " + i + " is invalid; use -1 for outliers");
            }
        }
        double[] probabilities = new double[labels.length];
        Arrays.fill(probabilities, 1.0);
        return TopicModel.assemble(this, documents, null, labels, probabilities, null, null, null, configuredRef(),
                options.embedder);
    }

    /**
     * The embedder a model fitted without embedding here records: the object's own key and options,
     * else the configured key with its options minus the backend's secret ones.
     */
    private EmbedderRef configuredRef() {
        if (options.embedder != null) {
            return EmbedderRef.of(options.embedder);
        }
        if (options.embedderKey == null || options.embedderOptions.isEmpty()) {
            return EmbedderRef.of(options.embedderKey, Map.of());
        }
        try {
            return EmbedderRef.of(options.embedderKey, Embedders.registry().savableOptions(options.embedderKey, options.embedderOptions));
        } catch (TopicJException e) {
            // Without the backend nobody can say which options are credentials, so none are kept.
            LOG.warn("the model records embedder key '{}' without its options, because {}", options.embedderKey, e.getMessage());
            return EmbedderRef.of(options.embedderKey, Map.of());
        }
    }

    private TopicModel fitWithKey(List<String> documents, Matrix embeddings, EmbedderRef key, Embedder open) {
        checkDocuments(documents);
        Objects.requireNonNull(embeddings, "embeddings");
        if (embeddings.rows() != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + embeddings.rows()
                    + " embedding rows; give one row per document, in the same order");
        }
        if (!embeddings.isFinite()) {
            throw new IllegalArgumentException("the embeddings contain NaN or infinite values");
        }
        ProgressListener progress = options.progress;
        Umap umap = options.umap != null ? options.umap : defaultUmap(embeddings);
        UmapModel reduced = umap.fit(embeddings, progress);
        HdbscanModel clusters = (options.hdbscan != null ? options.hdbscan
                : Hdbscan.builder().minClusterSize(options.minTopicSize).build()).fit(reduced.embedding(), progress);
        int[] labels = clusters.labels();
        double[] probabilities = clusters.probabilities();
        DenseMatrix membership = options.calculateProbabilities ? clusters.allPointsMembershipVectors() : null;
        return TopicModel.assemble(this, documents, embeddings, labels, probabilities, membership, reduced, clusters, key, open);
    }

    private Umap defaultUmap(Matrix embeddings) {
        Umap.Builder b = Umap.builder().neighbours(15).components(5).minDist(0.0)
                .metric(embeddings instanceof SparseMatrix ? UmapMetric.HELLINGER : UmapMetric.COSINE);
        if (options.seed != null) {
            b.seed(options.seed);
        }
        return b.build();
    }

    private static void checkDocuments(List<String> documents) {
        Objects.requireNonNull(documents, "documents");
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no documents: a topic model needs at least a few");
        }
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) == null) {
                throw new IllegalArgumentException("document " + i + " is null; use an empty string for an empty document");
            }
        }
    }

    /** Options for {@link TopicModeler}; defaults as BERTopic. Not thread-safe; build once. */
    public static final class Builder {
        Embedder embedder;
        String embedderKey;
        Map<String, String> embedderOptions = Map.of();
        int minTopicSize = 10;
        int topNWords = 10;
        int representativeDocs = 3;
        Umap umap;
        Hdbscan hdbscan;
        CountVectorizer vectorizer = CountVectorizer.builder().build();
        ClassTfidf ctfidf = ClassTfidf.DEFAULT;
        boolean englishPreprocessing = true;
        boolean calculateProbabilities;
        Long seed;
        ProgressListener progress = ProgressListener.NONE;
        Representation representation;

        private Builder() {
        }

        Builder copy() {
            Builder b = new Builder();
            b.embedder = embedder;
            b.embedderKey = embedderKey;
            b.embedderOptions = embedderOptions;
            b.minTopicSize = minTopicSize;
            b.topNWords = topNWords;
            b.representativeDocs = representativeDocs;
            b.umap = umap;
            b.hdbscan = hdbscan;
            b.vectorizer = vectorizer;
            b.ctfidf = ctfidf;
            b.englishPreprocessing = englishPreprocessing;
            b.calculateProbabilities = calculateProbabilities;
            b.seed = seed;
            b.progress = progress;
            b.representation = representation;
            return b;
        }

        /** @param e an embedder the caller owns (not closed by TopicJ) @return this */
        public Builder embedder(Embedder e) {
            this.embedder = Objects.requireNonNull(e);
            return this;
        }

        /** @param key a registry key, opened and closed during {@code fit} (default: all-MiniLM-L6-v2) @return this */
        public Builder embedderKey(String key) {
            return embedderKey(key, Map.of());
        }

        /**
         * @param key a registry key, opened and closed during {@code fit}
         * @param embedderOptions backend options, e.g. {@code batch_size} or {@code dimensions}; saved
         *        with the model (credentials such as {@code api_key} excepted) so that loading reopens
         *        the same model
         * @return this
         */
        public Builder embedderKey(String key, Map<String, String> embedderOptions) {
            this.embedderKey = Objects.requireNonNull(key);
            this.embedderOptions = Map.copyOf(embedderOptions);
            return this;
        }

        /** @param size smallest topic, &ge; 2 (default 10) @return this */
        public Builder minTopicSize(int size) {
            if (size < 2) {
                throw new IllegalArgumentException("min topic size must be at least 2, got " + size);
            }
            this.minTopicSize = size;
            return this;
        }

        /** @param n words per topic, &ge; 1 (default 10) @return this */
        public Builder topNWords(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("top n words must be at least 1, got " + n);
            }
            this.topNWords = n;
            return this;
        }

        /** @param n representative documents per topic, &ge; 0 (default 3) @return this */
        public Builder representativeDocs(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("representative docs must be >= 0, got " + n);
            }
            this.representativeDocs = n;
            return this;
        }

        /** @param u the dimension reduction (default: UMAP, 5 components, 15 neighbours, min_dist 0, cosine) @return this */
        public Builder umap(Umap u) {
            this.umap = Objects.requireNonNull(u);
            return this;
        }

        /** @param h the clustering (default: HDBSCAN with min cluster size = min topic size) @return this */
        public Builder hdbscan(Hdbscan h) {
            this.hdbscan = Objects.requireNonNull(h);
            return this;
        }

        /** @param v how topic words are counted (default: CountVectorizer defaults) @return this */
        public Builder vectorizer(CountVectorizer v) {
            this.vectorizer = Objects.requireNonNull(v);
            return this;
        }

        /** @param c the c-TF-IDF weighting (default: {@link ClassTfidf#DEFAULT}) @return this */
        public Builder ctfidf(ClassTfidf c) {
            this.ctfidf = Objects.requireNonNull(c);
            return this;
        }

        /** @param english strip characters other than ASCII letters and digits before counting (BERTopic's "english"; default true) @return this */
        public Builder englishPreprocessing(boolean english) {
            this.englishPreprocessing = english;
            return this;
        }

        /** @param calculate also compute the documents x topics soft-membership matrix @return this */
        public Builder calculateProbabilities(boolean calculate) {
            this.calculateProbabilities = calculate;
            return this;
        }

        /** @param s random seed: the same seed gives the same topics @return this */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @param r fine-tunes topic words after c-TF-IDF, e.g. {@link KeyBertInspired} (default: none) @return this */
        public Builder representation(Representation r) {
            this.representation = Objects.requireNonNull(r);
            return this;
        }

        /** @param p told about each stage @return this */
        public Builder progress(ProgressListener p) {
            this.progress = ProgressListener.orNone(p);
            return this;
        }

        /** @return the modeler */
        public TopicModeler build() {
            if (embedder != null && embedderKey != null) {
                throw new IllegalStateException("give an embedder object or a key, not both");
            }
            return new TopicModeler(this);
        }
    }

    static List<Integer> sortedDistinct(int[] labels) {
        return new ArrayList<>(new java.util.TreeSet<>(Arrays.stream(labels).boxed().toList()));
    }
}
