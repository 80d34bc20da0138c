package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.cli.report.ReportWriter;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/** The report's data for a corpus larger than the map shows. */
class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void largeCorporaAreSampledAndSaySo() throws Exception {
        String[] words = {"alpha beta gamma", "delta epsilon zeta", "eta theta iota", "kappa lambda mu"};
        List<String> docs = new ArrayList<>();
        int[] labels = new int[6000];
        for (int i = 0; i < 6000; i++) {
            docs.add(words[i % 4] + " document " + i);
            labels[i] = i % 4;
        }
        TopicModel model = TopicModeler.builder().build().fit(docs, labels);
        Path file = dir.resolve("report.html");
        ReportWriter.write(file, "big", model, docs);
        String html = Files.readString(file);
        int start = html.indexOf("var DATA = ") + "var DATA = ".length();
        JsonNode data = new ObjectMapper().readTree(html.substring(start, html.indexOf(";\n(function", start)));
        assertTrue(data.get("sampled").asBoolean());
        assertEquals(ReportWriter.MAX_POINTS, data.get("points").size());
        assertEquals(6000, data.get("documents").asInt());
        assertEquals(4, data.get("topics").size());
        assertTrue(html.contains("Showing a random sample of"), "the page says it samples");
    }
}
