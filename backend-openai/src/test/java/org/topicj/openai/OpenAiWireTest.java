package org.topicj.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.embed.PartialEmbeddingException;
import org.topicj.spi.EmbedderSpec;
import org.topicj.testing.StubHttpServer;
import org.topicj.testing.StubHttpServer.Reply;
import org.topicj.testing.StubHttpServer.Request;

/** backend-openai against a stub on 127.0.0.1 speaking OpenAI's embeddings API. */
class OpenAiWireTest {
    private static final String KEY = "sk-test-very-secret-123";

    @TempDir
    Path dir;

    /** OpenAI's response: one embedding per input, [length, index-in-batch, 1, 0], in reverse order to test "index". */
    static Reply embeddings(Request r) {
        StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
        JsonNode input = r.body().get("input");
        for (int i = input.size() - 1; i >= 0; i--) {
            sb.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[")
                    .append(input.get(i).asText().length()).append(",").append(i).append(",1,0]}")
                    .append(i > 0 ? "," : "");
        }
        sb.append("],\"model\":\"stub-model\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}");
        return Reply.ok(sb.toString());
    }

    private Embedder open(StubHttpServer server, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("base_url", server.url() + "/v1", "dimension", "4",
                "backoff_ms", "10", "max_backoff_ms", "50"));
        options.putAll(extra);
        Function<String, String> env = name -> name.equals("OPENAI_API_KEY") ? KEY : null;
        return new OpenAiEmbedderProvider(env).open(new EmbedderSpec("openai:stub-model", "stub-model", options));
    }

    @Test
    void speaksTheEmbeddingsApiAndKeepsOrder() throws Exception {
        try (StubHttpServer server = new StubHttpServer(OpenAiWireTest::embeddings);
             Embedder e = open(server, Map.of("batch_size", "2"))) {
            DenseMatrix m = e.embed(List.of("one", "three", "", "seven!!", "x")).toDense();
            assertEquals(3, server.requests().size(), "5 texts in batches of 2");
            Request first = server.requests().get(0);
            assertEquals("/v1/embeddings", first.path());
            assertEquals("float", first.body().get("encoding_format").asText(), "encoding_format set explicitly");
            assertEquals("stub-model", first.body().get("model").asText());
            assertEquals("Bearer " + KEY, first.headers().get("authorization").get(0));
            assertArrayEquals(new float[] {3, 0, 1, 0}, m.row(0));
            assertArrayEquals(new float[] {5, 1, 1, 0}, m.row(1));
            assertArrayEquals(new float[] {1, 0, 1, 0}, m.row(2), "\"\" is sent as \" \" and keeps its place");
            assertEquals(" ", server.requests().stream().filter(r -> r.body().get("input").size() == 2
                    && r.body().get("input").get(0).asText().isBlank()).findFirst().orElseThrow().body().get("input").get(0).asText());
            assertArrayEquals(new float[] {1, 0, 1, 0}, m.row(4));
        }
    }

    @Test
    void theApiKeyNeverReachesASavedModel() throws Exception {
        Map<String, String> options = Map.of("api_key", KEY, "base_url", "http://127.0.0.1:9/v1", "dimension", "4");
        try (Embedder e = org.topicj.registry.Embedders.open("openai:stub-model", options)) {
            assertEquals(Map.of("base_url", "http://127.0.0.1:9/v1", "dimension", "4"), e.keyOptions());
        }
        // Three word pools on three separated clouds of precomputed embeddings.
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        List<String> docs = new java.util.ArrayList<>();
        float[][] rows = new float[90][];
        String[][] pools = {{"kernel", "driver", "module"}, {"font", "glyph", "typeface"}, {"python", "library", "binding"}};
        for (int i = 0; i < rows.length; i++) {
            int g = i % 3;
            docs.add(pools[g][rnd.nextInt(3)] + " " + pools[g][rnd.nextInt(3)] + " package");
            rows[i] = new float[] {g * 10 + (float) rnd.nextGaussian(), (float) rnd.nextGaussian(), g, 1};
        }
        org.topicj.topics.TopicModel model = org.topicj.topics.TopicModeler.builder().embedderKey("openai:stub-model", options)
                .minTopicSize(5).seed(1).build().fit(docs, DenseMatrix.of(rows));
        assertEquals(Map.of("base_url", "http://127.0.0.1:9/v1", "dimension", "4"), model.embedderOptions());
        model.save(dir.resolve("model"));
        try (var files = Files.walk(dir.resolve("model"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(KEY), "API key written to " + f);
            }
        }
        assertTrue(Files.readString(dir.resolve("model").resolve("topicj-model.json")).contains("127.0.0.1:9/v1"));
    }

    @Test
    void rateLimitWithRetryAfterThenSuccess() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (StubHttpServer server = new StubHttpServer(r -> calls.getAndIncrement() == 0
                ? new Reply(429, Map.of("Retry-After", "0.3"), "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}", 0)
                : embeddings(r));
             Embedder e = open(server, Map.of())) {
            long start = System.nanoTime();
            assertEquals(2, e.embed(List.of("a", "b")).rows());
            assertEquals(2, calls.get());
            assertTrue(System.nanoTime() - start >= 300_000_000L, "Retry-After honoured");
        }
    }

    @Test
    void serverErrorsThenFailureKeepDoneDocumentsAndNeverShowTheKey() throws Exception {
        AtomicInteger failing = new AtomicInteger();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(log, true));
        try (StubHttpServer server = new StubHttpServer(r -> {
            if (r.body().get("input").get(0).asText().equals("bad")) {
                failing.incrementAndGet();
                return new Reply(500, Map.of(), "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
                        + "\"param\":null,\"code\":null}}", 0);
            }
            return embeddings(r);
        });
             Embedder e = open(server, Map.of("batch_size", "1", "max_retries", "2", "max_in_flight", "1",
                     "cache_dir", dir.resolve("cache").toString()))) {
            PartialEmbeddingException failure = assertThrows(PartialEmbeddingException.class,
                    () -> e.embed(List.of("good", "bad", "fine")));
            assertEquals(3, failing.get(), "first try and 2 retries");
            assertEquals(java.util.Set.of(0, 2), failure.completed().keySet());
            StringBuilder all = new StringBuilder(log.toString());
            for (Throwable t = failure; t != null; t = t.getCause()) {
                all.append(t).append(t.getMessage());
            }
            all.append(e);
            try (var files = Files.walk(dir)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    all.append(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
            assertTrue(log.toString().contains("retry 1 of 2"), "retries are logged");
            assertFalse(all.toString().contains(KEY), "the API key appears in no log, message or cache file");
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void timeoutsAreRetriedThenReported() throws Exception {
        try (StubHttpServer server = new StubHttpServer(r -> new Reply(200, Map.of(), embeddings(r).body(), 2500));
             Embedder e = open(server, Map.of("timeout_s", "1", "max_retries", "1"))) {
            PartialEmbeddingException failure = assertThrows(PartialEmbeddingException.class, () -> e.embed(List.of("slow")));
            assertEquals(2, server.requests().size());
            assertTrue(failure.getMessage().contains("failed"), failure.getMessage());
        }
    }

    @Test
    void missingKeyIsReported() {
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> new OpenAiEmbedderProvider(n -> null).open(new EmbedderSpec("openai:text-embedding-3-small",
                        "text-embedding-3-small", Map.of())));
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }
}
