package org.topicj.cohere;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.embed.PartialEmbeddingException;
import org.topicj.spi.EmbedderSpec;
import org.topicj.testing.StubHttpServer;
import org.topicj.testing.StubHttpServer.Reply;
import org.topicj.testing.StubHttpServer.Request;

/** backend-cohere against a stub on 127.0.0.1 speaking Cohere's v2 embed API. */
class CohereWireTest {
    private static final String KEY = "co-test-very-secret-456";

    /** Cohere's v2 response: embeddings by type, [length, position, 1] per text. */
    static Reply embed(Request r) {
        JsonNode texts = r.body().get("texts");
        String type = r.body().get("embedding_types").get(0).asText();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < texts.size(); i++) {
            rows.append(i == 0 ? "" : ",").append("[").append(texts.get(i).asText().length()).append(",").append(i).append(",1]");
        }
        rows.append("]");
        return Reply.ok("{\"id\":\"stub\",\"embeddings\":{\"" + type + "\":" + rows + "},\"texts\":" + texts
                + ",\"meta\":{\"api_version\":{\"version\":\"2\"}},\"response_type\":\"embeddings_by_type\"}");
    }

    private Embedder open(StubHttpServer server, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("base_url", server.url(), "dimension", "3", "backoff_ms", "10"));
        options.putAll(extra);
        return new CohereEmbedderProvider(name -> name.equals("CO_API_KEY") ? KEY : null)
                .open(new EmbedderSpec("cohere:stub-embed", "stub-embed", options));
    }

    @Test
    void speaksTheV2EmbedApiWithClusteringByDefault() throws Exception {
        try (StubHttpServer server = new StubHttpServer(CohereWireTest::embed);
             Embedder e = open(server, Map.of("batch_size", "2"))) {
            DenseMatrix m = e.embed(List.of("alpha", "", "gamma")).toDense();
            assertEquals(2, server.requests().size());
            // Batches run concurrently: pick the two-text one, whichever arrived first.
            Request first = server.requests().stream().filter(r -> r.body().get("texts").size() == 2).findFirst().orElseThrow();
            assertEquals("/v2/embed", first.path());
            assertEquals("clustering", first.body().get("input_type").asText());
            assertEquals("float", first.body().get("embedding_types").get(0).asText());
            assertEquals("stub-embed", first.body().get("model").asText());
            assertEquals("Bearer " + KEY, first.headers().get("authorization").get(0));
            assertEquals(" ", first.body().get("texts").get(1).asText(), "\"\" is sent as \" \"");
            assertArrayEquals(new float[] {5, 0, 1}, m.row(0));
            assertArrayEquals(new float[] {1, 1, 1}, m.row(1));
            assertArrayEquals(new float[] {5, 0, 1}, m.row(2));
        }
    }

    @Test
    void int8AndInputTypeOptions() throws Exception {
        try (StubHttpServer server = new StubHttpServer(CohereWireTest::embed);
             Embedder e = open(server, Map.of("embedding_type", "int8", "input_type", "search_document"))) {
            assertArrayEquals(new float[] {3, 0, 1}, e.embed(List.of("abc")).toDense().row(0));
            assertEquals("int8", server.requests().get(0).body().get("embedding_types").get(0).asText());
            assertEquals("search_document", server.requests().get(0).body().get("input_type").asText());
        }
        assertThrows(IllegalArgumentException.class, () -> new CohereEmbedderProvider(n -> KEY)
                .open(new EmbedderSpec("cohere:m", "m", Map.of("input_type", "summary", "dimension", "3"))));
    }

    @Test
    void rateLimitThenSuccessAndFailuresNeverShowTheKey() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (StubHttpServer server = new StubHttpServer(r -> calls.getAndIncrement() == 0
                ? new Reply(429, Map.of("Retry-After", "0.2"), "{\"message\":\"You are using a Trial key\"}", 0)
                : embed(r));
             Embedder e = open(server, Map.of())) {
            assertEquals(1, e.embed(List.of("x")).rows());
            assertEquals(2, calls.get());
        }
        try (StubHttpServer server = new StubHttpServer(r -> new Reply(503, Map.of(), "{\"message\":\"unavailable\"}", 0));
             Embedder e = open(server, Map.of("max_retries", "1"))) {
            PartialEmbeddingException failure = assertThrows(PartialEmbeddingException.class, () -> e.embed(List.of("x")));
            assertEquals(2, server.requests().size());
            StringBuilder all = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                all.append(t).append(t.getMessage());
            }
            assertFalse(all.toString().contains(KEY), all.toString());
        }
    }

    @Test
    void missingKeyIsReported() {
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> new CohereEmbedderProvider(n -> null).open(new EmbedderSpec("cohere:embed-english-v3.0",
                        "embed-english-v3.0", Map.of())));
        assertTrue(e.getMessage().contains("CO_API_KEY"), e.getMessage());
    }
}
