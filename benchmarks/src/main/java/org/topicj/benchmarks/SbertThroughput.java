package org.topicj.benchmarks;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;

/**
 * Throughput of TopicJ's all-MiniLM-L6-v2 (backend-sbert) against langchain4j's
 * AllMiniLmL6V2EmbeddingModel on the same texts, same ONNX Runtime, same process, alternating
 * rounds after a warm-up. Prints documents per second for each and the ratio of medians.
 *
 * <p>Arguments: [documents (default 5000)] [rounds (default 3)] [batch size (default 32)].
 */
public final class SbertThroughput {
    private SbertThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String batch = args.length > 2 ? args[2] : "32";
        List<String> texts = Corpus.debianTexts().subList(0, docs);
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        System.out.printf("texts: %d Debian package descriptions, %d rounds, %d cores%n", docs, rounds,
                Runtime.getRuntime().availableProcessors());
        AllMiniLmL6V2EmbeddingModel baseline = new AllMiniLmL6V2EmbeddingModel();
        try (Embedder topicj = Embedders.open("all-MiniLM-L6-v2", java.util.Map.of("batch_size", batch))) {
            List<String> warm = texts.subList(0, Math.min(200, docs));
            topicj.embed(warm);
            baseline.embedAll(warm.stream().map(TextSegment::from).toList());
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                topicj.embed(texts);
                double a = docs / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                baseline.embedAll(segments);
                double b = docs / ((System.nanoTime() - t0) / 1e9);
                ours.add(a);
                theirs.add(b);
                System.out.printf("round %d: topicj %.1f docs/s, langchain4j %.1f docs/s%n", r + 1, a, b);
            }
            double mo = median(ours);
            double mt = median(theirs);
            System.out.printf("median: topicj %.1f docs/s, langchain4j %.1f docs/s, ratio %.2fx%n", mo, mt, mo / mt);
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
