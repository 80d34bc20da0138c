package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.TopicJException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.testing.FakeEmbedder;

/** BERTopic's own test intents, on a seeded synthetic corpus embedded by the deterministic fake backend. */
class TopicModelTest {
    private static List<String> docs;
    private static TopicModel model;
    /** The model embeds new documents with the embedder it was fitted with; the caller (this test) owns it. */
    private static FakeEmbedder embedder;

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() {
        docs = Corpora.synthetic(60, 1);
        embedder = new FakeEmbedder(32, "fake:hash");
        model = TopicModeler.builder().embedder(embedder).minTopicSize(10).seed(3).calculateProbabilities(true).build().fit(docs);
    }

    @org.junit.jupiter.api.AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void everyTopicHasTenWordsAndANameAndThereAreSeveral() {
        assertTrue(model.topicCount() > 2, "topics: " + model.topicCount());
        for (Topic t : model.topics()) {
            assertEquals(10, t.words().size(), "topic " + t.id());
            assertTrue(t.name().startsWith(t.id() + "_"), t.name());
            assertTrue(t.representativeDocs().size() <= 3);
        }
        assertEquals(docs.size(), model.topics().stream().mapToInt(Topic::count).sum());
    }

    @Test
    void topicsAreNumberedBySize() {
        List<Topic> real = model.topics().stream().filter(t -> t.id() >= 0).toList();
        for (int i = 1; i < real.size(); i++) {
            assertTrue(real.get(i - 1).count() >= real.get(i).count());
            assertEquals(i, real.get(i).id());
        }
    }

    @Test
    void topicsMatchTheWordPools() {
        // Each topic's best word should come from a single pool, and the pools should be recovered.
        long recovered = model.topics().stream().filter(t -> t.id() >= 0).map(t -> t.words().get(0).word())
                .map(w -> org.topicj.testing.SyntheticCorpus.POOLS.stream().filter(p -> p.contains(w)).findFirst().orElse(null))
                .filter(java.util.Objects::nonNull).distinct().count();
        assertTrue(recovered >= 4, "pools recovered: " + recovered);
    }

    @Test
    void documentInfoHasOneRowPerDocumentAndProbabilitiesAreMatrix() {
        assertEquals(docs.size(), model.documentInfo().size());
        DenseMatrix p = model.probabilities().orElseThrow();
        assertEquals(docs.size(), p.rows());
        assertEquals(model.topicCount(), p.cols());
    }

    @Test
    void transformOfTwoDocumentsGivesTwoTopics() {
        List<Assignment> a = model.transform(List.of("kernel driver module firmware usb", "font glyph serif bold italic"));
        assertEquals(2, a.size());
        assertTrue(a.get(0).topic() != a.get(1).topic() || a.get(0).topic() == -1);
    }

    @Test
    void saveLoadTransformRoundTrip() {
        model.save(dir.resolve("m"));
        try (FakeEmbedder e = new FakeEmbedder(32, "fake:hash")) {
            TopicModel loaded = TopicModel.load(dir.resolve("m"), e);
            assertEquals(model.topics(), loaded.topics());
            List<String> some = docs.subList(0, 50);
            assertEquals(model.transform(some), loaded.transform(some));
        }
        TopicModel byKey = TopicModel.load(dir.resolve("m"));
        assertEquals("fake:hash", byKey.embedderKey().orElseThrow());
        assertEquals(model.transform(docs.subList(0, 20)), byKey.transform(docs.subList(0, 20)), "reopens the embedder by its key");
    }

    @Test
    void keyOptionsAreSavedSoLoadingReopensTheSameModel() throws Exception {
        TopicModel sized = TopicModeler.builder().embedderKey("fake:hash", java.util.Map.of("dimension", "16"))
                .minTopicSize(10).seed(3).build().fit(docs);
        assertEquals(java.util.Map.of("dimension", "16"), sized.embedderOptions());
        sized.save(dir.resolve("sized"));
        String json = Files.readString(dir.resolve("sized").resolve("topicj-model.json"));
        com.fasterxml.jackson.databind.JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("embedder");
        assertEquals("fake:hash", saved.path("key").asText(), json);
        assertEquals("16", saved.path("options").path("dimension").asText(), json);
        TopicModel loaded = TopicModel.load(dir.resolve("sized"));
        assertEquals(java.util.Map.of("dimension", "16"), loaded.embedderOptions());
        // With the default 32 dimensions the saved 16-dimensional UMAP model could not place these documents.
        assertEquals(sized.transform(docs.subList(0, 20)), loaded.transform(docs.subList(0, 20)));
        assertEquals(java.util.Map.of(), model.embedderOptions(), "an embedder object without options records none");
    }

    @Test
    void sameSeedSameTopics() {
        try (FakeEmbedder e = new FakeEmbedder(32, "fake:hash")) {
            TopicModel again = TopicModeler.builder().embedder(e).minTopicSize(10).seed(3).calculateProbabilities(true)
                    .build().fit(docs);
            assertEquals(model.topics(), again.topics());
            assertEquals(model.documentInfo(), again.documentInfo());
        }
    }

    @Test
    void reduceToOneFewerGivesExactlyThatMany() {
        int before = model.topics().size();
        TopicModel reduced = model.reduceTopics(docs, before - 1);
        assertEquals(before - 1, reduced.topics().size());
        assertEquals(docs.size(), reduced.topics().stream().mapToInt(Topic::count).sum());
        List<Assignment> a = reduced.transform(docs.subList(0, 10));
        assertEquals(10, a.size());
        assertThrows(IllegalArgumentException.class, () -> model.reduceTopics(docs, before + 1));
        assertThrows(IllegalArgumentException.class, () -> model.reduceTopics(docs.subList(0, 5), 2));
    }

    @Test
    void mergeIncreasesTheMergedTopicsCount() {
        int zero = model.topic(0).count();
        int one = model.topic(1).count();
        TopicModel merged = model.mergeTopics(docs, List.of(List.of(0, 1)));
        assertEquals(model.topicCount() - 1, merged.topicCount());
        assertEquals(zero + one, merged.topic(0).count());
        assertThrows(IllegalArgumentException.class, () -> model.mergeTopics(docs, List.of(List.of(0, 99))));
    }

    @Test
    void reduceOutliersByCtfidfLowersTheOutlierCount() {
        int[] labels = new int[docs.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10 == 9 ? -1 : i % 5;
        }
        TopicModel manual = TopicModeler.builder().build().fit(docs, labels);
        long before = java.util.Arrays.stream(labels).filter(l -> l < 0).count();
        int[] after = manual.reduceOutliers(docs, null, TopicModel.OutlierStrategy.C_TF_IDF, 0.0);
        assertEquals(0, java.util.Arrays.stream(after).filter(l -> l < 0).count(), "all " + before + " outliers reassigned");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                assertEquals(labels[i], after[i], "non-outliers keep their topic");
            } else {
                assertEquals(i % 5, after[i], "an outlier goes to the topic of its word pool");
            }
        }
        TopicJException noProbabilities = assertThrows(TopicJException.class,
                () -> manual.reduceOutliers(docs, null, TopicModel.OutlierStrategy.PROBABILITIES, 0.0));
        assertTrue(noProbabilities.getMessage().contains("calculateProbabilities"), noProbabilities.getMessage());
    }

    @Test
    void findTopicsReturnsNMatchesWithSimilarityAtMostOne() {
        List<TopicModel.TopicMatch> found = model.findTopics("kernel", 3);
        assertEquals(3, found.size());
        for (TopicModel.TopicMatch m : found) {
            assertTrue(m.similarity() <= 1.0 + 1e-6);
        }
        assertTrue(model.topic(found.get(0).topic()).words().stream().limit(10).anyMatch(w -> w.word().equals("kernel")),
                "the best match for 'kernel' is the kernel topic");
    }

    @Test
    void autoReductionMergesNearDuplicateTopics() {
        TopicModel auto = model.reduceTopicsAuto(docs);
        assertTrue(auto.topicCount() <= model.topicCount() && auto.topicCount() >= 1);
        assertEquals(docs.size(), auto.topics().stream().mapToInt(Topic::count).sum());
    }

    @Test
    void documentInfoWithTextsAndTopicNames() {
        List<DocumentInfo> info = model.documentInfo(docs);
        assertEquals(docs.size(), info.size());
        assertEquals(docs.get(7), info.get(7).document());
        assertEquals(model.topic(info.get(7).topic()).name(), info.get(7).name());
        assertEquals(model.topics(), model.topicInfo());
    }

    @Test
    void sparseEmbeddingsAreReducedWithHellinger() {
        // Term counts as embeddings: a TF-IDF-like sparse matrix.
        org.topicj.text.Vocabulary vocab = org.topicj.text.CountVectorizer.builder().build().fit(docs);
        org.topicj.matrix.SparseMatrix counts = vocab.transform(docs);
        TopicModel m = TopicModeler.builder().seed(4).build().fit(docs, counts);
        assertTrue(m.topicCount() >= 3, "topics: " + m.topicCount());
        assertTrue(m.topicEmbeddings().isEmpty(), "no dense topic embeddings for sparse input");
        assertEquals(3, m.transform(docs.subList(0, 3), vocab.transform(docs.subList(0, 3))).size());
    }

    @Test
    void ctfidfOptionsChangeTheWeights() {
        org.topicj.matrix.SparseMatrix counts = org.topicj.matrix.SparseMatrix.fromDense(
                DenseMatrix.of(new float[][] {{4, 1, 0}, {0, 1, 9}}));
        double[] idf = ClassTfidf.DEFAULT.idf(counts);
        // A = floor(15 / 2) = 7; f = {4, 2, 9}
        assertEquals(Math.log(7.0 / 4 + 1), idf[0], 1e-12);
        assertEquals(Math.log(7.0 / 2 + 1), idf[1], 1e-12);
        double[] bm25 = new ClassTfidf(true, false).idf(counts);
        assertEquals(Math.log(1 + (7 - 4 + 0.5) / (4 + 0.5)), bm25[0], 1e-12);
        ClassTfidf.WeightedRows plain = ClassTfidf.DEFAULT.weigh(counts, idf);
        assertEquals(4.0 / 5 * idf[0], plain.get(0, 0), 1e-12);
        ClassTfidf.WeightedRows sqrt = new ClassTfidf(false, true).weigh(counts, idf);
        assertEquals(2.0 / 3 * idf[0], sqrt.get(0, 0), 1e-12, "sqrt(4) / (sqrt(4) + sqrt(1))");
    }

    @Test
    void manualModeUsesTheGivenLabels() {
        int[] labels = new int[docs.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 5 == 4 ? -1 : i % 5;
        }
        TopicModel manual = TopicModeler.builder().build().fit(docs, labels);
        assertTrue(manual.isManual());
        assertEquals(4, manual.topicCount());
        assertEquals(60, manual.topic(0).count());
        assertEquals(-1, manual.topics().get(0).id());
        assertEquals(0, manual.transform(List.of("kernel driver usb firmware")).get(0).topic());
        manual.save(dir.resolve("manual"));
        assertEquals(manual.topics(), TopicModel.load(dir.resolve("manual")).topics());
    }

    @Test
    void badInputIsRejectedClearly() {
        TopicModeler modeler = TopicModeler.builder().build();
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> modeler.fit(docs, DenseMatrix.zeros(3, 4)));
        assertTrue(mismatch.getMessage().contains(docs.size() + " documents but 3 embedding rows"), mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> modeler.fit(List.of(), DenseMatrix.zeros(0, 4)));
        float[] nan = new float[docs.size() * 4];
        nan[5] = Float.NaN;
        IllegalArgumentException nanError = assertThrows(IllegalArgumentException.class,
                () -> modeler.fit(docs, DenseMatrix.wrap(docs.size(), 4, nan)));
        assertTrue(nanError.getMessage().contains("NaN"), nanError.getMessage());
        assertThrows(IllegalArgumentException.class, () -> modeler.fit(docs, new int[3]));
    }

    @Test
    void corruptOrForeignFoldersGiveClearErrors() throws Exception {
        TopicJException missing = assertThrows(TopicJException.class, () -> TopicModel.load(dir.resolve("nothing")));
        assertTrue(missing.getMessage().contains("not a saved TopicJ model"), missing.getMessage());
        Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(dir.resolve("foreign/topicj-model.json"), "{\"format\": \"something-else\"}");
        TopicJException foreign = assertThrows(TopicJException.class, () -> TopicModel.load(dir.resolve("foreign")));
        assertTrue(foreign.getMessage().contains("is not a topicj-topic-model file"), foreign.getMessage());
        model.save(dir.resolve("broken"));
        Files.delete(dir.resolve("broken/clusterer/tree_child.npy"));
        TopicJException broken = assertThrows(TopicJException.class, () -> TopicModel.load(dir.resolve("broken")));
        assertTrue(broken.getMessage().contains("tree_child.npy is missing"), broken.getMessage());
        Files.writeString(dir.resolve("broken/topicj-model.json"), "{ not json");
        assertThrows(TopicJException.class, () -> TopicModel.load(dir.resolve("broken")));
    }
}
