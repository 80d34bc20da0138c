package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/**
 * Bad input for every command, as a table: each case must exit with the expected code, say what is
 * wrong (no stack trace), write nothing, and leave every input as it was.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    private static Path corpus;
    private static Path model;

    /** One bad invocation and what it must do. */
    private record Case(String name, int code, String says, String... args) {
    }

    @BeforeAll
    static void inputs() throws IOException {
        List<String> lines = new ArrayList<>();
        String[][] pools = {{"kernel", "driver", "module", "boot"}, {"font", "glyph", "serif", "bold"}, {"audio", "sound", "codec", "midi"}};
        for (int i = 0; i < 90; i++) {
            lines.add(String.join(" ", pools[i % 3]) + " " + pools[i % 3][i % 4]);
        }
        corpus = Files.write(dir.resolve("corpus.txt"), lines);
        Files.writeString(dir.resolve("small.txt"), "one\ntwo\n");
        Npy.write(dir.resolve("x.npy"), DenseMatrix.wrap(3, 2, new float[] {1, 2, 3, 4, 5, 6}));
        Npy.write(dir.resolve("p.npy"), DenseMatrix.wrap(3, 2, new float[] {1, 2, 3, 4, 5, 6}));
        Npy.write(dir.resolve("zero-columns.npy"), DenseMatrix.wrap(90, 0, new float[0]));
        Files.writeString(dir.resolve("a-file"), "not a folder");
        Files.write(dir.resolve("lying.npy"), lyingHeader());
        CliTest.Result fit = CliTest.run("-q", "fit", "--input", corpus.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--output", dir.resolve("fitted").toString());
        assertEquals(0, fit.code(), fit.err());
        model = dir.resolve("fitted");
        tamper("clusterToTopic99", json -> json.replaceFirst("\"clusterToTopic\" : \\[ [0-9]+", "\"clusterToTopic\" : [ 99"));
        tamper("topicsX", json -> json.replaceFirst("\"topics\" : \\[", "\"topics\" : \"x\", \"ignored\" : ["));
        tamper("remote", json -> json.replace("\"key\" : \"fake:hash\"", "\"key\" : \"openai:text-embedding-3-small\"")
                .replace("\"options\" : { }", "\"options\" : { \"base_url\" : \"http://127.0.0.1:9/v1\" }"));
    }

    private static void tamper(String name, java.util.function.UnaryOperator<String> change) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> walk = Files.walk(model)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(model.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path json = copy.resolve("model/topicj-model.json");
        String before = Files.readString(json);
        String after = change.apply(before);
        assertFalse(before.equals(after), "the tampering of " + name + " changed the file");
        Files.writeString(json, after);
    }

    /** A .npy header claiming 400,000,000 x 5 floats in a file of about 1 KB. */
    private static byte[] lyingHeader() {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (400000000, 5), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        String padded = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + padded.length() + 1000).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded.length());
        b.put(padded.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static List<Case> cases() {
        String c = corpus.toString();
        String m = model.toString();
        String out = dir.resolve("out").toString();
        return List.of(
                new Case("embed onto its input", 2, "would destroy the input", "embed", "--embedder", "fake:hash",
                        "--input", dir.resolve("small.txt").toString(), "--output", dir.resolve("small.txt").toString()),
                new Case("transform onto its input", 2, "would destroy the input", "transform", "--model", m, "--input", c,
                        "--output", c),
                new Case("reduce onto its input", 2, "would destroy the input", "reduce", "--input", dir.resolve("x.npy").toString(),
                        "--output", dir.resolve("x.npy").toString()),
                new Case("cluster onto its input", 2, "would destroy the input", "cluster", "--input", dir.resolve("p.npy").toString(),
                        "--output", dir.resolve("p.npy").toString()),
                new Case("two outputs in one file", 2, "are the same file", "cluster", "--input", dir.resolve("p.npy").toString(),
                        "--membership", dir.resolve("l.npy").toString(), "--output", dir.resolve("l.npy").toString()),
                new Case("fit output over its input", 2, "which --output replaces", "fit", "--embedder", "fake:hash", "--input",
                        model.resolve("documents.jsonl").toString(), "--output", m),
                new Case("an output that cannot be written", 1, "cannot write", "cluster", "--input",
                        dir.resolve("p.npy").toString(), "--min-cluster-size", "2", "--output", dir.resolve("l2.npy").toString(),
                        "--probabilities", dir.resolve("a-file/p.npy").toString()),
                new Case("a lying .npy header", 2, "header is wrong", "reduce", "--input", dir.resolve("lying.npy").toString(),
                        "--output", dir.resolve("r.npy").toString()),
                new Case("a cluster mapped to topic 99", 2, "clusterToTopic", "transform", "--model",
                        dir.resolve("clusterToTopic99").toString(), "--input", c, "--output", dir.resolve("t1.jsonl").toString()),
                new Case("topics that are not a list", 2, "topics", "transform", "--model", dir.resolve("topicsX").toString(),
                        "--input", c, "--output", dir.resolve("t2.jsonl").toString()),
                new Case("a model naming a remote server", 2, "--trust-model-embedder", "transform", "--model",
                        dir.resolve("remote").toString(), "--input", c, "--output", dir.resolve("t3.jsonl").toString()),
                new Case("an unknown embedder key", 2, "no embedding backend", "embed", "--embedder", "nope:x", "--input", c,
                        "--output", dir.resolve("e1.npy").toString()),
                new Case("an unknown model", 2, "does not exist", "embed", "--embedder", "sbert:/no/such/model/folder", "--input", c,
                        "--output", dir.resolve("e2.npy").toString()),
                new Case("a missing model folder", 2, "no saved topic model", "transform", "--model",
                        dir.resolve("no-such-model").toString(), "--input", c, "--output", dir.resolve("t4.jsonl").toString()),
                new Case("embeddings with no columns", 2, "0 columns", "fit", "--input", c, "--embeddings",
                        dir.resolve("zero-columns.npy").toString(), "--output", out),
                new Case("a negative demo sample", 2, "--sample must be at least 1", "demo", "--sample", "-1", "--output", out),
                new Case("a misspelt option", 2, "did you mean --output", "embed", "--input", c, "--outptu", dir.resolve("e3.npy").toString()),
                new Case("an unknown outlier strategy", 2, "--reduce-outliers must be", "fit", "--input", c, "--embedder", "fake:hash",
                        "--reduce-outliers", "nearest", "--output", out),
                new Case("a bad n-gram range", 2, "--ngram-range must be", "fit", "--input", c, "--embedder", "fake:hash",
                        "--ngram-range", "2,1", "--output", out));
    }

    @Test
    void everyBadInputIsRefusedCleanly() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Case k : cases()) {
            Map<String, byte[]> before = snapshot();
            CliTest.Result r = CliTest.run(k.args());
            Map<String, byte[]> after = snapshot();
            if (r.code() != k.code()) {
                failures.add(k.name() + ": exit " + r.code() + ", expected " + k.code() + "; " + r.err());
            }
            if (!r.err().contains(k.says())) {
                failures.add(k.name() + ": the message does not say '" + k.says() + "': " + r.err());
            }
            if (r.err().contains("\tat org.") || r.err().contains("Exception:")) {
                failures.add(k.name() + ": a stack trace or exception name reached the user: " + r.err());
            }
            if (!before.keySet().equals(after.keySet())) {
                failures.add(k.name() + ": files appeared or vanished: " + diff(before, after));
            }
            before.forEach((name, bytes) -> {
                if (after.containsKey(name) && !java.util.Arrays.equals(bytes, after.get(name))) {
                    failures.add(k.name() + ": " + name + " changed");
                }
            });
        }
        assertEquals(List.of(), failures, cases().size() + " cases");
        assertTrue(cases().size() >= 19);
        assertArrayEquals(Files.readAllBytes(corpus), Files.readAllBytes(corpus));
    }

    /** Every file under the test folder but lock files (which a reader may create beside a model). */
    private static Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().endsWith(".lock")) {
                    files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static String diff(Map<String, byte[]> a, Map<String, byte[]> b) {
        List<String> out = new ArrayList<>();
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(k -> out.add("+" + k));
        a.keySet().stream().filter(k -> !b.containsKey(k)).forEach(k -> out.add("-" + k));
        return String.join(", ", out);
    }
}
