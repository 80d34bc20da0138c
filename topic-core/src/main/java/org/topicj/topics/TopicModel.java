package org.topicj.topics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.topicj.TopicJException;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.VectorMath;
import org.topicj.progress.ProgressListener;

/**
 * A fitted topic model: the topics (words, counts, names, representative documents), the topic of
 * each training document, and what {@link #transform} needs to assign new documents the same way
 * (the fitted stages, the topic words, the embedder). It only answers; {@link TopicModeler} fits,
 * and reductions return new models.
 *
 * <p>Embedders and ownership: a model uses the embedder it was given (at fit or load; the caller
 * owns and closes it), or one it opens itself from its recorded key on first use and keeps until
 * {@link #close()}, so repeated {@code transform} calls do not reopen the model. Close a model you
 * loaded (try-with-resources); closing never touches an embedder you passed in. Models derived from
 * this one (reduced, merged) share its embedder.
 *
 * <p>Saving ({@link #save}) writes JSON plus {@code .npy} arrays into a staging folder and swaps it
 * in whole; loading ({@link #load(Path, LoadOptions)}) validates every file and opens nothing the
 * model names unless allowed: see {@link LoadOptions}.
 *
 * <p>Thread-safety: the model is immutable; {@code transform} and every query may run concurrently.
 */
public final class TopicModel implements TopicAssigner, AutoCloseable {
    private final TopicModelData data;
    private final EmbedderHandle embedder;

    TopicModel(TopicModelData data, EmbedderHandle embedder) {
        this.data = Objects.requireNonNull(data, "data");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    TopicModelData data() {
        return data;
    }

    EmbedderHandle embedderHandle() {
        return embedder;
    }

    /** @return the topics, -1 (outliers) first if any, then 0, 1, ... by decreasing size */
    public List<Topic> topics() {
        return data.topics();
    }

    /** @return the topics, as {@link #topics()} (BERTopic's get_topic_info) */
    public List<Topic> topicInfo() {
        return data.topics();
    }

    /**
     * @param id a topic id
     * @return that topic
     * @throws IllegalArgumentException if there is none
     */
    public Topic topic(int id) {
        int row = data.words().row(id);
        if (row < 0) {
            throw new IllegalArgumentException("no topic " + id + "; topics are " + Arrays.toString(data.words().topicIdArray()));
        }
        return data.topics().get(row);
    }

    /** @return number of topics, the outlier topic not counted */
    public int topicCount() {
        return data.words().size() - (data.words().hasOutlierTopic() ? 1 : 0);
    }

    /** @return topic counts by id, for summaries */
    public TreeMap<Integer, Integer> topicSizes() {
        TreeMap<Integer, Integer> out = new TreeMap<>();
        data.topics().forEach(t -> out.put(t.id(), t.count()));
        return out;
    }

    /** @return the topic and probability of each training document, in input order */
    public List<Assignment> documentInfo() {
        int[] topics = data.documentTopics();
        List<Assignment> out = new ArrayList<>(topics.length);
        for (int i = 0; i < topics.length; i++) {
            out.add(new Assignment(topics[i], data.documentProbabilities()[i]));
        }
        return out;
    }

    /**
     * @param documents the training documents, in the order they were fitted
     * @return one row per document: text, topic, topic name, probability
     */
    public List<DocumentInfo> documentInfo(List<String> documents) {
        checkTrainingDocuments(documents);
        List<DocumentInfo> out = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            int t = data.documentTopics()[i];
            out.add(new DocumentInfo(documents.get(i), t, topic(t).name(), data.documentProbabilities()[i]));
        }
        return out;
    }

    /** @return the documents x topics soft-membership matrix, if fitted with calculateProbabilities (kept when saved) */
    public Optional<DenseMatrix> probabilities() {
        return Optional.ofNullable(data.membership());
    }

    /** @return mean embedding of each topic's documents, rows in {@link #topics()} order, if embeddings were dense */
    public Optional<DenseMatrix> topicEmbeddings() {
        return Optional.ofNullable(data.topicEmbeddings());
    }

    /** @return the training documents' reduced coordinates (UMAP's, 5-d by default), if the reducer keeps them */
    public Optional<DenseMatrix> reducedEmbeddings() {
        return data.route() instanceof TopicRoute.Stages s ? s.reducer().trainingEmbedding() : Optional.empty();
    }

    /** @return how the topics are described: vectorizer, weighting, words and documents per topic, representation */
    public TopicSettings settings() {
        return data.settings();
    }

    /** @return the topics' words: vocabulary, idf and c-TF-IDF weights */
    public TopicWords topicWords() {
        return data.words();
    }

    /** @return where this model came from: versions, time, sizes, seed */
    public Provenance provenance() {
        return data.provenance();
    }

    /**
     * Cosine similarity between topics, rows and columns in {@link #topics()} order: of the topic
     * embeddings when the model has them, otherwise of the topics' c-TF-IDF weights.
     *
     * @return a square matrix
     */
    public DenseMatrix topicSimilarity() {
        int k = data.words().size();
        DenseMatrix te = data.topicEmbeddings();
        ClassTfidf.WeightedRows w = data.words().weights();
        float[] out = new float[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                out[a * k + b] = (float) (te != null ? VectorMath.cosine(te.row(a), te.row(b)) : w.cosine(a, w, b));
            }
        }
        return DenseMatrix.wrap(k, k, out);
    }

    /** @return the registry key of the embedder, if known */
    public Optional<String> embedderKey() {
        return Optional.ofNullable(data.embedderRef()).map(EmbedderRef::key);
    }

    /** @return the options the embedder was opened with (credentials are never among them) */
    public Map<String, String> embedderOptions() {
        return data.embedderRef() == null ? Map.of() : data.embedderRef().options();
    }

    /** @return true for a model fitted from given labels (manual mode): new documents are assigned by c-TF-IDF */
    public boolean isManual() {
        return data.route() instanceof TopicRoute.Words;
    }

    /**
     * Assigns new documents to topics, embedding them with the model's embedder (the one given at fit
     * or load, else the recorded one, opened once and kept until {@link #close()}).
     *
     * @param documents the documents
     * @return one assignment per document
     */
    public List<Assignment> transform(List<String> documents) {
        Objects.requireNonNull(documents, "documents");
        if (!data.route().needsEmbeddings() || documents.isEmpty()) {
            return transform(documents, null);
        }
        return transform(documents, embed(documents, ProgressListener.NONE));
    }

    /**
     * Assigns new documents to topics from their embeddings (computed as the training embeddings
     * were): the fitted reducer, then the fitted clusterer. A manual model ignores the embeddings and
     * assigns by c-TF-IDF similarity.
     *
     * @param documents the documents
     * @param embeddings one row per document, or null for a manual model
     * @return one assignment per document
     */
    @Override
    public List<Assignment> transform(List<String> documents, Matrix embeddings) {
        Objects.requireNonNull(documents, "documents");
        return data.route().assign(documents, embeddings, data);
    }

    /**
     * Embeds documents with the model's embedder (the one {@link #transform(List)} uses), for callers
     * that keep or reuse the embeddings.
     *
     * @param documents the documents
     * @param progress told how many are done
     * @return their embeddings
     * @throws TopicJException if the model has no embedder it may use, saying how to give one
     */
    public Matrix embed(List<String> documents, ProgressListener progress) {
        Embedder e = embedder.get();
        try {
            return e.embedDocuments(documents, progress);
        } catch (IllegalStateException closed) {
            throw new TopicJException("the embedder of this topic model cannot embed (" + closed.getMessage() + "); if you "
                    + "closed the embedder you gave it, pass an open one: model.withEmbedder(embedder)", closed);
        }
    }

    /**
     * @param e an embedder the caller owns (not closed by the model)
     * @return a model with the same topics that embeds new documents with {@code e}
     */
    public TopicModel withEmbedder(Embedder e) {
        return new TopicModel(data, EmbedderHandle.borrowed(Objects.requireNonNull(e, "embedder")));
    }

    TopicModel withData(TopicModelData newData) {
        return new TopicModel(newData, embedder.share());
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
        float[] q = embedder.get().embedWords(List.of(query)).toDense().row(0);
        int[] ids = data.words().topicIdArray();
        List<TopicMatch> matches = new ArrayList<>();
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] >= 0) {
                matches.add(new TopicMatch(ids[r], VectorMath.cosine(q, te.row(r))));
            }
        }
        matches.sort(Comparator.comparingDouble((TopicMatch m) -> -m.similarity()).thenComparingInt(TopicMatch::topic));
        return List.copyOf(matches.subList(0, Math.min(n, matches.size())));
    }

    /**
     * Merges topics until {@code nrTopics} remain (the outlier topic counted, as BERTopic's
     * {@code reduce_topics}): average-linkage agglomerative clustering on the cosine distance of the
     * topic embeddings. Topics are renumbered by size; new documents go to the merged topics.
     *
     * @param documents the training documents, in the order they were fitted
     * @param nrTopics how many topics to keep, outliers included
     * @return the reduced model, sharing this one's embedder; this one is unchanged
     */
    public TopicModel reduceTopics(List<String> documents, int nrTopics) {
        checkTrainingDocuments(documents);
        return TopicReduction.regroup(this, documents, TopicReduction.toCount(data, nrTopics));
    }

    /**
     * Merges similar topics automatically (BERTopic's {@code nr_topics="auto"}): HDBSCAN (min cluster
     * size 2) over the L2-normalised topic embeddings; topics in one cluster are merged.
     *
     * @param documents the training documents, in the order they were fitted
     * @return the reduced model; this one is unchanged
     */
    public TopicModel reduceTopicsAuto(List<String> documents) {
        checkTrainingDocuments(documents);
        return TopicReduction.regroup(this, documents, TopicReduction.automatic(data));
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
        return TopicReduction.regroup(this, documents, TopicReduction.groups(data, groups));
    }

    /** The default {@code minSimilarity} of {@link #merge}, BERTopic's. */
    public static final double DEFAULT_MERGE_MIN_SIMILARITY = 0.7;

    /**
     * BERTopic's {@code merge_models}: one model with the first model's topics plus every topic of the
     * later models that is less than {@code minSimilarity} similar (cosine of topic embeddings) to all
     * topics merged so far; the others join their most similar topic. The training documents of all
     * models are concatenated in list order. New documents go to the most similar topic embedding. See
     * {@link ModelMerger} for the details and where TopicJ differs from BERTopic.
     *
     * @param models two or more fitted models with topic embeddings of one dimension; the first is the base
     * @param minSimilarity below this similarity a topic is added as new (BERTopic's default 0.7)
     * @return the merged model, sharing the first model's embedder; the models are unchanged
     * @throws IllegalArgumentException for fewer than two models, a model without topic embeddings,
     *     differing embedding dimensions, or a similarity outside [-1, 1]
     */
    public static TopicModel merge(List<TopicModel> models, double minSimilarity) {
        return ModelMerger.merge(models, minSimilarity);
    }

    /**
     * BERTopic's {@code set_topic_labels}: the same model with these labels ({@link Topic#label()},
     * saved with it); topics not named keep theirs.
     *
     * @param labels topic id to label
     * @return the labelled model, sharing this one's embedder
     * @throws IllegalArgumentException for an unknown topic id or a blank label
     */
    public TopicModel withLabels(Map<Integer, String> labels) {
        return withData(TopicLabels.apply(data, labels));
    }

    /**
     * BERTopic's {@code delete_topics}, as intended (see {@link TopicDeletion}): the deleted topics'
     * documents become outliers and the remaining topics are renumbered by size.
     *
     * @param topics the ids to delete
     * @return the model without them; this one is unchanged
     */
    public TopicModel deleteTopics(java.util.Collection<Integer> topics) {
        return TopicDeletion.delete(this, topics);
    }

    /**
     * BERTopic's {@code update_topics}: the topics' words recomputed with other settings; every
     * document keeps its topic and every topic its embedding and label (see {@link TopicUpdate}).
     *
     * @param documents the training documents, in the order they were fitted
     * @param newSettings e.g. {@code settings().withVectorizer(v)}
     * @return the updated model; this one is unchanged
     */
    public TopicModel updateTopics(List<String> documents, TopicSettings newSettings) {
        checkTrainingDocuments(documents);
        return TopicUpdate.update(this, documents, newSettings);
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
        return OutlierReduction.reduce(data, documents, embeddings, strategy, threshold);
    }

    /**
     * {@link #reduceOutliers} followed by new topic descriptions, as BERTopic's {@code reduce_outliers}
     * then {@code update_topics(docs, topics=new_topics)}: the reassigned documents join their topics'
     * words, counts and representative documents; topic ids stay as they were; new documents are still
     * assigned by the fitted stages.
     *
     * @param documents the training documents, in order
     * @param embeddings their embeddings (only for {@link OutlierStrategy#EMBEDDINGS}), else null
     * @param strategy how to choose
     * @param threshold minimum score to reassign, &ge; 0
     * @return the model with fewer outliers, sharing this one's embedder; this one is unchanged
     */
    public TopicModel withOutliersReduced(List<String> documents, Matrix embeddings, OutlierStrategy strategy, double threshold) {
        int[] topics = reduceOutliers(documents, embeddings, strategy, threshold);
        return TopicReduction.reassign(this, documents, topics);
    }

    /**
     * Saves the model into a folder, whole or not at all: everything is written to a staging folder
     * beside it and swapped in under a lock, so a reader sees the old model or the new one, never a
     * mix, and a failure leaves the old one. API keys are never written.
     *
     * @param dir the folder; replaced if it holds a model
     */
    public void save(Path dir) {
        ModelFormat.save(this, dir);
    }

    /**
     * Loads a saved model with the default {@link LoadOptions}: the recorded embedder is opened on first
     * use only if it is a local, bundled or cached model (no remote service, no path the model names).
     *
     * @param dir the folder written by {@link #save}
     * @return the model; close it to free the embedder it may open
     * @throws org.topicj.io.CorruptModelException if the folder is missing, foreign or corrupt
     */
    public static TopicModel load(Path dir) {
        return load(dir, LoadOptions.defaults());
    }

    /**
     * Loads a saved model that embeds new documents with the given embedder.
     *
     * @param dir the folder written by {@link #save}
     * @param embedder the embedder (the caller owns it), or null for the default rules
     * @return the model
     */
    public static TopicModel load(Path dir, Embedder embedder) {
        return load(dir, embedder == null ? LoadOptions.defaults() : LoadOptions.builder().embedder(embedder).build());
    }

    /**
     * Loads a saved model.
     *
     * @param dir the folder written by {@link #save}
     * @param options which embedder to use and what the model may open
     * @return the model
     */
    public static TopicModel load(Path dir, LoadOptions options) {
        return ModelFormat.load(dir, options);
    }

    /**
     * Loads a saved model and opens its embedder now (as {@link LoadOptions} allows), so failures show
     * at once; the model owns the embedder until {@link #close()}.
     *
     * @param dir the folder written by {@link #save}
     * @return the model, ready to transform
     */
    public static TopicModel open(Path dir) {
        TopicModel m = load(dir);
        if (m.data.route().needsEmbeddings() && m.embedder.available()) {
            m.embedder.get();
        }
        return m;
    }

    /** Closes the embedder this model opened itself (once no derived model shares it); never one you passed in. */
    @Override
    public void close() {
        embedder.close();
    }

    private void checkTrainingDocuments(List<String> documents) {
        Objects.requireNonNull(documents, "documents");
        if (documents.size() != data.documentTopics().length) {
            throw new IllegalArgumentException("give the " + data.documentTopics().length + " training documents in the order "
                    + "they were fitted; got " + documents.size());
        }
    }
}
