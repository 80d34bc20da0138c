package org.topicj.topics;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.TopicJException;
import org.topicj.embed.StatefulEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.pipeline.Clusterer;
import org.topicj.pipeline.Reducer;
import org.topicj.progress.ProgressListener;

/**
 * One fit through the stages, in BERTopic's order: guidance by seed topics (if any), the reduction
 * (steered by partial or seed labels when it can use them), zero-shot topics (if any document is
 * similar enough to one), the clustering of the rest, the topics' description, and the reduction to
 * {@code nr_topics} (the representation describes the topics once, after it, as in BERTopic).
 */
final class StageFit {
    private static final Logger LOG = LoggerFactory.getLogger(StageFit.class);

    private final FitOptions options;
    private final TopicSettings settings;

    StageFit(FitOptions options, TopicSettings settings) {
        this.options = options;
        this.settings = settings;
    }

    TopicModel fit(List<String> documents, Matrix embeddings, int[] partialLabels, EmbedderHandle handle, EmbedderRef ref) {
        check(documents, embeddings, partialLabels);
        ProgressListener progress = options.progress();
        Matrix e = embeddings;
        int[] guided = null;
        if (options.seedTopics() != null) {
            if (partialLabels != null) {
                throw new IllegalArgumentException("give seed topics or partial labels, not both (BERTopic silently lets the seed "
                        + "topics' labels replace yours)");
            }
            GuidedTopics.Guidance g = GuidedTopics.guide(dense(e, "guided topic modelling"), options.seedTopics(), handle.get());
            e = g.embeddings();
            guided = g.labels();
        }
        Reducer reducer = options.reducerOrDefault();
        Reducer.Reduction reduction = partialLabels != null ? reducer.fit(e, partialLabels, progress)
                : guided != null && reducer.usesLabels() ? reducer.fit(e, guided, progress) : reducer.fit(e, progress);
        Clusterer clusterer = options.clustererOrDefault();
        String stateful = handle.ifOpen() instanceof StatefulEmbedder s && s.isFitted() ? s.spec() : null;
        Provenance provenance = Provenance.now(documents.size(), e.cols(), options.seed());
        if (options.zeroShotTopics() != null) {
            ZeroShotTopics zeroShot = new ZeroShotTopics(options, settings);
            TopicModel model = zeroShot.fit(documents, dense(e, "zero-shot topic modelling"), reduction, clusterer, handle, ref, stateful,
                    provenance);
            if (model != null) {
                return model;
            }
        }
        Clusterer.Clustering clustering = clusterer.fit(reduction.reduced(), progress);
        boolean reduce = reducesAfterFit(clustering.labels());
        progress.update("topic words", 0, 1);
        TopicRepresenter.Represented r = new TopicRepresenter(reduce ? settings.withRepresentation(null) : settings)
                .represent(documents, clustering.labels(), e, null, handle::get);
        progress.update("topic words", 1, 1);
        int[] clusterToTopic = clusterToTopic(clustering, r);
        DenseMatrix membership = null;
        if (options.calculateProbabilities()) {
            progress.update("probabilities", 0, 1);
            membership = membership(clustering, clusterToTopic, r.words());
            progress.update("probabilities", 1, 1);
        }
        TopicModel model = new TopicModel(new TopicModelData(settings, r.words(), r.topics(), r.docTopics(), clustering.probabilities(),
                membership, r.topicEmbeddings(), new TopicRoute.Stages(reduction.model(), clustering.model(), clusterToTopic),
                ref, stateful, provenance), handle);
        return reduce ? reduced(model, documents) : model;
    }

    /** The reduced model; the unreduced one is closed (the reduced one shares its embedder). */
    TopicModel reduced(TopicModel model, List<String> documents) {
        try {
            return reduce(model, documents).model();
        } finally {
            model.close();
        }
    }

    /** Whether nr_topics asks for fewer topics than the clustering found (outliers counted, as BERTopic counts). */
    boolean reducesAfterFit(int[] docTopics) {
        if (options.nrTopicsAuto()) {
            return true;
        }
        if (options.nrTopics() == null) {
            return false;
        }
        long found = Arrays.stream(docTopics).distinct().count();
        if (options.nrTopics() >= found) {
            LOG.info("nr_topics is {} and the fit found {} topics (outliers counted); nothing to reduce", options.nrTopics(), found);
            return false;
        }
        return true;
    }

    /** The reduction nr_topics asks for. */
    TopicReduction.Regrouped reduce(TopicModel model, List<String> documents) {
        int[] groups = options.nrTopicsAuto() ? TopicReduction.automatic(model.data())
                : TopicReduction.toCount(model.data(), options.nrTopics());
        return TopicReduction.regroupMapped(model, documents, groups);
    }

    static DenseMatrix dense(Matrix e, String what) {
        if (!(e instanceof DenseMatrix d)) {
            throw new IllegalArgumentException(what + " needs dense embeddings (it compares them with embedded seed words "
                    + "or labels); these are sparse");
        }
        return d;
    }

    private static void check(List<String> documents, Matrix embeddings, int[] partialLabels) {
        if (embeddings == null) {
            throw new NullPointerException("embeddings");
        }
        if (embeddings.rows() != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + embeddings.rows()
                    + " embedding rows; give one row per document, in the same order");
        }
        if (embeddings.cols() == 0) {
            throw new IllegalArgumentException("the embeddings have 0 columns; give at least one dimension per document");
        }
        if (!embeddings.isFinite()) {
            throw new IllegalArgumentException("the embeddings contain NaN or infinite values");
        }
        if (partialLabels != null && partialLabels.length != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + partialLabels.length + " partial labels");
        }
    }

    /** The topic of each cluster; a cluster that holds no training document maps to -1. */
    private static int[] clusterToTopic(Clusterer.Clustering clustering, TopicRepresenter.Represented r) {
        int[] groups = TopicRepresenter.groups(clustering.labels());
        int[] map = new int[clustering.model().clusters()];
        for (int c = 0; c < map.length; c++) {
            int g = Arrays.binarySearch(groups, c);
            map[c] = g < 0 ? -1 : r.groupToTopic()[g];
        }
        return map;
    }

    /** The clusterer's soft membership, columns merged into topics. */
    private static DenseMatrix membership(Clusterer.Clustering clustering, int[] clusterToTopic, TopicWords words) {
        DenseMatrix m = clustering.model().trainingMembership().orElseThrow(() -> new TopicJException("calculateProbabilities "
                + "needs a clusterer with soft membership, such as HDBSCAN; " + clustering.model().type() + " has none"));
        int topics = words.size() - (words.hasOutlierTopic() ? 1 : 0);
        float[] out = new float[m.rows() * topics]; // at most the clusterer's n x clusters, which it could hold
        for (int i = 0; i < m.rows(); i++) {
            for (int c = 0; c < m.cols(); c++) {
                if (clusterToTopic[c] >= 0) {
                    out[i * topics + clusterToTopic[c]] += m.get(i, c);
                }
            }
        }
        return DenseMatrix.wrap(m.rows(), topics, out);
    }
}
