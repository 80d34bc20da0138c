package org.topicj.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.hf.nn.Architecture;
import org.topicj.hf.nn.Architectures;
import org.topicj.hf.nn.ModelConfig;
import org.topicj.hf.nn.Precision;
import org.topicj.hf.nn.TokenBatch;
import org.topicj.hf.nn.Weights;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.registry.Embedders;
import org.topicj.spi.support.HuggingFaceCache;
import org.topicj.spi.support.SafeTensors;
import org.topicj.spi.support.SentenceTransformerModules;

/** How the safetensors engine reads folders and options: prompts, long documents, config formats, errors. */
class SafetensorsFolderTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void documentsGetTheModelsClusteringOrDocumentPrompt() {
        Map<String, String> expected = Map.of("xlm-roberta", "st.passage", "gemma3_text", "st.clustering",
                "qwen3", "st.document", "modernbert", "st.document");
        expected.forEach((arch, array) -> {
            TinyModels fx = TinyModels.of(arch);
            try (TransformerEmbedder e = (TransformerEmbedder) Embedders.open("hf:" + fx.folder())) {
                DenseMatrix m = e.embed(fx.texts()).toDense();
                for (int i = 0; i < fx.texts().size(); i++) {
                    SafetensorsEngineTest.assertCos(fx.row(array, i), m.row(i), SafetensorsEngineTest.COS, arch + " " + i);
                }
            }
        });
        try (TransformerEmbedder e = (TransformerEmbedder) Embedders.open("hf:" + TinyModels.of("gemma3_text").folder())) {
            assertEquals("task: clustering | query: ", e.prompt());
        }
        try (TransformerEmbedder e = (TransformerEmbedder) Embedders.open("hf:" + TinyModels.of("xlm-roberta").folder(),
                Map.of("prompt", "query: "))) {
            assertEquals("query: ", e.prompt());
            SafetensorsEngineTest.assertCos(TinyModels.of("xlm-roberta").row("st.query", 3),
                    e.embed(List.of(TinyModels.of("xlm-roberta").texts().get(3))).toDense().row(0), 0.99999, "explicit prompt");
        }
        var unknown = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("hf:" + TinyModels.of("qwen3").folder(), Map.of("prompt_name", "clustering")));
        assertTrue(unknown.getMessage().contains("not one of this model's prompts"), unknown.getMessage());
    }

    @Test
    void chunkedLongDocumentsAverageTheirWindows() throws Exception {
        TinyModels fx = TinyModels.of("bert");
        List<String> texts = fx.texts();
        Path folder = fx.folder();
        try (Embedder cut = Embedders.open("hf:" + folder, Map.of("max_length", "12", "prompt", ""));
             Embedder chunked = Embedders.open("hf:" + folder, Map.of("max_length", "12", "prompt", "",
                     "long_documents", "chunk", "chunk_overlap", "3"))) {
            DenseMatrix a = cut.embed(texts).toDense();
            DenseMatrix b = chunked.embed(texts).toDense();
            for (int i = 0; i < texts.size(); i++) {
                if (fx.inputIds(i).length <= 12) {
                    assertArrayEquals(a.row(i), b.row(i), 1e-6f, "short text " + i + " is one window either way");
                } else {
                    assertNotEquals(a.row(i)[0], b.row(i)[0], "long text " + i + " is more than its first window");
                }
            }
            // The long text by hand: windows of 10 content tokens, 3 shared, each between [CLS] and [SEP].
            int longest = 5;
            long[] ids = fx.inputIds(longest);
            long[] content = Arrays.copyOfRange(ids, 1, ids.length - 1);
            float[] sum = new float[fx.hidden()];
            double total = 0;
            ModelConfig config = ModelConfig.read(folder);
            SentenceTransformerModules modules = SentenceTransformerModules.read(folder, 256);
            try (Architecture net = Architectures.build(config, Weights.open(folder, NDManager.newBaseManager("PyTorch"),
                    Precision.FLOAT32))) {
                for (int start = 0; ; start += 7) {
                    int end = Math.min(content.length, start + 10);
                    long[] window = new long[end - start + 2];
                    window[0] = ids[0];
                    System.arraycopy(content, start, window, 1, end - start);
                    window[window.length - 1] = ids[ids.length - 1];
                    float[] v = pooled(net, modules, window);
                    double w = (double) (end - start) / content.length;
                    for (int j = 0; j < v.length; j++) {
                        sum[j] += (float) (w * v[j]);
                    }
                    total += w;
                    if (end == content.length) {
                        break;
                    }
                }
            }
            for (int j = 0; j < sum.length; j++) {
                sum[j] /= (float) total;
            }
            VectorMath.normalize(sum, 0, sum.length);
            assertArrayEquals(sum, b.row(longest), 1e-5f);
        }
        var tooMuch = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + folder,
                Map.of("max_length", "12", "long_documents", "chunk", "chunk_overlap", "10")));
        assertTrue(tooMuch.getMessage().contains("chunk_overlap 10 must be less than the 10 text tokens"), tooMuch.getMessage());
    }

    private static float[] pooled(Architecture net, SentenceTransformerModules modules, long[] ids) {
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] states = net.forward(m, new TokenBatch(ids, mask, new long[ids.length], 1, ids.length)).toFloatArray();
            return modules.pool(states, 0, mask, 0, ids.length, net.hiddenSize());
        }
    }

    @Test
    void configsInTheFormatsBeforeTransformers5GiveTheSameVectors() throws Exception {
        Map<String, Map<String, Object>> legacy = new LinkedHashMap<>();
        legacy.put("modernbert", Map.of("global_rope_theta", 160000.0, "local_rope_theta", 10000.0,
                "global_attn_every_n_layers", 2));
        legacy.put("gemma3_text", Map.of("rope_theta", 1000000.0, "rope_local_base_freq", 10000.0,
                "sliding_window_pattern", 3));
        legacy.put("qwen3", Map.of("rope_theta", 1000000.0));
        for (Map.Entry<String, Map<String, Object>> e : legacy.entrySet()) {
            TinyModels fx = TinyModels.of(e.getKey());
            Path copy = fx.copyTo(tmp.resolve(e.getKey()));
            ObjectNode config = (ObjectNode) JSON.readTree(copy.resolve("config.json").toFile());
            config.remove(List.of("rope_parameters", "layer_types", "_sliding_window_pattern"));
            e.getValue().forEach((k, v) -> config.putPOJO(k, v));
            JSON.writeValue(copy.resolve("config.json").toFile(), config);
            String array = SafetensorsEngineTest.cases(fx).keySet().iterator().next();
            Map<String, String> options = SafetensorsEngineTest.cases(fx).get(array);
            try (Embedder emb = Embedders.open("hf:" + copy, options)) {
                DenseMatrix m = emb.embed(fx.texts()).toDense();
                for (int i = 0; i < fx.texts().size(); i++) {
                    SafetensorsEngineTest.assertCos(fx.row(array, i), m.row(i), SafetensorsEngineTest.COS,
                            e.getKey() + " legacy config, text " + i);
                }
            }
        }
    }

    @Test
    void weightsSavedUnderATaskModelsPrefixLoad() throws Exception {
        TinyModels fx = TinyModels.of("bert");
        Path copy = fx.copyTo(tmp.resolve("prefixed"));
        Map<String, SafeTensors.Tensor> renamed = new LinkedHashMap<>();
        SafeTensors.read(copy.resolve("model.safetensors")).forEach((k, v) -> renamed.put("bert." + k, v));
        SafeTensors.write(copy.resolve("model.safetensors"), renamed, Map.of("format", "pt"));
        try (Embedder e = Embedders.open("hf:" + copy, Map.of("prompt", ""))) {
            SafetensorsEngineTest.assertCos(fx.row("st.default", 3), e.embed(List.of(fx.texts().get(3))).toDense().row(0),
                    SafetensorsEngineTest.COS, "bert.-prefixed weights");
        }
    }

    @Test
    void cachedSnapshotsRunOnTheSafetensorsEngine() throws Exception {
        TinyModels fx = TinyModels.of("qwen3");
        Path repo = tmp.resolve("hub/models--acme--tiny-qwen3");
        fx.copyTo(repo.resolve("snapshots/abc123"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "abc123");
        HuggingFaceCache cache = new HuggingFaceCache(Map.of("HF_HUB_CACHE", tmp.resolve("hub").toString())::get);
        Path located = HfEmbedderProvider.locate("acme/tiny-qwen3", null, cache);
        try (TransformerEmbedder e = TransformerEmbedder.builder().folder(located).modelId("acme/tiny-qwen3").build()) {
            assertEquals("qwen3", e.modelType());
            assertEquals("acme/tiny-qwen3", e.modelId());
            SafetensorsEngineTest.assertCos(fx.row("st.document", 0), e.embed(List.of(fx.texts().get(0))).toDense().row(0),
                    SafetensorsEngineTest.COS, "cached snapshot");
        }
    }

    @Test
    void unsupportedFoldersAndOptionsFailClearly() throws Exception {
        TinyModels fx = TinyModels.of("bert");
        Path other = fx.copyTo(tmp.resolve("gpt2"));
        ObjectNode config = (ObjectNode) JSON.readTree(other.resolve("config.json").toFile());
        config.put("model_type", "gpt2");
        JSON.writeValue(other.resolve("config.json").toFile(), config);
        var type = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + other));
        assertTrue(type.getMessage().contains("model_type 'gpt2' is not supported")
                && type.getMessage().contains("bert, roberta, xlm-roberta, distilbert, mpnet, modernbert, qwen3, gemma3_text"),
                type.getMessage());

        Path pickled = fx.copyTo(tmp.resolve("pickled"));
        Files.move(pickled.resolve("model.safetensors"), pickled.resolve("pytorch_model.bin"));
        var pickle = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + pickled));
        assertTrue(pickle.getMessage().contains("pytorch_model.bin is a pickle"), pickle.getMessage());

        var ts = assertThrows(UnsupportedOptionException.class,
                () -> Embedders.open("hf:" + TinyBert.FOLDER, Map.of("dtype", "bfloat16")));
        assertTrue(ts.getMessage().contains("TorchScript engine") && ts.getMessage().contains("dtype"), ts.getMessage());
        var st = assertThrows(UnsupportedOptionException.class,
                () -> Embedders.open("hf:" + fx.folder(), Map.of("token_type_ids", "true")));
        assertTrue(st.getMessage().contains("safetensors engine"), st.getMessage());

        var dim = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("hf:" + fx.folder(), Map.of("truncate_dim", "33")));
        assertTrue(dim.getMessage().contains("truncate_dim 33 exceeds the 32 dimensions"), dim.getMessage());
        var length = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("hf:" + fx.folder(), Map.of("max_length", "257")));
        assertTrue(length.getMessage().contains("max_length 257 exceeds"), length.getMessage());
        var gpu = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("hf:" + fx.folder(), Map.of("device", "gpu:7")));
        assertTrue(gpu.getMessage().contains("GPU"), gpu.getMessage());
    }

    @Test
    void plainFoldersPoolAsTheFeatureExtractionPipeline() {
        TinyModels fx = TinyModels.of("roberta");
        try (TransformerEmbedder e = (TransformerEmbedder) Embedders.open("hf:" + fx.folder())) {
            assertEquals("roberta", e.modelType());
            assertEquals(256, e.maxLength(), "tokenizer_config's model_max_length (positions allow 256 too)");
            assertTrue(e.normalized());
            SafetensorsEngineTest.assertCos(fx.row("pooled.mean", 5), e.embed(List.of(fx.texts().get(5))).toDense().row(0),
                    SafetensorsEngineTest.COS, "mean by default");
        }
        try (Embedder e = Embedders.open("hf:" + fx.folder(), Map.of("pooling", "cls", "normalize", "false"))) {
            float[] v = e.embed(List.of(fx.texts().get(0))).toDense().row(0);
            assertTrue(Math.abs(SafetensorsEngineTest.norm(v) - 1) > 1e-3, "Flair's raw CLS vector");
            SafetensorsEngineTest.assertCos(fx.row("pooled.cls", 0), v, SafetensorsEngineTest.COS, "cls");
        }
    }
}
