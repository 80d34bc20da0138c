package org.topicj.topics;

import java.util.Arrays;
import org.topicj.matrix.SparseMatrix;

/**
 * Row arithmetic on c-TF-IDF weights that the workflows need (scikit-learn's {@code normalize(norm="l1")},
 * the average of two rows, summed counts), on {@link ClassTfidf.WeightedRows} and {@link SparseMatrix}
 * rows, keeping column indices increasing.
 */
final class SparseRows {
    private SparseRows() {
    }

    /** @return each row divided by the sum of its absolute values (an all-zero row stays zero) */
    static ClassTfidf.WeightedRows l1(ClassTfidf.WeightedRows w) {
        double[] values = w.values().clone();
        for (int r = 0; r < w.rows(); r++) {
            double sum = 0;
            for (int k = w.indptr()[r]; k < w.indptr()[r + 1]; k++) {
                sum += Math.abs(values[k]);
            }
            if (sum > 0) {
                for (int k = w.indptr()[r]; k < w.indptr()[r + 1]; k++) {
                    values[k] /= sum;
                }
            }
        }
        return new ClassTfidf.WeightedRows(w.rows(), w.cols(), w.indptr(), w.indices(), values);
    }

    /**
     * @param a rows
     * @param aRows the row of {@code a} for each output row
     * @param b rows of the same width
     * @param bRows the row of {@code b} for each output row
     * @return row i is {@code (a[aRows[i]] + b[bRows[i]]) / 2}
     */
    static ClassTfidf.WeightedRows mean(ClassTfidf.WeightedRows a, int[] aRows, ClassTfidf.WeightedRows b, int[] bRows) {
        int n = aRows.length;
        int[] indptr = new int[n + 1];
        int[] indices = new int[nonZeros(a, aRows) + nonZeros(b, bRows)];
        double[] values = new double[indices.length];
        int e = 0;
        for (int r = 0; r < n; r++) {
            int i = a.indptr()[aRows[r]];
            int iEnd = a.indptr()[aRows[r] + 1];
            int j = b.indptr()[bRows[r]];
            int jEnd = b.indptr()[bRows[r] + 1];
            while (i < iEnd || j < jEnd) {
                int ci = i < iEnd ? a.indices()[i] : Integer.MAX_VALUE;
                int cj = j < jEnd ? b.indices()[j] : Integer.MAX_VALUE;
                double v;
                int c;
                if (ci == cj) {
                    c = ci;
                    v = a.values()[i++] + b.values()[j++];
                } else if (ci < cj) {
                    c = ci;
                    v = a.values()[i++];
                } else {
                    c = cj;
                    v = b.values()[j++];
                }
                indices[e] = c;
                values[e++] = v / 2.0;
            }
            indptr[r + 1] = e;
        }
        return new ClassTfidf.WeightedRows(n, a.cols(), indptr, Arrays.copyOf(indices, e), Arrays.copyOf(values, e));
    }

    /** @return the given rows of {@code w}, in that order */
    static ClassTfidf.WeightedRows select(ClassTfidf.WeightedRows w, int[] rows) {
        int[] indptr = new int[rows.length + 1];
        for (int r = 0; r < rows.length; r++) {
            indptr[r + 1] = indptr[r] + w.indptr()[rows[r] + 1] - w.indptr()[rows[r]];
        }
        int[] indices = new int[indptr[rows.length]];
        double[] values = new double[indices.length];
        for (int r = 0; r < rows.length; r++) {
            int from = w.indptr()[rows[r]];
            int len = w.indptr()[rows[r] + 1] - from;
            System.arraycopy(w.indices(), from, indices, indptr[r], len);
            System.arraycopy(w.values(), from, values, indptr[r], len);
        }
        return new ClassTfidf.WeightedRows(rows.length, w.cols(), indptr, indices, values);
    }

    /** @return the rows of {@code a}, then those of {@code b} (of the same width) */
    static ClassTfidf.WeightedRows vstack(ClassTfidf.WeightedRows a, ClassTfidf.WeightedRows b) {
        int[] indptr = new int[a.rows() + b.rows() + 1];
        System.arraycopy(a.indptr(), 0, indptr, 0, a.rows() + 1);
        int offset = a.indptr()[a.rows()];
        for (int r = 1; r <= b.rows(); r++) {
            indptr[a.rows() + r] = offset + b.indptr()[r];
        }
        int[] indices = Arrays.copyOf(a.indices(), offset + b.indices().length);
        System.arraycopy(b.indices(), 0, indices, offset, b.indices().length);
        double[] values = Arrays.copyOf(a.values(), offset + b.values().length);
        System.arraycopy(b.values(), 0, values, offset, b.values().length);
        return new ClassTfidf.WeightedRows(a.rows() + b.rows(), a.cols(), indptr, indices, values);
    }

    /** @return one row: the sum of the given rows of {@code counts} */
    static SparseMatrix sum(SparseMatrix counts, int[] rows) {
        double[] dense = new double[counts.cols()];
        for (int r : rows) {
            for (int k = counts.rawIndptr()[r]; k < counts.rawIndptr()[r + 1]; k++) {
                dense[counts.rawIndices()[k]] += counts.rawData()[k];
            }
        }
        int nz = 0;
        for (double v : dense) {
            nz += v != 0 ? 1 : 0;
        }
        int[] indices = new int[nz];
        float[] data = new float[nz];
        int e = 0;
        for (int c = 0; c < dense.length; c++) {
            if (dense[c] != 0) {
                indices[e] = c;
                data[e++] = (float) dense[c];
            }
        }
        return SparseMatrix.wrap(1, counts.cols(), new int[] {0, nz}, indices, data);
    }

    private static int nonZeros(ClassTfidf.WeightedRows w, int[] rows) {
        int n = 0;
        for (int r : rows) {
            n += w.indptr()[r + 1] - w.indptr()[r];
        }
        return n;
    }
}
