package org.topicj.sbert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.testing.EmbedderConformanceTest;

/** The conformance suite over {@code fastembed:sentence-transformers/all-MiniLM-L6-v2} in a FastEmbed-style cache. */
class FastEmbedConformanceTest extends EmbedderConformanceTest {
    private static Path cache;

    @BeforeAll
    static void layOut() throws java.io.IOException {
        cache = Files.createTempDirectory("fastembed-cache");
        FastEmbedLayout.hubSnapshot(cache, "qdrant/all-MiniLM-L6-v2-onnx", "model.onnx");
    }

    @AfterAll
    static void cleanUp() throws java.io.IOException {
        try (var files = Files.walk(cache)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected Embedder createEmbedder() {
        return Embedders.open("fastembed:sentence-transformers/all-MiniLM-L6-v2", Map.of("cache_dir", cache.toString()));
    }
}
