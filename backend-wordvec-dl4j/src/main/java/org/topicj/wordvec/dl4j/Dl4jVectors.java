package org.topicj.wordvec.dl4j;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.topicj.wordvec.WordVectors;

/**
 * Takes the vectors of a model trained or loaded with DL4J (Word2Vec, GloVe, FastText,
 * ParagraphVectors: any {@code org.deeplearning4j.models.embeddings.wordvectors.WordVectors}), so a
 * model trained in the JVM needs no file in between. This module ({@code backend-wordvec-dl4j})
 * brings deeplearning4j-nlp without deeplearning4j-core; add an ND4J backend yourself
 * ({@code org.nd4j:nd4j-native} with your platform's classifier: linux-x86_64, macosx-arm64,
 * windows-x86_64). {@code backend-wordvec} itself needs none of this.
 */
public final class Dl4jVectors {
    private Dl4jVectors() {
    }

    /**
     * Copies a DL4J model's vocabulary and vectors into a table.
     *
     * @param model the model; it is only read
     * @return the vectors, one row per vocabulary word
     * @throws IllegalArgumentException if the model has no words
     */
    public static WordVectors copyOf(org.deeplearning4j.models.embeddings.wordvectors.WordVectors model) {
        Objects.requireNonNull(model, "model");
        Collection<String> words = model.vocab().words();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the DL4J model has no words; fit it first");
        }
        int dimension = (int) model.getWordVectorMatrix(words.iterator().next()).length();
        float[] values = new float[Math.multiplyExact(words.size(), dimension)];
        Map<String, Integer> rows = new HashMap<>(words.size() * 4 / 3 + 1);
        int r = 0;
        for (String w : words) {
            INDArray v = model.getWordVectorMatrix(w);
            float[] row = v.toFloatVector();
            if (row.length != dimension) {
                throw new IllegalArgumentException("DL4J gave '" + w + "' " + row.length + " values, not " + dimension);
            }
            System.arraycopy(row, 0, values, r * dimension, dimension);
            rows.put(w, r++);
        }
        return WordVectors.of(rows, values, dimension);
    }
}
