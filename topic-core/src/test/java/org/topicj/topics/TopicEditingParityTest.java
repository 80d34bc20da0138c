package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.text.CountVectorizer;

/**
 * Editing a fitted model against BERTopic 0.17.4 (tools/bertopic_workflows_reference.py) on the same
 * documents and topic assignments: its topic words, delete_topics, update_topics,
 * generate_topic_labels, and set_topic_labels saved with the model.
 */
class TopicEditingParityTest {
    @TempDir
    Path dir;

    @Test
    void givenAssignmentsGiveBertopicsTopicsAndWords() {
        JsonNode ref = Workflows.reference("model.json");
        TopicModel model = Workflows.givenModel();
        assertArrayEquals(Workflows.ints(ref.get("topics")), model.documentInfo().stream().mapToInt(Assignment::topic).toArray());
        for (Topic t : model.topics()) {
            assertEquals(ref.get("sizes").get(Integer.toString(t.id())).asInt(), t.count());
            Workflows.assertSameWords(ref.get("words").get(Integer.toString(t.id())), t.words(), "topic " + t.id());
        }
    }

    /**
     * BERTopic's document topics and sizes after {@code delete_topics([1, 3])}. Its c-TF-IDF rows and
     * embeddings are not compared: BERTopic removes the rows of topics 0 and 2 (off by one), which
     * TopicJ does not copy; here each remaining topic keeps its own words.
     */
    @Test
    void deleteTopicsMakesTheirDocumentsOutliersAndRenumbersBySize() {
        JsonNode ref = Workflows.reference("delete.json");
        TopicModel model = Workflows.givenModel();
        TopicModel deleted = model.deleteTopics(List.of(1, 3));
        assertArrayEquals(Workflows.ints(ref.get("topics")), deleted.documentInfo().stream().mapToInt(Assignment::topic).toArray());
        for (Topic t : deleted.topics()) {
            assertEquals(ref.get("sizes").get(Integer.toString(t.id())).asInt(), t.count(), "size of " + t.id());
        }
        // Old topic 2 is new topic 1: same words, c-TF-IDF row and embedding, its name renumbered.
        Topic old2 = model.topic(2);
        Topic new1 = deleted.topic(1);
        assertEquals(old2.words(), new1.words());
        assertEquals("1_" + old2.name().substring(2), new1.name());
        assertArrayEquals(model.topicEmbeddings().orElseThrow().row(model.topicWords().row(2)),
                deleted.topicEmbeddings().orElseThrow().row(deleted.topicWords().row(1)));
        assertEquals(model.topicWords().topWords(model.topicWords().row(2), 30), deleted.topicWords().topWords(1 + 1, 30));
        assertArrayEquals(model.topicWords().idf(), deleted.topicWords().idf(), "the idf is untouched");
        // New documents of a deleted topic's cluster are outliers; the others keep their (renumbered) topic.
        List<Assignment> again = deleted.transform(Workflows.DOCS.subList(0, 40), Workflows.EMBEDDINGS.rowRange(0, 40));
        for (int i = 0; i < 40; i++) {
            if (model.documentInfo().get(i).topic() >= 0) { // the given-labels clusterer sends no new document to -1
                assertEquals(deleted.documentInfo().get(i).topic(), again.get(i).topic(), "document " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> model.deleteTopics(List.of(9)));
        assertThrows(IllegalArgumentException.class, () -> model.deleteTopics(List.of(-1)));
    }

    @Test
    void deletingFromAModelWithoutOutliersAddsAnOutlierTopic() {
        int[] labels = Workflows.LABELS.clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] < 0 ? 5 : labels[i];
        }
        TopicModel model = Workflows.given(labels).build().fit(Workflows.DOCS, Workflows.EMBEDDINGS);
        assertEquals(0, model.topics().get(0).id());
        TopicModel deleted = model.deleteTopics(List.of(0));
        assertEquals(-1, deleted.topics().get(0).id());
        assertEquals(70, deleted.topics().get(0).count());
        assertEquals(model.topicCount() - 1, deleted.topicCount());
        deleted.save(dir.resolve("m"));
        assertEquals(deleted.topics(), TopicModel.load(dir.resolve("m")).topics());
    }

    /** BERTopic's words after {@code update_topics(docs, n_gram_range=(1, 2))} and with a vectorizer of stop words and min_df. */
    @Test
    void updateTopicsRecomputesWordsAndKeepsAssignments() {
        JsonNode ref = Workflows.reference("update.json");
        TopicModel model = Workflows.givenModel().withLabels(Map.of(2, "Python"));
        TopicModel bigrams = model.updateTopics(Workflows.DOCS,
                model.settings().withVectorizer(CountVectorizer.builder().ngramRange(1, 2).build()));
        JsonNode sw = ref.get("stop_words_min_df2");
        TopicModel stop = model.updateTopics(Workflows.DOCS, model.settings().withVectorizer(CountVectorizer.builder()
                .stopWords(new HashSet<>(Workflows.strings(sw.get("stop_words")))).minDf(2).build()));
        for (var c : List.of(Map.entry(ref.get("bigrams"), bigrams), Map.entry(sw, stop))) {
            TopicModel updated = c.getValue();
            assertArrayEquals(Workflows.ints(c.getKey().get("topics")),
                    updated.documentInfo().stream().mapToInt(Assignment::topic).toArray());
            for (Topic t : updated.topics()) {
                Workflows.assertSameWords(c.getKey().get("words").get(Integer.toString(t.id())), t.words(), "topic " + t.id());
            }
            assertEquals(model.topicEmbeddings(), updated.topicEmbeddings(), "topic embeddings kept");
            assertEquals("Python", updated.topic(2).label(), "labels kept");
        }
        assertTrue(bigrams.topics().stream().anyMatch(t -> t.words().stream().anyMatch(w -> w.word().contains(" "))));
        assertEquals(2, bigrams.settings().vectorizer().ngramRange()[1], "the new settings are the model's");
        assertEquals(model.settings().topNWords(), bigrams.settings().topNWords(), "nothing else is reset (BERTopic resets top_n_words)");
    }

    @Test
    void generatedLabelsAsBertopic() {
        JsonNode ref = Workflows.reference("labels.json");
        TopicModel model = Workflows.givenModel();
        assertEquals(Workflows.strings(ref.get("two_words_no_prefix_len3_comma")),
                List.copyOf(TopicLabels.generate(model, 2, false, 3, ", ").values()));
        Map<Integer, String> names = TopicLabels.generate(model, 4, true, null, "_");
        ref.get("default").properties().forEach(e -> assertEquals(e.getValue().asText(), names.get(Integer.parseInt(e.getKey()))));
    }

    @Test
    void customLabelsAreSavedAndChecked() {
        TopicModel model = Workflows.givenModel();
        TopicModel labelled = model.withLabels(Map.of(0, "Kernel drivers", 3, " Audio "));
        assertEquals("Kernel drivers", labelled.topic(0).label());
        assertEquals("Audio", labelled.topic(3).displayName());
        assertEquals(model.topic(1).name(), labelled.topic(1).displayName());
        assertNull(labelled.topic(1).label());
        assertEquals(model.topic(0).name(), labelled.topic(0).name(), "the name stays BERTopic's");
        labelled.save(dir.resolve("m"));
        try (TopicModel loaded = TopicModel.load(dir.resolve("m"))) {
            assertEquals("Kernel drivers", loaded.topic(0).label());
            assertNull(loaded.topic(1).label());
        }
        assertThrows(IllegalArgumentException.class, () -> model.withLabels(Map.of(42, "x")));
        assertThrows(IllegalArgumentException.class, () -> model.withLabels(Map.of(1, " ")));
    }
}
