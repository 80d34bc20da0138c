package org.topicj.topics;

import java.util.List;
import org.topicj.pipeline.Clusterer;
import org.topicj.pipeline.HdbscanClusterer;
import org.topicj.pipeline.Reducer;
import org.topicj.pipeline.UmapReducer;
import org.topicj.progress.ProgressListener;

/**
 * What {@link StageFit} needs from a {@link TopicModeler}'s options: the stages (null for BERTopic's
 * defaults), guidance, zero-shot topics and the number of topics to reduce to.
 *
 * @param reducer the reduction, or null for UMAP with BERTopic's settings
 * @param clusterer the clustering, or null for HDBSCAN with min cluster size = minTopicSize
 * @param minTopicSize HDBSCAN's min cluster size by default
 * @param calculateProbabilities whether to keep the soft membership
 * @param seed the seed, or null
 * @param progress told about each stage
 * @param seedTopics guided topic modelling's seed topics, or null
 * @param zeroShotTopics zero-shot topics' labels, or null
 * @param zeroShotMinSimilarity a document's least similarity to a zero-shot label to join it
 * @param nrTopics how many topics to reduce to after the fit (outliers counted), or null
 * @param nrTopicsAuto whether to reduce automatically after the fit
 */
record FitOptions(Reducer reducer, Clusterer clusterer, int minTopicSize, boolean calculateProbabilities, Long seed,
                  ProgressListener progress, List<List<String>> seedTopics, List<String> zeroShotTopics, double zeroShotMinSimilarity,
                  Integer nrTopics, boolean nrTopicsAuto) {

    Reducer reducerOrDefault() {
        return reducer != null ? reducer : UmapReducer.bertopicDefaults(seed);
    }

    Clusterer clustererOrDefault() {
        return clusterer != null ? clusterer : HdbscanClusterer.bertopicDefaults(minTopicSize);
    }

    boolean reduces() {
        return nrTopics != null || nrTopicsAuto;
    }
}
