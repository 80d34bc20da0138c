package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.topicj.embed.Embedder;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.hdbscan.HdbscanModel;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.registry.Embedders;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;
import org.topicj.umap.Umap;
import org.topicj.umap.UmapMetric;

/**
 * TopicJ's side of the peer benchmarks, one task a JVM, mirroring {@code benchmarks/peers/peers.py}
 * task for task with the same settings and the same JSON line, so the two are measured alike:
 * {@code embed}, {@code fit} (from embeddings), {@code raw} (text to topics), {@code umap},
 * {@code hdbscan}. Options: {@code --docs F.jsonl --embeddings F.npy --input F.npy --model ID
 * --reference F.npy --seed N --repeats N --warmup-rows N --batch N --min-cluster-size N}.
 */
public final class TopicjTask {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicjTask() {
    }

    /**
     * Runs a task in a fresh JVM with this one's options and classpath.
     *
     * @param task the task
     * @param args its options
     * @param timeout how long it may run
     * @param log where its output goes
     * @return its result
     */
    static Measurement run(String task, List<String> args, Duration timeout, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> !a.startsWith("-agentlib")).forEach(command::add);
        command.addAll(List.of(TopicjTask.class.getName(), task));
        command.addAll(args);
        // The classpath goes in the environment: on the command line its 300-odd jars make a /proc/self/cmdline
        // that native code in the embedding stack reads onto the main thread's stack, overflowing it (SIGSEGV).
        return ChildProcess.run(command, Map.of("CLASSPATH", System.getProperty("java.class.path")), timeout, log);
    }

    public static void main(String[] argv) throws IOException {
        MemoryPeaks memory = MemoryPeaks.start();
        Options o = Options.parse(argv);
        ObjectNode out;
        try {
            out = switch (argv[0]) {
                case "embed" -> embed(o);
                case "fit" -> fit(o);
                case "raw" -> raw(o);
                case "umap" -> umap(o);
                case "hdbscan" -> hdbscan(o);
                default -> throw new IllegalArgumentException("unknown task " + argv[0]);
            };
            out.put("ok", true).put("task", argv[0]);
        } catch (RuntimeException e) {
            e.printStackTrace();
            out = JSON.createObjectNode().put("ok", false).put("task", argv[0]).put("error", e.toString());
        }
        out.put("peak_heap_mib", memory.peakHeapMib()).put("peak_live_heap_mib", memory.peakLiveHeapMib())
                .put("peak_rss_mib", MemoryPeaks.peakRssMib());
        System.out.println(JSON.writeValueAsString(out));
        System.exit(out.path("ok").asBoolean() ? 0 : 1);
    }

    private static ObjectNode embed(Options o) {
        List<String> texts = o.docs();
        try (Embedder e = Embedders.open(o.get("model", Embedders.DEFAULT_KEY), Map.of("batch_size", o.get("batch", "32")))) {
            DenseMatrix vectors = e.embed(texts).toDense();
            double whole = Duration.between(ProcessHandle.current().info().startInstant().orElseThrow(), Instant.now()).toNanos() / 1e9;
            List<Double> seconds = repeat(o.repeats(), () -> e.embed(texts));
            ObjectNode out = timings(texts.size(), seconds);
            out.putPOJO("docs_per_s", seconds.stream().map(s -> texts.size() / s).toList());
            out.put("whole_process_seconds", whole).put("whole_process_docs_per_s", texts.size() / whole);
            if (o.has("reference")) {
                out.putObject("result").put("min_cos_vs_reference", minCosine(vectors, Npy.readMatrix(o.path("reference"))));
            }
            return out;
        }
    }

    private static ObjectNode fit(Options o) {
        List<String> docs = o.docs();
        DenseMatrix e = Npy.readMatrix(o.path("embeddings"));
        int w = o.warmupRows(docs.size());
        double warm = seconds(() -> modeler(o).build().fit(docs.subList(0, w), e.rowRange(0, w)));
        TopicModel[] last = new TopicModel[1];
        List<Double> seconds = repeat(o.repeats(), () -> last[0] = modeler(o).build().fit(docs, e));
        return topics(timings(docs.size(), seconds).put("warmup_seconds", warm).put("warmup_rows", w), last[0], docs.size());
    }

    private static ObjectNode raw(Options o) {
        List<String> docs = o.docs();
        int w = o.warmupRows(docs.size());
        try (Embedder e = Embedders.open(Embedders.DEFAULT_KEY, Map.of("batch_size", o.get("batch", "32")))) {
            // Warm-up as the peer does: the clustering at this size on random unit vectors, the model on a few texts.
            double warm = seconds(() -> {
                modeler(o).build().fit(docs.subList(0, w), randomUnitRows(w, 384, 0));
                return e.embed(docs.subList(0, Math.min(64, docs.size())));
            });
            TopicModel[] last = new TopicModel[1];
            List<Double> seconds = repeat(o.repeats(), () -> last[0] = modeler(o).embedder(e).build().fit(docs));
            return topics(timings(docs.size(), seconds).put("warmup_seconds", warm).put("warmup_rows", w), last[0], docs.size());
        }
    }

    private static ObjectNode umap(Options o) {
        DenseMatrix x = Npy.readMatrix(o.path("input"));
        int w = o.warmupRows(x.rows());
        Umap.Builder b = Umap.builder().components(5).minDist(0.0).neighbours(15).metric(UmapMetric.COSINE);
        if (o.has("seed")) {
            b.seed(Long.parseLong(o.get("seed", "")));
        }
        Umap umap = b.build();
        double warm = seconds(() -> umap.fit(x.rowRange(0, w)));
        return timings(x.rows(), repeat(o.repeats(), () -> umap.fit(x))).put("warmup_seconds", warm).put("warmup_rows", w);
    }

    private static ObjectNode hdbscan(Options o) {
        DenseMatrix x = Npy.readMatrix(o.path("input"));
        int w = o.warmupRows(x.rows());
        Hdbscan h = Hdbscan.builder().minClusterSize(Integer.parseInt(o.get("min-cluster-size", "10"))).build();
        double warm = seconds(() -> h.fit(x.rowRange(0, w)));
        HdbscanModel[] last = new HdbscanModel[1];
        ObjectNode out = timings(x.rows(), repeat(o.repeats(), () -> last[0] = h.fit(x))).put("warmup_seconds", warm).put("warmup_rows", w);
        out.putObject("result").put("clusters", last[0].clusterCount()).put("noise", last[0].noiseCount());
        return out;
    }

    /** BERTopic's defaults, as the peers use them; the seed (UMAP's) if given. */
    private static TopicModeler.Builder modeler(Options o) {
        TopicModeler.Builder b = TopicModeler.builder();
        return o.has("seed") ? b.seed(Long.parseLong(o.get("seed", ""))) : b;
    }

    private static ObjectNode topics(ObjectNode out, TopicModel m, int n) {
        out.putObject("result").put("topics", m.topicCount()).put("outliers", m.topicSizes().getOrDefault(-1, 0) / (double) n);
        return out;
    }

    private static ObjectNode timings(int n, List<Double> seconds) {
        ObjectNode out = JSON.createObjectNode().put("n", n);
        out.putPOJO("seconds", seconds);
        return out;
    }

    private static double seconds(Supplier<?> work) {
        long t0 = System.nanoTime();
        work.get();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static List<Double> repeat(int times, Supplier<?> work) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(seconds(work));
        }
        return out;
    }

    /** @return n seeded random unit vectors in d dimensions */
    static DenseMatrix randomUnitRows(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) rnd.nextGaussian();
                norm += v[i * d + j] * v[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                v[i * d + j] /= (float) Math.sqrt(norm);
            }
        }
        return DenseMatrix.wrap(n, d, v);
    }

    private static double minCosine(DenseMatrix a, DenseMatrix ref) {
        double worst = 1;
        for (int i = 0; i < a.rows(); i++) {
            float[] x = a.row(i);
            float[] y = ref.row(i);
            double dot = 0;
            double nx = 0;
            double ny = 0;
            for (int j = 0; j < x.length; j++) {
                dot += x[j] * y[j];
                nx += x[j] * x[j];
                ny += y[j] * y[j];
            }
            worst = Math.min(worst, dot / (Math.sqrt(nx * ny) + 1e-12));
        }
        return worst;
    }

    /** {@code --name value} pairs after the task. */
    private record Options(Map<String, String> values) {
        static Options parse(String[] argv) {
            Map<String, String> m = new HashMap<>();
            for (int i = 1; i + 1 < argv.length; i += 2) {
                if (!argv[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + argv[i]);
                }
                m.put(argv[i].substring(2), argv[i + 1]);
            }
            return new Options(m);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        Path path(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return Path.of(v);
        }

        int repeats() {
            return Integer.parseInt(get("repeats", "3"));
        }

        int warmupRows(int n) {
            int w = Integer.parseInt(get("warmup-rows", "5000"));
            return w < 0 ? n : Math.min(n, w);
        }

        List<String> docs() {
            try {
                List<String> out = new ArrayList<>();
                for (String line : Files.readAllLines(path("docs"))) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line).get("text").asText());
                    }
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path("docs") + ": " + e.getMessage(), e);
            }
        }
    }
}
