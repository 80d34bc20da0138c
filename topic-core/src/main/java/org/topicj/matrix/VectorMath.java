package org.topicj.matrix;

/** Small vector helpers shared across the library. Thread-safety: stateless. */
public final class VectorMath {
    private VectorMath() {
    }

    /**
     * @param a a vector
     * @param b a vector of the same length
     * @return their cosine similarity, computed in double precision; 0 if either is all zeros
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /**
     * Scales each row of a row-major array to unit L2 norm, in place, as PyTorch's
     * {@code F.normalize} does: {@code v / max(||v||, 1e-12)}, so an all-zero row stays zero. The one
     * normalisation rule every backend uses.
     *
     * @param data rows of {@code cols} values
     * @param cols the row length, &gt; 0
     */
    public static void normalizeRows(float[] data, int cols) {
        if (cols <= 0 || data.length % cols != 0) {
            throw new IllegalArgumentException(data.length + " values do not make rows of " + cols);
        }
        for (int row = 0; row < data.length; row += cols) {
            normalize(data, row, cols);
        }
    }

    /**
     * Scales {@code data[offset .. offset + length)} to unit L2 norm in place (see {@link #normalizeRows}).
     *
     * @param data the values
     * @param offset first value
     * @param length how many
     */
    public static void normalize(float[] data, int offset, int length) {
        double sum = 0;
        for (int j = offset; j < offset + length; j++) {
            sum += (double) data[j] * data[j];
        }
        double norm = Math.max(Math.sqrt(sum), 1e-12);
        for (int j = offset; j < offset + length; j++) {
            data[j] = (float) (data[j] / norm);
        }
    }
}
