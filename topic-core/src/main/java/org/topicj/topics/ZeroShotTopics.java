package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.pipeline.Clusterer;
import org.topicj.pipeline.Reducer;
import org.topicj.progress.ProgressListener;

/**
 * BERTopic's zero-shot topic modelling ({@code zeroshot_topic_list}, {@code zeroshot_min_similarity}):
 * the labels are embedded ({@link org.topicj.embed.Embedder#embedDocuments}); a document whose
 * embedding is at least {@code minSimilarity} similar (cosine) to a label joins that label's topic
 * (the most similar one; the first on a tie); the other documents are clustered as usual (the reducer
 * is fitted on all documents first). Zero-shot topics come first, numbered by label order and named
 * by their labels ({@link Topic#name()} and {@link Topic#label()}), then the clustered topics by size.
 * New documents go to the topic whose embedding is most similar, outliers' included
 * ({@link TopicRoute.Embeddings}), and a document's probability is that similarity, as BERTopic does
 * once it has replaced its clusterer.
 *
 * <p>With {@code nr_topics}, topics are then reduced; a merged topic keeps a zero-shot label only if
 * the best of its zero-shot labels is at least {@code minSimilarity} similar to its new embedding, as
 * in BERTopic.
 *
 * <p>Where BERTopic 0.17.4 differs: it numbers the zero-shot topics in Python set order of the label
 * indices (usually, not always, ascending) and keeps its clusterer's raw order for the rest; when
 * every document matches a label it renumbers the topics by size and drops their labels. TopicJ
 * numbers by label order and then by size, and keeps the labels in every case. A fit in which no
 * document matches is an ordinary fit.
 */
final class ZeroShotTopics {
    private final FitOptions options;
    private final TopicSettings settings;

    ZeroShotTopics(FitOptions options, TopicSettings settings) {
        this.options = options;
        this.settings = settings;
    }

    static void check(List<String> labels, double minSimilarity) {
        if (labels.isEmpty() || labels.stream().anyMatch(l -> l == null || l.isBlank())) {
            throw new IllegalArgumentException("zero-shot topics need labels with text, got " + labels);
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("zero-shot labels must be distinct: " + labels);
        }
        if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("zero-shot min similarity must be in [-1, 1], got " + minSimilarity);
        }
    }

    /**
     * @return the fitted model, or null if no document is similar enough to any label (then the fit
     *     goes on as an ordinary one)
     */
    TopicModel fit(List<String> documents, DenseMatrix e, Reducer.Reduction reduction, Clusterer clusterer, EmbedderHandle handle,
                   EmbedderRef ref, String stateful, Provenance provenance) {
        List<String> labels = options.zeroShotTopics();
        DenseMatrix labelEmbeddings = handle.get().embedDocuments(labels, ProgressListener.NONE).toDense();
        int[] matched = match(e, labelEmbeddings, options.zeroShotMinSimilarity());
        int[] used = Arrays.stream(matched).filter(m -> m >= 0).distinct().sorted().toArray();
        if (used.length == 0) {
            return null;
        }
        if (options.nrTopics() != null && options.nrTopics() <= used.length) {
            throw new IllegalArgumentException("nr_topics (" + options.nrTopics() + ") must exceed the number of matched zero-shot topics ("
                    + used.length + "); raise nr_topics or the zero-shot min similarity (" + options.zeroShotMinSimilarity() + ")");
        }
        int[] docTopics = combine(matched, used, clusterRest(matched, reduction.reduced(), clusterer));
        StageFit stages = new StageFit(options, settings);
        boolean reduce = stages.reducesAfterFit(docTopics);
        TopicRepresenter.Represented r = new TopicRepresenter(reduce ? settings.withRepresentation(null) : settings)
                .representAsIs(documents, docTopics, e, null, handle::get);
        Map<Integer, String> names = new HashMap<>();
        for (int z = 0; z < used.length; z++) {
            names.put(z, labels.get(used[z]));
        }
        List<Topic> topics = named(r.topics(), names);
        TopicModel model = new TopicModel(new TopicModelData(settings, r.words(), topics, r.docTopics(),
                probabilities(e, r.topicEmbeddings()), options.calculateProbabilities() ? membership(e, r.topicEmbeddings(), r.words()) : null,
                r.topicEmbeddings(), new TopicRoute.Embeddings(), ref, stateful, provenance), handle);
        if (!reduce) {
            return model;
        }
        try {
            TopicReduction.Regrouped g = stages.reduce(model, documents);
            return g.model().withData(g.model().data().withTopics(named(g.model().topics(),
                    survivingLabels(g, used, labels, labelEmbeddings))));
        } finally {
            model.close();
        }
    }

    /** Each document's most similar label if it is similar enough, else -1. */
    static int[] match(DenseMatrix e, DenseMatrix labels, double minSimilarity) {
        int[] out = new int[e.rows()];
        for (int i = 0; i < out.length; i++) {
            TopicRoute.Embeddings.Nearest n = TopicRoute.Embeddings.nearest(e.row(i), labels);
            out[i] = n.similarity() >= minSimilarity ? n.row() : -1;
        }
        return out;
    }

    /** The clusters of the documents no label took (as the clusterer numbers them, -1 for outliers). */
    private static int[] clusterRest(int[] matched, DenseMatrix reduced, Clusterer clusterer) {
        int[] rest = java.util.stream.IntStream.range(0, matched.length).filter(i -> matched[i] < 0).toArray();
        if (rest.length == 0) {
            return new int[0];
        }
        int d = reduced.cols();
        float[] rows = new float[rest.length * d];
        for (int k = 0; k < rest.length; k++) {
            System.arraycopy(reduced.rawData(), rest[k] * d, rows, k * d, d);
        }
        return clusterer.fit(DenseMatrix.wrap(rest.length, d, rows), ProgressListener.NONE).labels();
    }

    /** Zero-shot topics 0..Z-1 by label order, then the clusters by decreasing size (ties by cluster), -1 kept. */
    static int[] combine(int[] matched, int[] used, int[] restClusters) {
        int clusters = Arrays.stream(restClusters).max().orElse(-1) + 1;
        int[] size = new int[clusters];
        for (int c : restClusters) {
            if (c >= 0) {
                size[c]++;
            }
        }
        Integer[] order = new Integer[clusters];
        for (int c = 0; c < clusters; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer c) -> -size[c]).thenComparingInt(c -> c));
        int[] clusterTopic = new int[clusters];
        int next = used.length;
        for (Integer c : order) {
            clusterTopic[c] = size[c] > 0 ? next++ : -1;
        }
        int[] out = new int[matched.length];
        int k = 0;
        for (int i = 0; i < matched.length; i++) {
            if (matched[i] >= 0) {
                out[i] = Arrays.binarySearch(used, matched[i]);
            } else {
                int c = restClusters[k++];
                out[i] = c < 0 ? -1 : clusterTopic[c];
            }
        }
        return out;
    }

    /** Topics whose id has a zero-shot label are named by it and labelled with it. */
    private static List<Topic> named(List<Topic> topics, Map<Integer, String> names) {
        List<Topic> out = new ArrayList<>(topics.size());
        for (Topic t : topics) {
            String name = names.get(t.id());
            out.add(name == null ? t : new Topic(t.id(), t.count(), name, t.words(), t.representativeDocs(), t.representativeImages(), name));
        }
        return out;
    }

    /** BERTopic's rule after a reduction: a merged topic keeps its best zero-shot label if that is similar enough to it. */
    private Map<Integer, String> survivingLabels(TopicReduction.Regrouped g, int[] used, List<String> labels, DenseMatrix labelEmbeddings) {
        TopicModelData data = g.model().data();
        Map<Integer, String> out = new HashMap<>();
        Map<Integer, Double> best = new HashMap<>();
        for (int z = 0; z < used.length; z++) {
            int topic = g.oldToNew()[z];
            double s = VectorMath.cosine(labelEmbeddings.row(used[z]), data.topicEmbeddings().row(data.words().row(topic)));
            if (s >= options.zeroShotMinSimilarity() && s > best.getOrDefault(topic, Double.NEGATIVE_INFINITY)) {
                best.put(topic, s);
                out.put(topic, labels.get(used[z]));
            }
        }
        return out;
    }

    /** Each document's similarity to its most similar topic embedding (outliers' included), clamped to [0, 1]. */
    private static double[] probabilities(DenseMatrix e, DenseMatrix te) {
        double[] out = new double[e.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, Math.min(1, TopicRoute.Embeddings.nearest(e.row(i), te).similarity()));
        }
        return out;
    }

    /** Documents x topics (outliers excluded): cosine similarity to each topic's embedding, clamped to [0, 1]. */
    private static DenseMatrix membership(DenseMatrix e, DenseMatrix te, TopicWords words) {
        int first = words.hasOutlierTopic() ? 1 : 0;
        int k = te.rows() - first;
        float[] out = new float[e.rows() * k];
        for (int i = 0; i < e.rows(); i++) {
            for (int t = 0; t < k; t++) {
                out[i * k + t] = (float) Math.max(0, Math.min(1, VectorMath.cosine(e.row(i), te.row(first + t))));
            }
        }
        return DenseMatrix.wrap(e.rows(), k, out);
    }
}
