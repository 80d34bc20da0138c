package org.topicj.wordvec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.registry.BackendNotFoundException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.testing.SyntheticCorpus;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/** Pooling checked against sums computed here, unknown words, the registry key, and the whole pipeline. */
class WordVecEmbedderTest {
    @TempDir
    Path dir;

    /** A GloVe-style file written by the test: three words in 3 dimensions, values chosen to tell poolings apart. */
    private Path glove() throws Exception {
        Path f = dir.resolve("tiny.glove");
        Files.writeString(f, "cat 1 -2 0.5\ndog 3 4 -1\nfish -1 0 2\n");
        return f;
    }

    @Test
    void meanMaxAndMinPoolTheKnownWords() throws Exception {
        WordVectors v = WordVectors.read(glove());
        String doc = "cat dog unknown fish cat";
        float[][] known = {{1, -2, 0.5f}, {3, 4, -1}, {-1, 0, 2}, {1, -2, 0.5f}};
        float[] sum = new float[3];
        float[] max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] min = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (float[] row : known) {
            for (int j = 0; j < 3; j++) {
                sum[j] += row[j];
                max[j] = Math.max(max[j], row[j]);
                min[j] = Math.min(min[j], row[j]);
            }
        }
        float[] mean = {sum[0] / 4, sum[1] / 4, sum[2] / 4};
        try (Embedder e = WordVecEmbedder.builder(v).build()) {
            assertArrayEquals(mean, e.embed(List.of(doc)).toDense().row(0), 1e-6f);
        }
        try (Embedder e = WordVecEmbedder.builder(v).pooling(Pooling.MAX).build()) {
            assertArrayEquals(max, e.embed(List.of(doc)).toDense().row(0), 0f);
        }
        try (Embedder e = WordVecEmbedder.builder(v).pooling(Pooling.MIN).build()) {
            assertArrayEquals(min, e.embed(List.of(doc)).toDense().row(0), 0f);
        }
    }

    @Test
    void noKnownWordGivesZerosAndCaseFollowsTheOption() throws Exception {
        WordVectors v = WordVectors.read(glove());
        try (Embedder e = WordVecEmbedder.builder(v).build()) {
            DenseMatrix m = e.embed(List.of("", "nothing known here", "CAT")).toDense();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(new float[3], m.row(i), 0f, "row " + i);
            }
        }
        try (Embedder e = WordVecEmbedder.builder(v).lowercase(true).tokenPattern("\\w+").build()) {
            assertArrayEquals(new float[] {1, -2, 0.5f}, e.embed(List.of("CAT!!")).toDense().row(0), 0f);
        }
    }

    @Test
    void tablesBuiltInMemoryAreChecked() {
        WordVectors v = WordVectors.of(Map.of("a", 0, "b", 1, "c", 1), new float[] {1, 2, 3, 4}, 2);
        assertEquals(3, v.size());
        assertArrayEquals(new float[] {3, 4}, v.vector("c"));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(Map.of("a", 2), new float[] {1, 2, 3, 4}, 2));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(Map.of("a", 0), new float[] {1, 2, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(Map.of("a", 0), new float[] {1, Float.NaN}, 2));
    }

    @Test
    void embedWordsGivesEachWordItsOwnVector() throws Exception {
        WordVectors v = WordVectors.read(glove());
        try (Embedder e = WordVecEmbedder.builder(v).build()) {
            DenseMatrix m = e.embedWords(List.of("dog", "cat dog", "zebra")).toDense();
            assertArrayEquals(new float[] {3, 4, -1}, m.row(0), 0f);
            assertArrayEquals(new float[3], m.row(1), 0f, "a phrase is looked up whole, not pooled");
            assertArrayEquals(new float[3], m.row(2), 0f);
        }
    }

    @Test
    void openedByKeyWithOptions() throws Exception {
        Path f = glove();
        try (Embedder e = Embedders.open("wordvec:" + f, Map.of("pooling", "max", "format", "glove"))) {
            assertEquals(3, e.dimension());
            assertEquals("wordvec:" + f, e.key().orElseThrow());
            assertEquals(Map.of("pooling", "max", "format", "glove"), e.keyOptions());
            assertArrayEquals(new float[] {3, 4, 0.5f}, e.embed(List.of("cat dog")).toDense().row(0), 0f);
        }
        assertThrows(UnsupportedOptionException.class, () -> Embedders.open("wordvec:" + f, Map.of("pool", "max")));
        IllegalArgumentException pooling = assertThrows(IllegalArgumentException.class,
                () -> Embedders.open("wordvec:" + f, Map.of("pooling", "median")));
        assertTrue(pooling.getMessage().contains("mean, max or min"), pooling.getMessage());
        VectorFileException missing = assertThrows(VectorFileException.class, () -> Embedders.open("wordvec:" + dir.resolve("no.txt")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        assertInstanceOf(BackendNotFoundException.class, assertThrows(RuntimeException.class,
                () -> Embedders.registry().resolve("glove-6B-100d")), "no bare ids are claimed");
    }

    @Test
    void thePipelineCopesWithZeroVectors() throws Exception {
        // Five pools of words with separated vectors; every seventh document has no known word at all.
        StringBuilder file = new StringBuilder();
        java.util.Set<String> written = new java.util.HashSet<>();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int p = 0; p < SyntheticCorpus.POOLS.size(); p++) {
            for (String w : SyntheticCorpus.POOLS.get(p)) {
                if (!written.add(w)) {
                    continue; // "module" is in two pools; a file lists each word once
                }
                file.append(w);
                for (int j = 0; j < 8; j++) {
                    file.append(' ').append((j == p ? 5 : 0) + rnd.nextGaussian() * 0.3);
                }
                file.append('\n');
            }
        }
        Path f = dir.resolve("pools.txt");
        Files.writeString(f, file);
        List<String> docs = new ArrayList<>();
        List<String> corpus = SyntheticCorpus.documents(50, 5);
        for (int i = 0; i < corpus.size(); i++) {
            docs.add(i % 7 == 6 ? "zzz qqq" : corpus.get(i));
        }
        TopicModel model = TopicModeler.builder().embedderKey("wordvec:" + f).minTopicSize(10).seed(1).build().fit(docs);
        List<Topic> topics = model.topics().stream().filter(t -> t.id() >= 0).toList();
        assertTrue(topics.size() >= 3, "found " + topics.size() + " topics");
        assertFalse(topics.stream().anyMatch(t -> t.words().isEmpty()));
        assertEquals(docs.size(), model.transform(docs).size());
    }
}
