package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;

/**
 * {@link TopicModel#merge} against BERTopic 0.17.4's {@code merge_models([a, b], min_similarity=0.7)}
 * (tools/bertopic_workflows_reference.py {@code merge()}): a is the "given assignments" model of the
 * workflow corpus, b the same kind of model of a second corpus (its documents, embeddings and labels
 * are in merge.json). Both models are fitted here, so every difference would be TopicJ's.
 */
class MergeModelsParityTest {
    private static final JsonNode REF = Workflows.reference("merge.json");

    private static TopicModel modelB() {
        return Workflows.given(Workflows.ints(REF.get("b_labels")))
                .build().fit(Workflows.strings(REF.get("b_docs")), Workflows.matrix(REF.get("b_embeddings")));
    }

    @Test
    void mergedTopicsSizesWordsAndEmbeddingsAsBertopic() {
        try (TopicModel a = Workflows.givenModel(); TopicModel b = modelB();
             TopicModel merged = TopicModel.merge(List.of(a, b), 0.7)) {
            JsonNode ref = REF.get("merged");
            assertArrayEquals(Workflows.ints(ref.get("topics")), merged.documentInfo().stream().mapToInt(Assignment::topic).toArray(),
                    "document topics: a's, then b's mapped");
            Map<Integer, Integer> sizes = new HashMap<>();
            ref.get("sizes").properties().forEach(e -> sizes.put(Integer.parseInt(e.getKey()), e.getValue().asInt()));
            assertEquals(sizes, new HashMap<>(merged.topicSizes()), "sizes");
            assertEquals(ref.get("words").size(), merged.topics().size(), "topics");
            for (Topic t : merged.topics()) {
                Workflows.assertSameWords(ref.get("words").get(String.valueOf(t.id())), t.words(), "topic " + t.id());
            }
            DenseMatrix te = merged.topicEmbeddings().orElseThrow();
            assertEquals(ref.get("topic_embedding_rows").asInt(), te.rows(), "topic embedding rows");
            // Each row is the embedding of the topic it came from: a's rows, then b's added topics.
            DenseMatrix ta = a.topicEmbeddings().orElseThrow();
            DenseMatrix tb = b.topicEmbeddings().orElseThrow();
            for (Topic t : merged.topics()) {
                boolean fromA = a.topicSizes().containsKey(t.id());
                float[] expected = fromA ? ta.row(a.topicWords().row(t.id()))
                        : tb.row(b.topicWords().row(b.topics().stream().filter(s -> s.words().equals(t.words())).findFirst().orElseThrow().id()));
                assertArrayEquals(expected, te.row(merged.topicWords().row(t.id())), "embedding of topic " + t.id());
            }
        }
    }

    @Test
    void mergedModelTransformsAsBertopicAndAfterSaveAndLoad(@TempDir Path dir) {
        try (TopicModel a = Workflows.givenModel(); TopicModel b = modelB();
             TopicModel merged = TopicModel.merge(List.of(a, b), TopicModel.DEFAULT_MERGE_MIN_SIMILARITY)) {
            JsonNode tr = REF.get("transform");
            int n = tr.get("topics").size();
            List<String> docs = Workflows.strings(REF.get("b_docs")).subList(0, n);
            DenseMatrix e = Workflows.matrix(REF.get("b_embeddings")).rowRange(0, n);
            List<Assignment> assigned = merged.transform(docs, e);
            for (int i = 0; i < n; i++) {
                assertEquals(tr.get("topics").get(i).asInt(), assigned.get(i).topic(), "topic of new document " + i);
                assertEquals(tr.get("probabilities").get(i).asDouble(), assigned.get(i).probability(), 1e-5, "probability of new document " + i);
            }
            merged.save(dir);
            try (TopicModel loaded = TopicModel.load(dir)) {
                assertEquals(assigned, loaded.transform(docs, e), "the saved merged model assigns the same");
                assertEquals(merged.topics(), loaded.topics());
                assertTrue(loaded.topicWords().vocabulary().size() >= a.topicWords().vocabulary().size());
            }
        }
    }

    @Test
    void refusesModelsItCannotCompare() {
        try (TopicModel a = Workflows.givenModel(); TopicModel b = modelB()) {
            IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> TopicModel.merge(List.of(a), 0.7));
            assertTrue(one.getMessage().contains("at least two"), one.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TopicModel.merge(List.of(a, b), 1.5));
            TopicModelData d = b.data();
            TopicModel noEmbeddings = b.withData(new TopicModelData(d.settings(), d.words(), d.topics(), d.documentTopics(),
                    d.documentProbabilities(), d.membership(), null, new TopicRoute.Words(), d.embedderRef(), d.statefulSpec(),
                    d.provenance()));
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> TopicModel.merge(List.of(a, noEmbeddings), 0.7));
            assertTrue(missing.getMessage().contains("model 1 has no topic embeddings"), missing.getMessage());
            DenseMatrix te = d.topicEmbeddings();
            TopicModel narrow = b.withData(new TopicModelData(d.settings(), d.words(), d.topics(), d.documentTopics(),
                    d.documentProbabilities(), d.membership(), DenseMatrix.wrap(te.rows(), 2, new float[te.rows() * 2]),
                    new TopicRoute.Words(), d.embedderRef(), d.statefulSpec(), d.provenance()));
            IllegalArgumentException dimension = assertThrows(IllegalArgumentException.class, () -> TopicModel.merge(List.of(a, narrow), 0.7));
            assertTrue(dimension.getMessage().contains("2-dimensional"), dimension.getMessage());
            noEmbeddings.close();
            narrow.close();
        }
    }

    /** A later model whose topics all match the base adds none; its outlier documents stay outliers. */
    @Test
    void mergingAModelWithItselfAddsNoTopics() {
        try (TopicModel a = Workflows.givenModel(); TopicModel merged = TopicModel.merge(List.of(a, a), 0.7)) {
            assertEquals(a.topicSizes().keySet(), merged.topicSizes().keySet());
            a.topicSizes().forEach((t, s) -> assertEquals(2 * s, merged.topicSizes().get(t), "topic " + t));
        }
    }
}
