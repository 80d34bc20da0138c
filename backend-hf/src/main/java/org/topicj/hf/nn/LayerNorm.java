package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code torch.nn.LayerNorm} over the last dimension, with or without a bias.
 *
 * <p>Thread-safety: immutable; results are created in the input's manager.
 */
final class LayerNorm {
    private final NDArray weight;
    private final NDArray bias;
    private final Shape shape;
    private final float eps;

    private LayerNorm(NDArray weight, NDArray bias, long size, double eps) {
        this.weight = weight;
        this.bias = bias;
        this.shape = new Shape(size);
        this.eps = (float) eps;
    }

    /**
     * @param w weights
     * @param name the module name
     * @param size the normalised size
     * @param eps the config's epsilon
     * @param bias whether the module has a bias (ModernBERT's {@code norm_bias=false} has none)
     * @return the norm
     */
    static LayerNorm load(Weights w, String name, long size, double eps, boolean bias) {
        // libtorch's layer_norm takes a bias tensor; zeros stand for none.
        return new LayerNorm(w.get(name + ".weight", size), bias ? w.get(name + ".bias", size) : w.zeros(size), size, eps);
    }

    NDArray apply(NDArray x) {
        return x.getNDArrayInternal().layerNorm(x, shape, weight, bias, eps).singletonOrThrow();
    }
}
