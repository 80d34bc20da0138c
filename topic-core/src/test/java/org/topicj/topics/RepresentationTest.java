package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.topicj.TopicJException;
import org.topicj.testing.FakeEmbedder;

class RepresentationTest {
    private final List<String> docs = Corpora.synthetic(40, 2);

    private static boolean samePool(List<Topic.Word> words) {
        return org.topicj.testing.SyntheticCorpus.POOLS.stream().anyMatch(pool -> Set.copyOf(pool).containsAll(
                words.stream().limit(3).map(Topic.Word::word).collect(Collectors.toSet())));
    }

    @Test
    void keyBertInspiredPicksWordsCloseToTheTopic() {
        try (FakeEmbedder e = new FakeEmbedder(64, null)) {
            TopicModel m = TopicModeler.builder().embedder(e).seed(1).representation(new KeyBertInspired()).build().fit(docs);
            for (Topic t : m.topics()) {
                assertEquals(10, t.words().size(), t.name());
                for (Topic.Word w : t.words()) {
                    assertTrue(w.score() <= 1 + 1e-6, w.toString());
                }
                assertTrue(t.words().get(0).score() >= t.words().get(9).score());
                assertTrue(t.id() < 0 || samePool(t.words()), "top words of " + t.name() + " come from one pool");
            }
        }
    }

    @Test
    void maximalMarginalRelevanceKeepsCtfidfScoresAndDependsOnDiversity() {
        try (FakeEmbedder e = new FakeEmbedder(64, null)) {
            TopicModel plain = TopicModeler.builder().embedder(e).seed(1).topNWords(30).build().fit(docs);
            TopicModel relevant = TopicModeler.builder().embedder(e).seed(1).topNWords(5)
                    .representation(new MaximalMarginalRelevance(0.0, 5)).build().fit(docs);
            TopicModel diverse = TopicModeler.builder().embedder(e).seed(1).topNWords(5)
                    .representation(new MaximalMarginalRelevance(1.0, 5)).build().fit(docs);
            boolean anyDifferent = false;
            for (Topic t : relevant.topics()) {
                assertEquals(5, t.words().size());
                Topic original = plain.topic(t.id());
                for (Topic.Word w : t.words()) {
                    assertTrue(original.words().contains(w), "MMR keeps c-TF-IDF candidates with their scores: " + w);
                }
                anyDifferent |= !t.words().equals(diverse.topic(t.id()).words());
            }
            assertTrue(anyDifferent, "diversity changes the chosen words");
        }
    }

    @Test
    void representationWithoutAnEmbedderSaysWhatToDo() {
        FakeEmbedder e = new FakeEmbedder(16, null);
        var embeddings = e.embed(docs);
        TopicJException error = assertThrows(TopicJException.class, () -> TopicModeler.builder().seed(1)
                .representation(new KeyBertInspired()).build().fit(docs, embeddings));
        assertTrue(error.getMessage().contains("needs an embedder"), error.getMessage());
    }
}
