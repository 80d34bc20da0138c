package org.topicj.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.topicj.embed.Embedder;
import org.topicj.eval.ClusteringMetrics;
import org.topicj.model2vec.DistillOptions;
import org.topicj.model2vec.Model2Vec;
import org.topicj.model2vec.Model2VecEmbedder;
import org.topicj.model2vec.StaticModel;
import org.topicj.registry.Embedders;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/**
 * The three Model2Vec figures of issue #20, side by side in one process on the 5,000 debian5k
 * descriptions: docs/s of all-MiniLM-L6-v2 distilled into a static model (model2vec defaults:
 * PCA 256, SIF 1e-4, float16) against all-MiniLM-L6-v2 itself; topics, outliers and NMI against
 * the package section with each; and seconds from raw text to topics with each.
 *
 * <p>Arguments: {@code [FOLDER [REPEATS]]}: the distilled model is saved to (or, if it is there,
 * loaded from) FOLDER (default {@code target/minilm-static}); REPEATS (default 3) for the timings.
 */
public final class Model2VecBenchmark {
    private Model2VecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/minilm-static");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Corpus.Labelled corpus = Corpus.debianLabelled();
        List<String> docs = corpus.texts();
        List<String> sections = corpus.sections();
        StaticModel model = distilledModel(folder);
        try (Embedder fast = Model2VecEmbedder.of(model); Embedder minilm = Embedders.open("all-MiniLM-L6-v2")) {
            fast.embed(docs.subList(0, 200));
            minilm.embed(docs.subList(0, 200));
            for (int r = 0; r < repeats; r++) {
                double s = docsPerSecond(fast, docs);
                double m = r < 2 ? docsPerSecond(minilm, docs) : Double.NaN;
                System.out.printf("throughput run %d: static %.0f docs/s, all-MiniLM-L6-v2 %.1f docs/s, ratio %.0fx%n",
                        r + 1, s, m, s / m);
            }
            for (int r = 0; r < Math.min(2, repeats); r++) {
                topics("static (distilled all-MiniLM-L6-v2)", fast, docs, sections);
                topics("all-MiniLM-L6-v2", minilm, docs, sections);
            }
        }
    }

    private static StaticModel distilledModel(Path folder) {
        if (Files.isRegularFile(folder.resolve("config.json"))) {
            System.out.println("loading the distilled model from " + folder);
            return StaticModel.load(folder);
        }
        long t0 = System.nanoTime();
        StaticModel model;
        try (Embedder teacher = Embedders.open("all-MiniLM-L6-v2")) {
            model = Model2Vec.distill(teacher, DistillOptions.defaults());
        }
        System.out.printf("distilled all-MiniLM-L6-v2: %d tokens x %d dimensions in %.1f s%n", model.rows(), model.dimension(),
                (System.nanoTime() - t0) / 1e9);
        model.save(folder);
        return model;
    }

    private static double docsPerSecond(Embedder e, List<String> docs) {
        long t0 = System.nanoTime();
        e.embed(docs);
        return docs.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Raw text to topics, timed, and the topics' agreement with the package sections. */
    private static void topics(String name, Embedder e, List<String> docs, List<String> sections) {
        long t0 = System.nanoTime();
        try (TopicModel m = TopicModeler.builder().embedder(e).seed(42).build().fit(docs)) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            int[] topics = m.documentInfo().stream().mapToInt(Assignment::topic).toArray();
            Map<String, Integer> ids = new HashMap<>();
            int[] labels = sections.stream().mapToInt(s -> ids.computeIfAbsent(s, k -> ids.size())).toArray();
            long outliers = java.util.Arrays.stream(topics).filter(t -> t < 0).count();
            System.out.printf("%-40s %5.1f s text to topics, %3d topics, %4.1f%% outliers, NMI %.3f%n", name, seconds,
                    m.topicCount(), 100.0 * outliers / topics.length, ClusteringMetrics.normalizedMutualInformation(topics, labels));
        }
    }
}
