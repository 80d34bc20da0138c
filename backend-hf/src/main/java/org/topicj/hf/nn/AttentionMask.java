package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Which keys each query may attend to, as an additive float32 bias for the attention scores
 * (0 allowed, a large negative number not). Padding is always masked; on top of it a layer may be
 * causal, bidirectional within a window, or causal within a window. The bias is finite so that a
 * row with nothing to attend to (a padding query) stays finite instead of turning into NaN.
 *
 * <p>Thread-safety: immutable.
 */
enum AttentionMask {
    /** Every real token (encoders, EmbeddingGemma's global layers). */
    FULL,
    /** Keys at or before the query (decoders). */
    CAUSAL,
    /** Keys within {@code window} positions either side, inclusive (ModernBERT, EmbeddingGemma local layers). */
    BIDIRECTIONAL_WINDOW,
    /** Keys at or before the query and fewer than {@code window} positions back (decoder sliding windows). */
    CAUSAL_WINDOW;

    private static final float BLOCKED = -1e9f;

    /**
     * @param m the call's manager
     * @param batch the tokens
     * @param window the window (ignored by {@link #FULL} and {@link #CAUSAL})
     * @return {@code [rows, 1, 1, width]} for {@link #FULL}, else {@code [rows, 1, width, width]}
     */
    NDArray bias(NDManager m, TokenBatch batch, int window) {
        int rows = batch.rows();
        int width = batch.width();
        long[] mask = batch.mask();
        if (this == FULL) {
            float[] b = new float[rows * width];
            for (int i = 0; i < b.length; i++) {
                b[i] = mask[i] != 0 ? 0f : BLOCKED;
            }
            return m.create(b, new Shape(rows, 1, 1, width));
        }
        float[] b = new float[rows * width * width];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < width; q++) {
                int base = (r * width + q) * width;
                for (int k = 0; k < width; k++) {
                    b[base + k] = mask[r * width + k] != 0 && allows(q, k, window) ? 0f : BLOCKED;
                }
            }
        }
        return m.create(b, new Shape(rows, 1, width, width));
    }

    private boolean allows(int q, int k, int window) {
        return switch (this) {
            case FULL -> true;
            case CAUSAL -> k <= q;
            case BIDIRECTIONAL_WINDOW -> Math.abs(q - k) <= window;
            case CAUSAL_WINDOW -> k <= q && k > q - window;
        };
    }
}
