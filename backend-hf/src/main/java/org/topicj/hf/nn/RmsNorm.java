package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Root-mean-square norm over the last dimension, computed in float32: Qwen3's
 * {@code w * (x / rms).to(dtype)}, or Gemma3's {@code (x / rms * (1 + w)).to(dtype)}.
 *
 * <p>Thread-safety: immutable; results are created in the input's manager.
 */
final class RmsNorm {
    private final NDArray weight;
    private final float eps;
    private final boolean gemma;
    private final Cast cast;

    private RmsNorm(NDArray weight, double eps, boolean gemma, Cast cast) {
        this.weight = weight;
        this.cast = cast;
        this.eps = (float) eps;
        this.gemma = gemma;
    }

    /** @return Qwen3 / Llama style: the weight multiplies the normalised value after the cast back */
    static RmsNorm qwen(Weights w, String name, long size, double eps) {
        return new RmsNorm(w.get(name + ".weight", size), eps, false, w.cast());
    }

    /** @return Gemma style: {@code 1 + weight}, applied in float32 before the cast back */
    static RmsNorm gemma(Weights w, String name, long size, double eps) {
        NDArray raw = w.float32(name + ".weight", size);
        NDArray plusOne = raw.add(1f);
        raw.close();
        return new RmsNorm(plusOne, eps, true, w.cast());
    }

    NDArray apply(NDArray x) {
        NDArray f = x.toType(DataType.FLOAT32, false);
        NDArray normed = f.mul(f.square().mean(new int[] {f.getShape().dimension() - 1}, true).add(eps).pow(-0.5f));
        if (gemma) {
            return cast.model(normed.mul(weight));
        }
        return cast.model(normed).mul(weight);
    }
}
