package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.registry.Embedders;
import org.topicj.sbert.ProtoMessage.Field;
import org.topicj.testing.SharedData;

/** {@code precision=int8}: the graph rewrite, its numbers, and the vectors it gives against fp32. */
class PrecisionTest {

    @Test
    void int8VectorsStayWithinCosine099OfFp32() throws IOException {
        List<String> docs = SbertParityTest.texts(SharedData.reference("debian5k/docs.jsonl")).subList(0, 200);
        DenseMatrix fp32;
        DenseMatrix int8;
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2")) {
            fp32 = e.embed(docs).toDense();
        }
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2", Map.of("precision", "int8"))) {
            int8 = e.embed(docs).toDense();
        }
        double sum = 0;
        double worst = 1;
        for (int i = 0; i < docs.size(); i++) {
            double c = SbertParityTest.cosine(fp32.row(i), int8.row(i));
            sum += c;
            worst = Math.min(worst, c);
        }
        double mean = sum / docs.size();
        assertTrue(mean >= 0.99 && worst >= 0.99, "int8 vs fp32 cosine: mean " + mean + ", min " + worst);
        assertTrue(worst < 0.99999, "int8 vectors equal fp32 ones (min cosine " + worst + "): was the graph quantised at all?");
    }

    @Test
    void everyWeightMatMulOfMiniLmBecomesInt8WithItsBias() throws IOException {
        Int8Quantizer.Result r = Int8Quantizer.quantise(resource("all-minilm-l6-v2.onnx"));
        assertFalse(r.alreadyQuantised());
        assertEquals(36, r.quantised(), "6 layers x (query, key, value, attention output, intermediate, output)");
        assertEquals(36, r.biasesFolded());
        ProtoMessage model = ProtoMessage.parse(r.model());
        ProtoMessage graph = ProtoMessage.parse(model.first(7).bytes());
        Map<String, Integer> ops = new HashMap<>();
        for (Field f : graph.all(1)) {
            ops.merge(ProtoMessage.parse(f.bytes()).string(4), 1, Integer::sum);
        }
        assertEquals(36, ops.get("DynamicQuantizeMatMul"));
        assertEquals(12, ops.get("MatMul"), "the attention products (two per layer) have no constant weight and stay float");
        assertEquals(88 - 36, ops.get("Add"));
        boolean declared = model.all(8).stream().anyMatch(f -> ProtoMessage.parse(f.bytes()).string(1).equals("com.microsoft"));
        assertTrue(declared, "the com.microsoft opset is declared");
    }

    @Test
    void quantisedMatMulWithBiasComputesWhatTheFloatOneDoes() throws Exception {
        Random random = new Random(7);
        int k = 16;
        int n = 5;
        float[] w = new float[k * n];
        float[] bias = new float[n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * (1 + i % n);
        }
        for (int i = 0; i < n; i++) {
            bias[i] = (float) random.nextGaussian();
        }
        float[] x = new float[2 * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        byte[] model = matMulAddModel(k, n, w, bias);
        Int8Quantizer.Result r = Int8Quantizer.quantise(model);
        assertEquals(1, r.quantised());
        assertEquals(1, r.biasesFolded());
        float[] exact = run(model, x, k, n);
        float[] quantised = run(r.model(), x, k, n);
        for (int row = 0; row < 2; row++) {
            for (int j = 0; j < n; j++) {
                float expected = bias[j];
                for (int i = 0; i < k; i++) {
                    expected += x[row * k + i] * w[i * n + j];
                }
                assertEquals(expected, exact[row * n + j], 1e-4, "float graph");
                double columnScale = 0;
                for (int i = 0; i < k; i++) {
                    columnScale = Math.max(columnScale, Math.abs(w[i * n + j]));
                }
                assertEquals(expected, quantised[row * n + j], 0.05 * columnScale * Math.sqrt(k),
                        "row " + row + " column " + j);
            }
        }
    }

    @Test
    void anAlreadyQuantisedGraphIsLeftAsItIs() throws Exception {
        float[] w = {1, -2, 3, 0.5f, 4, -1};
        byte[] once = Int8Quantizer.quantise(matMulAddModel(3, 2, w, new float[] {0.1f, -0.2f})).model();
        Int8Quantizer.Result twice = Int8Quantizer.quantise(once);
        assertTrue(twice.alreadyQuantised());
        assertSame(once, twice.model());
        float[] x = {1, 2, 3};
        assertArrayEquals(run(once, x, 3, 2), run(twice.model(), x, 3, 2), 0f);
    }

    @Test
    void precisionIsKeptWithTheKeySoASavedModelReopensIt() {
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2", Map.of("precision", "int8"))) {
            assertEquals(Map.of("precision", "int8"), e.keyOptions());
            assertEquals(Precision.INT8, ((SentenceTransformerEmbedder) e).precision());
        }
        try (SentenceTransformerEmbedder e = SentenceTransformerEmbedder.builder().build()) {
            assertEquals(Precision.FP32, e.precision());
        }
    }

    @Test
    void unknownOrUnavailablePrecisionsAreRefusedWithTheReason() {
        IllegalArgumentException bf16 = assertThrows(IllegalArgumentException.class,
                () -> Embedders.open("all-MiniLM-L6-v2", Map.of("precision", "bf16")));
        assertTrue(bf16.getMessage().contains("bfloat16") && bf16.getMessage().contains("int8"), bf16.getMessage());
        IllegalArgumentException int4 = assertThrows(IllegalArgumentException.class, () -> Precision.parse("int4"));
        assertTrue(int4.getMessage().contains("fp32 or int8"), int4.getMessage());
        assertEquals(Precision.INT8, Precision.parse(" INT8 "));
    }

    @Test
    void aGraphWithNothingToQuantiseOrNoGraphIsRefused() {
        byte[] addOnly = model(graph(List.of(node("Add", List.of("x", "x"), "y")), List.of(), "x", "y", 1, 3));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Int8Quantizer.quantise(addOnly));
        assertTrue(none.getMessage().contains("no MatMul with a constant"), none.getMessage());
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> Int8Quantizer.quantise(new byte[] {0x0b, 0x01}));
        assertFalse(garbage.getMessage().isBlank());
    }

    @Test
    void aModelThatCannotBeQuantisedFailsToOpenSayingWhatToDo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Files.write(dir.resolve("model.onnx"),
                model(graph(List.of(node("Add", List.of("input_ids", "input_ids"), "y")), List.of(), "input_ids", "y", 1, 3)));
        java.nio.file.Files.write(dir.resolve("tokenizer.json"), resource("all-minilm-l6-v2-tokenizer.json"));
        BackendInitializationException e = assertThrows(BackendInitializationException.class,
                () -> SentenceTransformerEmbedder.builder().modelFolder(dir).precision(Precision.INT8).build());
        assertTrue(e.getMessage().contains("precision=fp32"), e.getMessage());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PrecisionTest.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name + " on the test class path");
            return in.readAllBytes();
        }
    }

    private static float[] run(byte[] model, float[] x, int k, int n) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {x.length / k, k});
             OrtSession.Result out = s.run(Map.of("x", in))) {
            float[][] y = (float[][]) out.get(0).getValue();
            float[] flat = new float[y.length * n];
            for (int r = 0; r < y.length; r++) {
                System.arraycopy(y[r], 0, flat, r * n, n);
            }
            return flat;
        }
    }

    /** y = x @ w + b as an exporter writes it: a MatMul on a constant, then an Add of a constant bias. */
    private static byte[] matMulAddModel(int k, int n, float[] w, float[] bias) {
        List<ProtoMessage> inits = List.of(floatTensor("w", new long[] {k, n}, w), floatTensor("b", new long[] {n}, bias));
        List<ProtoMessage> nodes = List.of(node("MatMul", List.of("x", "w"), "xw"), node("Add", List.of("xw", "b"), "y"));
        return model(graph(nodes, inits, "x", "y", k, n));
    }

    private static byte[] model(ProtoMessage graph) {
        List<Field> f = new ArrayList<>();
        f.add(Field.ofVarint(1, 7));
        f.add(Field.ofBytes(8, new ProtoMessage(new ArrayList<>(List.of(Field.ofVarint(2, 13)))).toBytes()));
        f.add(Field.ofBytes(7, graph.toBytes()));
        return new ProtoMessage(f).toBytes();
    }

    private static ProtoMessage graph(List<ProtoMessage> nodes, List<ProtoMessage> inits, String in, String out, int k, int n) {
        List<Field> f = new ArrayList<>();
        nodes.forEach(node -> f.add(Field.ofBytes(1, node.toBytes())));
        f.add(Field.ofString(2, "test"));
        inits.forEach(t -> f.add(Field.ofBytes(5, t.toBytes())));
        f.add(Field.ofBytes(11, valueInfo(in, k).toBytes()));
        f.add(Field.ofBytes(12, valueInfo(out, n).toBytes()));
        return new ProtoMessage(f);
    }

    private static ProtoMessage node(String op, List<String> inputs, String output) {
        List<Field> f = new ArrayList<>();
        inputs.forEach(i -> f.add(Field.ofString(1, i)));
        f.add(Field.ofString(2, output));
        f.add(Field.ofString(3, op + "_" + output));
        f.add(Field.ofString(4, op));
        return new ProtoMessage(f);
    }

    /** A float tensor [batch, width] with a symbolic batch. */
    private static ProtoMessage valueInfo(String name, int width) {
        ProtoMessage batch = new ProtoMessage(new ArrayList<>(List.of(Field.ofString(2, "batch"))));
        ProtoMessage cols = new ProtoMessage(new ArrayList<>(List.of(Field.ofVarint(1, width))));
        ProtoMessage shape = new ProtoMessage(new ArrayList<>(List.of(Field.ofBytes(1, batch.toBytes()), Field.ofBytes(1, cols.toBytes()))));
        ProtoMessage tensor = new ProtoMessage(new ArrayList<>(List.of(Field.ofVarint(1, 1), Field.ofBytes(2, shape.toBytes()))));
        ProtoMessage type = new ProtoMessage(new ArrayList<>(List.of(Field.ofBytes(1, tensor.toBytes()))));
        return new ProtoMessage(new ArrayList<>(List.of(Field.ofString(1, name), Field.ofBytes(2, type.toBytes()))));
    }

    private static ProtoMessage floatTensor(String name, long[] dims, float[] values) {
        List<Field> f = new ArrayList<>();
        for (long d : dims) {
            f.add(Field.ofVarint(1, d));
        }
        f.add(Field.ofVarint(2, 1));
        f.add(Field.ofString(8, name));
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        f.add(Field.ofBytes(9, raw.array()));
        return new ProtoMessage(f);
    }
}
