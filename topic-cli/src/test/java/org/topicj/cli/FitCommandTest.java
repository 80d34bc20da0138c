package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.Npy;
import org.topicj.testing.FakeEmbedder;

/** topicj fit and transform end to end, with the fake backend and with precomputed embeddings and labels. */
class FitCommandTest {
    private static final String[][] POOLS = {
        {"kernel", "driver", "module", "linux", "firmware", "device", "boot", "hardware"},
        {"font", "typeface", "glyph", "serif", "unicode", "latin", "bold", "italic"},
        {"audio", "sound", "music", "player", "playlist", "volume", "codec", "midi"},
        {"network", "server", "http", "proxy", "firewall", "socket", "dns", "router"},
    };
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String[] pool = POOLS[i % POOLS.length];
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 7; w++) {
                sb.append(w == 0 ? "" : " ").append(pool[rnd.nextInt(pool.length)]);
            }
            lines.add(sb.toString());
        }
        return Files.write(dir.resolve("docs.txt"), lines);
    }

    @Test
    void fitWritesTheContractFilesAndTransformReusesTheModel() throws IOException {
        Path docs = corpus();
        Path out = dir.resolve("out");
        CliTest.Result fit = CliTest.run("fit", "--input", docs.toString(), "--embedder", "fake:hash", "--min-topic-size", "10",
                "--seed", "1", "--output", out.toString());
        assertEquals(0, fit.code(), fit.err());
        JsonNode topics = json.readTree(out.resolve("topics.json").toFile());
        assertTrue(topics.size() >= 3, topics.toString());
        int total = 0;
        for (JsonNode t : topics) {
            assertTrue(t.has("topic") && t.has("count") && t.has("name") && t.has("representative_docs"));
            assertEquals(10, t.get("words").size());
            assertTrue(t.get("words").get(0).get(0).isTextual() && t.get("words").get(0).get(1).isNumber());
            total += t.get("count").asInt();
        }
        assertEquals(200, total);
        List<String> lines = Files.readAllLines(out.resolve("documents.jsonl"));
        assertEquals(200, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = json.readTree(lines.get(i));
            assertEquals(i, l.get("index").asInt());
            assertTrue(l.has("topic") && l.has("probability"));
        }
        assertTrue(Files.exists(out.resolve("model/topicj-model.json")));

        Path assigned = dir.resolve("assigned.jsonl");
        CliTest.Result transform = CliTest.run("transform", "--model", out.toString(), "--input", docs.toString(),
                "--output", assigned.toString());
        assertEquals(0, transform.code(), transform.err());
        List<String> again = Files.readAllLines(assigned);
        int same = 0;
        for (int i = 0; i < 200; i++) {
            same += json.readTree(again.get(i)).get("topic").equals(json.readTree(lines.get(i)).get("topic")) ? 1 : 0;
        }
        assertTrue(same >= 190, same + " of 200 keep their topic");
    }

    @Test
    void precomputedEmbeddingsAndManualLabels() throws IOException {
        Path docs = corpus();
        List<String> texts = Files.readAllLines(docs);
        Path emb = dir.resolve("e.npy");
        try (FakeEmbedder e = new FakeEmbedder(24, null)) {
            Npy.write(emb, e.embed(texts).toDense());
        }
        Path out = dir.resolve("pre");
        assertEquals(0, CliTest.run("fit", "-q", "--input", docs.toString(), "--embeddings", emb.toString(), "--seed", "2",
                "--output", out.toString()).code());
        CliTest.Result t = CliTest.run("transform", "-q", "--model", out.toString(), "--input", docs.toString(),
                "--embeddings", emb.toString(), "--output", dir.resolve("t.jsonl").toString());
        assertEquals(0, t.code(), t.err());

        int[] labels = new int[200];
        for (int i = 0; i < 200; i++) {
            labels[i] = i % 4;
        }
        Npy.writeInts(dir.resolve("labels.npy"), labels);
        Path manual = dir.resolve("manual");
        assertEquals(0, CliTest.run("fit", "-q", "--input", docs.toString(), "--labels", dir.resolve("labels.npy").toString(),
                "--output", manual.toString()).code());
        JsonNode topics = json.readTree(manual.resolve("topics.json").toFile());
        assertEquals(4, topics.size());
        assertEquals(50, topics.get(0).get("count").asInt());
    }

    @Test
    void mismatchedInputsFailWithoutWritingAnything() throws IOException {
        Path docs = corpus();
        Npy.writeInts(dir.resolve("short.npy"), new int[10]);
        Path out = dir.resolve("never");
        CliTest.Result r = CliTest.run("fit", "--input", docs.toString(), "--labels", dir.resolve("short.npy").toString(),
                "--output", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("200 documents but 10 labels"), r.err());
        assertFalse(Files.exists(out));
        CliTest.Result noModel = CliTest.run("transform", "--model", dir.toString(), "--input", docs.toString(),
                "--output", dir.resolve("x.jsonl").toString());
        assertEquals(2, noModel.code(), "a folder without a model is bad input");
        assertTrue(noModel.err().contains("no saved topic model"), noModel.err());
    }

    @Test
    void transformWritesNamesIdsAndStandardOutput() throws IOException {
        Path docs = corpus();
        List<String> jsonl = new ArrayList<>();
        for (String line : Files.readAllLines(docs)) {
            jsonl.add(json.createObjectNode().put("id", "doc-" + jsonl.size()).put("text", line).toString());
        }
        Path input = Files.write(dir.resolve("docs.jsonl"), jsonl);
        Path out = dir.resolve("out");
        CliTest.Result fit = CliTest.run("-q", "fit", "--input", input.toString(), "--id-field", "id", "--embedder", "fake:hash",
                "--seed", "1", "--output", out.toString());
        assertEquals(0, fit.code(), fit.err());
        JsonNode first = json.readTree(Files.readAllLines(out.resolve("documents.jsonl")).get(0));
        assertEquals("doc-0", first.get("id").asText());
        assertTrue(first.get("name").asText().startsWith(first.get("topic").asInt() + "_"), first.toString());
        CliTest.Result t = CliTest.run("-q", "transform", "--model", out.toString(), "--input", input.toString(), "--id-field", "id",
                "--output", "-");
        assertEquals(0, t.code(), t.err());
        List<String> lines = t.out().lines().toList();
        assertEquals(200, lines.size(), "one line per document on standard output");
        JsonNode line = json.readTree(lines.get(7));
        assertEquals("doc-7", line.get("id").asText());
        assertTrue(line.has("name") && line.has("topic") && line.has("probability") && line.get("index").asInt() == 7, line.toString());
        assertFalse(Files.exists(Path.of("-")), "'-' is standard output, not a file");
    }

    @Test
    void helpShowsExamplesAndNoEscapes() {
        CliTest.Result help = CliTest.run("transform", "--help");
        assertEquals(0, help.code());
        assertFalse(help.out().contains("\\\""), "no literal backslashes: " + help.out());
        assertTrue(help.out().contains("{\"index\": i"), help.out());
        assertTrue(help.out().contains("Examples:"), help.out());
        for (String command : List.of("embed", "fit", "reduce", "cluster")) {
            assertTrue(CliTest.run(command, "--help").out().contains("Example"), command + " --help has examples");
        }
    }
}
