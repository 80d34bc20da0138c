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
}
