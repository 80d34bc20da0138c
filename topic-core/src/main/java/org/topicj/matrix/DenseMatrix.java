package org.topicj.matrix;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 matrix in row-major order: row {@code i} occupies
 * {@code data[i * cols .. (i + 1) * cols)}. This is the layout of a C-order NumPy array, so
 * {@link Npy} moves it to and from Python without reordering.
 *
 * <p>Thread-safety: immutable by contract. {@link #rawData()} exposes the backing array for fast
 * numerical code; callers must not modify it.
 */
public final class DenseMatrix implements Matrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    private DenseMatrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * Wraps a row-major array without copying. The caller hands the array over and must not
     * change it afterwards.
     *
     * @param rows number of rows, &ge; 0
     * @param cols number of columns, &ge; 0
     * @param data row-major values, exactly {@code rows * cols} of them
     * @return the matrix
     * @throws IllegalArgumentException if the length does not match the shape
     */
    public static DenseMatrix wrap(int rows, int cols, float[] data) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must not be negative, got " + rows + " x " + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs "
                    + (long) rows * cols + " values, got " + data.length);
        }
        return new DenseMatrix(rows, cols, data);
    }

    /**
     * Copies rows of equal length into a matrix.
     *
     * @param rowArrays the rows; all must have the same length
     * @return the matrix, 0 x 0 for no rows
     * @throws IllegalArgumentException if rows differ in length
     */
    public static DenseMatrix of(float[][] rowArrays) {
        Objects.requireNonNull(rowArrays, "rowArrays");
        if (rowArrays.length == 0) {
            return new DenseMatrix(0, 0, new float[0]);
        }
        int cols = rowArrays[0].length;
        float[] data = new float[Math.multiplyExact(rowArrays.length, cols)];
        for (int i = 0; i < rowArrays.length; i++) {
            if (rowArrays[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + rowArrays[i].length
                        + " values, row 0 has " + cols + "; all rows must have the same length");
            }
            System.arraycopy(rowArrays[i], 0, data, i * cols, cols);
        }
        return new DenseMatrix(rowArrays.length, cols, data);
    }

    /**
     * @param rows number of rows
     * @param cols number of columns
     * @return a matrix of zeros
     */
    public static DenseMatrix zeros(int rows, int cols) {
        return wrap(rows, cols, new float[Math.multiplyExact(rows, cols)]);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public float get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return data[row * cols + col];
    }

    /**
     * @param row row index
     * @return a copy of that row
     */
    public float[] row(int row) {
        Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    /** @return a copy of the values as one array per row */
    public float[][] toArray() {
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * The backing row-major array, not a copy. For numerical code that needs speed; do not modify.
     *
     * @return the backing array
     */
    public float[] rawData() {
        return data;
    }

    /**
     * @param fromRow first row, inclusive
     * @param toRow last row, exclusive
     * @return a copy of rows {@code [fromRow, toRow)}
     */
    public DenseMatrix rowRange(int fromRow, int toRow) {
        Objects.checkFromToIndex(fromRow, toRow, rows);
        return new DenseMatrix(toRow - fromRow, cols, Arrays.copyOfRange(data, fromRow * cols, toRow * cols));
    }

    /**
     * Stacks matrices with the same number of columns on top of each other.
     *
     * @param parts the matrices, in order
     * @return one matrix with all their rows
     */
    public static DenseMatrix vstack(java.util.List<DenseMatrix> parts) {
        if (parts.isEmpty()) {
            return new DenseMatrix(0, 0, new float[0]);
        }
        int cols = parts.get(0).cols;
        long total = 0;
        for (DenseMatrix p : parts) {
            if (p.cols != cols) {
                throw new IllegalArgumentException("cannot stack a matrix of " + p.cols
                        + " columns under one of " + cols);
            }
            total += p.rows;
        }
        float[] data = new float[Math.toIntExact(total * cols)];
        int offset = 0;
        for (DenseMatrix p : parts) {
            System.arraycopy(p.data, 0, data, offset, p.data.length);
            offset += p.data.length;
        }
        return new DenseMatrix((int) total, cols, data);
    }

    @Override
    public DenseMatrix toDense() {
        return this;
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
        return o instanceof DenseMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + rows + " x " + cols + "]";
    }
}
