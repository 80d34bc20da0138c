package org.topicj.matrix;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse float32 matrix in compressed sparse row (CSR) form, the layout of SciPy's
 * {@code csr_matrix}: the values of row {@code i} are {@code data[indptr[i] .. indptr[i + 1])}
 * at columns {@code indices[...]} of the same range. Used for TF-IDF-like embeddings, which TopicJ
 * reduces with the Hellinger metric.
 *
 * <p>Column indices within a row are strictly increasing; the constructor checks this and every
 * other invariant, so numerical code can rely on them.
 *
 * <p>Thread-safety: immutable by contract; the {@code raw*} accessors expose backing arrays,
 * which callers must not modify.
 */
public final class SparseMatrix implements Matrix {
    private final int rows;
    private final int cols;
    private final int[] indptr;
    private final int[] indices;
    private final float[] data;

    private SparseMatrix(int rows, int cols, int[] indptr, int[] indices, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.indptr = indptr;
        this.indices = indices;
        this.data = data;
    }

    /**
     * Wraps CSR arrays without copying, after checking them.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @param indptr row pointers, {@code rows + 1} non-decreasing values from 0 to {@code data.length}
     * @param indices column of each stored value, strictly increasing within a row, in {@code [0, cols)}
     * @param data the stored values
     * @return the matrix
     * @throws IllegalArgumentException if any invariant does not hold, naming which
     */
    public static SparseMatrix wrap(int rows, int cols, int[] indptr, int[] indices, float[] data) {
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must not be negative, got " + rows + " x " + cols);
        }
        if (indptr.length != rows + 1) {
            throw new IllegalArgumentException("indptr needs rows + 1 = " + (rows + 1) + " entries, got " + indptr.length);
        }
        if (indices.length != data.length) {
            throw new IllegalArgumentException("indices and data differ in length: " + indices.length + " vs " + data.length);
        }
        if (indptr[0] != 0 || indptr[rows] != data.length) {
            throw new IllegalArgumentException("indptr must start at 0 and end at " + data.length
                    + ", got " + indptr[0] + " .. " + indptr[rows]);
        }
        for (int r = 0; r < rows; r++) {
            if (indptr[r + 1] < indptr[r]) {
                throw new IllegalArgumentException("indptr decreases at row " + r);
            }
            int previous = -1;
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                int c = indices[k];
                if (c < 0 || c >= cols) {
                    throw new IllegalArgumentException("row " + r + " has column " + c + ", outside [0, " + cols + ")");
                }
                if (c <= previous) {
                    throw new IllegalArgumentException("row " + r + " has columns out of order or repeated at " + c
                            + "; sort each row's columns (SciPy: m.sort_indices(); m.sum_duplicates())");
                }
                previous = c;
            }
        }
        return new SparseMatrix(rows, cols, indptr, indices, data);
    }

    /**
     * Builds the sparse form of a dense matrix, keeping the non-zero entries.
     *
     * @param dense the matrix
     * @return its CSR form
     */
    public static SparseMatrix fromDense(DenseMatrix dense) {
        float[] values = dense.rawData();
        int nnz = 0;
        for (float v : values) {
            if (v != 0f) {
                nnz++;
            }
        }
        int[] indptr = new int[dense.rows() + 1];
        int[] indices = new int[nnz];
        float[] data = new float[nnz];
        int k = 0;
        for (int r = 0; r < dense.rows(); r++) {
            for (int c = 0; c < dense.cols(); c++) {
                float v = values[r * dense.cols() + c];
                if (v != 0f) {
                    indices[k] = c;
                    data[k++] = v;
                }
            }
            indptr[r + 1] = k;
        }
        return new SparseMatrix(dense.rows(), dense.cols(), indptr, indices, data);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** @return the number of stored values */
    public int nonZeros() {
        return data.length;
    }

    @Override
    public float get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        int k = Arrays.binarySearch(indices, indptr[row], indptr[row + 1], col);
        return k >= 0 ? data[k] : 0f;
    }

    /** @return the backing row-pointer array; do not modify */
    public int[] rawIndptr() {
        return indptr;
    }

    /** @return the backing column-index array; do not modify */
    public int[] rawIndices() {
        return indices;
    }

    /** @return the backing value array; do not modify */
    public float[] rawData() {
        return data;
    }

    @Override
    public DenseMatrix toDense() {
        float[] out = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                out[r * cols + indices[k]] = data[k];
            }
        }
        return DenseMatrix.wrap(rows, cols, out);
    }

    @Override
    public boolean isFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseMatrix m && m.rows == rows && m.cols == cols
                && Arrays.equals(m.indptr, indptr) && Arrays.equals(m.indices, indices) && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, cols, Arrays.hashCode(indptr), Arrays.hashCode(indices), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "SparseMatrix[" + rows + " x " + cols + ", " + data.length + " stored]";
    }
}
