package org.topicj.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TopicJ against its Python peers, in the same sitting on the same input files: each row runs TopicJ
 * in a fresh JVM ({@link TopicjTask}) and then the peer in a fresh Python process ({@link Peers}), one
 * after the other, never at once, and reports both figures, their ratio, the ranges over the repeats
 * and each process's peak memory. A peer that is not installed is reported as "not run (why)".
 */
final class PeerSuite {
    /** What a row compares. */
    enum Figure { SECONDS, DOCS_PER_S, WHOLE_PROCESS }

    /** One line of the table. */
    record Row(String what, String peer, Figure figure, Measurement topicj, Measurement peerResult, int n) {
    }

    /**
     * Sizes and repeats.
     *
     * @param quick small sizes, to check the harness end to end
     * @param repeats timed repeats per process (after the warm-up)
     * @param timeout how long one process may run
     * @param only the groups to run (embed, fit, umap, hdbscan, raw), empty for all
     */
    record Config(boolean quick, int repeats, Duration timeout, Set<String> only, List<Integer> fitSizes) {
        int embedDocs() {
            return quick ? 500 : 5000;
        }

        int umapRows() {
            return quick ? 1000 : 5000;
        }

        int blobRows() {
            return quick ? 5000 : 100_000;
        }

        int rawDocs() {
            return quick ? 500 : 5000;
        }

        boolean runs(String group) {
            return only.isEmpty() || only.contains(group);
        }
    }

    private final Config config;
    private final PeerInputs inputs;
    private final Peers peers;
    private final Path logs;
    private final PrintStream progress;
    private final List<String> common;

    PeerSuite(Config config, Path work, PrintStream progress) {
        this.config = config;
        this.inputs = new PeerInputs(work);
        this.logs = work;
        this.peers = Peers.find(config.timeout(), work);
        this.progress = progress;
        this.common = List.of("--repeats", String.valueOf(config.repeats()), "--warmup-rows", "5000");
    }

    Peers peers() {
        return peers;
    }

    /** @return every row, in the order run */
    List<Row> run() {
        List<Row> rows = new ArrayList<>();
        if (config.runs("embed")) {
            embedding(rows);
        }
        if (config.runs("fit")) {
            for (int i = 0; i < config.fitSizes().size(); i++) {
                int n = config.fitSizes().get(i);
                rows.add(fit(n, i == 0 && n <= 5000));
            }
        }
        if (config.runs("umap")) {
            rows.add(umap(true));
            rows.add(umap(false));
        }
        if (config.runs("hdbscan")) {
            rows.add(hdbscan("debian5k's 5-d UMAP output", inputs.umap5d(config.umapRows()), config.umapRows()));
            rows.add(hdbscan("50 Gaussian blobs, 5-d", inputs.blobs(config.blobRows()), config.blobRows()));
        }
        if (config.runs("raw")) {
            rows.add(raw());
        }
        return rows;
    }

    private void embedding(List<Row> rows) {
        int n = config.embedDocs();
        String docs = inputs.docs(n).toString();
        String reference = Corpus.reference().resolve("debian5k/minilm.npy").toString();
        List<String> io = List.of("--docs", docs, "--reference", reference, "--batch", "32", "--max-len", "256");
        Path[] fp32 = inputs.bundledModel("all-minilm-l6-v2");
        Measurement tj = topicj("embed", io, "--model", "all-MiniLM-L6-v2");
        Measurement ort = peer("embed-ort", io, "--onnx", fp32[0].toString(), "--tokenizer", fp32[1].toString());
        Measurement st = peer("embed-st", io);
        String what = "embed " + n + " debian5k texts, all-MiniLM-L6-v2 fp32, 256 tokens, batch 32";
        addEmbedding(rows, what, "ONNX Runtime + tokenizers (Python), same .onnx", tj, ort, n);
        addEmbedding(rows, what, "sentence-transformers on torch", tj, st, n);
        Path[] int8 = inputs.bundledModel("all-minilm-l6-v2-q");
        Measurement tjq = topicj("embed", io, "--model", "all-MiniLM-L6-v2-q");
        Measurement ortq = peer("embed-ort", io, "--onnx", int8[0].toString(), "--tokenizer", int8[1].toString());
        addEmbedding(rows, "embed " + n + " debian5k texts, all-MiniLM-L6-v2-q int8, 256 tokens, batch 32",
                "ONNX Runtime + tokenizers (Python), same int8 .onnx", tjq, ortq, n);
    }

    private static void addEmbedding(List<Row> rows, String what, String peer, Measurement tj, Measurement p, int n) {
        rows.add(new Row(what + ": whole process (start, model load, first pass)", peer, Figure.WHOLE_PROCESS, tj, p, n));
        rows.add(new Row(what + ": steady state", peer, Figure.DOCS_PER_S, tj, p, n));
    }

    private Row fit(int n, boolean real) {
        String embeddings = (real ? inputs.realEmbeddings(n) : inputs.syntheticEmbeddings(n)).toString();
        List<String> io = List.of("--docs", inputs.docs(n).toString(), "--embeddings", embeddings, "--seed", "42");
        String what = "fit from embeddings, " + n + " docs (" + (real ? "debian5k all-MiniLM-L6-v2" : "synthetic 384-d mixture")
                + "), seed 42";
        return new Row(what, "BERTopic fit_transform", Figure.SECONDS, topicj("fit", io), peer("bertopic-fit", io), n);
    }

    private Row umap(boolean seeded) {
        int n = config.umapRows();
        List<String> io = new ArrayList<>(List.of("--input", inputs.realEmbeddings(n).toString()));
        if (seeded) {
            io.addAll(List.of("--seed", "42"));
        }
        String what = "UMAP " + n + " x 384 -> 5 (cosine, 15 neighbours, min_dist 0), " + (seeded ? "seed 42" : "unseeded");
        return new Row(what, "umap-learn", Figure.SECONDS, topicj("umap", io), peer("umap", io), n);
    }

    private Row hdbscan(String data, Path input, int n) {
        List<String> io = List.of("--input", input.toString(), "--min-cluster-size", "10");
        String what = "HDBSCAN " + n + " x 5 (" + data + "), min_cluster_size 10";
        return new Row(what, "hdbscan", Figure.SECONDS, topicj("hdbscan", io), peer("hdbscan", io), n);
    }

    private Row raw() {
        int n = config.rawDocs();
        List<String> io = List.of("--docs", inputs.docs(n).toString(), "--seed", "42", "--batch", "32");
        String what = "raw text to topics, " + n + " debian5k docs (all-MiniLM-L6-v2), seed 42";
        return new Row(what, "BERTopic + sentence-transformers", Figure.SECONDS, topicj("raw", io), peer("bertopic-raw", io), n);
    }

    private Measurement topicj(String task, List<String> io, String... more) {
        List<String> args = with(io, more);
        progress.printf("  TopicJ %s %s ...%n", task, brief(args));
        Measurement m = TopicjTask.run(task, args, config.timeout(), logs.resolve("topicj-" + task + "-" + System.nanoTime()));
        progress.println("    " + Report.summary(m));
        return m;
    }

    private Measurement peer(String task, List<String> io, String... more) {
        List<String> args = with(io, more);
        progress.printf("  peer %s %s ...%n", task, brief(args));
        Measurement m = peers.run(task, args);
        progress.println("    " + Report.summary(m));
        return m;
    }

    private List<String> with(List<String> io, String... more) {
        List<String> args = new ArrayList<>(io);
        args.addAll(List.of(more));
        args.addAll(common);
        return args;
    }

    private static String brief(List<String> args) {
        return String.join(" ", args).replaceAll("/[^ ]*/", "");
    }
}
