package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.Npy;
import org.topicj.pipeline.GivenLabels;
import org.topicj.pipeline.NoReduction;
import org.topicj.progress.ProgressListener;

/**
 * The fixtures of tools/bertopic_workflows_reference.py (test resources {@code workflows/}): the
 * synthetic corpus with its given topics, timestamps and classes, its embeddings, the word-vector
 * table embedder, BERTopic's outputs, and the TopicJ model that matches BERTopic's "given
 * assignments" model (no reduction, the given clusters).
 */
final class Workflows {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> DOCS = new ArrayList<>();
    static final int[] LABELS;
    static final double[] TIMES;
    static final double[] YEARS;
    static final List<String> DATES = new ArrayList<>();
    static final List<String> CLASSES = new ArrayList<>();
    static final DenseMatrix EMBEDDINGS;

    static {
        List<Integer> labels = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<Double> years = new ArrayList<>();
        try (InputStream in = resource("docs.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = JSON.readTree(line);
                DOCS.add(j.get("text").asText());
                labels.add(j.get("topic").asInt());
                times.add(j.get("time").asDouble());
                years.add(j.get("year").asDouble());
                DATES.add(j.get("date").asText());
                CLASSES.add(j.get("class").asText());
            }
            try (InputStream e = resource("embeddings.npy")) {
                EMBEDDINGS = Npy.readMatrix(e, "embeddings.npy");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LABELS = labels.stream().mapToInt(Integer::intValue).toArray();
        TIMES = times.stream().mapToDouble(Double::doubleValue).toArray();
        YEARS = years.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Workflows() {
    }

    static InputStream resource(String name) {
        InputStream in = Workflows.class.getResourceAsStream("/workflows/" + name);
        if (in == null) {
            throw new IllegalStateException("test resource workflows/" + name + " is missing");
        }
        return in;
    }

    static JsonNode reference(String name) {
        try (InputStream in = resource(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the reference script's {@code given()}: the given assignments, no reduction, BERTopic's other defaults. */
    static TopicModeler.Builder given(int[] labels) {
        return TopicModeler.builder().reducer(new NoReduction()).clusterer(new GivenLabels(labels));
    }

    static TopicModel givenModel() {
        return given(LABELS).build().fit(DOCS, EMBEDDINGS);
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static DenseMatrix matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] d = doubles(rows.get(i));
            out[i] = new float[d.length];
            for (int j = 0; j < d.length; j++) {
                out[i][j] = (float) d[j];
            }
        }
        return DenseMatrix.of(out);
    }

    /**
     * Asserts that TopicJ's words equal BERTopic's: the same score at every rank (1e-9 relative), and
     * the same word wherever the score is not tied with another (BERTopic's order among equal scores
     * comes from numpy's unstable argpartition; TopicJ breaks ties by vocabulary order).
     */
    static void assertSameWords(JsonNode expected, List<Topic.Word> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of words");
        Map<Double, List<String>> byScore = new HashMap<>();
        for (JsonNode pair : expected) {
            byScore.computeIfAbsent(pair.get(1).asDouble(), s -> new ArrayList<>()).add(pair.get(0).asText());
        }
        for (int i = 0; i < actual.size(); i++) {
            double score = expected.get(i).get(1).asDouble();
            assertEquals(score, actual.get(i).score(), 1e-9 * Math.max(1, Math.abs(score)), what + ": score at rank " + i);
            String word = actual.get(i).word();
            if (!word.equals(expected.get(i).get(0).asText())) {
                // Only ties may reorder words, and only among themselves (at the cut-off, a tied word may replace another).
                double tied = closestScore(byScore, actual.get(i).score());
                assertEquals(score, tied, 1e-9 * Math.max(1, Math.abs(score)),
                        what + ": '" + word + "' at rank " + i + " is not tied with BERTopic's '" + expected.get(i).get(0).asText() + "'");
            }
        }
    }

    private static double closestScore(Map<Double, List<String>> byScore, double score) {
        double best = Double.NaN;
        for (double s : byScore.keySet()) {
            if (Double.isNaN(best) || Math.abs(s - score) < Math.abs(best - score)) {
                best = s;
            }
        }
        return best;
    }

    /** Whether {@code word} is at a tied score among BERTopic's words (so its place may differ). */
    static boolean tied(JsonNode expected, String word) {
        Double score = null;
        for (JsonNode pair : expected) {
            if (pair.get(0).asText().equals(word)) {
                score = pair.get(1).asDouble();
            }
        }
        if (score == null) {
            return false;
        }
        int same = 0;
        for (JsonNode pair : expected) {
            same += Math.abs(pair.get(1).asDouble() - score) <= 1e-12 * Math.max(1, Math.abs(score)) ? 1 : 0;
        }
        return same > 1;
    }

    /**
     * The reference script's word-table embedder: a document is the L2-normalised sum of the vectors of its
     * whitespace-separated, lower-cased words; unknown words add nothing.
     */
    static final class TableEmbedder extends AbstractEmbedder {
        private final Map<String, double[]> table = new HashMap<>();

        TableEmbedder() {
            super("word-table", 16, true, null);
            reference("word_vectors.json").properties().forEach(e -> table.put(e.getKey(), doubles(e.getValue())));
        }

        @Override
        protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
            float[] out = new float[texts.size() * 16];
            for (int i = 0; i < texts.size(); i++) {
                double[] sum = new double[16];
                for (String w : texts.get(i).toLowerCase(Locale.ROOT).split("\\s+")) {
                    double[] v = table.get(w);
                    if (v != null) {
                        for (int j = 0; j < 16; j++) {
                            sum[j] += v[j];
                        }
                    }
                }
                double norm = 0;
                for (double v : sum) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                for (int j = 0; j < 16; j++) {
                    out[i * 16 + j] = (float) (norm > 0 ? sum[j] / norm : 0);
                }
            }
            return DenseMatrix.wrap(texts.size(), 16, out);
        }
    }
}
