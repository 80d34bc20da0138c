package org.topicj.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topicj.embed.Embedder;
import org.topicj.eval.ClusteringMetrics;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.registry.Embedders;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/**
 * all-MiniLM-L6-v2 in fp32 against {@code precision=int8} (TopicJ's own quantisation on load) and
 * against the int8 export langchain4j ships ({@code all-MiniLM-L6-v2-q}), same process, same texts,
 * rounds alternating after a warm-up: documents per second (median and range), cosine to fp32
 * (mean and minimum), and topics fitted from each set of vectors with seed 42: topic count,
 * outliers and NMI against the package sections of debian5k.
 *
 * <p>Arguments: {@code [DOCS (default 5000) [ROUNDS (default 3) [BATCH (default 32)]]]}.
 */
public final class PrecisionRun {
    private PrecisionRun() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String batch = args.length > 2 ? args[2] : "32";
        Corpus.Labelled corpus = Corpus.debianLabelled();
        List<String> texts = corpus.texts().subList(0, docs);
        System.out.printf("texts: %d Debian package descriptions, %d rounds, batch %s, %d cores%n", docs, rounds, batch,
                Runtime.getRuntime().availableProcessors());
        Map<String, Embedder> variants = new LinkedHashMap<>();
        variants.put("fp32", Embedders.open("all-MiniLM-L6-v2", Map.of("batch_size", batch)));
        variants.put("int8 (precision=int8)", Embedders.open("all-MiniLM-L6-v2", Map.of("batch_size", batch, "precision", "int8")));
        variants.put("int8 export (-q)", Embedders.open("all-MiniLM-L6-v2-q", Map.of("batch_size", batch)));
        try {
            Map<String, List<Double>> speed = new LinkedHashMap<>();
            Map<String, DenseMatrix> vectors = new HashMap<>();
            variants.forEach((name, e) -> {
                e.embed(texts.subList(0, Math.min(200, docs)));
                speed.put(name, new ArrayList<>());
            });
            for (int r = 0; r < rounds; r++) {
                StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
                for (Map.Entry<String, Embedder> v : variants.entrySet()) {
                    long t0 = System.nanoTime();
                    DenseMatrix m = v.getValue().embed(texts).toDense();
                    double rate = docs / ((System.nanoTime() - t0) / 1e9);
                    speed.get(v.getKey()).add(rate);
                    vectors.put(v.getKey(), m);
                    line.append(String.format("  %s %.1f docs/s", v.getKey(), rate));
                }
                System.out.println(line);
            }
            double base = median(speed.get("fp32"));
            for (String name : variants.keySet()) {
                List<Double> s = speed.get(name);
                double[] cos = cosines(vectors.get("fp32"), vectors.get(name));
                System.out.printf("%-24s median %.1f docs/s (range %.1f-%.1f), %.2fx fp32; cosine to fp32 mean %.4f, min %.4f%n",
                        name, median(s), min(s), max(s), median(s) / base, Arrays.stream(cos).average().orElse(1),
                        Arrays.stream(cos).min().orElse(1));
            }
            if (docs == corpus.texts().size()) {
                for (String name : variants.keySet()) {
                    topics(name, texts, vectors.get(name), corpus.sections());
                }
            } else {
                System.out.println("topics: skipped (they are fitted on the whole corpus only)");
            }
        } finally {
            variants.values().forEach(Embedder::close);
        }
    }

    private static void topics(String name, List<String> docs, DenseMatrix vectors, List<String> sections) {
        try (TopicModel m = TopicModeler.builder().seed(42).build().fit(docs, vectors)) {
            int[] topics = m.documentInfo().stream().mapToInt(Assignment::topic).toArray();
            Map<String, Integer> ids = new HashMap<>();
            int[] labels = sections.stream().mapToInt(s -> ids.computeIfAbsent(s, k -> ids.size())).toArray();
            long outliers = Arrays.stream(topics).filter(t -> t < 0).count();
            System.out.printf("topics from %-24s %3d topics, %4.1f%% outliers, NMI vs section %.3f%n", name, m.topicCount(),
                    100.0 * outliers / topics.length, ClusteringMetrics.normalizedMutualInformation(topics, labels));
        }
    }

    private static double[] cosines(DenseMatrix a, DenseMatrix b) {
        double[] c = new double[a.rows()];
        for (int i = 0; i < c.length; i++) {
            c[i] = VectorMath.cosine(a.row(i), b.row(i));
        }
        return c;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
