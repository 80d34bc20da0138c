package org.topicj.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.registry.Embedders;

/**
 * The safetensors engine end to end on every tiny model, against what transformers and
 * sentence-transformers computed: token ids, sentence-transformers' encode() for each recorded
 * case (pooling, Dense, Normalize, prompts, include_prompt, max_seq_length, truncate_dim) or the
 * pooled vectors of plain folders, all texts in batches and each alone, to cos >= 0.99999; and
 * bfloat16 within cos 0.999 of the float32 reference.
 */
class SafetensorsEngineTest {
    static final double COS = 0.99999;
    static final double BF16_COS = 0.999;

    static List<String> architectures() {
        return TinyModels.ARCHITECTURES;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void tokenIdsAreTransformers(String arch) {
        TinyModels fx = TinyModels.of(arch);
        TransformerFolder f = TransformerFolder.read(fx.folder());
        try (TextEncoder enc = TextEncoder.open(f.tokenizer(), arch, false, "", 1024)) {
            for (int i = 0; i < fx.texts().size(); i++) {
                List<TextEncoder.Sequence> s = enc.encode(i, fx.texts().get(i), false, 0);
                assertEquals(1, s.size());
                assertArrayEquals(fx.inputIds(i), s.get(0).ids(), arch + " text " + i + ": " + fx.texts().get(i));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void vectorsMatchSentenceTransformersOrThePipeline(String arch) {
        TinyModels fx = TinyModels.of(arch);
        List<String> texts = fx.texts();
        for (Map.Entry<String, Map<String, String>> c : cases(fx).entrySet()) {
            String expected = c.getKey();
            Map<String, String> options = new HashMap<>(c.getValue());
            options.put("batch_size", "3");
            try (Embedder e = Embedders.open("hf:" + fx.folder(), options)) {
                assertEquals(fx.row(expected, 0).length, e.dimension(), expected);
                DenseMatrix all = e.embed(texts).toDense();
                double worst = 1;
                for (int i = 0; i < texts.size(); i++) {
                    float[] want = fx.row(expected, i);
                    float[] alone = e.embed(List.of(texts.get(i))).toDense().row(0);
                    worst = Math.min(worst, Math.min(TinyModels.cosine(want, all.row(i)), TinyModels.cosine(want, alone)));
                    assertCos(want, all.row(i), COS, arch + " " + expected + " text " + i + " in a batch");
                    assertCos(want, alone, COS, arch + " " + expected + " text " + i + " alone");
                    assertEquals(1.0, norm(all.row(i)), 1e-5, "unit length");
                }
                System.out.printf("%s %s %s: min cos = %.8f%n", arch, expected, options, worst);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void bfloat16StaysCloseToFloat32(String arch) {
        TinyModels fx = TinyModels.of(arch);
        Map.Entry<String, Map<String, String>> c = cases(fx).entrySet().iterator().next();
        Map<String, String> options = new HashMap<>(c.getValue());
        options.put("dtype", "bfloat16");
        try (Embedder e = Embedders.open("hf:" + fx.folder(), options)) {
            DenseMatrix m = e.embed(fx.texts()).toDense();
            double worst = 1;
            for (int i = 0; i < fx.texts().size(); i++) {
                worst = Math.min(worst, TinyModels.cosine(fx.row(c.getKey(), i), m.row(i)));
                assertCos(fx.row(c.getKey(), i), m.row(i), BF16_COS, arch + " bf16 text " + i);
            }
            System.out.printf("%s bf16 vs float32 %s: min cos = %.6f%n", arch, c.getKey(), worst);
        }
    }

    /** Expected array name to the options that reproduce it. */
    static Map<String, Map<String, String>> cases(TinyModels fx) {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        fx.meta().get("st_cases").properties().forEach(e -> out.put("st." + e.getKey(), options(e.getValue())));
        fx.meta().get("plain_pooling").forEach(p -> out.put("pooled." + p.asText(), Map.of("pooling", p.asText())));
        return out;
    }

    private static Map<String, String> options(JsonNode kwargs) {
        Map<String, String> o = new HashMap<>();
        // sentence-transformers' encode() without a prompt_name uses no prompt; TopicJ would pick the document prompt.
        o.put("prompt", "");
        if (kwargs.has("prompt_name")) {
            o.remove("prompt");
            o.put("prompt_name", kwargs.get("prompt_name").asText());
        }
        if (kwargs.has("truncate_dim")) {
            o.put("truncate_dim", kwargs.get("truncate_dim").asText());
        }
        return o;
    }

    static void assertCos(float[] want, float[] got, double min, String what) {
        double c = TinyModels.cosine(want, got);
        assertTrue(c >= min, what + ": cos " + c + " < " + min);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
