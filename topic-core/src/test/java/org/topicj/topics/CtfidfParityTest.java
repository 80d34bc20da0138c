package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.Npy;
import org.topicj.testing.SharedData;

/** BERTopic 0.17.4's topic words and c-TF-IDF scores, given the same documents and topic assignments. */
class CtfidfParityTest {

    @Test
    void sameWordsAndScoresAsBertopic() throws IOException {
        Corpora.Debian debian = Corpora.debian();
        int[] topics = Npy.readInts(SharedData.reference("ctfidf/topics.npy"));
        JsonNode reference = new ObjectMapper().readTree(SharedData.reference("ctfidf/topic_words.json").toFile());
        TopicModel model = TopicModeler.builder().build().fit(debian.texts(), topics);
        assertEquals(reference.size(), model.topics().size());
        int exactWords = 0;
        double worst = 0;
        for (Topic topic : model.topics()) {
            JsonNode ref = reference.get(Integer.toString(topic.id()));
            Map<String, Double> refScores = new HashMap<>();
            ref.forEach(pair -> refScores.put(pair.get(0).asText(), pair.get(1).asDouble()));
            double tenth = ref.get(ref.size() - 1).get(1).asDouble();
            assertEquals(ref.size(), topic.words().size());
            for (int i = 0; i < topic.words().size(); i++) {
                Topic.Word w = topic.words().get(i);
                double expected = ref.get(i).get(1).asDouble();
                worst = Math.max(worst, Math.abs(w.score() - expected));
                assertEquals(expected, w.score(), 1e-6, "topic " + topic.id() + " rank " + i + " score");
                Double refScore = refScores.get(w.word());
                if (refScore != null) {
                    assertEquals(refScore, w.score(), 1e-6, "topic " + topic.id() + " word " + w.word());
                    exactWords++;
                } else {
                    // Only a tie at the cut-off may swap a word in or out of the top 10.
                    assertEquals(tenth, w.score(), 1e-9, "topic " + topic.id() + ": '" + w.word() + "' is not in BERTopic's top 10");
                }
            }
        }
        System.out.printf("c-TF-IDF parity: %d of %d words identical, largest score difference %.2e%n", exactWords,
                model.topics().size() * 10, worst);
        assertTrue(exactWords >= 0.99 * model.topics().size() * 10);
    }
}
