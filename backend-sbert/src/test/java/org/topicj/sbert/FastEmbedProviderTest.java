package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.TokenEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.registry.Embedders;
import org.topicj.spi.support.DjlRuntime;

/**
 * The fastembed provider over folders laid out as FastEmbed's cache lays them, holding the bundled
 * all-MiniLM-L6-v2 graph: where it looks, and which pooling and normalisation it applies per model.
 */
class FastEmbedProviderTest {
    private static final List<String> TEXTS = List.of("Debian package manager", "a library for topic modelling",
            "Émile a visité Zürich 東京", "x");

    @Test
    void meanNormalizedModelFromTheHubLayoutEqualsSentenceTransformers(@TempDir Path cache) {
        FastEmbedLayout.hubSnapshot(cache, "qdrant/all-MiniLM-L6-v2-onnx", "model.onnx");
        DenseMatrix fast;
        try (Embedder e = Embedders.open("fastembed:sentence-transformers/all-MiniLM-L6-v2", Map.of("cache_dir", cache.toString()))) {
            assertInstanceOf(SentenceTransformerEmbedder.class, e);
            assertTrue(((SentenceTransformerEmbedder) e).origin().contains(FastEmbedLayout.REVISION), ((SentenceTransformerEmbedder) e).origin());
            assertEquals(512, ((SentenceTransformerEmbedder) e).maxSeqLength(), "FastEmbed truncates at tokenizer_config's length");
            assertTrue(e.normalized());
            fast = e.embed(TEXTS).toDense();
        }
        try (Embedder sbert = Embedders.open("all-MiniLM-L6-v2", Map.of("max_seq_length", "512"))) {
            assertClose(sbert.embed(TEXTS).toDense(), fast);
        }
    }

    @Test
    void clsModelPoolsTheFirstTokenAndNormalizes(@TempDir Path cache) {
        FastEmbedLayout.hubSnapshot(cache, "qdrant/bge-small-en-v1.5-onnx-q", "model_optimized.onnx");
        DenseMatrix fast;
        try (Embedder e = Embedders.open("fastembed:baai/BGE-small-en-v1.5", Map.of("cache_dir", cache.toString()))) {
            assertEquals("BAAI/bge-small-en-v1.5", e.modelId(), "matched case-insensitively, as FastEmbed does");
            fast = e.embed(TEXTS).toDense();
        }
        DenseMatrix firstToken;
        try (SentenceTransformerEmbedder minilm = SentenceTransformerEmbedder.builder().model("all-MiniLM-L6-v2").build()) {
            firstToken = minilm.embedTokenIds(ids(minilm.tokenizerJson()), TokenEmbedder.Pooling.FIRST, null).toDense();
            float[] mean = minilm.embed(TEXTS.subList(0, 1)).toDense().row(0);
            assertTrue(cosine(mean, fast.row(0)) < 0.99, "CLS differs from the mean of the same graph");
        }
        VectorMath.normalizeRows(firstToken.rawData(), firstToken.cols());
        assertClose(firstToken, fast);
    }

    @Test
    void pooledModelIsNotNormalized(@TempDir Path cache) {
        FastEmbedLayout.hubSnapshot(cache, "qdrant/paraphrase-multilingual-MiniLM-L12-v2-onnx-Q", "model_optimized.onnx");
        try (Embedder e = Embedders.open("fastembed:sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2",
                Map.of("cache_dir", cache.toString()));
             Embedder sbert = Embedders.open("all-MiniLM-L6-v2", Map.of("max_seq_length", "512"))) {
            assertFalse(e.normalized());
            DenseMatrix pooled = e.embed(TEXTS).toDense();
            double norm = norm(pooled.row(0));
            assertTrue(Math.abs(norm - 1) > 0.01, "mean pooling without normalisation, norm " + norm);
            VectorMath.normalizeRows(pooled.rawData(), pooled.cols());
            assertClose(sbert.embed(TEXTS).toDense(), pooled);
        }
    }

    @Test
    void legacyTarLayoutAndModelPathAreFound(@TempDir Path cache) {
        FastEmbedLayout.modelFolder(cache.resolve("fast-all-MiniLM-L6-v2"), "model.onnx");
        Path own = FastEmbedLayout.modelFolder(cache.resolve("elsewhere"), "onnx/model.onnx");
        try (Embedder legacy = Embedders.open("fastembed:sentence-transformers/all-MiniLM-L6-v2", Map.of("cache_dir", cache.toString()));
             Embedder byPath = Embedders.open("fastembed:thenlper/gte-base", Map.of("model_path", own.toString()))) {
            assertClose(legacy.embed(TEXTS).toDense(), byPath.embed(TEXTS).toDense());
        }
    }

    @Test
    void cacheFolderComesFromTheEnvironmentAsInFastEmbed(@TempDir Path tmp) throws IOException {
        Path configured = tmp.resolve("configured");
        Files.createDirectories(tmp.resolve("t"));
        assertEquals(configured, FastEmbedCache.of(null, Map.of("FASTEMBED_CACHE_PATH", configured.toString())::get).root());
        assertEquals(tmp.resolve("t/fastembed_cache"), FastEmbedCache.of(null, Map.of("TMPDIR", tmp.resolve("t").toString())::get).root());
        assertEquals(tmp, FastEmbedCache.of(tmp.toString(), Map.of("FASTEMBED_CACHE_PATH", configured.toString())::get).root());
    }

    @Test
    void missingModelsSayWhereTheyWereLookedFor(@TempDir Path cache) throws IOException {
        BackendInitializationException absent = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("fastembed:BAAI/bge-small-en-v1.5", Map.of("cache_dir", cache.toString())));
        assertTrue(absent.getMessage().contains("models--qdrant--bge-small-en-v1.5-onnx-q")
                && absent.getMessage().contains("FASTEMBED_CACHE_PATH"), absent.getMessage());
        BackendInitializationException unknown = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("fastembed:no/such-model", Map.of("cache_dir", cache.toString())));
        assertTrue(unknown.getMessage().contains("BAAI/bge-small-en-v1.5"), unknown.getMessage());
        Path folder = FastEmbedLayout.hubSnapshot(cache, "qdrant/all-MiniLM-L6-v2-onnx", "model.onnx");
        Files.delete(folder.resolve("tokenizer_config.json"));
        BackendInitializationException noConfig = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("fastembed:sentence-transformers/all-MiniLM-L6-v2", Map.of("cache_dir", cache.toString())));
        assertTrue(noConfig.getMessage().contains("tokenizer_config.json"), noConfig.getMessage());
    }

    @Test
    void everyNamedModelHasAHubSourceAndAKnownDimension() {
        FastEmbedEmbedderProvider p = new FastEmbedEmbedderProvider();
        assertEquals(384, p.dimension("BAAI/bge-small-en-v1.5").getAsInt());
        assertFalse(p.claims("BAAI/bge-small-en-v1.5"), "a bare id stays with sbert");
        for (FastEmbedModel m : FastEmbedModel.ALL) {
            assertTrue(m.hfSource().contains("/") && m.modelFile().endsWith(".onnx") && m.dimension() > 0, m.toString());
        }
    }

    private static List<int[]> ids(String tokenizerJson) {
        DjlRuntime.offline();
        List<int[]> out = new ArrayList<>();
        try (HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(
                new java.io.ByteArrayInputStream(tokenizerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"))) {
            for (String text : TEXTS) {
                long[] ids = t.encode(text).getIds();
                int[] row = new int[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    row[i] = (int) ids[i];
                }
                out.add(row);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static void assertClose(DenseMatrix expected, DenseMatrix actual) {
        assertEquals(expected.rows(), actual.rows());
        for (int i = 0; i < expected.rows(); i++) {
            assertTrue(cosine(expected.row(i), actual.row(i)) > 0.99999, "row " + i);
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double cosine(float[] a, float[] b) {
        return SbertParityTest.cosine(a, b);
    }
}
