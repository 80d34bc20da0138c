package org.topicj.model2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vectors of the fixture models against Python's {@code StaticModel.encode} (model2vec 0.8.2): a
 * float16 model with normalisation, an unknown token to drop, and truncation and padding in its
 * tokenizer.json; a vocabulary-quantised float32 model with per-token weights and a token mapping;
 * and {@code max_length} 5 (the character cut by the median token length, then 5 tokens).
 * Python averages float16 rows in float16, so that model agrees within 2e-3; the float32 one within 1e-5.
 */
class Model2VecParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void float16ModelWithPaddingMatchesPython() throws IOException {
        JsonNode expected = expected();
        StaticModel m = StaticModel.load(Fixtures.folder("tiny"));
        assertEquals(expected.path("tiny_median_token_length").asInt(), m.medianTokenLength());
        assertTrue(m.pads(), "the fixture's tokenizer.json pads to 12");
        compare(expected.path("tiny"), m.encode(texts(expected), 512, m.normalize()), m.dimension(), 2e-3);
        compare(expected.path("tiny_max_length_5"), m.encode(texts(expected), 5, m.normalize()), m.dimension(), 2e-3);
    }

    @Test
    void quantisedModelWithWeightsAndMappingMatchesPython() throws IOException {
        JsonNode expected = expected();
        StaticModel m = StaticModel.load(Fixtures.folder("quantized"));
        assertEquals(16, m.rows());
        assertEquals(false, m.normalize());
        compare(expected.path("quantized"), m.encode(texts(expected), 512, m.normalize()), m.dimension(), 1e-5);
    }

    static JsonNode expected() throws IOException {
        return JSON.readTree(Fixtures.folder("expected.json").toFile());
    }

    static List<String> texts(JsonNode expected) {
        List<String> t = new ArrayList<>();
        expected.path("texts").forEach(n -> t.add(n.asText()));
        return t;
    }

    private static void compare(JsonNode rows, float[] actual, int dim, double tolerance) {
        assertEquals(rows.size() * dim, actual.length);
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < dim; j++) {
                assertEquals(rows.get(i).get(j).asDouble(), actual[i * dim + j], tolerance, "text " + i + ", value " + j);
            }
        }
    }
}
