package org.topicj.topics;

import org.topicj.matrix.SparseMatrix;

/**
 * Class-based TF-IDF (BERTopic's ClassTfidfTransformer): the documents of each topic are one
 * "class document"; term frequencies are L1-normalised per topic and weighted by
 * {@code idf = ln(1 + A / f_t)}, where A is the integer part of the mean number of words per
 * topic and f_t the term's frequency over all topics (the outlier topic included). Options:
 * BM25-style idf {@code ln(1 + (A - f_t + 0.5) / (f_t + 0.5))}, and the square root of the term
 * frequencies to damp very frequent words.
 *
 * @param bm25Weighting use the BM25-style idf
 * @param reduceFrequentWords take the square root of term frequencies before normalising
 */
public record ClassTfidf(boolean bm25Weighting, boolean reduceFrequentWords) {

    /** BERTopic's defaults: plain idf, raw frequencies. */
    public static final ClassTfidf DEFAULT = new ClassTfidf(false, false);

    /**
     * @param counts topics x terms counts
     * @return the idf of each term
     */
    public double[] idf(SparseMatrix counts) {
        int terms = counts.cols();
        double[] df = new double[terms];
        double total = 0;
        float[] data = counts.rawData();
        int[] indices = counts.rawIndices();
        for (int k = 0; k < data.length; k++) {
            df[indices[k]] += data[k];
            total += data[k];
        }
        double average = Math.floor(total / counts.rows());
        double[] idf = new double[terms];
        for (int t = 0; t < terms; t++) {
            idf[t] = bm25Weighting
                    ? Math.log(1 + (average - df[t] + 0.5) / (df[t] + 0.5))
                    : Math.log(average / df[t] + 1);
        }
        return idf;
    }

    /**
     * @param counts rows of term counts (topics, or single documents)
     * @param idf from {@link #idf}
     * @return the weighted rows, same sparsity as {@code counts}, values in double precision
     */
    public WeightedRows weigh(SparseMatrix counts, double[] idf) {
        int[] indptr = counts.rawIndptr();
        float[] data = counts.rawData();
        double[] values = new double[data.length];
        for (int r = 0; r < counts.rows(); r++) {
            double sum = 0;
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                values[k] = reduceFrequentWords ? Math.sqrt(data[k]) : data[k];
                sum += Math.abs(values[k]);
            }
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                values[k] = sum > 0 ? values[k] / sum * idf[counts.rawIndices()[k]] : 0;
            }
        }
        return new WeightedRows(counts.rows(), counts.cols(), indptr, counts.rawIndices(), values);
    }

    /**
     * Sparse rows of double weights (CSR).
     *
     * @param rows rows
     * @param cols columns
     * @param indptr row pointers
     * @param indices column of each value
     * @param values the weights
     */
    public record WeightedRows(int rows, int cols, int[] indptr, int[] indices, double[] values) {
        /** @param r row @param c column @return the weight, 0 if not stored */
        public double get(int r, int c) {
            int k = java.util.Arrays.binarySearch(indices, indptr[r], indptr[r + 1], c);
            return k >= 0 ? values[k] : 0;
        }

        /** @param a row of this @param other rows @param b row of other @return cosine similarity of the two rows */
        public double cosine(int a, WeightedRows other, int b) {
            double dot = 0;
            int i = indptr[a];
            int j = other.indptr[b];
            while (i < indptr[a + 1] && j < other.indptr[b + 1]) {
                if (indices[i] == other.indices[j]) {
                    dot += values[i++] * other.values[j++];
                } else if (indices[i] < other.indices[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            double na = norm(a);
            double nb = other.norm(b);
            return na == 0 || nb == 0 ? 0 : dot / (na * nb);
        }

        double norm(int r) {
            double s = 0;
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                s += values[k] * values[k];
            }
            return Math.sqrt(s);
        }
    }
}
