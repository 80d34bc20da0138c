package org.topicj.use;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;

/** The {@code use} provider on a USE-shaped SavedModel that this test exports with TensorFlow Java. */
class UseEmbedderTest {
    static final UseFixture FIXTURE = new UseFixture(42);
    static final List<String> TEXTS = List.of("the quick brown fox", "jumps over the lazy dog", "",
            "  spaces \t between\n words ", "fox", "ünïcödé wörds ✓", "the the the");

    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void exportFixture() throws IOException {
        model = tmp.resolve("use-fixture");
        FIXTURE.export(model);
    }

    @Test
    void sipHashMatchesThePublishedTestVector() {
        byte[] message = new byte[15];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) i;
        }
        assertEquals(0xa129ca6149be45e5L, UseFixture.sipHash24(UseFixture.K0, UseFixture.K1, message));
    }

    @Test
    void vectorsEqualTheHashAndAverageComputedByHand() {
        try (Embedder e = Embedders.open("use:" + model)) {
            assertEquals(UseFixture.DIM, e.dimension());
            assertFalse(e.normalized());
            DenseMatrix m = e.embed(TEXTS).toDense();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(FIXTURE.expected(TEXTS.get(i)), m.row(i), 1e-6f, "text " + i + ": " + TEXTS.get(i));
            }
        }
    }

    @Test
    void batchesEqualOneByOne() {
        try (Embedder batched = Embedders.open("use:" + model, Map.of("batch_size", "3"));
             Embedder single = Embedders.open("use:" + model, Map.of("batch_size", "1"))) {
            DenseMatrix all = batched.embed(TEXTS).toDense();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(all.row(i), single.embed(List.of(TEXTS.get(i))).toDense().row(0), 0f);
            }
        }
    }

    @Test
    void wordsAndTheEmptyStringWork() {
        try (Embedder e = Embedders.open("use:" + model)) {
            DenseMatrix m = e.embedWords(List.of("fox", "", "dog")).toDense();
            assertArrayEquals(FIXTURE.expected("fox"), m.row(0), 1e-6f);
            assertArrayEquals(new float[UseFixture.DIM], m.row(1), 0f);
            assertArrayEquals(FIXTURE.expected("dog"), m.row(2), 1e-6f);
        }
    }

    @Test
    void normalizeOptionGivesUnitRows() {
        try (Embedder e = Embedders.open("use:" + model, Map.of("normalize", "true"))) {
            assertTrue(e.normalized());
            DenseMatrix m = e.embed(List.of("quick brown fox", "")).toDense();
            double sum = 0;
            for (float x : m.row(0)) {
                sum += x * x;
            }
            assertEquals(1.0, sum, 1e-5);
            assertArrayEquals(new float[UseFixture.DIM], m.row(1), 0f);
        }
    }

    @Test
    void signatureNamesAreReadFromTheModel() throws IOException {
        Path other = tmp.resolve("renamed");
        FIXTURE.export(other, "embed_text", "sentences", "vectors");
        try (UseEmbedder e = (UseEmbedder) Embedders.open("use:" + other)) {
            assertEquals("embed_text(sentences) -> vectors", e.signatureDescription());
            assertArrayEquals(FIXTURE.expected("lazy dog"), e.embed(List.of("lazy dog")).toDense().row(0), 1e-6f);
        }
        var wrongKey = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("use:" + other, Map.of("signature", "serving_default")));
        assertTrue(wrongKey.getMessage().contains("has no signature 'serving_default'"), wrongKey.getMessage());
        assertTrue(wrongKey.getMessage().contains("embed_text(sentences: string"), wrongKey.getMessage());
    }

    @Test
    void aModelWithoutATextSignatureIsRefusedWithItsSignaturesListed() throws IOException {
        Path floats = tmp.resolve("float-model");
        UseFixture.exportFloatModel(floats);
        var e = assertThrows(BackendInitializationException.class, () -> Embedders.open("use:" + floats));
        assertTrue(e.getMessage().contains("has no signature that takes a 1-d string tensor and returns a float matrix"),
                e.getMessage());
        assertTrue(e.getMessage().contains("serving_default(x: float[-1, 3]) -> (y: float"), e.getMessage());
    }

    @Test
    void foldersThatAreNotSavedModelsAreRefused() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        var noPb = assertThrows(BackendInitializationException.class, () -> Embedders.open("use:" + empty));
        assertTrue(noPb.getMessage().contains("holds no saved_model.pb"), noPb.getMessage());
        var missing = assertThrows(BackendInitializationException.class, () -> Embedders.open("use:" + tmp.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.write(broken.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
        var corrupt = assertThrows(BackendInitializationException.class, () -> Embedders.open("use:" + broken));
        assertTrue(corrupt.getMessage().contains("cannot load TensorFlow SavedModel"), corrupt.getMessage());
    }

    @Test
    void concurrentCallersGetTheSameVectors() throws Exception {
        try (Embedder e = Embedders.open("use:" + model, Map.of("batch_size", "2"))) {
            DenseMatrix expected = e.embed(TEXTS).toDense();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                Thread th = new Thread(() -> {
                    try {
                        for (int r = 0; r < 20; r++) {
                            assertArrayEquals(expected.rawData(), e.embed(TEXTS).toDense().rawData(), 0f);
                        }
                    } catch (Throwable x) {
                        failures.add(x);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            assertEquals(List.of(), failures);
        }
    }
}
