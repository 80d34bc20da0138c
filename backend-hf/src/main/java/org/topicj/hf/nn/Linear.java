package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;

/**
 * {@code y = x W^T + b}, as {@code torch.nn.Linear}.
 *
 * <p>Thread-safety: immutable; results are created in the input's manager.
 */
final class Linear {
    private final NDArray weight;
    private final NDArray bias;
    private final long out;

    private Linear(NDArray weight, NDArray bias, long out) {
        this.weight = weight;
        this.bias = bias;
        this.out = out;
    }

    /**
     * @param w weights under the model's prefix
     * @param name the module name ({@code .weight} and, if {@code bias}, {@code .bias} are read)
     * @param in input features
     * @param out output features
     * @param bias whether the module has a bias
     * @return the layer
     */
    static Linear load(Weights w, String name, long in, long out, boolean bias) {
        return new Linear(w.get(name + ".weight", out, in), bias ? w.get(name + ".bias", out) : null, out);
    }

    /** Like {@link #load} with a bias when the weights have one. */
    static Linear loadOptionalBias(Weights w, String name, long in, long out) {
        return load(w, name, in, out, w.has(name + ".bias"));
    }

    /** @return output features */
    long out() {
        return out;
    }

    NDArray apply(NDArray x) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }
}
