package org.topicj.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.registry.Embedders;
import org.topicj.spi.support.TokenPooling;

/** The {@code hf} provider on the committed tiny BERT, against what PyTorch itself computed. */
class HfEmbedderTest {
    static final List<String> TEXTS = TinyBert.texts();

    @TempDir
    Path tmp;

    @Test
    void meanPooledVectorsMatchPyTorch() {
        try (Embedder e = Embedders.open("hf:" + TinyBert.FOLDER)) {
            assertEquals(TinyBert.HIDDEN, e.dimension());
            assertTrue(e.normalized());
            DenseMatrix m = e.embed(TEXTS).toDense();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(TinyBert.row("mean_normalized", i), m.row(i), 1e-5f, "text " + i + ": " + TEXTS.get(i));
            }
        }
    }

    @Test
    void clsPoolingMatchesPyTorch() {
        try (Embedder e = Embedders.open("hf:" + TinyBert.FOLDER, Map.of("pooling", "cls"))) {
            DenseMatrix m = e.embed(TEXTS).toDense();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(TinyBert.row("cls_normalized", i), m.row(i), 1e-5f, "text " + i);
            }
        }
    }

    @Test
    void poolingIsTheMaskedMeanOfTheRawTokenOutputs() throws Exception {
        // Run the TorchScript file directly on a padded batch of two, then pool by hand under the mask.
        List<String> pair = List.of(TEXTS.get(0), TEXTS.get(3));
        long[] a = TinyBert.inputIds(0);
        long[] b = TinyBert.inputIds(3);
        int width = a.length;
        long[] ids = new long[2 * width];
        long[] mask = new long[2 * width];
        System.arraycopy(a, 0, ids, 0, a.length);
        System.arraycopy(b, 0, ids, width, b.length);
        for (int t = 0; t < width; t++) {
            mask[t] = 1;
            mask[width + t] = t < b.length ? 1 : 0;
        }
        float[] states;
        try (Model model = Model.newInstance("raw", "PyTorch")) {
            model.load(TinyBert.FOLDER, "model");
            try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator());
                 NDManager m = model.getNDManager().newSubManager()) {
                Shape shape = new Shape(2, width);
                NDList out = p.predict(new NDList(m.create(ids, shape), m.create(mask, shape), m.create(new long[2 * width], shape)));
                assertEquals(new Shape(2, width, TinyBert.HIDDEN), out.get(0).getShape());
                states = out.get(0).toFloatArray();
            }
        }
        float[] firstTokenStates = new float[width * TinyBert.HIDDEN];
        System.arraycopy(states, 0, firstTokenStates, 0, firstTokenStates.length);
        float[] pythonStates = new float[width * TinyBert.HIDDEN];
        for (int t = 0; t < width; t++) {
            float[] tokenRow = TinyBert.floats(TinyBert.EXPECTED.get("first_last_hidden_state").get(t));
            System.arraycopy(tokenRow, 0, pythonStates, t * TinyBert.HIDDEN, TinyBert.HIDDEN);
        }
        assertArrayEquals(pythonStates, firstTokenStates, 1e-5f, "raw last_hidden_state of text 0");
        try (Embedder e = Embedders.open("hf:" + TinyBert.FOLDER, Map.of("normalize", "false"))) {
            DenseMatrix pooled = e.embed(pair).toDense();
            for (int row = 0; row < 2; row++) {
                float[] expected = new float[TinyBert.HIDDEN];
                int count = 0;
                for (int t = 0; t < width; t++) {
                    if (mask[row * width + t] == 1) {
                        count++;
                        for (int j = 0; j < TinyBert.HIDDEN; j++) {
                            expected[j] += states[(row * width + t) * TinyBert.HIDDEN + j];
                        }
                    }
                }
                for (int j = 0; j < TinyBert.HIDDEN; j++) {
                    expected[j] /= count;
                }
                assertArrayEquals(expected, pooled.row(row), 1e-5f, "row " + row);
            }
        }
    }

    @Test
    void rowsHaveUnitLengthUnlessNormalizationIsOff() {
        try (Embedder on = Embedders.open("hf:" + TinyBert.FOLDER);
             Embedder off = Embedders.open("hf:" + TinyBert.FOLDER, Map.of("normalize", "false"))) {
            DenseMatrix m = on.embed(TEXTS).toDense();
            DenseMatrix raw = off.embed(TEXTS).toDense();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertEquals(1.0, norm(m.row(i)), 1e-5);
                assertTrue(Math.abs(norm(raw.row(i)) - 1.0) > 1e-3, "the raw mean is not unit length");
            }
        }
    }

    @Test
    void aThousandWordDocumentIsTruncatedNotFatal() {
        String word = "fox ";
        String longText = word.repeat(1000).strip();
        String firstWords = word.repeat(TinyBert.MAX_POSITIONS - 2).strip();
        try (HfEmbedder e = (HfEmbedder) Embedders.open("hf:" + TinyBert.FOLDER)) {
            assertEquals(TinyBert.MAX_POSITIONS, e.maxLength());
            DenseMatrix m = e.embed(List.of(longText, firstWords, "fox")).toDense();
            assertArrayEquals(m.row(1), m.row(0), 1e-5f, "cut to the model's 64 positions, [CLS] and [SEP] included");
        }
        try (HfEmbedder e = (HfEmbedder) Embedders.open("hf:" + TinyBert.FOLDER, Map.of("max_length", "8"))) {
            assertArrayEquals(e.embed(List.of("fox ".repeat(6).strip())).toDense().row(0),
                    e.embed(List.of(longText)).toDense().row(0), 1e-5f);
        }
        var tooLong = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("hf:" + TinyBert.FOLDER, Map.of("max_length", "65")));
        assertTrue(tooLong.getMessage().contains("exceeds what model"), tooLong.getMessage());
    }

    @Test
    void batchesSortedByLengthEqualOneByOne() {
        List<String> shuffled = new java.util.ArrayList<>(TEXTS);
        Collections.shuffle(shuffled, new java.util.Random(5));
        try (Embedder batched = Embedders.open("hf:" + TinyBert.FOLDER, Map.of("batch_size", "3"))) {
            DenseMatrix all = batched.embed(shuffled).toDense();
            for (int i = 0; i < shuffled.size(); i++) {
                assertArrayEquals(batched.embed(List.of(shuffled.get(i))).toDense().row(0), all.row(i), 1e-5f, shuffled.get(i));
            }
        }
    }

    @Test
    void modelsTracedWithoutTokenTypesAreCalledWithTwoInputs() throws Exception {
        Path folder = TinyBert.copy(tmp.resolve("two"), "variants/two-inputs.pt=model.pt", "tokenizer.json", "config.json");
        try (Embedder e = Embedders.open("hf:" + folder)) {
            DenseMatrix m = e.embed(TEXTS).toDense();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(TinyBert.row("mean_normalized", i), m.row(i), 1e-5f);
            }
        }
        var forced = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("hf:" + folder, Map.of("token_type_ids", "true")));
        assertTrue(forced.getMessage().contains("cannot be called with (input_ids, attention_mask, token_type_ids)"),
                forced.getMessage());
    }

    @Test
    void djlConverterLayoutIsRead() throws Exception {
        Path folder = TinyBert.copy(tmp.resolve("djl"), "model.pt=tiny_bert.pt", "tokenizer.json");
        Files.writeString(folder.resolve("serving.properties"), "engine=PyTorch\noption.modelName=tiny_bert\n"
                + "translatorFactory=ai.djl.huggingface.translator.TextEmbeddingTranslatorFactory\npooling=cls\n"
                + "normalize=true\nmaxLength=64\nincludeTokenTypes=true\n");
        try (HfEmbedder e = (HfEmbedder) Embedders.open("hf:" + folder)) {
            assertEquals(TokenPooling.CLS, e.pooling());
            assertArrayEquals(TinyBert.row("cls_normalized", 0), e.embed(List.of(TEXTS.get(0))).toDense().row(0), 1e-5f);
        }
    }

    @Test
    void unusableFoldersAndModelsFailClearly() throws Exception {
        Path noModel = TinyBert.copy(tmp.resolve("no-pt"), "tokenizer.json", "config.json");
        var e1 = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + noModel));
        // No .pt file: the safetensors engine is chosen, and says what it is missing.
        assertTrue(e1.getMessage().contains("has no model.safetensors"), e1.getMessage());

        Path noTokenizer = TinyBert.copy(tmp.resolve("no-tok"), "model.pt", "config.json");
        var e2 = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + noTokenizer));
        assertTrue(e2.getMessage().contains("has no tokenizer.json"), e2.getMessage());

        Path pooler = TinyBert.copy(tmp.resolve("pooler"), "variants/pooler-only.pt=model.pt", "tokenizer.json", "config.json");
        var e3 = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + pooler));
        assertTrue(e3.getMessage().contains("expected a 3-d last_hidden_state"), e3.getMessage());
        assertTrue(e3.getMessage().contains("(1, 32)"), e3.getMessage());

        Path two = TinyBert.copy(tmp.resolve("two-pt"), "model.pt", "variants/two-inputs.pt", "tokenizer.json");
        var e4 = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + two));
        assertTrue(e4.getMessage().contains("several TorchScript files"), e4.getMessage());
        try (Embedder chosen = Embedders.open("hf:" + two, Map.of("torchscript_file", "two-inputs.pt"))) {
            assertEquals(TinyBert.HIDDEN, chosen.dimension());
        }

        Path garbage = TinyBert.copy(tmp.resolve("garbage"), "tokenizer.json");
        Files.write(garbage.resolve("model.pt"), new byte[] {1, 2, 3});
        var e5 = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + garbage));
        assertTrue(e5.getMessage().contains("cannot load TorchScript model"), e5.getMessage());

        var e6 = assertThrows(BackendInitializationException.class, () -> Embedders.open("hf:" + tmp.resolve("missing")));
        assertTrue(e6.getMessage().contains("no such folder"), e6.getMessage());
    }

    @Test
    void runsOnTheBundledLibtorchOffline() {
        try (HfEmbedder e = (HfEmbedder) Embedders.open("hf:" + TinyBert.FOLDER)) {
            assertEquals("true", System.getProperty("ai.djl.offline"), "DJL may not download natives");
            assertEquals("2.7.1", Engine.getEngine("PyTorch").getVersion());
            assertTrue(List.of("cpu", "gpu").contains(e.device().getDeviceType()), e.device().toString());
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
