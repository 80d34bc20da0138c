package org.topicj.sbert;

import java.util.Locale;

/**
 * How token vectors become one sentence vector, as sentence-transformers' {@code Pooling} module
 * does it. Several modes may be combined; their results are concatenated in this enum's order
 * (sentence-transformers' order).
 */
public enum PoolingMode {
    /** The first token's vector ([CLS]). */
    CLS,
    /** Element-wise maximum over the real (unmasked) tokens. */
    MAX,
    /** Mean over the real tokens. */
    MEAN,
    /** Sum over the real tokens divided by the square root of their number. */
    MEAN_SQRT_LEN;

    /**
     * @param name a name as in {@code 1_Pooling/config.json} or a short form: cls, mean, max, mean_sqrt_len
     * @return the mode
     * @throws IllegalArgumentException for an unknown or unsupported mode
     */
    public static PoolingMode parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("pooling_mode_", "").replace("_tokens", "").replace("_token", "");
        return switch (n) {
            case "cls" -> CLS;
            case "max" -> MAX;
            case "mean" -> MEAN;
            case "mean_sqrt_len" -> MEAN_SQRT_LEN;
            default -> throw new IllegalArgumentException("pooling mode '" + name
                    + "' is not supported; supported: cls, max, mean, mean_sqrt_len");
        };
    }

    /**
     * Pools one sequence.
     *
     * @param hidden the batch's token vectors, {@code [batch, seq, dim]} row-major
     * @param offset where this sequence's first token starts in {@code hidden}
     * @param tokens number of real tokens (the rest is padding), at least 1
     * @param dim vector size
     * @param out where to write {@code dim} values
     * @param outOffset where in {@code out}
     */
    void pool(float[] hidden, int offset, int tokens, int dim, float[] out, int outOffset) {
        switch (this) {
            case CLS -> System.arraycopy(hidden, offset, out, outOffset, dim);
            case MAX -> {
                for (int j = 0; j < dim; j++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int t = 0; t < tokens; t++) {
                        m = Math.max(m, hidden[offset + t * dim + j]);
                    }
                    out[outOffset + j] = m;
                }
            }
            case MEAN, MEAN_SQRT_LEN -> {
                double[] sum = new double[dim];
                for (int t = 0; t < tokens; t++) {
                    int base = offset + t * dim;
                    for (int j = 0; j < dim; j++) {
                        sum[j] += hidden[base + j];
                    }
                }
                double div = this == MEAN ? tokens : Math.sqrt(tokens);
                for (int j = 0; j < dim; j++) {
                    out[outOffset + j] = (float) (sum[j] / div);
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }
}
