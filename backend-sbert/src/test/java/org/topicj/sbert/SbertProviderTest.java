package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.testing.SharedData;

/** The sbert provider through the registry: discovery, keys, options, truncation. */
class SbertProviderTest {

    @Test
    void discoveredAndClaimsBareIds() {
        assertInstanceOf(SbertEmbedderProvider.class, Embedders.registry().resolve("all-MiniLM-L6-v2"));
        assertInstanceOf(SbertEmbedderProvider.class, Embedders.registry().resolve("BAAI/bge-small-en-v1.5"));
        assertEquals(384, new SbertEmbedderProvider().dimension("all-MiniLM-L6-v2").getAsInt());
        try (Embedder e = Embedders.open("sbert:sentence-transformers/all-MiniLM-L6-v2")) {
            assertEquals("all-MiniLM-L6-v2", e.modelId());
            assertEquals("sbert:sentence-transformers/all-MiniLM-L6-v2", e.key().orElseThrow());
            assertTrue(e.normalized());
        }
    }

    @Test
    void misspeltOptionIsRejected() {
        UnsupportedOptionException e = assertThrows(UnsupportedOptionException.class,
                () -> Embedders.open("all-MiniLM-L6-v2", Map.of("batchsize", "8")));
        assertTrue(e.getMessage().contains("batch_size"), e.getMessage());
    }

    @Test
    void batchSizeDoesNotChangeVectors() {
        List<String> texts = List.of("short", "a somewhat longer text about Debian packages and their descriptions", "", "x y z");
        DenseMatrix one;
        DenseMatrix many;
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2", Map.of("batch_size", "1", "threads", "1"))) {
            one = e.embed(texts).toDense();
        }
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2", Map.of("batch_size", "64"))) {
            many = e.embed(texts).toDense();
        }
        for (int i = 0; i < texts.size(); i++) {
            assertTrue(SbertParityTest.cosine(one.row(i), many.row(i)) > 0.99999, "text " + i);
        }
    }

    /** Shows the 256-piece truncation matters: at the tokenizer file's own 128, long texts drift from the reference. */
    @Test
    void truncationLengthIsThatOfSentenceTransformers() throws IOException {
        List<String> texts = SbertParityTest.texts(SharedData.reference("sbert/texts.jsonl"));
        DenseMatrix reference = org.topicj.matrix.Npy.readMatrix(SharedData.reference("sbert/minilm.npy"));
        try (SentenceTransformerEmbedder at128 = SentenceTransformerEmbedder.builder().maxSeqLength(128).build()) {
            assertEquals(128, at128.maxSeqLength());
            DenseMatrix m = at128.embed(texts).toDense();
            double worst = 1;
            for (int i = 0; i < texts.size(); i++) {
                worst = Math.min(worst, SbertParityTest.cosine(m.row(i), reference.row(i)));
            }
            assertTrue(worst < 0.99, "truncating at 128 should visibly change long texts, worst cosine " + worst);
        }
    }
}
