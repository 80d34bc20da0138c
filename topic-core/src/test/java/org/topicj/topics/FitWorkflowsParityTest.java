package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topicj.TopicJException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.pipeline.Clusterer;
import org.topicj.pipeline.GivenLabels;
import org.topicj.pipeline.NoReduction;
import org.topicj.pipeline.PcaReducer;
import org.topicj.pipeline.Reducer;
import org.topicj.progress.ProgressListener;

/**
 * The workflows that change a fit, against BERTopic 0.17.4 (tools/bertopic_workflows_reference.py):
 * {@code nr_topics} at fit time, guided topic modelling ({@code seed_topic_list}, with and without
 * {@code seed_words}), zero-shot topic modelling, and semi-supervised labels reaching the reducer.
 * BERTopic's reference models skip UMAP and HDBSCAN (given reductions and clusters), so every
 * difference would be TopicJ's.
 */
class FitWorkflowsParityTest {

    private static void assertSameModel(JsonNode ref, TopicModel model, String what) {
        assertArrayEquals(Workflows.ints(ref.get("topics")), model.documentInfo().stream().mapToInt(Assignment::topic).toArray(),
                what + ": document topics");
        Map<Integer, Integer> sizes = new HashMap<>();
        ref.get("sizes").properties().forEach(e -> sizes.put(Integer.parseInt(e.getKey()), e.getValue().asInt()));
        assertEquals(sizes, new HashMap<>(model.topicSizes()), what + ": sizes");
        for (Topic t : model.topics()) {
            Workflows.assertSameWords(ref.get("words").get(String.valueOf(t.id())), t.words(), what + ": topic " + t.id());
        }
    }

    @Test
    void nrTopicsAtFitTimeMergesAsBertopic() {
        JsonNode ref = Workflows.reference("nr_topics.json");
        try (TopicModel four = Workflows.given(Workflows.LABELS).nrTopics(4).build().fit(Workflows.DOCS, Workflows.EMBEDDINGS)) {
            assertSameModel(ref.get("four"), four, "nr_topics=4");
            assertEquals(4, four.topicSizes().size(), "the outlier topic counts, as in BERTopic");
        }
        try (TopicModel auto = Workflows.given(Workflows.LABELS).nrTopicsAuto().build().fit(Workflows.DOCS, Workflows.EMBEDDINGS)) {
            assertSameModel(ref.get("auto"), auto, "nr_topics=auto");
        }
        // Asking for at least as many topics as the fit finds leaves the fit as it is.
        try (TopicModel plain = Workflows.givenModel();
             TopicModel many = Workflows.given(Workflows.LABELS).nrTopics(50).build().fit(Workflows.DOCS, Workflows.EMBEDDINGS)) {
            assertEquals(plain.topicSizes(), many.topicSizes());
        }
        assertThrows(IllegalArgumentException.class, () -> TopicModeler.builder().nrTopics(1));
    }

    /**
     * Guided topics: the seed labels (each document's most similar seed topic, or none where the mean
     * embedding is more similar) equal BERTopic's; with those labels as the clusters (BERTopic's
     * {@code BaseCluster} takes y as its labels) the words, including the 1.2 idf multiplier of seed
     * words and {@code seed_words}' multiplier 2, and the topic embeddings of the moved documents
     * equal BERTopic's.
     */
    @Test
    void guidedTopicsAsBertopic(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        JsonNode all = Workflows.reference("guided.json");
        for (String name : List.of("seed_topics", "seed_topics_and_words")) {
            JsonNode ref = all.get(name);
            List<List<String>> seeds = new ArrayList<>();
            ref.get("seed_topics").forEach(s -> seeds.add(Workflows.strings(s)));
            int[] y = Workflows.ints(ref.get("y"));
            try (Workflows.TableEmbedder embedder = new Workflows.TableEmbedder()) {
                DenseMatrix e = embedder.embedDocuments(Workflows.DOCS, ProgressListener.NONE).toDense();
                assertArrayEquals(y, GuidedTopics.guide(e, seeds, embedder).labels(), name + ": seed labels");
                ClassTfidf ctfidf = ClassTfidf.DEFAULT;
                if (ref.has("seed_words")) {
                    ctfidf = ctfidf.withSeedWords(Workflows.strings(ref.get("seed_words")), ref.get("seed_multiplier").asDouble());
                }
                TopicModeler modeler = TopicModeler.builder().embedder(embedder).reducer(new NoReduction()).clusterer(new GivenLabels(y))
                        .ctfidf(ctfidf).seedTopics(seeds).build();
                try (TopicModel model = modeler.fit(Workflows.DOCS)) {
                    assertSameModel(ref, model, name);
                    DenseMatrix expected = Workflows.matrix(ref.get("topic_embeddings"));
                    DenseMatrix actual = model.topicEmbeddings().orElseThrow();
                    for (int r = 0; r < expected.rows(); r++) {
                        for (int c = 0; c < expected.cols(); c++) {
                            assertEquals(expected.get(r, c), actual.get(r, c), 1e-5, name + ": topic embedding " + r + "," + c);
                        }
                    }
                    assertEquals(ClassTfidf.SEED_TOPIC_MULTIPLIER, 1.2);
                    assertTrue(model.settings().ctfidf().seedTopicWords().contains("glyph"), "seed topic words are kept with the model");
                    model.save(dir.resolve(name));
                    try (TopicModel loaded = TopicModel.load(dir.resolve(name), embedder)) {
                        assertEquals(model.settings().ctfidf(), loaded.settings().ctfidf(), name + ": seed words saved");
                        assertEquals(model.topics(), loaded.topics());
                    }
                }
            }
        }
    }

    @Test
    void guidedTopicsRefuseWhatBertopicSilentlyIgnores() {
        List<List<String>> seeds = List.of(List.of("kernel", "driver"));
        TopicModeler noEmbedder = Workflows.given(Workflows.LABELS).seedTopics(seeds).build();
        assertThrows(TopicJException.class, () -> noEmbedder.fit(Workflows.DOCS, Workflows.EMBEDDINGS),
                "BERTopic skips the guidance without an embedding model");
        int[] partial = new int[Workflows.DOCS.size()];
        try (Workflows.TableEmbedder embedder = new Workflows.TableEmbedder()) {
            TopicModeler both = Workflows.given(Workflows.LABELS).embedder(embedder).seedTopics(seeds).build();
            assertThrows(IllegalArgumentException.class, () -> both.fit(Workflows.DOCS, PartialLabels.of(withOneLabel(partial))), "BERTopic lets the seed labels overwrite the caller's");
        }
        assertThrows(IllegalArgumentException.class, () -> TopicModeler.builder().seedTopics(List.of(List.of())));
    }

    private static int[] withOneLabel(int[] labels) {
        int[] out = labels.clone();
        Arrays.fill(out, -1);
        out[0] = 0;
        return out;
    }

    /**
     * Zero-shot topics: the documents at least 0.6 similar to a label form its topic, named by the
     * label; the others are clustered (here: given clusters looked up by embedding, as the reference
     * does). Deviation: BERTopic keeps its clusterer's raw order for the clustered topics (2, 3, ...
     * by cluster id); TopicJ numbers them by size, so the test maps BERTopic's clustered ids to TopicJ's
     * through the documents and checks that TopicJ's order is by size. Probabilities (cosine to the
     * nearest topic embedding) and transform agree.
     */
    @Test
    void zeroShotTopicsAsBertopic() {
        JsonNode ref = Workflows.reference("zeroshot.json");
        List<String> labels = Workflows.strings(ref.get("labels"));
        try (Workflows.TableEmbedder embedder = new Workflows.TableEmbedder()) {
            DenseMatrix e = embedder.embedDocuments(Workflows.DOCS, ProgressListener.NONE).toDense();
            TopicModeler modeler = TopicModeler.builder().embedder(embedder).reducer(new NoReduction())
                    .clusterer(new LookupClusterer(e, Workflows.LABELS)).zeroShotTopics(labels, ref.get("min_similarity").asDouble()).build();
            try (TopicModel model = modeler.fit(Workflows.DOCS)) {
                int[] expected = Workflows.ints(ref.get("topics"));
                int[] actual = model.documentInfo().stream().mapToInt(Assignment::topic).toArray();
                Map<Integer, Integer> bertopicToTopicJ = new HashMap<>();
                for (int i = 0; i < expected.length; i++) {
                    Integer before = bertopicToTopicJ.put(expected[i], actual[i]);
                    assertTrue(before == null || before == actual[i], "document " + i + ": BERTopic's topic " + expected[i]
                            + " is split in TopicJ");
                }
                assertEquals(ref.get("sizes").size(), bertopicToTopicJ.size(), "the same partition");
                ref.get("zeroshot_topics").properties().forEach(z -> {
                    int id = Integer.parseInt(z.getKey());
                    assertEquals(id, bertopicToTopicJ.get(id), "zero-shot topics keep their ids");
                    assertEquals(labels.get(z.getValue().asInt()), model.topic(id).name());
                    assertEquals(labels.get(z.getValue().asInt()), model.topic(id).label());
                });
                assertEquals(-1, bertopicToTopicJ.get(-1));
                int previous = Integer.MAX_VALUE;
                for (int t = ref.get("zeroshot_topics").size(); t < model.topicCount(); t++) {
                    assertTrue(model.topicSizes().get(t) <= previous, "clustered topics by size");
                    previous = model.topicSizes().get(t);
                }
                for (Map.Entry<Integer, Integer> m : bertopicToTopicJ.entrySet()) {
                    Workflows.assertSameWords(ref.get("words").get(String.valueOf(m.getKey())), model.topic(m.getValue()).words(),
                            "BERTopic's topic " + m.getKey());
                    assertEquals(ref.get("sizes").get(String.valueOf(m.getKey())).asInt(), model.topicSizes().get(m.getValue()));
                }
                double[] probabilities = Workflows.doubles(ref.get("probabilities"));
                List<Assignment> info = model.documentInfo();
                for (int i = 0; i < probabilities.length; i++) {
                    assertEquals(probabilities[i], info.get(i).probability(), 1e-5, "probability of document " + i);
                }
                JsonNode tr = ref.get("transform");
                List<Assignment> assigned = model.transform(Workflows.strings(tr.get("docs")));
                for (int i = 0; i < assigned.size(); i++) {
                    assertEquals(bertopicToTopicJ.get(tr.get("topics").get(i).asInt()), assigned.get(i).topic(), "new document " + i);
                    assertEquals(tr.get("probabilities").get(i).asDouble(), assigned.get(i).probability(), 1e-5, "new document " + i);
                }
            }
        }
    }

    @Test
    void zeroShotModelSavesAndLoadsItsRouteAndLabels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        JsonNode ref = Workflows.reference("zeroshot.json");
        List<String> labels = Workflows.strings(ref.get("labels"));
        try (Workflows.TableEmbedder embedder = new Workflows.TableEmbedder()) {
            DenseMatrix e = embedder.embedDocuments(Workflows.DOCS, ProgressListener.NONE).toDense();
            try (TopicModel model = TopicModeler.builder().embedder(embedder).reducer(new NoReduction())
                    .clusterer(new LookupClusterer(e, Workflows.LABELS)).zeroShotTopics(labels, 0.6).build().fit(Workflows.DOCS)) {
                model.save(dir.resolve("m"));
                try (TopicModel loaded = TopicModel.load(dir.resolve("m"), embedder)) {
                    assertEquals(model.topics(), loaded.topics());
                    List<String> docs = Workflows.strings(ref.get("transform").get("docs"));
                    assertEquals(model.transform(docs), loaded.transform(docs));
                }
            }
        }
    }

    @Test
    void zeroShotWithoutAnyMatchIsAnOrdinaryFit() {
        try (Workflows.TableEmbedder embedder = new Workflows.TableEmbedder();
             TopicModel plain = Workflows.given(Workflows.LABELS).build().fit(Workflows.DOCS, Workflows.EMBEDDINGS);
             TopicModel zeroShot = Workflows.given(Workflows.LABELS).embedder(embedder).zeroShotTopics(List.of("kernel driver"), 1.0)
                     .build().fit(Workflows.DOCS, Workflows.EMBEDDINGS)) {
            assertEquals(plain.topics(), zeroShot.topics());
            assertTrue(zeroShot.topics().stream().allMatch(t -> t.label() == null));
        }
        assertThrows(IllegalArgumentException.class, () -> TopicModeler.builder().zeroShotTopics(List.of("a", "a"), 0.7));
        assertThrows(IllegalArgumentException.class, () -> TopicModeler.builder().zeroShotTopics(List.of("a"), 1.5));
    }

    /** Partial labels reach a reducer that uses them; one that cannot use them refuses (BERTopic's PCA ignores them). */
    @Test
    void partialLabelsSteerTheReducer() {
        int[] partial = Workflows.LABELS.clone();
        for (int i = 0; i < partial.length; i += 3) {
            partial[i] = -1;
        }
        RecordingReducer recording = new RecordingReducer();
        try (TopicModel model = TopicModeler.builder().reducer(recording).clusterer(new GivenLabels(Workflows.LABELS)).build()
                .fit(Workflows.DOCS, Workflows.EMBEDDINGS, PartialLabels.of(partial))) {
            assertArrayEquals(partial, recording.labels);
            assertEquals(Workflows.LABELS.length, model.documentInfo().size());
        }
        TopicModeler pca = TopicModeler.builder().reducer(new PcaReducer(5)).clusterer(new GivenLabels(Workflows.LABELS)).build();
        assertThrows(TopicJException.class, () -> pca.fit(Workflows.DOCS, Workflows.EMBEDDINGS, PartialLabels.of(partial)));
        assertThrows(IllegalArgumentException.class, () -> PartialLabels.of(new int[] {-1, -1}));
        assertThrows(IllegalArgumentException.class, () -> PartialLabels.of(new int[] {0, -2}));
        assertThrows(IllegalArgumentException.class, () -> TopicModeler.builder().reducer(recording).build()
                .fit(Workflows.DOCS, Workflows.EMBEDDINGS, PartialLabels.of(new int[] {0, 1})));
        assertNull(new RecordingReducer().labels);
    }

    /** The reference's LookupCluster: the clusters of embedding rows, looked up, numbered 0.. ascending. */
    private static final class LookupClusterer implements Clusterer {
        private final Map<List<Float>, Integer> lookup = new HashMap<>();

        LookupClusterer(DenseMatrix e, int[] labels) {
            for (int i = 0; i < labels.length; i++) {
                lookup.put(key(e.row(i)), labels[i]);
            }
        }

        private static List<Float> key(float[] row) {
            List<Float> out = new ArrayList<>(row.length);
            for (float v : row) {
                out.add(v);
            }
            return out;
        }

        @Override
        public Clustering fit(DenseMatrix points, ProgressListener progress) {
            int[] raw = new int[points.rows()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = lookup.get(key(points.row(i)));
            }
            return new GivenLabels(raw).fit(points, progress);
        }
    }

    /** Identity reduction that records the labels it is given. */
    private static final class RecordingReducer implements Reducer {
        int[] labels;

        @Override
        public Reduction fit(Matrix embeddings, ProgressListener progress) {
            return new NoReduction().fit(embeddings, progress);
        }

        @Override
        public boolean usesLabels() {
            return true;
        }

        @Override
        public Reduction fit(Matrix embeddings, int[] labels, ProgressListener progress) {
            this.labels = labels.clone();
            return fit(embeddings, progress);
        }
    }
}
