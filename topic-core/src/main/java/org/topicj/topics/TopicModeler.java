package org.topicj.topics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.TopicJException;
import org.topicj.embed.Embedder;
import org.topicj.embed.ImageEmbedder;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.VectorMath;
import org.topicj.pipeline.Clusterer;
import org.topicj.pipeline.HdbscanClusterer;
import org.topicj.pipeline.Reducer;
import org.topicj.pipeline.UmapReducer;
import org.topicj.progress.ProgressListener;
import org.topicj.registry.EmbedderRegistry;
import org.topicj.registry.Embedders;
import org.topicj.text.CountVectorizer;
import org.topicj.umap.Umap;

/**
 * Fits topic models the way BERTopic does: embed, reduce (UMAP: 5 components, 15 neighbours,
 * min_dist 0, cosine), cluster (HDBSCAN: min cluster size = min topic size, EOM), number the topics
 * by size (0 the largest, -1 the outliers), and describe each by class-based TF-IDF over its
 * documents. Every stage can be replaced through the builder: any {@link Reducer} (PCA, none) and
 * any {@link Clusterer} (k-means, given labels).
 *
 * <pre>{@code
 * try (TopicModel model = TopicModeler.builder().embedderKey("all-MiniLM-L6-v2").seed(42).build().fit(docs)) {
 *     model.topics().forEach(t -> System.out.println(t.name()));
 * }
 * }</pre>
 *
 * <p>Embedders: one given with {@link Builder#embedder(Embedder)} stays the caller's (never closed
 * here); one opened from a key is kept by the fitted model for {@code transform} and closed with it.
 *
 * <p>Determinism: with a seed the same documents give the same topics, for any thread count (see
 * {@link Umap}). Thread-safety: immutable; {@code fit} may run concurrently.
 */
public final class TopicModeler {
    private static final Logger LOG = LoggerFactory.getLogger(TopicModeler.class);

    private final Builder options;
    private final TopicSettings settings;

    private TopicModeler(Builder b) {
        this.options = b.copy();
        this.settings = new TopicSettings(b.vectorizer, ctfidf(b), b.englishPreprocessing, b.topNWords, b.representativeDocs,
                b.representation, b.seed);
    }

    private static ClassTfidf ctfidf(Builder b) {
        return b.seedTopics == null ? b.ctfidf : b.ctfidf.withSeedTopicWords(GuidedTopics.words(b.seedTopics));
    }

    /** @return a builder with BERTopic's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how this modeler describes topics */
    public TopicSettings settings() {
        return settings;
    }

    /**
     * Embeds the documents with the configured embedder and fits.
     *
     * @param documents the documents
     * @return the fitted model; close it to free an embedder it opened from a key
     */
    public TopicModel fit(List<String> documents) {
        checkDocuments(documents);
        EmbedderHandle handle = openHandle();
        try {
            Matrix embeddings = handle.get().embedDocuments(documents, progress());
            return fitStages(documents, embeddings, handle, fittedRef(handle));
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /**
     * Fits on documents made of images, captions, or both (BERTopic's multimodal topics): each
     * document is embedded as the element-wise mean of its caption's and its image's vectors, or as
     * the one it has; topic words come from the captions, and every topic also lists its
     * representative images ({@link Topic#representativeImages()}: the images closest to the topic's
     * centroid). Needs an {@link ImageEmbedder} (e.g. {@code clip:/path/to/export} from
     * {@code org.topicj:backend-multimodal}).
     *
     * @param captions one caption per image, {@code null} or blank where a document has none; or {@code null} for images only
     * @param images one image file per document, {@code null} where a document is a caption only
     * @return the fitted model
     * @throws IllegalArgumentException if the embedder cannot embed images, the lists differ in length,
     *     or a document has neither a caption nor a readable image
     */
    public TopicModel fit(List<String> captions, List<Path> images) {
        EmbedderHandle handle = openHandle();
        try {
            if (!(handle.get() instanceof ImageEmbedder imageEmbedder)) {
                throw new IllegalArgumentException("fitting on images needs an image embedder, such as clip:/path/to/clip-export "
                        + "from org.topicj:backend-multimodal; '" + handle.get().modelId() + "' embeds text only");
            }
            MultimodalDocuments docs = MultimodalDocuments.embed(imageEmbedder, captions, images, progress());
            TopicModel model = fitStages(docs.texts, docs.embeddings, handle, fittedRef(handle));
            return new TopicModel(model.data().withTopics(representativeImages(model.data(), docs)), model.embedderHandle());
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /**
     * Fits on precomputed embeddings, dense or sparse (sparse ones are reduced with Hellinger).
     *
     * @param documents the documents
     * @param embeddings one row per document
     * @return the fitted model; it opens the configured embedder (if any) only when it needs one
     */
    public TopicModel fit(List<String> documents, Matrix embeddings) {
        checkDocuments(documents);
        EmbedderHandle handle = lazyHandle();
        return fitStages(documents, embeddings, handle, configuredRef());
    }

    /**
     * Manual topic modelling (BERTopic's "manual" mode): the topics are given, so reduction and
     * clustering are skipped and only the representations are computed. Labels are any non-negative
     * ids (hashed ids are fine) and -1 for outliers; topics are numbered by size.
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
        EmbedderHandle handle = lazyHandle();
        TopicRepresenter.Represented r = new TopicRepresenter(settings).represent(documents, labels, null, null, handle::get);
        double[] ones = new double[labels.length];
        Arrays.fill(ones, 1.0);
        TopicModel model = new TopicModel(new TopicModelData(settings, r.words(), r.topics(), r.docTopics(), ones, null, null,
                new TopicRoute.Words(), configuredRef(), null, Provenance.now(documents.size(), 0, options.seed)), handle);
        StageFit stages = new StageFit(fitOptions(), settings);
        return stages.reducesAfterFit(r.docTopics()) ? stages.reduced(model, documents) : model;
    }

    /**
     * Semi-supervised topic modelling (BERTopic's {@code fit_transform(docs, y=labels)} with some
     * labels -1): embeds, then fits as {@link #fit(List)} with the labels steering the reduction
     * ({@link Reducer#fit(Matrix, int[], ProgressListener)}; UMAP's categorical target metric), so
     * that documents with the same label tend to share a topic. Topics are still found by the
     * clusterer; they are not the labels.
     *
     * @param documents the documents
     * @param labels one per document, -1 where unknown
     * @return the fitted model
     * @throws org.topicj.TopicJException if the reducer cannot use labels (BERTopic's PCA silently ignores them)
     * @throws IllegalArgumentException if seed topics are configured too (their labels would replace these)
     */
    public TopicModel fit(List<String> documents, PartialLabels labels) {
        checkDocuments(documents);
        Objects.requireNonNull(labels, "labels");
        EmbedderHandle handle = openHandle();
        try {
            Matrix embeddings = handle.get().embedDocuments(documents, progress());
            return fitStages(documents, embeddings, labels.array(), handle, fittedRef(handle));
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /**
     * Semi-supervised topic modelling on precomputed embeddings: as {@link #fit(List, PartialLabels)}.
     *
     * @param documents the documents
     * @param embeddings one row per document
     * @param labels one per document, -1 where unknown
     * @return the fitted model
     */
    public TopicModel fit(List<String> documents, Matrix embeddings, PartialLabels labels) {
        checkDocuments(documents);
        Objects.requireNonNull(labels, "labels");
        return fitStages(documents, embeddings, labels.array(), lazyHandle(), configuredRef());
    }

    private TopicModel fitStages(List<String> documents, Matrix embeddings, EmbedderHandle handle, EmbedderRef ref) {
        return fitStages(documents, embeddings, null, handle, ref);
    }

    private TopicModel fitStages(List<String> documents, Matrix embeddings, int[] partialLabels, EmbedderHandle handle,
                                 EmbedderRef ref) {
        checkDocuments(documents);
        return new StageFit(fitOptions(), settings).fit(documents, embeddings, partialLabels, handle, ref);
    }

    private FitOptions fitOptions() {
        return new FitOptions(options.reducer, options.clusterer, options.minTopicSize, options.calculateProbabilities, options.seed,
                progress(), options.seedTopics, options.zeroShotTopics, options.zeroShotMinSimilarity, options.nrTopics,
                options.nrTopicsAuto);
    }

    /** Each topic's representative images: of its documents with a readable image, the closest to its embedding. */
    private List<Topic> representativeImages(TopicModelData data, MultimodalDocuments docs) {
        int[] topicIds = data.words().topicIdArray();
        List<List<Integer>> byRow = new ArrayList<>();
        for (int r = 0; r < topicIds.length; r++) {
            byRow.add(new ArrayList<>());
        }
        for (int i = 0; i < data.documentTopics().length; i++) {
            if (docs.hasImage[i]) {
                byRow.get(data.words().row(data.documentTopics()[i])).add(i);
            }
        }
        List<Topic> out = new ArrayList<>();
        for (int r = 0; r < topicIds.length; r++) {
            float[] centroid = data.topicEmbeddings().row(r);
            List<Integer> members = byRow.get(r);
            members.sort(Comparator.comparingDouble((Integer i) -> -VectorMath.cosine(docs.embeddings.row(i), centroid))
                    .thenComparingInt(i -> i));
            out.add(data.topics().get(r).withRepresentativeImages(
                    members.stream().limit(settings.representativeDocs()).map(i -> docs.images.get(i).toString()).toList()));
        }
        return out;
    }

    /** The embedder to fit with: the caller's (borrowed), or opened now from the key (owned by the model). */
    private EmbedderHandle openHandle() {
        if (options.embedder != null) {
            return EmbedderHandle.borrowed(options.embedder);
        }
        return EmbedderHandle.owned(registry().open(key(), options.embedderOptions));
    }

    /** For fits on given embeddings or labels: the caller's embedder, else the key opened on first need. */
    private EmbedderHandle lazyHandle() {
        if (options.embedder != null) {
            return EmbedderHandle.borrowed(options.embedder);
        }
        if (options.embedderKey == null) {
            return EmbedderHandle.none("this needs an embedder, but the model was fitted on precomputed embeddings without "
                    + "one; pass embeddings to transform, or set TopicModeler.builder().embedder(...) or .embedderKey(...)");
        }
        // The options given here may hold credentials; they stay in memory and never reach a saved model.
        return EmbedderHandle.lazy(() -> registry().open(options.embedderKey, options.embedderOptions));
    }

    private String key() {
        return options.embedderKey != null ? options.embedderKey : Embedders.defaultKey();
    }

    private EmbedderRegistry registry() {
        return options.registry != null ? options.registry : Embedders.registry();
    }

    private ProgressListener progress() {
        return ProgressListener.monotonic(options.progress);
    }

    /**
     * What a model records of the embedder it was fitted with: the embedder's own key and options
     * (none for one no key can recreate, such as a fitted pipeline, which the model saves instead).
     */
    private static EmbedderRef fittedRef(EmbedderHandle handle) {
        return EmbedderRef.of(handle.ifOpen());
    }

    /**
     * The embedder a model fitted without embedding here records: the object's own key and options,
     * else the configured key with its options minus the backend's secret ones.
     */
    private EmbedderRef configuredRef() {
        if (options.embedder != null) {
            return EmbedderRef.of(options.embedder);
        }
        String key = options.embedderKey;
        if (key == null || options.embedderOptions.isEmpty()) {
            return EmbedderRef.of(key, Map.of());
        }
        try {
            return EmbedderRef.of(key, registry().savableOptions(key, options.embedderOptions));
        } catch (TopicJException e) {
            // Without the backend nobody can say which options are credentials, so none are kept.
            LOG.warn("the model records embedder key '{}' without its options, because {}", key, e.getMessage());
            return EmbedderRef.of(key, Map.of());
        }
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
        private Embedder embedder;
        private String embedderKey;
        private Map<String, String> embedderOptions = Map.of();
        private EmbedderRegistry registry;
        private int minTopicSize = 10;
        private int topNWords = 10;
        private int representativeDocs = 3;
        private Reducer reducer;
        private Clusterer clusterer;
        private CountVectorizer vectorizer = CountVectorizer.builder().build();
        private ClassTfidf ctfidf = ClassTfidf.DEFAULT;
        private boolean englishPreprocessing = true;
        private boolean calculateProbabilities;
        private Long seed;
        private ProgressListener progress = ProgressListener.NONE;
        private Representation representation;
        private List<List<String>> seedTopics;
        private List<String> zeroShotTopics;
        private double zeroShotMinSimilarity = 0.7;
        private Integer nrTopics;
        private boolean nrTopicsAuto;

        private Builder() {
        }

        Builder copy() {
            Builder b = new Builder();
            b.embedder = embedder;
            b.embedderKey = embedderKey;
            b.embedderOptions = embedderOptions;
            b.registry = registry;
            b.minTopicSize = minTopicSize;
            b.topNWords = topNWords;
            b.representativeDocs = representativeDocs;
            b.reducer = reducer;
            b.clusterer = clusterer;
            b.vectorizer = vectorizer;
            b.ctfidf = ctfidf;
            b.englishPreprocessing = englishPreprocessing;
            b.calculateProbabilities = calculateProbabilities;
            b.seed = seed;
            b.progress = progress;
            b.representation = representation;
            b.seedTopics = seedTopics;
            b.zeroShotTopics = zeroShotTopics;
            b.zeroShotMinSimilarity = zeroShotMinSimilarity;
            b.nrTopics = nrTopics;
            b.nrTopicsAuto = nrTopicsAuto;
            return b;
        }

        /** @param e an embedder the caller owns (not closed by TopicJ) @return this */
        public Builder embedder(Embedder e) {
            this.embedder = Objects.requireNonNull(e);
            return this;
        }

        /** @param key a registry key (default: all-MiniLM-L6-v2), opened for the fit and kept by the model @return this */
        public Builder embedderKey(String key) {
            return embedderKey(key, Map.of());
        }

        /**
         * @param key a registry key, opened for the fit and kept by the fitted model (closed with it)
         * @param embedderOptions backend options, e.g. {@code batch_size} or {@code dimensions}; saved
         *        with the model (credentials such as {@code api_key} excepted) so that loading reopens the same model
         * @return this
         */
        public Builder embedderKey(String key, Map<String, String> embedderOptions) {
            this.embedderKey = Objects.requireNonNull(key);
            this.embedderOptions = Map.copyOf(embedderOptions);
            return this;
        }

        /** @param r the registry that opens keys (default: {@link Embedders#registry()}) @return this */
        public Builder registry(EmbedderRegistry r) {
            this.registry = Objects.requireNonNull(r);
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

        /** @param r the dimension reduction (default: UMAP with BERTopic's settings) @return this */
        public Builder reducer(Reducer r) {
            this.reducer = Objects.requireNonNull(r);
            return this;
        }

        /** @param c the clustering (default: HDBSCAN with min cluster size = min topic size) @return this */
        public Builder clusterer(Clusterer c) {
            this.clusterer = Objects.requireNonNull(c);
            return this;
        }

        /** @param u a configured UMAP as the reduction (shortcut for {@code reducer(UmapReducer.of(u))}) @return this */
        public Builder umap(Umap u) {
            return reducer(UmapReducer.of(u));
        }

        /** @param h a configured HDBSCAN as the clustering (shortcut for {@code clusterer(HdbscanClusterer.of(h))}) @return this */
        public Builder hdbscan(Hdbscan h) {
            return clusterer(HdbscanClusterer.of(h));
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

        /** @param calculate also compute the documents x topics soft-membership matrix (saved with the model) @return this */
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

        /**
         * Guided topic modelling (BERTopic's {@code seed_topic_list}): see {@link GuidedTopics}. Needs the
         * embedder (the seed topics are embedded), also for fits on precomputed embeddings.
         *
         * @param topics one list of seed words per topic
         * @return this
         */
        public Builder seedTopics(List<List<String>> topics) {
            GuidedTopics.check(topics);
            this.seedTopics = topics.stream().map(List::copyOf).toList();
            return this;
        }

        /**
         * Zero-shot topic modelling (BERTopic's {@code zeroshot_topic_list} and {@code zeroshot_min_similarity}):
         * documents at least {@code minSimilarity} similar to a label's embedding form that label's topic;
         * the rest are clustered. See {@link ZeroShotTopics}. Needs the embedder (the labels are embedded).
         *
         * @param labels the topics' labels (a phrase or comma-separated words each), distinct
         * @param minSimilarity a document's least cosine similarity to join a label, in [-1, 1] (BERTopic: 0.7)
         * @return this
         */
        public Builder zeroShotTopics(List<String> labels, double minSimilarity) {
            Objects.requireNonNull(labels, "labels");
            ZeroShotTopics.check(labels, minSimilarity);
            this.zeroShotTopics = List.copyOf(labels);
            this.zeroShotMinSimilarity = minSimilarity;
            return this;
        }

        /**
         * BERTopic's {@code nr_topics=N} at fit time: after the fit, topics are merged (average linkage
         * on the topic embeddings, as {@link TopicModel#reduceTopics(List, int)}) until N remain, the outlier topic
         * counted as BERTopic counts it. A fit that finds N or fewer is left as it is.
         *
         * @param n the number of topics to keep, outliers counted, &ge; 2
         * @return this
         */
        public Builder nrTopics(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("nr_topics must be at least 2 (the outlier topic counts as one), got " + n);
            }
            this.nrTopics = n;
            this.nrTopicsAuto = false;
            return this;
        }

        /** @return this, with BERTopic's {@code nr_topics="auto"}: similar topics merged after the fit (HDBSCAN over topic embeddings) */
        public Builder nrTopicsAuto() {
            this.nrTopics = null;
            this.nrTopicsAuto = true;
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
}
