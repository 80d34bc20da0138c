package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.topicj.io.CorruptModelException;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;

/**
 * The checks a saved topic model passes before it is used: every index in range, every length
 * consistent, offsets monotone, values finite, ids matching. A failure is a
 * {@link CorruptModelException} naming the file and the field.
 */
final class ModelChecks {
    private ModelChecks() {
    }

    /** Strictly increasing ids, each &ge; -1. */
    static int[] topicIds(JsonNode array, Path file) {
        int[] ids = ints(array, "topicIds", file);
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < -1 || (r > 0 && ids[r] <= ids[r - 1])) {
                throw new CorruptModelException(file, "topicIds", "must be increasing and at least -1; found " + Arrays.toString(ids));
            }
        }
        return ids;
    }

    static int[] ints(JsonNode array, String field, Path file) {
        if (!array.isArray()) {
            throw new CorruptModelException(file, field, "expected an array of integers");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new CorruptModelException(file, field, "entry " + i + " is not an integer: " + v);
            }
            out[i] = v.asInt();
        }
        return out;
    }

    static List<String> strings(JsonNode array, String field, Path file) {
        if (!array.isArray()) {
            throw new CorruptModelException(file, field, "expected an array of strings");
        }
        List<String> out = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            if (!v.isTextual()) {
                throw new CorruptModelException(file, field, "entry " + i + " is not a string: " + v);
            }
            if (!seen.add(v.asText())) {
                throw new CorruptModelException(file, field, "term '" + v.asText() + "' appears twice");
            }
            out.add(v.asText());
        }
        return out;
    }

    /** An optional array of strings: empty when missing; anything else but an array of strings is corrupt. */
    static List<String> optionalStrings(JsonNode array, String field, Path file) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        return strings(array, field, file);
    }

    /** CSR rows: indptr from 0, monotone, ending at the number of entries; column indices increasing within a row. */
    static void csr(int[] indptr, int[] indices, int rows, int cols, Path file) {
        if (indptr.length != rows + 1 || indptr[0] != 0 || indptr[rows] != indices.length) {
            throw new CorruptModelException(file, "ctfidf_indptr", indptr.length + " offsets (need " + (rows + 1)
                    + "), first " + (indptr.length > 0 ? indptr[0] : "none") + ", last " + (indptr.length > 0 ? indptr[indptr.length - 1] : "none")
                    + ", for " + indices.length + " entries");
        }
        for (int r = 0; r < rows; r++) {
            if (indptr[r + 1] < indptr[r]) {
                throw new CorruptModelException(file, "ctfidf_indptr", "offsets decrease at row " + r);
            }
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                if (indices[k] < 0 || indices[k] >= cols || (k > indptr[r] && indices[k] <= indices[k - 1])) {
                    throw new CorruptModelException(file, "ctfidf_indices", "entry " + k + " (row " + r + ") is " + indices[k]
                            + "; columns must be increasing within a row and in 0.." + (cols - 1));
                }
            }
        }
    }

    static void finite(double[] values, String field, Path file) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new CorruptModelException(file, field, "value " + i + " is " + values[i]);
            }
        }
    }

    static void length(int actual, int expected, String field, Path file) {
        if (actual != expected) {
            throw new CorruptModelException(file, field, "holds " + actual + " values, expected " + expected);
        }
    }

    /** Every document's topic is a topic of the model; probabilities in [0, 1]. */
    static void documents(int[] docTopics, double[] probabilities, int[] topicIds, Path dir) {
        length(probabilities.length, docTopics.length, "document_probabilities", dir.resolve("document_probabilities.npy"));
        for (int i = 0; i < docTopics.length; i++) {
            if (Arrays.binarySearch(topicIds, docTopics[i]) < 0) {
                throw new CorruptModelException(dir.resolve("document_topics.npy"), "document_topics", "document " + i
                        + " has topic " + docTopics[i] + ", which the model does not have");
            }
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new CorruptModelException(dir.resolve("document_probabilities.npy"), "document_probabilities",
                        "document " + i + " has probability " + probabilities[i]);
            }
        }
    }

    /** Each cluster maps to a real topic (not the outliers' -1 row unless it is -1 itself). */
    static void clusterToTopic(int[] clusterToTopic, int clusters, int[] topicIds, Path file) {
        length(clusterToTopic.length, clusters, "clusterToTopic", file);
        for (int c = 0; c < clusterToTopic.length; c++) {
            int t = clusterToTopic[c];
            if (t != -1 && (t < 0 || Arrays.binarySearch(topicIds, t) < 0)) {
                throw new CorruptModelException(file, "clusterToTopic", "cluster " + c + " maps to topic " + t
                        + ", which the model does not have; topics are " + Arrays.toString(topicIds));
            }
        }
    }

    static void matrix(DenseMatrix m, int rows, int cols, String field, Path file) {
        if (m.rows() != rows || (cols >= 0 && m.cols() != cols)) {
            throw new CorruptModelException(file, field, "is " + m.rows() + " x " + m.cols() + ", expected " + rows + " x "
                    + (cols >= 0 ? cols : "any"));
        }
        if (!m.isFinite()) {
            throw new CorruptModelException(file, field, "holds NaN or infinite values");
        }
    }

    /** The topics as saved: one per topic id, in the same order. */
    static List<Topic> topics(JsonNode array, int[] topicIds, Path file) {
        if (!array.isArray() || array.size() != topicIds.length) {
            throw new CorruptModelException(file, "topics", "expected an array of " + topicIds.length + " topics, found "
                    + (array.isArray() ? array.size() + " entries" : array.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<Topic> topics = new ArrayList<>(topicIds.length);
        for (int r = 0; r < topicIds.length; r++) {
            Topic t;
            try {
                t = ModelFiles.mapper().treeToValue(array.get(r), Topic.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                throw new CorruptModelException(file, "topics", "entry " + r + " is not a topic: " + e.getMessage(), e);
            }
            if (t.id() != topicIds[r] || t.count() < 0 || t.name() == null || t.words() == null) {
                throw new CorruptModelException(file, "topics", "entry " + r + " is topic " + t.id() + " with count " + t.count()
                        + "; expected topic " + topicIds[r]);
            }
            topics.add(t);
        }
        return topics;
    }
}
