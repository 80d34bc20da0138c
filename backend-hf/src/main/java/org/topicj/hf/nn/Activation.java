package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * The activations transformers' {@code ACT2FN} names that the supported architectures use.
 *
 * <p>Thread-safety: stateless.
 */
enum Activation {
    /** Exact GELU, {@code x/2 (1 + erf(x / sqrt 2))}: {@code gelu}. */
    GELU,
    /** The tanh approximation: {@code gelu_new}, {@code gelu_pytorch_tanh}, {@code gelu_fast}, {@code gelu_accurate}. */
    GELU_TANH,
    /** {@code relu}. */
    RELU,
    /** {@code silu} / {@code swish}: {@code x sigmoid(x)}. */
    SILU,
    /** {@code quick_gelu}: {@code x sigmoid(1.702 x)}. */
    QUICK_GELU;

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    /**
     * @param config where the name came from, for the error
     * @param key the config key
     * @param name the name
     * @return the activation
     */
    static Activation parse(ModelConfig config, String key, String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu", "gelu_python" -> GELU;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_python_tanh", "gelu_fast", "gelu_accurate" -> GELU_TANH;
            case "relu" -> RELU;
            case "silu", "swish" -> SILU;
            case "quick_gelu" -> QUICK_GELU;
            default -> throw config.error(key + " '" + name + "' is not supported; supported: gelu, gelu_new, "
                    + "gelu_pytorch_tanh, gelu_fast, gelu_accurate, relu, silu, swish, quick_gelu");
        };
    }

    NDArray apply(NDArray x) {
        return switch (this) {
            case GELU -> x.getNDArrayInternal().gelu();
            case GELU_TANH -> {
                NDArray inner = x.add(x.pow(3f).mul(0.044715f)).mul(SQRT_2_OVER_PI);
                yield x.mul(0.5f).mul(inner.getNDArrayInternal().tanh().add(1f));
            }
            case RELU -> x.getNDArrayInternal().relu();
            case SILU -> x.mul(x.getNDArrayInternal().sigmoid());
            case QUICK_GELU -> x.mul(x.mul(1.702f).getNDArrayInternal().sigmoid());
        };
    }
}
