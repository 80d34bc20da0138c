package org.topicj.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/**
 * Topic quality on the 5,000 shared Debian descriptions with sklearn pipelines as the embedding, next to
 * all-MiniLM-L6-v2 (the shared precomputed vectors): topics, outliers and NMI against package sections.
 */
public final class SklearnTopicQuality {
    private SklearnTopicQuality() {
    }

    public static void main(String[] args) throws Exception {
        Corpus.Labelled corpus = Corpus.debianLabelled();
        List<String> docs = corpus.texts();
        List<String> sections = corpus.sections();
        DenseMatrix minilm = Npy.readMatrix(Corpus.reference().resolve("debian5k/minilm.npy"));
        report("all-MiniLM-L6-v2 (precomputed)", TopicModeler.builder().seed(42).build().fit(docs, minilm), sections);
        for (String key : args.length > 0 ? args : new String[] {"sklearn:tfidf+svd(100)", "sklearn:tfidf(min_df=2,stop_words=english)+svd(100)"}) {
            long t0 = System.nanoTime();
            try (Embedder e = Embedders.open(key)) {
                TopicModel m = TopicModeler.builder().embedder(e).seed(42).build().fit(docs);
                System.out.printf("  (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
                report(key, m, sections);
            }
        }
    }

    private static void report(String name, TopicModel m, List<String> sections) {
        int[] topics = m.documentInfo().stream().mapToInt(Assignment::topic).toArray();
        Map<String, Integer> ids = new HashMap<>();
        int[] labels = sections.stream().mapToInt(s -> ids.computeIfAbsent(s, k -> ids.size())).toArray();
        long outliers = java.util.Arrays.stream(topics).filter(t -> t < 0).count();
        System.out.printf("%-55s %3d topics, %4.1f%% outliers, NMI %.3f%n", name, m.topicCount(), 100.0 * outliers / topics.length,
                org.topicj.eval.ClusteringMetrics.normalizedMutualInformation(topics, labels));
    }
}
