package org.topicj.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.pipeline.GivenLabels;
import org.topicj.pipeline.NoReduction;
import org.topicj.spi.support.remote.RemoteOptions;
import org.topicj.testing.StubHttpServer;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/**
 * LLM topic labels against BERTopic 0.17.4's {@code representation.OpenAI}: the reference script
 * (tools/bertopic_workflows_reference.py, {@code llm()}) recorded every chat request BERTopic sent
 * for the workflows corpus with its given topics; a stub chat server on 127.0.0.1 answers each
 * request TopicJ sends only if it is one of those, character for character but for the order of the
 * representative documents and of equally scored keywords (see {@link #documentsInOrder}).
 */
class OpenAiTopicLabelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-never-written-anywhere";

    @TempDir
    Path dir;

    private static InputStream resource(String name) {
        InputStream in = OpenAiTopicLabelsTest.class.getResourceAsStream("/workflows/" + name);
        if (in == null) {
            throw new IllegalStateException("workflows/" + name + " is missing from topic-core's test-jar");
        }
        return in;
    }

    private record Corpus(List<String> docs, int[] labels, DenseMatrix embeddings) {
    }

    private static Corpus corpus() throws IOException {
        List<String> docs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream in = resource("docs.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode j = JSON.readTree(line);
                    docs.add(j.get("text").asText());
                    labels.add(j.get("topic").asInt());
                }
            }
        }
        try (InputStream e = resource("embeddings.npy")) {
            return new Corpus(docs, labels.stream().mapToInt(Integer::intValue).toArray(), Npy.readMatrix(e, "embeddings.npy"));
        }
    }

    /** Answers a request that equals BERTopic's call number k with "topic: Label k+1  " (what BERTopic's stub said). */
    private static StubHttpServer.Reply answer(StubHttpServer.Request r, JsonNode calls, Map<Integer, AtomicInteger> seen,
                                               Map<String, Integer> faultsLeft) {
        JsonNode body = r.body();
        for (int k = 0; k < calls.size(); k++) {
            JsonNode c = calls.get(k);
            JsonNode sent = body.get("messages");
            JsonNode expected = c.get("messages");
            if (c.get("model").equals(body.get("model")) && c.get("stop").asText().equals(body.path("stop").asText(null))
                    && sent.size() == 2 && sent.get(0).equals(expected.get(0)) && sent.get(1).get("role").equals(expected.get(1).get("role"))
                    && documentsInOrder(sent.get(1).get("content").asText()).equals(documentsInOrder(expected.get(1).get("content").asText()))) {
                String prompt = c.get("messages").get(1).get("content").asText();
                if (faultsLeft.merge(prompt, -1, Integer::sum) >= 0) {
                    return new StubHttpServer.Reply(503, Map.of(), "{\"error\":{\"message\":\"overloaded\"}}", 0);
                }
                seen.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                return StubHttpServer.Reply.ok("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub-model\","
                        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":"
                        + JSON.valueToTree("topic: Label " + (k + 1) + "  ") + "}}]}");
            }
        }
        return new StubHttpServer.Reply(400, Map.of(), "{\"error\":{\"message\":\"not a request BERTopic sent\"}}", 0);
    }

    /**
     * The prompt with its representative documents and its keywords each sorted: TopicJ lists the
     * documents best first, BERTopic in the order numpy's argpartition leaves them (an artefact of
     * introselect, not a ranking), and words of equal c-TF-IDF score (here three at 0.049211) come in
     * the order of numpy's unstable argsort. Every other character must be the same.
     */
    private static String documentsInOrder(String prompt) {
        String marker = "# Your task\nSample texts from this topic:\n";
        int start = prompt.indexOf(marker) + marker.length();
        int end = prompt.indexOf("\n\nKeywords: ", start);
        int keywords = end + "\n\nKeywords: ".length();
        int keywordsEnd = prompt.indexOf("\n", keywords);
        List<String> docs = new ArrayList<>(List.of(prompt.substring(start, end).split("\n")));
        List<String> words = new ArrayList<>(List.of(prompt.substring(keywords, keywordsEnd).split(", ")));
        java.util.Collections.sort(docs);
        java.util.Collections.sort(words);
        return prompt.substring(0, start) + String.join("\n", docs) + prompt.substring(end, keywords) + String.join(", ", words)
                + prompt.substring(keywordsEnd);
    }

    private static TopicModel fit(Corpus c, OpenAiTopicLabels labels) {
        return TopicModeler.builder().reducer(new NoReduction()).clusterer(new GivenLabels(c.labels())).representation(labels).build()
                .fit(c.docs(), c.embeddings());
    }

    @Test
    void promptsLabelsAndNamesAreBertopicsAndACacheMakesARerunFree() throws IOException {
        JsonNode ref;
        try (InputStream in = resource("llm.json")) {
            ref = JSON.readTree(in);
        }
        JsonNode calls = ref.get("calls");
        Corpus c = corpus();
        Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
        // Every prompt first meets a 503: the labels must still come, each asked for until it succeeds.
        Map<String, Integer> faults = new ConcurrentHashMap<>();
        calls.forEach(call -> faults.put(call.get("messages").get(1).get("content").asText(), 1));
        Path cache = dir.resolve("cache");
        try (StubHttpServer server = new StubHttpServer(r -> answer(r, calls, seen, faults))) {
            OpenAiTopicLabels.Builder b = OpenAiTopicLabels.builder(n -> null).model("stub-model").apiKey(KEY)
                    .baseUrl(server.url() + "/v1").timeout(Duration.ofSeconds(20))
                    .remote(RemoteOptions.defaults(1).withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50)).withMaxInFlight(3))
                    .cache(cache);
            try (OpenAiTopicLabels labels = b.build(); TopicModel model = fit(c, labels)) {
                Map<String, String> names = new HashMap<>();
                for (Topic t : model.topics()) {
                    names.put(String.valueOf(t.id()), t.name());
                    assertFalse(t.words().isEmpty() || t.words().get(0).word().startsWith("Label"), "the keywords stay the words: " + t);
                }
                Map<String, String> expected = new HashMap<>();
                ref.get("names").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
                assertEquals(expected, names, "every topic, -1 included, is named {id}_{label} from BERTopic's own request");
                assertEquals(calls.size(), seen.size(), "every one of BERTopic's requests was sent");
                seen.forEach((k, n) -> assertEquals(1, n.get(), "request " + k + " answered once"));
                assertEquals(2 * calls.size(), server.requests().size(), "one 503 and one answer per topic");
                Path saved = dir.resolve("model");
                model.save(saved);
                try (TopicModel loaded = TopicModel.load(saved)) {
                    assertEquals(model.topic(0).name(), loaded.topic(0).name(), "labels are saved with the model");
                    assertEquals(model.topic(0).label(), loaded.topic(0).label());
                }
            }
            int before = server.requests().size();
            try (OpenAiTopicLabels again = b.build(); TopicModel rerun = fit(c, again)) {
                assertEquals(before, server.requests().size(), "the rerun took every label from the cache");
                assertEquals(ref.get("names").get("0").asText(), rerun.topic(0).name());
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY), "the API key is in " + f);
            }
        }
    }

    @Test
    void aServerThatRefusesFailsTheFitNamingTheTopic() throws IOException {
        Corpus c = corpus();
        try (StubHttpServer server = new StubHttpServer(r -> new StubHttpServer.Reply(401, Map.of(),
                "{\"error\":{\"message\":\"bad key\"}}", 0));
             OpenAiTopicLabels labels = OpenAiTopicLabels.builder(n -> null).apiKey(KEY).baseUrl(server.url() + "/v1")
                     .remote(RemoteOptions.defaults(1).withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50))).build()) {
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> fit(c, labels).close());
            assertTrue(e.getMessage().contains("labelling topic") && e.getMessage().contains("401"), e.getMessage());
            assertFalse(e.getMessage().contains(KEY));
            assertTrue(server.requests().size() <= 7, "a 401 is not retried: " + server.requests().size() + " requests");
        }
    }

    @Test
    void withoutAKeyOrAServerItSaysWhatToSet() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> OpenAiTopicLabels.builder(n -> null).build());
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }
}
