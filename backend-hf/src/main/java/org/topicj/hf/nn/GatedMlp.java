package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;

/**
 * The gated feed-forward block of Qwen3 and Gemma3: {@code down(act(gate(x)) * up(x))}, no biases.
 *
 * <p>Thread-safety: immutable.
 */
final class GatedMlp {
    private final Linear gate;
    private final Linear up;
    private final Linear down;
    private final Activation act;

    GatedMlp(Weights w, String prefix, int hidden, int intermediate, Activation act) {
        this.gate = Linear.load(w, prefix + "gate_proj", hidden, intermediate, false);
        this.up = Linear.load(w, prefix + "up_proj", hidden, intermediate, false);
        this.down = Linear.load(w, prefix + "down_proj", intermediate, hidden, false);
        this.act = act;
    }

    NDArray apply(NDArray x) {
        return down.apply(act.apply(gate.apply(x)).mul(up.apply(x)));
    }
}
