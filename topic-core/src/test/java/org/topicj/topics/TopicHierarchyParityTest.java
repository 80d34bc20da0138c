package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topicj.TopicJException;

/**
 * BERTopic 0.17.4's hierarchical_topics and get_topic_tree on the same documents, assignments and
 * embeddings (tools/bertopic_workflows_reference.py): the same merges in the same left/right order
 * (scipy's Ward linkage with optimal leaf ordering), heights, node words and names, and the same
 * tree text. Heights from c-TF-IDF agree to 1e-12 (both in double precision); from topic embeddings
 * to 1e-5, since BERTopic's cosine similarities of float32 embeddings are computed in float32.
 */
class TopicHierarchyParityTest {
    private final TopicModel model = Workflows.givenModel();
    private final JsonNode reference = Workflows.reference("hierarchy.json");

    @Test
    void fromCtfidf() {
        check("ctfidf", TopicHierarchy.builder().build().compute(model, Workflows.DOCS), 1e-12);
    }

    @Test
    void fromTopicEmbeddings() {
        check("embeddings", TopicHierarchy.builder().useCtfidf(false).build().compute(model, Workflows.DOCS), 1e-5);
    }

    private void check(String name, TopicHierarchy.Tree tree, double tolerance) {
        JsonNode c = reference.get(name);
        JsonNode rows = c.get("rows");
        assertEquals(rows.size(), tree.merges().size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode e = rows.get(i);
            TopicHierarchy.Merge m = tree.merges().get(i);
            String what = name + " merge " + m.parentId();
            assertEquals(e.get("parent_id").asInt(), m.parentId(), what);
            assertEquals(Workflows.strings(e.get("topics")), m.topics().stream().map(String::valueOf).toList(), what + " topics");
            assertEquals(e.get("left_id").asInt(), m.leftId(), what + " left");
            assertEquals(e.get("right_id").asInt(), m.rightId(), what + " right");
            assertEquals(e.get("distance").asDouble(), m.distance(), tolerance, what + " distance");
            Workflows.assertSameWords(c.get("node_words").get(m.parentId() - tree.topicCount()).get("0"), m.parentWords(), what + " words");
            assertEquals(e.get("parent_name").asText(), m.parentName(), what + " name");
            assertEquals(e.get("left_name").asText(), m.leftName(), what + " left name");
            assertEquals(e.get("right_name").asText(), m.rightName(), what + " right name");
        }
        assertEquals(c.get("tree").asText(), tree.text());
        assertEquals(c.get("tree_tight").asText(), tree.text(null, true));
        assertEquals(c.get("tree_max_distance").asText(), tree.text(c.get("tree_max_distance_value").asDouble(), false));
    }

    /** scipy's linkage(y, "ward", optimal_ordering=True) on its own: every merge, height and child order, ties included. */
    @Test
    void wardLinkageWithOptimalLeafOrderingAsScipy() {
        JsonNode ref = Workflows.reference("linkage.json");
        for (String name : List.of("random25", "random40", "tied30")) {
            JsonNode c = ref.get(name);
            double[][] z = WardLinkage.linkage(c.get("n").asInt(), Workflows.doubles(c.get("condensed")));
            JsonNode expected = c.get("linkage");
            assertEquals(expected.size(), z.length);
            for (int i = 0; i < z.length; i++) {
                double[] e = Workflows.doubles(expected.get(i));
                assertEquals(e[0], z[i][0], 0.0, name + " merge " + i + " left");
                assertEquals(e[1], z[i][1], 0.0, name + " merge " + i + " right");
                assertEquals(e[2], z[i][2], 1e-12 * e[2], name + " merge " + i + " height");
                assertEquals(e[3], z[i][3], 0.0, name + " merge " + i + " size");
            }
        }
    }

    @Test
    void needsTwoTopicsAndWhatItIsAskedToUse() {
        TopicModel manual = TopicModeler.builder().build().fit(Workflows.DOCS, Workflows.LABELS);
        assertThrows(TopicJException.class, () -> TopicHierarchy.builder().useCtfidf(false).build().compute(manual, Workflows.DOCS));
        int[] oneTopic = Workflows.LABELS.clone();
        for (int i = 0; i < oneTopic.length; i++) {
            oneTopic[i] = Math.min(oneTopic[i], 0);
        }
        TopicModel two = TopicModeler.builder().build().fit(Workflows.DOCS, oneTopic);
        assertEquals(1, two.topicCount());
        assertThrows(IllegalArgumentException.class, () -> TopicHierarchy.builder().build().compute(two, Workflows.DOCS));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), TopicHierarchy.builder().build().compute(manual, Workflows.DOCS).merges().get(0).topics());
    }
}
