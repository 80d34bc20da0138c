package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings as transformers' default (and linear-scaled) RoPE: inverse
 * frequencies {@code 1 / theta^(2i/d)}, angles {@code position * inv_freq} in float32, and
 * {@code q cos + rotate_half(q) sin} on each head.
 *
 * <p>Thread-safety: immutable.
 */
final class Rotary {
    private final float[] invFreq;
    private final int headDim;

    /**
     * @param headDim the size of one head (even)
     * @param theta the base
     * @param factor the linear scaling factor (1 for none): positions are divided by it
     */
    Rotary(int headDim, double theta, double factor) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("rotary embeddings need an even head size, got " + headDim);
        }
        this.headDim = headDim;
        this.invFreq = new float[headDim / 2];
        for (int i = 0; i < invFreq.length; i++) {
            float exponent = (float) (2 * i) / headDim;
            invFreq[i] = (float) (1.0 / Math.pow(theta, exponent) / factor);
        }
    }

    /**
     * The cos and sin tables of positions {@code 0 .. width-1}, shaped {@code [1, 1, width, headDim]}.
     *
     * @param m the call's manager
     * @param width tokens
     * @param cast to the activations' type (null: float32)
     * @return cos then sin
     */
    NDList tables(NDManager m, int width, Cast cast) {
        float[] cos = new float[width * headDim];
        float[] sin = new float[width * headDim];
        int half = headDim / 2;
        for (int p = 0; p < width; p++) {
            for (int i = 0; i < half; i++) {
                float angle = p * invFreq[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * headDim + i] = c;
                cos[p * headDim + half + i] = c;
                sin[p * headDim + i] = s;
                sin[p * headDim + half + i] = s;
            }
        }
        Shape shape = new Shape(1, 1, width, headDim);
        NDArray c = m.create(cos, shape);
        NDArray s = m.create(sin, shape);
        return cast == null ? new NDList(c, s) : new NDList(cast.model(c), cast.model(s));
    }

    /**
     * @param x {@code [batch, heads, width, headDim]}
     * @param tables from {@link #tables}
     * @return x rotated
     */
    static NDArray apply(NDArray x, NDList tables) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(tables.get(0)).add(rotated.mul(tables.get(1)));
    }
}
