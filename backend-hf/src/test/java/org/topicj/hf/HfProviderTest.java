package org.topicj.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.registry.Embedders;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.spi.support.HuggingFaceCache;

/** Keys, options and the Hugging Face cache for the {@code hf} provider. */
class HfProviderTest {
    @TempDir
    Path tmp;

    @Test
    void modelIdsAreFoundInTheHuggingFaceCacheAtTheirRevision() throws Exception {
        Path repo = tmp.resolve("hub/models--acme--tiny-bert");
        TinyBert.copy(repo.resolve("snapshots/1111aaaa"), "model.pt", "tokenizer.json", "config.json");
        TinyBert.copy(repo.resolve("snapshots/2222bbbb"), "variants/two-inputs.pt=model.pt", "tokenizer.json", "config.json");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "2222bbbb\n");
        HuggingFaceCache cache = new HuggingFaceCache(Map.of("HF_HUB_CACHE", tmp.resolve("hub").toString())::get);
        assertEquals(repo.resolve("snapshots/2222bbbb"), HfEmbedderProvider.locate("acme/tiny-bert", null, cache));
        assertEquals(repo.resolve("snapshots/1111aaaa"), HfEmbedderProvider.locate("acme/tiny-bert", "1111aaaa", cache));
        try (HfEmbedder e = HfEmbedder.builder().folder(HfEmbedderProvider.locate("acme/tiny-bert", null, cache)).build()) {
            assertArrayEquals(TinyBert.row("mean_normalized", 3), e.embed(List.of(TinyBert.texts().get(3))).toDense().row(0), 1e-5f);
        }
        var missing = assertThrows(BackendInitializationException.class, () -> HfEmbedderProvider.locate("acme/other", null, cache));
        assertTrue(missing.getMessage().contains("models--acme--other"), missing.getMessage());
    }

    @Test
    void misspeltOptionsAndBadValuesFailBeforeLoading() {
        var typo = assertThrows(UnsupportedOptionException.class,
                () -> Embedders.open("hf:" + TinyBert.FOLDER, Map.of("poolling", "cls")));
        assertTrue(typo.getMessage().contains("poolling"), typo.getMessage());
        var pooling = assertThrows(IllegalArgumentException.class,
                () -> Embedders.open("hf:" + TinyBert.FOLDER, Map.of("pooling", "median")));
        assertTrue(pooling.getMessage().contains("pooling must be mean, cls, max, mean_sqrt_len, weightedmean or lasttoken"),
                pooling.getMessage());
    }

    @Test
    void bareIdsAreLeftToSentenceTransformers() {
        HfEmbedderProvider p = new HfEmbedderProvider();
        assertFalse(p.claims("bert-base-uncased"));
        assertEquals("org.topicj:backend-hf", p.artifact());
    }
}
