package org.topicj.model2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.registry.Embedders;

/**
 * Distilling the bundled all-MiniLM-L6-v2 (from backend-sbert, test scope only), on the part of its
 * vocabulary that starts with "a" or "b" so that the test stays quick: the vocabulary cleaning, the
 * folder layout model2vec reads, a save/load round trip, and topic-level sense (related words closer).
 */
class DistillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Drops every token that is not [ab][a-z]* but [CLS] and [SEP], which the post-processor needs
     * (model2vec refuses to remove them); the unknown token is always kept, [PAD] goes with the rest.
     */
    private static final String SMALL_VOCAB = "(?![ab][a-z]*$|\\[CLS\\]$|\\[SEP\\]$)";

    @Test
    void distilsSavesAndReloads(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("minilm-ab");
        List<String> progress = new ArrayList<>();
        try (Embedder e = Embedders.open("model2vec:distill(all-MiniLM-L6-v2)",
                Map.of("token_remove_pattern", SMALL_VOCAB, "pca_dims", "64", "output", out.toString()))) {
            assertEquals(64, e.dimension());
            assertTrue(e.normalized());
            DenseMatrix v = e.embed(List.of("a baby bird", "about a boat", "banana"), (t, d, n) -> progress.add(t)).toDense();
            assertEquals(3, v.rows());
            assertTrue(progress.contains("distilling"), "distillation reports progress: " + progress);
            StaticModel m = ((Model2VecEmbedder) e).model(null);
            JsonNode tok = JSON.readTree(m.tokenizerJson());
            assertTrue(tok.path("post_processor").isNull(), "post-processor dropped");
            assertTrue(tok.path("padding").isNull() && tok.path("truncation").isNull(), "no padding or truncation");
            List<String> tokens = m.tokenizer().tokensById();
            assertEquals(List.of("[UNK]", "a", "b"), tokens.subList(0, 3), "[UNK] stays; [PAD] (pattern), [CLS] [SEP] [MASK] go");
            assertFalse(tokens.contains("[unused1]") || tokens.contains("[CLS]"));
            assertEquals(0, m.droppedUnknownId().orElseThrow());

            StaticModel back = StaticModel.load(out);
            assertEquals(m.rows(), back.rows());
            assertArrayEquals(m.embeddings(), back.embeddings(), "float16 values survive the round trip exactly");
            JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
            assertEquals("model2vec", config.path("model_type").asText());
            assertEquals(64, config.path("hidden_dim").asInt());
            assertEquals("float16", config.path("embedding_dtype").asText());
            assertTrue(config.path("normalize").asBoolean());
            assertEquals(2, JSON.readTree(out.resolve("modules.json").toFile()).size(), "StaticEmbedding + Normalize");
            assertTrue(Files.readString(out.resolve("README.md")).contains("library_name: model2vec"));
            try (Embedder reloaded = Embedders.open("model2vec:" + out)) {
                assertArrayEquals(v.rawData(), reloaded.embed(List.of("a baby bird", "about a boat", "banana")).toDense().rawData(), 1e-6f);
            }
        }
        try (Embedder again = Embedders.open("model2vec:distill(all-MiniLM-L6-v2)",
                Map.of("token_remove_pattern", SMALL_VOCAB, "pca_dims", "64", "output", out.toString()))) {
            List<String> p = new ArrayList<>();
            again.embed(List.of("banana"), (t, d, n) -> p.add(t));
            assertFalse(p.contains("distilling"), "a saved distillation with the same settings is reused");
        }
        try (Embedder other = Embedders.open("model2vec:distill(all-MiniLM-L6-v2)",
                Map.of("token_remove_pattern", SMALL_VOCAB, "pca_dims", "32", "output", out.toString()))) {
            assertThrows(IllegalStateException.class, () -> other.embed(List.of("banana")), "other settings, same folder");
        }
    }

    @Test
    void sifWeightsFollowZipf() {
        double[] w = Model2Vec.sifWeights(4, 1e-4);
        double sum = 1.0 / 2 + 1.0 / 3 + 1.0 / 4 + 1.0 / 5;
        assertEquals(1e-4 / (1e-4 + 0.5 / sum), w[0], 1e-15);
        assertEquals(1e-4 / (1e-4 + 0.2 / sum), w[3], 1e-15);
        assertTrue(w[0] < w[3], "frequent (low-rank) tokens weigh less");
    }

    @Test
    void patternRemovingThePostProcessorsTokensIsRefused() {
        try (Embedder e = Embedders.open("model2vec:distill(all-MiniLM-L6-v2)", Map.of("token_remove_pattern", "\\[CLS\\]"))) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.embed(List.of("banana")));
            assertTrue(x.getMessage().contains("[CLS]"), x.getMessage());
        }
    }

    @Test
    void distillOptionsOnAStaticModelAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Embedders.open("model2vec:" + Fixtures.folder("tiny"), Map.of("pca_dims", "32")));
    }
}
