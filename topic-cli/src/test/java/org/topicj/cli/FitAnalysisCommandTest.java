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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit's --nr-topics, --timestamp-field and --class-field, and topicj hierarchy, end to end with the fake backend. */
class FitAnalysisCommandTest {
    /** Six word pools (MergeCommandTest uses them too); "module" is in two. */
    static final String[][] POOLS = {
        {"kernel", "driver", "module", "linux", "firmware", "device", "boot", "hardware"},
        {"font", "typeface", "glyph", "serif", "unicode", "latin", "bold", "italic"},
        {"audio", "sound", "music", "player", "playlist", "volume", "codec", "midi"},
        {"network", "server", "http", "proxy", "firewall", "socket", "dns", "router"},
        {"python", "java", "compiler", "library", "runtime", "bytecode", "parser", "module"},
        {"game", "puzzle", "arcade", "level", "score", "joystick", "sprite", "chess"},
    };
    private static final String[] MONTHS = {"2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15"};
    private static final String[] SECTIONS = {"desktop", "server"};
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    /** 300 documents; the date and the section depend on the document's number, not on its words. */
    private Path corpus(String badDateAt) throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String[] pool = POOLS[i % POOLS.length];
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 7; w++) {
                sb.append(w == 0 ? "" : " ").append(pool[rnd.nextInt(pool.length)]);
            }
            String date = badDateAt != null && i == 17 ? badDateAt : MONTHS[(i / 7) % MONTHS.length];
            lines.add(json.createObjectNode().put("text", sb.toString()).put("date", date).put("section", SECTIONS[(i / 3) % 2])
                    .toString());
        }
        return Files.write(dir.resolve("docs.jsonl"), lines);
    }

    private List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(json.readTree(line));
        }
        return rows;
    }

    @Test
    void overTimeAndPerClassCountEveryDocumentOnceAndAnotherFitRemovesThem() throws IOException {
        Path docs = corpus(null);
        Path out = dir.resolve("out");
        CliTest.Result fit = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--timestamp-field", "date", "--class-field", "section", "--output", out.toString());
        assertEquals(0, fit.code(), fit.err());
        Map<Integer, String> topicOf = new HashMap<>();
        for (JsonNode d : jsonl(out.resolve("documents.jsonl"))) {
            topicOf.put(d.get("index").asInt(), d.get("topic").asText());
        }
        Set<Integer> topicIds = new HashSet<>();
        json.readTree(out.resolve("topics.json").toFile()).forEach(t -> topicIds.add(t.get("topic").asInt()));

        // Expected counts straight from the input and documents.jsonl: documents per (time, topic) and per (class, topic).
        Map<String, Integer> perTime = new TreeMap<>();
        Map<String, Integer> perClass = new TreeMap<>();
        List<JsonNode> input = jsonl(docs);
        for (int i = 0; i < input.size(); i++) {
            String date = input.get(i).get("date").asText();
            perTime.merge(java.time.LocalDate.parse(date).atStartOfDay().toInstant(java.time.ZoneOffset.UTC) + " " + topicOf.get(i), 1,
                    Integer::sum);
            perClass.merge(input.get(i).get("section").asText() + " " + topicOf.get(i), 1, Integer::sum);
        }
        Map<String, Integer> timeRows = new TreeMap<>();
        for (JsonNode r : jsonl(out.resolve("topics_over_time.jsonl"))) {
            assertTrue(topicIds.contains(r.get("topic").asInt()), r.toString());
            assertTrue(r.get("words").asText().contains(", "), r.toString());
            assertTrue(r.get("top_words").size() > 0 && r.get("top_words").get(0).get(1).isNumber(), r.toString());
            assertEquals(null, timeRows.put(r.get("timestamp").asText() + " " + r.get("topic").asInt(), r.get("frequency").asInt()),
                    "one row per time and topic");
        }
        assertEquals(perTime, timeRows, "topics_over_time.jsonl counts every document once, at its time, in its topic");
        Map<String, Integer> classRows = new TreeMap<>();
        for (JsonNode r : jsonl(out.resolve("topics_per_class.jsonl"))) {
            classRows.put(r.get("class").asText() + " " + r.get("topic").asInt(), r.get("frequency").asInt());
        }
        assertEquals(perClass, classRows, "topics_per_class.jsonl counts every document once, in its class and topic");

        CliTest.Result again = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--output", out.toString());
        assertEquals(0, again.code(), again.err());
        assertFalse(Files.exists(out.resolve("topics_over_time.jsonl")), "no file of an earlier run describes the new model");
        assertFalse(Files.exists(out.resolve("topics_per_class.jsonl")));
        assertTrue(Files.exists(out.resolve("topics.json")));
    }

    @Test
    void nrTopicsMergesUntilThatManyRemainOutliersCounted() throws IOException {
        Path docs = corpus(null);
        Path out = dir.resolve("out");
        CliTest.Result full = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--output", out.toString());
        assertEquals(0, full.code(), full.err());
        int before = json.readTree(out.resolve("topics.json").toFile()).size();
        assertTrue(before > 3, "the corpus has more than three topics to merge: " + before);
        CliTest.Result reduced = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--nr-topics", "3", "--output", out.toString());
        assertEquals(0, reduced.code(), reduced.err());
        JsonNode topics = json.readTree(out.resolve("topics.json").toFile());
        assertEquals(3, topics.size(), topics.toString());
        int total = 0;
        for (JsonNode t : topics) {
            total += t.get("count").asInt();
        }
        assertEquals(300, total, "merging keeps every document");
        assertEquals(2, CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--nr-topics", "one",
                "--output", dir.resolve("other").toString()).code());
        assertFalse(Files.exists(dir.resolve("other")), "a bad --nr-topics writes nothing");
    }

    @Test
    void hierarchyPrintsTheTreeAndWritesEveryMerge() throws IOException {
        Path docs = corpus(null);
        Path out = dir.resolve("out");
        assertEquals(0, CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--output", out.toString()).code());
        CliTest.Result h = CliTest.run("hierarchy", "-q", "--model", out.toString(), "--input", docs.toString());
        assertEquals(0, h.code(), h.err());
        JsonNode tree = json.readTree(out.resolve("hierarchy.json").toFile());
        int k = tree.get("topics").asInt();
        assertTrue(k >= 3, tree.toString());
        assertEquals(k - 1, tree.get("merges").size(), "k topics are joined by k - 1 merges");
        JsonNode rootMerge = tree.get("merges").get(0);
        assertEquals(2 * k - 2, rootMerge.get("parent_id").asInt(), "root first, numbered as BERTopic numbers nodes");
        assertEquals(k, rootMerge.get("topics").size(), "the root holds every topic");
        assertEquals(tree.get("tree").asText(), h.out(), "the printed tree is the one saved");
        for (JsonNode t : json.readTree(out.resolve("topics.json").toFile())) {
            if (t.get("topic").asInt() >= 0) {
                String words = t.get("name").asText().substring(t.get("name").asText().indexOf('_') + 1);
                assertTrue(h.out().contains(words.split("_")[0]), "topic " + t.get("topic") + " appears in the tree:\n" + h.out());
            }
        }
        Path fewer = Files.write(dir.resolve("fewer.txt"), List.of("kernel driver", "font glyph"));
        CliTest.Result wrong = CliTest.run("hierarchy", "-q", "--model", out.toString(), "--input", fewer.toString(),
                "--output", dir.resolve("t.json").toString());
        assertEquals(2, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("fitted on 300"), wrong.err());
        assertFalse(Files.exists(dir.resolve("t.json")));
    }

    @Test
    void aBadTimestampIsBadInputAndNothingIsWritten() throws IOException {
        Path docs = corpus("15/03/2024");
        Path out = dir.resolve("out");
        CliTest.Result fit = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash",
                "--timestamp-field", "date", "--output", out.toString());
        assertEquals(2, fit.code(), fit.err());
        assertTrue(fit.err().contains("--timestamp-field date") && fit.err().contains("15/03/2024"), fit.err());
        assertFalse(Files.exists(out));
        CliTest.Result bins = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--nr-bins", "3",
                "--output", out.toString());
        assertEquals(2, bins.code(), bins.err());
        assertTrue(bins.err().contains("need --timestamp-field"), bins.err());
        assertFalse(Files.exists(out));
    }
    @Test
    void zeroShotSeedTopicsAndPartialLabelsReachTheFit() throws IOException {
        Path docs = corpus(null);
        Path labelsFile = Files.write(dir.resolve("labels.txt"), List.of(String.join(" ", POOLS[2]), String.join(" ", POOLS[1])));
        Path out = dir.resolve("zero");
        CliTest.Result zero = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--zero-shot", labelsFile.toString(), "--zero-shot-min-similarity", "0.5", "--output", out.toString());
        assertEquals(0, zero.code(), zero.err());
        Map<Integer, Set<String>> topicsOfPool = new HashMap<>();
        List<JsonNode> assigned = jsonl(out.resolve("documents.jsonl"));
        for (int i = 0; i < assigned.size(); i++) {
            topicsOfPool.computeIfAbsent(i % POOLS.length, p -> new HashSet<>()).add(assigned.get(i).get("name").asText());
        }
        assertEquals(Set.of(String.join(" ", POOLS[2])), topicsOfPool.get(2), "the audio documents form the first label's topic");
        assertEquals(Set.of(String.join(" ", POOLS[1])), topicsOfPool.get(1), "the font documents form the second label's topic");
        for (int p : new int[] {0, 3, 4, 5}) {
            assertFalse(topicsOfPool.get(p).contains(String.join(" ", POOLS[1])) || topicsOfPool.get(p).contains(String.join(" ", POOLS[2])),
                    "pool " + p + " is clustered, not pulled into a label: " + topicsOfPool);
        }

        Path seeds = Files.write(dir.resolve("seeds.txt"), List.of("kernel, driver, firmware", "chess, puzzle"));
        CliTest.Result guided = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--seed-topics", seeds.toString(), "--labels-field", "section", "--output", dir.resolve("guided").toString());
        assertEquals(2, guided.code(), "seed topics and partial labels exclude each other in the API: " + guided.err());
        CliTest.Result seeded = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--seed-topics", seeds.toString(), "--output", dir.resolve("guided").toString());
        assertEquals(0, seeded.code(), seeded.err());
        CliTest.Result partial = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--labels-field", "section", "--output", dir.resolve("partial").toString());
        assertEquals(0, partial.code(), partial.err());
    }

    @Test
    void guidanceInputsAreCheckedBeforeAnyWork() throws IOException {
        Path docs = corpus(null);
        Path seeds = Files.write(dir.resolve("seeds.txt"), List.of("kernel, driver", "", "font"));
        Path out = dir.resolve("out");
        CliTest.Result blank = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash",
                "--seed-topics", seeds.toString(), "--output", out.toString());
        assertEquals(2, blank.code(), blank.err());
        assertTrue(blank.err().contains(seeds + ":2: an empty line"), blank.err());
        Path e = dir.resolve("e.npy");
        org.topicj.matrix.Npy.write(e, org.topicj.matrix.DenseMatrix.zeros(300, 4));
        CliTest.Result noEmbedder = CliTest.run("fit", "-q", "--input", docs.toString(), "--embeddings", e.toString(),
                "--zero-shot", seeds.toString(), "--output", out.toString());
        assertEquals(2, noEmbedder.code(), noEmbedder.err());
        assertTrue(noEmbedder.err().contains("--zero-shot needs the embedder"), noEmbedder.err());
        CliTest.Result unknown = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash",
                "--labels-field", "nothing", "--output", out.toString());
        assertEquals(2, unknown.code(), unknown.err());
        assertFalse(Files.exists(out), "nothing written");
    }
    @Test
    void llmLabelsNameTheTopicsAndARerunAsksNoOne() throws IOException {
        Path docs = corpus(null);
        Path out = dir.resolve("out");
        try (org.topicj.testing.StubHttpServer chat = new org.topicj.testing.StubHttpServer(r -> {
            String prompt = r.body().get("messages").get(1).get("content").asText();
            String keywords = prompt.substring(prompt.lastIndexOf("Keywords: ") + "Keywords: ".length());
            String first = keywords.substring(0, keywords.indexOf(','));
            return org.topicj.testing.StubHttpServer.Reply.ok("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"topic: All about " + first + "\"}}]}");
        })) {
            String[] args = {"fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1", "--llm-labels", "openai:m",
                "--llm-option", "base_url=" + chat.url() + "/v1", "--llm-option", "api_key=sk-test", "--output", out.toString()};
            CliTest.Result fit = CliTest.run(args);
            assertEquals(0, fit.code(), fit.err());
            int asked = chat.requests().size();
            assertTrue(asked >= 3, "one request per topic: " + asked);
            for (JsonNode t : json.readTree(out.resolve("topics.json").toFile())) {
                String name = t.get("name").asText();
                assertTrue(name.equals(t.get("topic").asInt() + "_All about " + t.get("words").get(0).get(0).asText()),
                        "named by its label, the keywords kept as words: " + t);
            }
            assertTrue(Files.isDirectory(dir.resolve(".topicj-cache/chat-labels")), "labels cached beside the output");
            CliTest.Result again = CliTest.run(args);
            assertEquals(0, again.code(), again.err());
            assertEquals(asked, chat.requests().size(), "the rerun took every label from the cache");
        }
        CliTest.Result bad = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--llm-labels", "gpt-4o",
                "--output", dir.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("openai:MODEL"), bad.err());
    }
}
