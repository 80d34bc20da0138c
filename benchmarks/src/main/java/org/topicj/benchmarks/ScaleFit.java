package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.Npy;
import org.topicj.registry.Embedders;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/**
 * Fits from precomputed embeddings at growing sizes on a real corpus of short texts (the package
 * summaries of the tool library's {@code pypi.tsv} and {@code npm.tsv}), with BERTopic as the peer
 * on the smaller sizes in the same run:
 *
 * <pre>
 * benchmarks/run ScaleFit --input pypi.tsv,npm.tsv --embeddings /tmp/scale.npy \
 *     [--docs 100000,300000,890000] [--embedder model2vec:distill(all-MiniLM-L6-v2)] \
 *     [--probabilities true] [--transform 100000] [--peer-docs 100000,300000] [--peer-timeout-min 40]
 * </pre>
 *
 * <p>The embeddings file is written on the first run (one row per distinct summary, in the seeded
 * shuffle's order; a {@code .json} beside it records the texts' fingerprint and the embedder) and
 * reused afterwards. Each fit prints its time per stage (from the progress listener: neighbours,
 * layout, HDBSCAN, topic words, probabilities), the JVM's peak heap and the process's peak RSS, the
 * topics and outliers; then the model assigns {@code --transform} documents it was not fitted on
 * (or, at the largest size, the first ones) from their embeddings, in docs/s.
 */
public final class ScaleFit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleFit() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        List<Path> inputs = Arrays.stream(required(a, "input").split(",")).map(Path::of).toList();
        Path embeddingsFile = Path.of(required(a, "embeddings"));
        List<String> texts = ScaleCorpus.read(inputs, 42);
        System.out.printf("%,d distinct summaries from %s%n", texts.size(), inputs);
        DenseMatrix all = embeddings(texts, embeddingsFile, a.getOrDefault("embedder", "model2vec:distill(all-MiniLM-L6-v2)"));
        boolean probabilities = Boolean.parseBoolean(a.getOrDefault("probabilities", "true"));
        int transformDocs = Integer.parseInt(a.getOrDefault("transform", "100000"));
        List<Integer> peerSizes = sizes(a.getOrDefault("peer-docs", "100000,300000"), texts.size());
        Peers peers = Peers.find(Duration.ofMinutes(Long.parseLong(a.getOrDefault("peer-timeout-min", "40"))),
                Files.createTempDirectory("topicj-scale-peer"));
        System.out.println("peers' python: " + peers.describe());
        for (int n : sizes(a.getOrDefault("docs", "100000,300000,890000"), texts.size())) {
            fit(texts, all, n, probabilities, transformDocs);
            if (peerSizes.contains(n)) {
                peer(peers, texts, all, n, probabilities);
            }
        }
    }

    private static void fit(List<String> texts, DenseMatrix all, int n, boolean probabilities, int transformDocs) {
        System.gc();
        MemoryPeaks memory = MemoryPeaks.start();
        StageClock clock = new StageClock();
        TopicModeler modeler = TopicModeler.builder().seed(42).calculateProbabilities(probabilities).progress(clock).build();
        long start = System.nanoTime();
        try (TopicModel model = modeler.fit(texts.subList(0, n), all.rowRange(0, n))) {
            long end = System.nanoTime();
            double seconds = (end - start) / 1e9;
            long outliers = model.documentInfo().stream().filter(d -> d.topic() == -1).count();
            System.out.printf("TopicJ fit %,d docs: %.1f s (%s); %d topics, %.1f%% outliers; probabilities %s; "
                            + "peak heap %,.0f MiB (live %,.0f), peak RSS %,.0f MiB%n",
                    n, seconds, clock.stages(end), model.topicCount(), 100.0 * outliers / n,
                    model.probabilities().map(p -> p.rows() + " x " + p.cols()).orElse("none"),
                    memory.peakHeapMib(), memory.peakLiveHeapMib(), MemoryPeaks.peakRssMib());
            transform(model, texts, all, n, transformDocs);
        }
    }

    private static void transform(TopicModel model, List<String> texts, DenseMatrix all, int n, int count) {
        int from = n + count <= texts.size() ? n : 0;
        String which = from == n ? "new documents" : "of its own documents (no unseen ones left)";
        int to = Math.min(texts.size(), from + count);
        long start = System.nanoTime();
        List<Assignment> out = model.transform(texts.subList(from, to), all.rowRange(from, to));
        double seconds = (System.nanoTime() - start) / 1e9;
        long outliers = out.stream().filter(x -> x.topic() == -1).count();
        System.out.printf("TopicJ transform %,d %s: %.1f s, %,.0f docs/s, %.1f%% outliers%n", to - from, which, seconds,
                (to - from) / seconds, 100.0 * outliers / (to - from));
    }

    private static void peer(Peers peers, List<String> texts, DenseMatrix all, int n, boolean probabilities) throws Exception {
        Path dir = Files.createTempDirectory("topicj-scale-" + n);
        Path docs = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>(n);
        for (String t : texts.subList(0, n)) {
            lines.add(JSON.createObjectNode().put("text", t).toString());
        }
        Files.write(docs, lines, StandardCharsets.UTF_8);
        Path npy = dir.resolve("embeddings.npy");
        Npy.write(npy, all.rowRange(0, n));
        List<String> args = new ArrayList<>(List.of("--docs", docs.toString(), "--embeddings", npy.toString(), "--seed", "42",
                "--repeats", "1", "--warmup-rows", "2000"));
        if (probabilities) {
            args.add("--probabilities");
        }
        Measurement m = peers.run("bertopic-fit", args);
        if (m.notRun() != null) {
            System.out.printf("BERTopic fit %,d docs: not run (%s)%n", n, m.notRun());
        } else {
            System.out.printf("BERTopic fit %,d docs: %.1f s; %s; peak RSS %,.0f MiB%n", n, Measurement.median(m.seconds()),
                    m.result(), m.peakRssMib());
        }
        for (Path f : List.of(docs, npy, dir)) {
            Files.deleteIfExists(f);
        }
    }

    /** The embeddings of every text: read from the file when it was made from these texts, else computed and written. */
    private static DenseMatrix embeddings(List<String> texts, Path file, String key) throws Exception {
        Path meta = file.resolveSibling(file.getFileName() + ".json");
        String fingerprint = ScaleCorpus.fingerprint(texts);
        if (Files.isRegularFile(file) && Files.isRegularFile(meta)) {
            var recorded = JSON.readTree(meta.toFile());
            if (!fingerprint.equals(recorded.path("texts_sha256").asText())) {
                throw new IllegalArgumentException(file + " was made from other texts (" + meta + " records "
                        + recorded.path("texts_sha256").asText() + ", these are " + fingerprint + "); delete both to recompute");
            }
            DenseMatrix m = Npy.readMatrix(file);
            System.out.printf("embeddings: %s (%s, %d x %d)%n", file, recorded.path("embedder").asText(), m.rows(), m.cols());
            return m;
        }
        long start = System.nanoTime();
        DenseMatrix m;
        try (Embedder e = Embedders.registry().open(key, Map.of())) {
            Matrix out = e.embed(texts);
            m = out.toDense();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("embedded %,d texts with %s in %.1f s (%,.0f docs/s, load included); writing %s%n", texts.size(), key,
                seconds, texts.size() / seconds, file);
        Npy.write(file, m);
        ObjectNode j = JSON.createObjectNode().put("texts_sha256", fingerprint).put("embedder", key).put("rows", m.rows());
        Files.writeString(meta, j.toPrettyString());
        return m;
    }

    private static List<Integer> sizes(String list, int available) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                out.add(Math.min(available, Integer.parseInt(s.strip().replace("_", ""))));
            }
        }
        return out;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "' (see ScaleFit's javadoc)");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required (see ScaleFit's javadoc)");
        }
        return v;
    }
}
