package org.topicj.spi.support;

import java.util.Locale;

/**
 * How token vectors become one sentence vector, as sentence-transformers' {@code Pooling} module
 * does it, over the tokens an attention mask marks as real (so left and right padding both work).
 * Several modes may be combined; sentence-transformers concatenates them in this enum's order.
 *
 * <p>Thread-safety: stateless.
 */
public enum TokenPooling {
    /** The first real token's vector ([CLS]; with left padding or an excluded prompt, the first token the mask keeps, as sentence-transformers 6). */
    CLS,
    /** Element-wise maximum over the real tokens. */
    MAX,
    /** Mean over the real tokens. */
    MEAN,
    /** Sum over the real tokens divided by the square root of their number. */
    MEAN_SQRT_LEN,
    /** Mean weighted by position (1, 2, 3, ... over the whole row), as sentence-transformers' weightedmean. */
    WEIGHTED_MEAN,
    /** The last real token's vector (decoder embedders such as Qwen3-Embedding). */
    LAST_TOKEN;

    /**
     * @param name a name as in {@code 1_Pooling/config.json} ({@code pooling_mode_mean_tokens}) or a
     *     short form: cls, mean, max, mean_sqrt_len, weightedmean, lasttoken
     * @return the mode
     * @throws IllegalArgumentException for an unknown mode, listing the known ones
     */
    public static TokenPooling parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("pooling_mode_", "").replace("_tokens", "").replace("_token", "");
        return switch (n) {
            case "cls" -> CLS;
            case "max" -> MAX;
            case "mean" -> MEAN;
            case "mean_sqrt_len" -> MEAN_SQRT_LEN;
            case "weightedmean", "weighted_mean" -> WEIGHTED_MEAN;
            case "lasttoken", "last_token", "last" -> LAST_TOKEN;
            default -> throw new IllegalArgumentException("pooling mode '" + name
                    + "' is not supported; supported: cls, max, mean, mean_sqrt_len, weightedmean, lasttoken");
        };
    }

    /**
     * Pools one sequence of a batch.
     *
     * @param states the batch's token vectors, {@code [batch, width, dim]} row-major
     * @param offset where this sequence's first token starts in {@code states}
     * @param mask the batch's attention mask, {@code [batch, width]}; non-zero marks a real token
     * @param maskOffset where this sequence's mask starts
     * @param width tokens per sequence (padded)
     * @param dim vector size
     * @param out where to write {@code dim} values
     * @param outOffset where in {@code out}
     */
    public void pool(float[] states, int offset, long[] mask, int maskOffset, int width, int dim, float[] out, int outOffset) {
        switch (this) {
            case CLS -> {
                int first = 0;
                while (first < width && mask[maskOffset + first] == 0) {
                    first++;
                }
                first = first == width ? 0 : first;
                System.arraycopy(states, offset + first * dim, out, outOffset, dim);
            }
            case LAST_TOKEN -> {
                int last = 0;
                for (int t = 0; t < width; t++) {
                    if (mask[maskOffset + t] != 0) {
                        last = t;
                    }
                }
                System.arraycopy(states, offset + last * dim, out, outOffset, dim);
            }
            case MAX -> {
                for (int j = 0; j < dim; j++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int t = 0; t < width; t++) {
                        if (mask[maskOffset + t] != 0) {
                            m = Math.max(m, states[offset + t * dim + j]);
                        }
                    }
                    out[outOffset + j] = m == Float.NEGATIVE_INFINITY ? 0f : m;
                }
            }
            default -> weightedSum(states, offset, mask, maskOffset, width, dim, out, outOffset);
        }
    }

    private void weightedSum(float[] states, int offset, long[] mask, int maskOffset, int width, int dim, float[] out, int outOffset) {
        double[] sum = new double[dim];
        double weights = 0;
        for (int t = 0; t < width; t++) {
            if (mask[maskOffset + t] == 0) {
                continue;
            }
            double w = this == WEIGHTED_MEAN ? t + 1 : 1;
            weights += w;
            int base = offset + t * dim;
            for (int j = 0; j < dim; j++) {
                sum[j] += w * states[base + j];
            }
        }
        // sentence-transformers clamps the divisor at 1e-9, so an all-padding row pools to zeros.
        double div = this == MEAN_SQRT_LEN ? Math.sqrt(Math.max(weights, 1e-9)) : Math.max(weights, 1e-9);
        for (int j = 0; j < dim; j++) {
            out[outOffset + j] = (float) (sum[j] / div);
        }
    }
}
