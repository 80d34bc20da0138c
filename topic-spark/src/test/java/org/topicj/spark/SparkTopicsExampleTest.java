package org.topicj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.testing.SyntheticCorpus;
import org.topicj.topics.TopicModel;

/** The example main class, run in local mode as a user would run it. */
class SparkTopicsExampleTest {
    @TempDir
    Path dir;

    @Test
    void writesAssignmentsTopicInfoAndTheModel() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        List<String> docs = SyntheticCorpus.documents(30, 8);
        for (int i = 0; i < docs.size(); i++) {
            lines.add(json.createObjectNode().put("id", i).put("text", docs.get(i)).toString());
        }
        Path input = Files.write(dir.resolve("docs.jsonl"), lines);
        LocalSpark.get();
        SparkTopicsExample.main(new String[] {input.toString(), dir.resolve("out").toString(), "--embedder", "fake:hash",
            "--sample", "100", "--master", "local[2]"});
        List<JsonNode> assigned = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir.resolve("out/assignments"))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    assigned.add(json.readTree(line));
                }
            }
        }
        assertEquals(docs.size(), assigned.size());
        assertTrue(assigned.stream().allMatch(n -> n.has("topic") && n.has("probability") && !n.has("embedding")));
        TopicModel model = TopicModel.load(dir.resolve("out/model"));
        assertEquals("fake:hash", model.embedderKey().orElseThrow());
        try (Stream<Path> parts = Files.list(dir.resolve("out/topic_info"))) {
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().startsWith("part-")));
        }
    }
}
