package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;

/** Several {@code topicj fit} runs into one output folder at once: the folder ends whole, from one run. */
class ConcurrentOutputTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void concurrentFitsIntoOneFolderNeverMix() throws Exception {
        Path docs = corpus();
        Path out = dir.resolve("out");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 4; round++) {
                List<Future<CliTest.Result>> runs = new ArrayList<>();
                for (int run = 0; run < 3; run++) {
                    String minSize = Integer.toString(8 + 3 * run);
                    runs.add(pool.submit(() -> CliTest.run("-q", "fit", "--input", docs.toString(), "--embedder", "fake:hash",
                            "--min-topic-size", minSize, "--seed", "1", "--output", out.toString())));
                }
                for (Future<CliTest.Result> r : runs) {
                    assertEquals(0, r.get().code(), r.get().err());
                }
                assertOneRun(out, round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** topics.json, documents.jsonl and model/ agree with each other; no staging folder is left. */
    private void assertOneRun(Path out, int round) throws IOException {
        JsonNode topics = json.readTree(out.resolve("topics.json").toFile());
        List<String> lines = Files.readAllLines(out.resolve("documents.jsonl"));
        try (TopicModel model = TopicModel.load(out.resolve("model"))) {
            assertEquals(model.topics().size(), topics.size(), "round " + round + ": topics.json and model/ come from one run");
            for (int r = 0; r < topics.size(); r++) {
                assertEquals(model.topics().get(r).name(), topics.get(r).get("name").asText(), "round " + round);
            }
            List<Assignment> assigned = model.documentInfo();
            assertEquals(assigned.size(), lines.size());
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(assigned.get(i).topic(), json.readTree(lines.get(i)).get("topic").asInt(),
                        "round " + round + ": documents.jsonl and model/ come from one run (line " + (i + 1) + ")");
            }
        }
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        try (Stream<Path> s = Stream.concat(Files.list(dir), Files.list(out))) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".staging-") || n.contains(".old-")).toList();
            assertEquals(List.of(), left, "round " + round + ": no staging leftovers");
        }
    }

    private Path corpus() throws IOException {
        String[][] pools = {
            {"kernel", "driver", "module", "linux", "firmware", "device", "boot", "hardware"},
            {"font", "typeface", "glyph", "serif", "unicode", "latin", "bold", "italic"},
            {"audio", "sound", "music", "player", "playlist", "volume", "codec", "midi"},
        };
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String[] p = pools[i % pools.length];
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                sb.append(w == 0 ? "" : " ").append(p[rnd.nextInt(p.length)]);
            }
            lines.add(sb.toString());
        }
        return Files.write(dir.resolve("docs.txt"), lines);
    }
}
