package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A transformer network built from a {@code config.json} and its safetensors weights: token ids
 * in, {@code last_hidden_state} out, as transformers' {@code AutoModel} computes it.
 *
 * <p>Thread-safety: {@link #forward} may be called from several threads at once (the weights are
 * only read); {@link #close} must come after every call has returned.
 */
public interface Architecture extends AutoCloseable {
    /** @return the config's {@code model_type} */
    String modelType();

    /** @return the size of each token vector */
    int hiddenSize();

    /** @return the most tokens a sequence may have, special tokens included ({@link Integer#MAX_VALUE} if unbounded) */
    int maxPositions();

    /**
     * Runs the network.
     *
     * @param manager where every array of this call is created; the caller closes it
     * @param batch right-padded token ids
     * @return {@code last_hidden_state}, float32, {@code [rows, width, hiddenSize]}
     */
    NDArray forward(NDManager manager, TokenBatch batch);

    /** Frees the weights. */
    @Override
    void close();
}
