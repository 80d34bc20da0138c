package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;

/**
 * BERTopic 0.17.4's approximate_distribution (tools/bertopic_workflows_reference.py) on training
 * documents and on documents with capitals, punctuation, no tokens or a single token: the same
 * document distributions and token distributions (to float32 precision; TopicJ returns float32
 * matrices), for the default windows, padding, another window and stride, tokens, and min_similarity 0.
 */
class TopicDistributionParityTest {
    @Test
    void sameDistributionsAsBertopic() {
        TopicModel model = Workflows.givenModel();
        JsonNode ref = Workflows.reference("distribution.json");
        List<String> docs = Workflows.strings(ref.get("docs"));
        JsonNode cases = ref.get("cases");
        check(cases.get("default"), TopicDistribution.builder().build().compute(model, docs));
        check(cases.get("padding"), TopicDistribution.builder().padding(true).build().compute(model, docs));
        check(cases.get("window3_stride2"), TopicDistribution.builder().window(3).stride(2).build().compute(model, docs));
        check(cases.get("tokens"), TopicDistribution.builder().calculateTokens(true).build().compute(model, docs));
        check(cases.get("tokens_padding_min0"), TopicDistribution.builder().calculateTokens(true).padding(true).minSimilarity(0)
                .build().compute(model, docs));
    }

    private static void check(JsonNode expected, TopicDistribution.Distributions actual) {
        String what = expected.get("spec").toString();
        assertClose(expected.get("documents"), actual.documents(), what);
        if (expected.has("tokens")) {
            assertEquals(expected.get("tokens").size(), actual.tokens().size());
            for (int d = 0; d < actual.tokens().size(); d++) {
                assertClose(expected.get("tokens").get(d), actual.tokens().get(d).distribution(), what + " document " + d + " tokens");
            }
        } else {
            assertTrue(actual.tokens().isEmpty());
        }
    }

    private static void assertClose(JsonNode rows, DenseMatrix m, String what) {
        assertEquals(rows.size(), m.rows(), what + ": rows");
        for (int i = 0; i < m.rows(); i++) {
            double[] e = Workflows.doubles(rows.get(i));
            assertEquals(e.length, m.cols(), what + ": columns");
            for (int j = 0; j < e.length; j++) {
                assertEquals(e[j], m.get(i, j), 1e-6 * Math.max(1, Math.abs(e[j])), what + " [" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void tokensAreTheVectorizersTokensAndUncoveredTokensGetZeroRows() {
        TopicModel model = Workflows.givenModel();
        TopicDistribution.Distributions d = TopicDistribution.builder().window(2).stride(3).calculateTokens(true).build()
                .compute(model, List.of("Kernel, DRIVER! and the USB-firmware (boot)."));
        assertEquals(List.of("Kernel", "DRIVER", "and", "the", "USB", "firmware", "boot"), d.tokens().get(0).tokens());
        DenseMatrix t = d.tokens().get(0).distribution();
        for (int j = 0; j < t.cols(); j++) {
            assertEquals(0f, t.get(2, j), "token 2 is in no window of 2 taken every 3");
        }
        assertTrue(t.get(0, 0) > 0, "kernel driver is topic 0");
    }
}
