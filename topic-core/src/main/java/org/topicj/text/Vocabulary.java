package org.topicj.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.topicj.matrix.SparseMatrix;

/**
 * A fitted {@link CountVectorizer}: its terms (column order) and the counting of documents.
 *
 * <p>Thread-safety: immutable.
 */
public final class Vocabulary {
    private final CountVectorizer vectorizer;
    private final List<String> terms;
    private final Map<String, Integer> index;

    Vocabulary(CountVectorizer vectorizer, List<String> terms) {
        this.vectorizer = vectorizer;
        this.terms = List.copyOf(terms);
        this.index = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            index.put(terms.get(i), i);
        }
    }

    /** @return the terms; column j of {@link #transform} counts term j */
    public List<String> terms() {
        return terms;
    }

    /** @return number of terms */
    public int size() {
        return terms.size();
    }

    /**
     * @param term a term
     * @return its column, if it is in the vocabulary
     */
    public Optional<Integer> indexOf(String term) {
        return Optional.ofNullable(index.get(term));
    }

    /** @return the vectorizer that made this vocabulary */
    public CountVectorizer vectorizer() {
        return vectorizer;
    }

    /**
     * Counts the vocabulary's terms in each document; unknown terms are ignored.
     *
     * @param documents the documents
     * @return a documents x terms count matrix
     */
    public SparseMatrix transform(List<String> documents) {
        int n = documents.size();
        int[] indptr = new int[n + 1];
        int[][] rowCols = new int[n][];
        float[][] rowVals = new float[n][];
        for (int d = 0; d < n; d++) {
            java.util.TreeMap<Integer, Integer> counts = new java.util.TreeMap<>();
            for (String term : vectorizer.analyze(documents.get(d))) {
                Integer c = index.get(term);
                if (c != null) {
                    counts.merge(c, 1, Integer::sum);
                }
            }
            rowCols[d] = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            rowVals[d] = new float[rowCols[d].length];
            int k = 0;
            for (int v : counts.values()) {
                rowVals[d][k++] = v;
            }
            indptr[d + 1] = indptr[d] + rowCols[d].length;
        }
        int[] cols = new int[indptr[n]];
        float[] vals = new float[indptr[n]];
        for (int d = 0; d < n; d++) {
            System.arraycopy(rowCols[d], 0, cols, indptr[d], rowCols[d].length);
            System.arraycopy(rowVals[d], 0, vals, indptr[d], rowVals[d].length);
        }
        return SparseMatrix.wrap(n, terms.size(), indptr, cols, vals);
    }
}
