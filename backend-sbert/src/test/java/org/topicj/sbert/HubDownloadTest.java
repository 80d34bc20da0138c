package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;

/** Download from a Hugging Face Hub stub on 127.0.0.1 speaking the Hub's resolve/ URLs. */
class HubDownloadTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String authorization;

    @BeforeEach
    void serve() throws IOException {
        Path repo = ModelFolders.build(tmp.resolve("remote"), "onnx/model.onnx", true, "mean_tokens");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String prefix = "/acme/minilm-onnx/resolve/main/";
            Path file = path.startsWith(prefix) ? repo.resolve(path.substring(prefix.length())) : null;
            if (file == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("X-Repo-Commit", "c0ffee1234");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, String> env() {
        return Map.of("HF_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(), "HF_HOME", tmp.resolve("home").toString(),
                "HF_TOKEN", "hf_secret_token");
    }

    @Test
    void downloadsIntoTheCacheOnlyWhenAllowedThenWorksOffline() {
        BackendInitializationException refused = assertThrows(BackendInitializationException.class,
                () -> SentenceTransformerEmbedder.builder().model("acme/minilm-onnx").environment(env()::get).build());
        assertTrue(refused.getMessage().contains("allow_download=true"), refused.getMessage());
        assertTrue(requests.isEmpty(), "nothing is fetched unless allowed");

        float[] expected;
        try (Embedder bundled = Embedders.open("all-MiniLM-L6-v2")) {
            expected = bundled.embed(List.of("hub test")).toDense().row(0);
        }
        try (SentenceTransformerEmbedder e = SentenceTransformerEmbedder.builder().model("acme/minilm-onnx")
                .environment(env()::get).allowDownload(true).build()) {
            assertTrue(e.origin().contains("snapshots/c0ffee1234"), e.origin());
            assertArrayEquals(expected, e.embed(List.of("hub test")).toDense().row(0), 1e-5f);
        }
        assertEquals("Bearer hf_secret_token", authorization);
        Path snapshot = tmp.resolve("home/hub/models--acme--minilm-onnx/snapshots/c0ffee1234");
        assertTrue(Files.exists(snapshot.resolve("onnx/model.onnx")));
        assertTrue(Files.exists(snapshot.resolve("1_Pooling/config.json")));
        server.stop(0);
        try (SentenceTransformerEmbedder again = SentenceTransformerEmbedder.builder().model("acme/minilm-onnx")
                .environment(env()::get).build()) {
            assertArrayEquals(expected, again.embed(List.of("hub test")).toDense().row(0), 1e-5f);
        }
    }

    @Test
    void missingRepositoryIsReported() {
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> SentenceTransformerEmbedder.builder().model("acme/absent").environment(env()::get).allowDownload(true).build());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertTrue(!e.getMessage().contains("hf_secret_token"), "tokens never appear in messages");
    }
}
