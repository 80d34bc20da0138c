package org.topicj.matrix;

/**
 * A two-dimensional float32 matrix: embeddings (one row per document), reduced coordinates, topic
 * weights. Either {@link DenseMatrix} (row-major) or {@link SparseMatrix} (compressed sparse rows,
 * for TF-IDF-like embeddings).
 *
 * <p>Thread-safety: implementations are immutable once built and safe to share.
 */
public sealed interface Matrix permits DenseMatrix, SparseMatrix {

    /** @return number of rows (documents) */
    int rows();

    /** @return number of columns (dimensions) */
    int cols();

    /**
     * @param row row index, 0 &le; row &lt; rows()
     * @param col column index, 0 &le; col &lt; cols()
     * @return the value at ({@code row}, {@code col}); 0 for entries a sparse matrix does not store
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    float get(int row, int col);

    /** @return this matrix as a dense one: itself if already dense, otherwise a dense copy */
    DenseMatrix toDense();

    /** @return true if every stored value is finite (no NaN, no infinity) */
    boolean isFinite();
}
