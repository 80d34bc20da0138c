package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.TopicJException;
import org.topicj.io.CorruptModelException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.pipeline.FittedReducer;
import org.topicj.pipeline.NoReduction;
import org.topicj.pipeline.Reducer;
import org.topicj.progress.ProgressListener;
import org.topicj.testing.FakeEmbedder;

/** Saves that are whole and exact, loads that check everything, and embedders with an owner. */
class TopicModelPersistenceTest {
    private static List<String> docs;
    private static FakeEmbedder embedder;
    private static DenseMatrix embeddings;
    private static TopicModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() {
        docs = Corpora.synthetic(60, 1);
        embedder = new FakeEmbedder(32, "fake:hash");
        embeddings = embedder.embed(docs).toDense();
        model = TopicModeler.builder().embedder(embedder).minTopicSize(10).seed(3).calculateProbabilities(true)
                .vectorizer(org.topicj.text.CountVectorizer.builder().minDf(1).maxDf(1.0).maxFeatures(500).build())
                .representativeDocs(2).build().fit(docs, embeddings);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void roundTripKeepsProbabilitiesMembershipAndWeightsExactly() {
        model.save(dir.resolve("m"));
        try (TopicModel loaded = TopicModel.load(dir.resolve("m"), embedder)) {
            assertEquals(model.topics(), loaded.topics());
            assertEquals(model.documentInfo(), loaded.documentInfo(), "document topics and probabilities, exactly");
            assertArrayEquals(model.probabilities().orElseThrow().rawData(), loaded.probabilities().orElseThrow().rawData(), 0f,
                    "the membership matrix is saved");
            assertArrayEquals(model.topicWords().idf(), loaded.topicWords().idf(), 0.0, "idf in float64");
            assertArrayEquals(model.topicWords().weights().values(), loaded.topicWords().weights().values(), 0.0,
                    "c-TF-IDF weights in float64");
            assertEquals(model.settings().vectorizer().minDf(), loaded.settings().vectorizer().minDf());
            assertEquals(model.settings().vectorizer().maxDf(), loaded.settings().vectorizer().maxDf());
            assertEquals(500, loaded.settings().vectorizer().maxFeatures());
            assertEquals(2, loaded.settings().representativeDocs());
            assertEquals(3L, loaded.provenance().seed());
            assertEquals(docs.size(), loaded.provenance().documents());
            int[] before = model.reduceOutliers(docs, null, TopicModel.OutlierStrategy.PROBABILITIES, 0);
            assertArrayEquals(before, loaded.reduceOutliers(docs, null, TopicModel.OutlierStrategy.PROBABILITIES, 0),
                    "the probabilities strategy works after loading");
        }
    }

    @Test
    void reduceAndMergeAfterLoadEqualInMemory() {
        model.save(dir.resolve("m"));
        try (TopicModel loaded = TopicModel.load(dir.resolve("m"), embedder)) {
            TopicModel a = model.reduceTopics(docs, 3);
            TopicModel b = loaded.reduceTopics(docs, 3);
            assertEquals(a.topics(), b.topics());
            assertEquals(a.documentInfo(), b.documentInfo());
            assertEquals(a.transform(docs.subList(0, 30)), b.transform(docs.subList(0, 30)));
            TopicModel c = model.mergeTopics(docs, List.of(List.of(0, 1)));
            TopicModel d = loaded.mergeTopics(docs, List.of(List.of(0, 1)));
            assertEquals(c.topics(), d.topics());
            assertArrayEquals(c.probabilities().orElseThrow().rawData(), d.probabilities().orElseThrow().rawData(), 0f);
        }
    }

    @Test
    void savingOverAModelOfAnotherKindLeavesNothingOfIt() throws IOException {
        Path target = dir.resolve("m");
        model.save(target);
        assertTrue(Files.exists(target.resolve("topic_embeddings.npy")));
        int[] labels = model.documentInfo().stream().mapToInt(Assignment::topic).toArray();
        TopicModel manual = TopicModeler.builder().seed(1).build().fit(docs, labels);
        manual.save(target);
        assertFalse(Files.exists(target.resolve("topic_embeddings.npy")), "nothing of the dense model stays behind");
        assertFalse(Files.exists(target.resolve("reducer")));
        assertTrue(TopicModel.load(target).isManual());
        assertEquals(List.of(), leftovers(dir), "no staging folders stay behind");
    }

    @Test
    void aFolderThatIsNotAModelIsNeverReplaced() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("my-data"));
        Files.writeString(mine.resolve("notes.txt"), "precious");
        TopicJException e = assertThrows(TopicJException.class, () -> model.save(mine));
        assertTrue(e.getMessage().contains("not a TopicJ model"), e.getMessage());
        assertEquals("precious", Files.readString(mine.resolve("notes.txt")));
    }

    @Test
    void aSaveThatFailsHalfWayLeavesTheOldModelLoadable() throws IOException {
        Path target = dir.resolve("m");
        model.save(target);
        TopicModel failing = TopicModeler.builder().embedder(embedder).minTopicSize(10).seed(4)
                .reducer(new FailingOnSave()).build().fit(docs, embeddings);
        assertThrows(IllegalStateException.class, () -> failing.save(target));
        try (TopicModel old = TopicModel.load(target, embedder)) {
            assertEquals(model.topics(), old.topics(), "the old model is still there, whole");
        }
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void concurrentSavesIntoOneFolderLeaveOneWholeModel() throws Exception {
        Path target = dir.resolve("shared");
        List<TopicModel> models = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            models.add(TopicModeler.builder().embedder(embedder).minTopicSize(10 + s).seed(s).build().fit(docs, embeddings));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<?>> saves = new ArrayList<>();
                for (TopicModel m : models) {
                    saves.add(pool.submit(() -> m.save(target)));
                }
                for (Future<?> f : saves) {
                    f.get();
                }
                try (TopicModel loaded = TopicModel.load(target, embedder)) {
                    long seed = loaded.provenance().seed();
                    TopicModel writer = models.get((int) seed);
                    assertEquals(writer.topics(), loaded.topics(), "every file comes from the model seeded " + seed);
                    assertEquals(writer.documentInfo(), loaded.documentInfo());
                }
                assertEquals(List.of(), leftovers(dir), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readersNeverSeeAHalfSwappedModel() throws Exception {
        Path target = dir.resolve("live");
        TopicModel other = TopicModeler.builder().embedder(embedder).minTopicSize(12).seed(9).build().fit(docs, embeddings);
        model.save(target);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    (i % 2 == 0 ? other : model).save(target);
                }
            });
            Callable<Integer> reader = () -> {
                int reads = 0;
                while (!writer.isDone()) {
                    try (TopicModel loaded = TopicModel.load(target, embedder)) {
                        TopicModel expected = loaded.provenance().seed() == 9L ? other : model;
                        assertEquals(expected.topics(), loaded.topics());
                        reads++;
                    }
                }
                return reads;
            };
            assertTrue(pool.submit(reader).get() >= 0);
            writer.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tamperedModelsAreRefusedNamingFileAndField() throws IOException {
        Path target = dir.resolve("m");
        model.save(target);
        Path json = target.resolve("topicj-model.json");
        String original = Files.readString(json);
        Files.writeString(json, original.replaceFirst("\"clusterToTopic\" : \\[ [0-9]+", "\"clusterToTopic\" : [ 99"));
        CorruptModelException e = assertThrows(CorruptModelException.class, () -> TopicModel.load(target, embedder));
        assertTrue(e.getMessage().contains("clusterToTopic") && e.getMessage().contains("99"), e.getMessage());
        Files.writeString(json, original.replaceFirst("\"topics\" : \\[", "\"topics\" : \"x\", \"unused\" : ["));
        e = assertThrows(CorruptModelException.class, () -> TopicModel.load(target, embedder));
        assertTrue(e.getMessage().contains("topics"), e.getMessage());
        Files.writeString(json, original);
        Files.write(target.resolve("ctfidf_indptr.npy"), Files.readAllBytes(target.resolve("ctfidf_indptr.npy")));
        org.topicj.matrix.Npy.writeInts(target.resolve("ctfidf_indptr.npy"), new int[] {0, 1 << 20});
        e = assertThrows(CorruptModelException.class, () -> TopicModel.load(target, embedder));
        assertTrue(e.getMessage().contains("ctfidf_indptr.npy"), e.getMessage());
        e = assertThrows(CorruptModelException.class,
                () -> TopicModel.load(target, LoadOptions.builder().embedder(embedder).verifyChecksums(false).build()));
        assertTrue(e.getMessage().contains("ctfidf_indptr"), "without checksums the offsets are still checked: " + e.getMessage());
    }

    @Test
    void aTamperedStageIsRefusedEvenWithoutChecksums() throws IOException {
        Path target = dir.resolve("m");
        model.save(target);
        Path hdbscan = target.resolve("clusterer/hdbscan.json");
        // Same length, so only the stage's own checks can catch it when checksums are off.
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("\"selectedClusters\" : \\[ ([0-9]+)").matcher(Files.readString(hdbscan));
        assertTrue(first.find());
        String nines = "9".repeat(first.group(1).length());
        Files.writeString(hdbscan, Files.readString(hdbscan).substring(0, first.start(1)) + nines
                + Files.readString(hdbscan).substring(first.end(1)));
        LoadOptions noChecksums = LoadOptions.builder().embedder(embedder).verifyChecksums(false).build();
        CorruptModelException e = assertThrows(CorruptModelException.class, () -> TopicModel.load(target, noChecksums));
        assertTrue(e.getMessage().contains("selectedClusters") && e.getMessage().contains(nines), e.getMessage());
        e = assertThrows(CorruptModelException.class, () -> TopicModel.load(target, embedder));
        assertTrue(e.getMessage().contains("hdbscan.json"), "with checksums the change itself is caught: " + e.getMessage());
    }

    @Test
    void aSymbolicLinkInsideAModelFolderIsRefused() throws IOException {
        Path target = dir.resolve("m");
        model.save(target);
        Path outside = Files.writeString(dir.resolve("outside.npy"), "x");
        Files.delete(target.resolve("idf.npy"));
        Files.createSymbolicLink(target.resolve("idf.npy"), outside);
        CorruptModelException e = assertThrows(CorruptModelException.class, () -> TopicModel.load(target, embedder));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void anEmbedderTheCallerGaveIsNeverClosedByTheModel() {
        FakeEmbedder mine = new FakeEmbedder(32, "fake:hash");
        TopicModel m = TopicModeler.builder().embedder(mine).minTopicSize(10).seed(3).build().fit(docs);
        m.close();
        assertEquals(32, mine.embed(List.of("still open")).cols(), "the caller's embedder stays open");
        mine.close();
        TopicJException closed = assertThrows(TopicJException.class, () -> m.withEmbedder(mine).transform(List.of("a")));
        assertTrue(closed.getMessage().contains("withEmbedder"), closed.getMessage());
    }

    @Test
    void aLoadedModelOpensItsEmbedderOnceAndClosesItWithTheModel() {
        model.save(dir.resolve("m"));
        TopicModel loaded = TopicModel.load(dir.resolve("m"));
        List<Assignment> first = loaded.transform(docs.subList(0, 5));
        assertEquals(first, loaded.transform(docs.subList(0, 5)));
        TopicModel reduced = loaded.reduceTopics(docs, 3);
        loaded.close();
        assertEquals(5, reduced.transform(docs.subList(0, 5)).size(), "a derived model keeps the shared embedder open");
        reduced.close();
        assertThrows(IllegalStateException.class, () -> reduced.transform(docs.subList(0, 5)));
    }

    @Test
    void aLoadedModelDoesNotReachWhatItNamesUnlessAllowed() throws IOException {
        Path target = dir.resolve("m");
        model.save(target);
        Path json = target.resolve("topicj-model.json");
        Files.writeString(json, Files.readString(json).replace("\"key\" : \"fake:hash\"", "\"key\" : \"fake:/etc/some/folder\""));
        // The JSON changed after saving, so the manifest's checksums no longer matter for this file (it is not listed).
        try (TopicModel loaded = TopicModel.load(target)) {
            TopicJException e = assertThrows(TopicJException.class, () -> loaded.transform(docs.subList(0, 2)));
            assertTrue(e.getMessage().contains("/etc/some/folder") && e.getMessage().contains("trust"), e.getMessage());
            assertEquals(2, loaded.transform(docs.subList(0, 2), embeddings.rowRange(0, 2)).size(),
                    "with precomputed embeddings nothing is opened");
        }
        try (TopicModel trusted = TopicModel.load(target, LoadOptions.builder().trustRecordedEmbedder(true).build())) {
            IllegalArgumentException opened = assertThrows(IllegalArgumentException.class, () -> trusted.transform(docs.subList(0, 2)));
            assertTrue(opened.getMessage().contains("fake backend"), "trusted, the backend itself is asked: " + opened.getMessage());
        }
    }

    @Test
    void allZeroTopicEmbeddingsReduceWithoutNaN() {
        DenseMatrix zeros = DenseMatrix.zeros(4, 3);
        int[] groups = TopicReduction.averageLinkage(zeros, 0, 4, 2);
        assertEquals(4, groups.length);
        assertTrue(Arrays.stream(groups).allMatch(g -> g == 0 || g == 1), Arrays.toString(groups));
    }

    @Test
    void hugeHashedManualLabelsNeedNoHugeArrays() {
        int[] labels = new int[docs.size()];
        int[] hashes = {Integer.MAX_VALUE, 1_000_000_007, 7, 123_456_789, 2_000_000_000};
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 17 == 0 ? -1 : hashes[i % 5];
        }
        TopicModel manual = TopicModeler.builder().seed(1).build().fit(docs, labels);
        assertEquals(5, manual.topicCount());
        assertEquals(docs.size(), manual.topics().stream().mapToInt(Topic::count).sum());
    }

    @Test
    void aReducerOtherThanUmapStandsIn() {
        TopicModel pca = TopicModeler.builder().embedder(embedder).seed(3).minTopicSize(10)
                .reducer(new org.topicj.pipeline.PcaReducer(5)).build().fit(docs, embeddings);
        assertTrue(pca.topicCount() >= 3, pca.topicCount() + " topics");
        pca.save(dir.resolve("pca"));
        try (TopicModel loaded = TopicModel.load(dir.resolve("pca"), embedder)) {
            assertEquals(pca.transform(docs.subList(0, 20), embeddings.rowRange(0, 20)),
                    loaded.transform(docs.subList(0, 20), embeddings.rowRange(0, 20)));
        }
        TopicModel kmeans = TopicModeler.builder().embedder(embedder).seed(3).reducer(new NoReduction())
                .clusterer(new org.topicj.pipeline.KMeansClusterer(5, 3)).build().fit(docs, embeddings);
        assertEquals(5, kmeans.topicCount());
        assertFalse(kmeans.topics().stream().anyMatch(t -> t.id() < 0), "k-means has no outliers");
    }

    private static List<String> leftovers(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".staging-") || n.contains(".old-")).toList();
        }
    }

    /** A reducer whose fitted form fails half-way through saving, after writing a file. */
    private static final class FailingOnSave implements Reducer {
        @Override
        public Reduction fit(Matrix e, ProgressListener progress) {
            Reduction r = new NoReduction().fit(e, progress);
            FittedReducer inner = r.model();
            return new Reduction(new FittedReducer() {
                @Override
                public DenseMatrix transform(Matrix m) {
                    return inner.transform(m);
                }

                @Override
                public int components() {
                    return inner.components();
                }

                @Override
                public String type() {
                    return "failing";
                }

                @Override
                public void save(Path d) {
                    inner.save(d);
                    throw new IllegalStateException("disk full (simulated)");
                }
            }, r.reduced());
        }
    }
}
