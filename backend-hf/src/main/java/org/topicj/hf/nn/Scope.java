package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * Runs one layer in its own NDManager so that its intermediate arrays are freed when it returns,
 * not when the whole batch ends (a 28-layer model would otherwise hold every layer's attention
 * scores at once). DJL puts an operation's result in its receiver's manager, so moving the layer's
 * input into the scope makes everything computed from it land there too.
 *
 * <p>Thread-safety: stateless.
 */
final class Scope {
    private Scope() {
    }

    /**
     * @param manager the call's manager, which receives the result
     * @param x the layer's input; consumed (freed with the scope)
     * @param layer the layer
     * @return its output, owned by {@code manager}
     */
    static NDArray run(NDManager manager, NDArray x, UnaryOperator<NDArray> layer) {
        try (NDManager scope = manager.newSubManager()) {
            x.attach(scope);
            NDArray out = layer.apply(x);
            out.attach(manager);
            return out;
        }
    }
}
