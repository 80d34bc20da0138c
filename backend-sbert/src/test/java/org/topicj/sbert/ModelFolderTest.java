package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;

/** sentence-transformers model folders built by the test from the bundled files: pooling, Dense, layouts, errors. */
class ModelFolderTest {
    private static final List<String> TEXTS = List.of("A library for parsing XML.", "fonts", "",
            "Command-line tool to synchronise files between machines over SSH with resumable transfers.");

    @TempDir
    static Path shared;

    private static DenseMatrix bundled;

    @BeforeAll
    static void embedWithBundledModel() {
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2")) {
            bundled = e.embed(TEXTS).toDense();
        }
    }

    @AfterAll
    static void release() {
        bundled = null;
    }

    private static DenseMatrix embed(Path folder) {
        try (Embedder e = Embedders.open("sbert:" + folder)) {
            return e.embed(TEXTS).toDense();
        }
    }

    private static float[] normalised(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(s));
        }
        return out;
    }

    @Test
    void meanPoolingFolderEqualsTheBundledModel() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("mean"), "model.onnx", true, "mean_tokens");
        DenseMatrix m = embed(folder);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(bundled.row(i), m.row(i), 1e-5f, "text " + i);
        }
    }

    @Test
    void hfOnnxExportLayoutIsFound() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("export"), "onnx/model.onnx", true, "mean_tokens");
        assertArrayEquals(bundled.row(0), embed(folder).row(0), 1e-5f);
    }

    @Test
    void clsPoolingDiffersAndConcatenationKeepsModeOrder() throws IOException {
        DenseMatrix cls = embed(ModelFolders.build(shared.resolve("cls"), "model.onnx", false, "cls_token"));
        DenseMatrix mean = embed(ModelFolders.build(shared.resolve("mean-raw"), "model.onnx", false, "mean_tokens"));
        DenseMatrix both = embed(ModelFolders.build(shared.resolve("both"), "model.onnx", false, "mean_tokens", "cls_token"));
        assertEquals(768, both.cols());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertTrue(SbertParityTest.cosine(cls.row(i), bundled.row(i)) < 0.95, "CLS must differ from mean, text " + i);
            assertArrayEquals(normalised(mean.row(i)), bundled.row(i), 1e-5f, "unnormalised mean has the same direction");
            float[] row = both.row(i);
            assertArrayEquals(cls.row(i), java.util.Arrays.copyOfRange(row, 0, 384), 1e-5f, "CLS first");
            assertArrayEquals(mean.row(i), java.util.Arrays.copyOfRange(row, 384, 768), 1e-5f, "then mean");
        }
    }

    @Test
    void denseModuleIsApplied() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("dense"), "model.onnx", false, "mean_tokens");
        int in = 384;
        int out = 8;
        float[] w = new float[out * in];
        float[] b = new float[out];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        for (int i = 0; i < out; i++) {
            b[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        Files.createDirectories(folder.resolve("2_Dense"));
        Files.writeString(folder.resolve("2_Dense/config.json"), "{\"in_features\": 384, \"out_features\": 8, \"bias\": true, "
                + "\"activation_function\": \"torch.nn.modules.activation.Tanh\"}");
        writeSafetensors(folder.resolve("2_Dense/model.safetensors"), Map.of("linear.weight", new long[] {out, in},
                "linear.bias", new long[] {out}), Map.of("linear.weight", w, "linear.bias", b));
        Files.writeString(folder.resolve("modules.json"), "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
                + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}]");
        DenseMatrix mean = embed(ModelFolders.build(shared.resolve("mean-raw2"), "model.onnx", false, "mean_tokens"));
        DenseMatrix dense = embed(folder);
        assertEquals(8, dense.cols());
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] x = mean.row(i);
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int k = 0; k < in; k++) {
                    s += (double) w[o * in + k] * x[k];
                }
                assertEquals(Math.tanh(s), dense.get(i, o), 1e-4, "text " + i + " output " + o);
            }
        }
    }

    @Test
    void pickledDenseWeightsAreRefusedWithAReason() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("pickle"), "model.onnx", false, "mean_tokens");
        Files.createDirectories(folder.resolve("2_Dense"));
        Files.writeString(folder.resolve("2_Dense/config.json"), "{\"in_features\": 384, \"out_features\": 8}");
        Files.write(folder.resolve("2_Dense/pytorch_model.bin"), new byte[] {1, 2, 3});
        Files.writeString(folder.resolve("modules.json"), "[{\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                + "{\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
                + "{\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}]");
        BackendInitializationException e = assertThrows(BackendInitializationException.class, () -> embed(folder));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("pickle"), e.getMessage());
    }

    @Test
    void missingTokenizerNamesTheFile() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("no-tokenizer"), "model.onnx", true, "mean_tokens");
        Files.delete(folder.resolve("tokenizer.json"));
        BackendInitializationException e = assertThrows(BackendInitializationException.class, () -> embed(folder));
        assertTrue(e.getMessage().contains("has no tokenizer.json"), e.getMessage());
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
    }

    @Test
    void missingGraphSaysWhereItLooked() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("no-graph"), "model.onnx", true, "mean_tokens");
        Files.delete(folder.resolve("model.onnx"));
        BackendInitializationException e = assertThrows(BackendInitializationException.class, () -> embed(folder));
        assertTrue(e.getMessage().contains("model.onnx or onnx/model.onnx"), e.getMessage());
        assertFalse(e.getMessage().contains("backend-hf"), "no safetensors here, so no hint: " + e.getMessage());
    }

    @Test
    void safetensorsWithoutGraphPointsToBackendHf() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("safetensors-only"), "model.onnx", true, "mean_tokens");
        Files.delete(folder.resolve("model.onnx"));
        Files.write(folder.resolve("model.safetensors"), new byte[16]);
        BackendInitializationException e = assertThrows(BackendInitializationException.class, () -> embed(folder));
        assertTrue(e.getMessage().contains("org.topicj:backend-hf") && e.getMessage().contains("'hf:" + folder + "'"),
                e.getMessage());
    }

    @Test
    void corruptGraphAndTokenizerNameTheirFiles() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("corrupt"), "model.onnx", true, "mean_tokens");
        byte[] graph = Files.readAllBytes(folder.resolve("model.onnx"));
        Files.write(folder.resolve("model.onnx"), java.util.Arrays.copyOf(graph, 4096));
        BackendInitializationException g = assertThrows(BackendInitializationException.class, () -> embed(folder));
        assertTrue(g.getMessage().contains("cannot load the ONNX graph " + folder.resolve("model.onnx")), g.getMessage());

        Files.write(folder.resolve("model.onnx"), graph);
        Files.writeString(folder.resolve("tokenizer.json"), "{\"not\": \"a tokenizer\"}");
        BackendInitializationException t = assertThrows(BackendInitializationException.class, () -> embed(folder));
        assertTrue(t.getMessage().contains("cannot load the tokenizer " + folder.resolve("tokenizer.json")), t.getMessage());
    }

    @Test
    void folderWithoutPoolingModuleIsAnError() throws IOException {
        Path folder = ModelFolders.build(shared.resolve("no-pooling"), "model.onnx", true, "mean_tokens");
        Files.writeString(folder.resolve("modules.json"), "[{\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"}]");
        BackendInitializationException e = assertThrows(BackendInitializationException.class, () -> embed(folder));
        assertTrue(e.getMessage().contains("lists no Pooling module"), e.getMessage());
    }

    @Test
    void missingFolderIsReported() {
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("sbert:/no/such/model/folder"));
        assertTrue(e.getMessage().contains("/no/such/model/folder does not exist"), e.getMessage());
    }

    static void writeSafetensors(Path file, Map<String, long[]> shapes, Map<String, float[]> values) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        List<String> names = shapes.keySet().stream().sorted().toList();
        for (String name : names) {
            long bytes = values.get(name).length * 4L;
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(name).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(shapes.get(name)).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        for (String name : names) {
            for (float v : values.get(name)) {
                buf.putFloat(v);
            }
        }
        Files.write(file, buf.array());
    }
}
