package org.topicj.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.embed.ImageEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.progress.ProgressListener;

/** The {@code clip} provider on tiny CLIP-shaped ONNX graphs written by {@link ClipFixtures}. */
class ClipEmbedderTest {
    static final ClipFixtures FIXTURE = new ClipFixtures(11);
    static final Path IMAGES = ClipFixtures.resource("/clip-preprocess/expected.json").getParent();
    static final List<String> IMAGE_NAMES = List.of("wide_noise.png", "small_tall.png", "gray.png", "rgba_exact.png");

    @TempDir
    static Path tmp;
    static Path combined;
    static Path split;

    @BeforeAll
    static void writeModels() throws IOException {
        combined = FIXTURE.write(tmp.resolve("combined"), true);
        split = FIXTURE.write(tmp.resolve("split"), false);
    }

    @Test
    void theTokenizerIsClipLike() {
        try (ClipEmbedder e = ClipEmbedder.builder().folder(combined).build()) {
            long[] ids = tokenizer(e).encode("A photo of a CAT").getIds();
            long[] expected = {FIXTURE.vocab.get(ClipFixtures.BOS), FIXTURE.vocab.get("a</w>"), FIXTURE.vocab.get("photo</w>"),
                FIXTURE.vocab.get("of</w>"), FIXTURE.vocab.get("a</w>"), FIXTURE.vocab.get("cat</w>"), FIXTURE.vocab.get(ClipFixtures.EOS)};
            assertArrayEquals(expected, ids);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void textVectorsComeOutOfTheTextHead(boolean oneGraph) {
        List<String> texts = List.of("a photo of a cat", "dog", "", "the red car on the grass, zebra!");
        try (Embedder e = Embedders.open("clip:" + (oneGraph ? combined : split))) {
            assertInstanceOf(ImageEmbedder.class, e);
            assertEquals(ClipFixtures.DIM, e.dimension());
            DenseMatrix m = e.embed(texts).toDense();
            for (int i = 0; i < texts.size(); i++) {
                long[] ids = tokenizer((ClipEmbedder) e).encode(texts.get(i)).getIds();
                assertArrayEquals(ClipFixtures.normalized(FIXTURE.textEmbedding(ids)), m.row(i), 1e-5f, texts.get(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void imageVectorsComeOutOfTheVisionHead(boolean oneGraph) throws Exception {
        ClipImageProcessor processor = ClipImageProcessor.read(IMAGES.resolve("preprocessor_config.json"));
        try (ImageEmbedder e = (ImageEmbedder) Embedders.open("clip:" + (oneGraph ? combined : split))) {
            DenseMatrix m = e.embedImages(paths(), ProgressListener.NONE).toDense();
            for (int i = 0; i < IMAGE_NAMES.size(); i++) {
                float[] pixels = new float[3 * 16 * 16];
                processor.process(ImageIO.read(IMAGES.resolve(IMAGE_NAMES.get(i)).toFile()), pixels, 0);
                assertArrayEquals(ClipFixtures.normalized(FIXTURE.imageEmbedding(pixels)), m.row(i), 1e-5f, IMAGE_NAMES.get(i));
            }
        }
    }

    @Test
    void textAndImageTogetherGiveTheElementWiseMean() {
        List<String> captions = List.of("a cat", "a dog", "red car", "grass");
        try (ImageEmbedder e = (ImageEmbedder) Embedders.open("clip:" + combined)) {
            DenseMatrix t = e.embed(captions).toDense();
            DenseMatrix i = e.embedImages(paths(), ProgressListener.NONE).toDense();
            DenseMatrix both = e.embed(captions, paths(), ProgressListener.NONE).toDense();
            for (int r = 0; r < captions.size(); r++) {
                for (int j = 0; j < ClipFixtures.DIM; j++) {
                    assertEquals((t.get(r, j) + i.get(r, j)) / 2, both.get(r, j), 1e-6f);
                }
            }
        }
    }

    @Test
    void batchesEqualSinglesAndBufferedImagesEqualFiles() throws Exception {
        List<String> texts = List.of("a photo of a cat", "dog", "", "the red car", "grass on grass", "of");
        try (ClipEmbedder batched = ClipEmbedder.builder().folder(split).batchSize(4).build();
             ClipEmbedder single = ClipEmbedder.builder().folder(split).batchSize(1).build()) {
            assertArrayEquals(single.embed(texts).toDense().rawData(), batched.embed(texts).toDense().rawData(), 1e-5f);
            assertArrayEquals(single.embedImages(paths(), ProgressListener.NONE).toDense().rawData(),
                    batched.embedImages(paths(), ProgressListener.NONE).toDense().rawData(), 1e-5f);
            List<BufferedImage> decoded = new ArrayList<>();
            for (Path p : paths()) {
                decoded.add(ImageIO.read(p.toFile()));
            }
            assertArrayEquals(batched.embedImages(paths(), ProgressListener.NONE).toDense().rawData(),
                    batched.embedBufferedImages(decoded, ProgressListener.NONE).toDense().rawData(), 0f);
        }
    }

    @Test
    void longTextsAreCutTo77TokensNotRejected() {
        try (ClipEmbedder e = ClipEmbedder.builder().folder(combined).build()) {
            String longText = "cat ".repeat(300);
            assertEquals(77, tokenizer(e).encode(longText).getIds().length);
            assertArrayEquals(e.embed(List.of("cat ".repeat(75))).toDense().row(0), e.embed(List.of(longText)).toDense().row(0), 1e-6f);
        }
    }

    @Test
    void unreadableImagesFailByNameOrBecomeNaNRowsWhenSkipped() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.jpg"), "not a jpeg");
        Path missing = tmp.resolve("missing.png");
        List<Path> images = List.of(paths().get(0), broken, missing, paths().get(1));
        try (ImageEmbedder e = (ImageEmbedder) Embedders.open("clip:" + combined)) {
            var error = assertThrows(UnreadableImageException.class, () -> e.embedImages(images, ProgressListener.NONE));
            assertEquals(1, error.index());
            assertTrue(error.getMessage().contains("broken.jpg"), error.getMessage());
            assertTrue(error.getMessage().contains("on_unreadable_image=skip"), error.getMessage());
        }
        try (ImageEmbedder e = (ImageEmbedder) Embedders.open("clip:" + combined, Map.of("on_unreadable_image", "skip"))) {
            DenseMatrix m = e.embedImages(images, ProgressListener.NONE).toDense();
            DenseMatrix good = e.embedImages(List.of(paths().get(0), paths().get(1)), ProgressListener.NONE).toDense();
            assertArrayEquals(good.row(0), m.row(0), 1e-6f);
            assertArrayEquals(good.row(1), m.row(3), 1e-6f);
            for (int row : new int[] {1, 2}) {
                for (float x : m.row(row)) {
                    assertTrue(Float.isNaN(x), "skipped image " + row + " is marked missing, not zero");
                }
            }
        }
    }

    @Test
    void foldersThatAreNotClipExportsFailClearly() throws IOException {
        Path noTokenizer = Files.createDirectories(tmp.resolve("no-tokenizer"));
        var e1 = assertThrows(BackendInitializationException.class, () -> Embedders.open("clip:" + noTokenizer));
        assertTrue(e1.getMessage().contains("has no tokenizer.json"), e1.getMessage());
        Path textOnly = tmp.resolve("text-only");
        FIXTURE.write(textOnly, false);
        Files.delete(textOnly.resolve("onnx/vision_model.onnx"));
        var e2 = assertThrows(BackendInitializationException.class, () -> Embedders.open("clip:" + textOnly));
        assertTrue(e2.getMessage().contains("vision_model.onnx is not"), e2.getMessage());
        Path wrongSize = tmp.resolve("wrong-size");
        FIXTURE.write(wrongSize, true);
        Files.writeString(wrongSize.resolve("preprocessor_config.json"), "{\"size\": {\"shortest_edge\": 24}, \"crop_size\": 24}");
        var e3 = assertThrows(BackendInitializationException.class, () -> Embedders.open("clip:" + wrongSize));
        assertTrue(e3.getMessage().contains("takes pixel_values [-1, 3, 16, 16]"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class,
                () -> Embedders.open("clip:" + combined, Map.of("on_unreadable_image", "ignore")));
        assertTrue(e4.getMessage().contains("fail or skip"), e4.getMessage());
    }

    @Test
    void bareClipNamesAreClaimedBeforeSentenceTransformers() {
        ClipEmbedderProvider p = new ClipEmbedderProvider();
        assertTrue(p.claims("clip-ViT-B-32"));
        assertFalse(p.claims("all-MiniLM-L6-v2"));
        assertEquals(512, p.dimension("clip-ViT-B-32").getAsInt());
        var e = assertThrows(BackendInitializationException.class, () -> ClipEmbedderProvider.locate("clip-ViT-B-32", null,
                new org.topicj.spi.support.HuggingFaceCache(Map.of("HF_HUB_CACHE", tmp.resolve("empty-hub").toString())::get)));
        assertTrue(e.getMessage().contains("models--openai--clip-vit-base-patch32"), e.getMessage());
    }

    @Test
    void topicsAreFittedOnImagesAndCaptionsThroughTheKey() {
        List<String> captions = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            captions.add(i % 3 == 0 ? null : List.of("a photo of a cat", "a red car", "dog on the grass", "the grass").get(i % 4));
            images.add(i % 3 == 1 ? null : paths().get(i % 4));
        }
        org.topicj.topics.TopicModel m = org.topicj.topics.TopicModeler.builder().embedderKey("clip:" + combined)
                .minTopicSize(5).seed(4).build().fit(captions, images);
        assertTrue(m.topicCount() >= 1);
        assertEquals("clip:" + combined, m.embedderKey().orElseThrow());
        for (org.topicj.topics.Topic t : m.topics()) {
            assertTrue(t.representativeImages().size() <= 3);
            t.representativeImages().forEach(img -> assertTrue(paths().contains(Path.of(img)), img));
        }
        assertTrue(m.topics().stream().anyMatch(t -> !t.representativeImages().isEmpty()));
    }

    static List<Path> paths() {
        return IMAGE_NAMES.stream().map(IMAGES::resolve).toList();
    }

    static ai.djl.huggingface.tokenizers.HuggingFaceTokenizer tokenizer(ClipEmbedder e) {
        return e.tokenizerForTests();
    }
}
