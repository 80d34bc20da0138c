package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The self-attention of Qwen3 and Gemma3: separate q/k/v/o projections with grouped-query heads
 * ({@code num_key_value_heads} key/value heads shared by groups of query heads), an RMSNorm on each
 * query and key head before the rotary embedding, and a configurable score scaling and soft cap.
 *
 * <p>Thread-safety: immutable.
 */
final class DecoderAttention {
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final RmsNorm qNorm;
    private final RmsNorm kNorm;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final double scaling;
    private final double softcap;
    private final Cast cast;

    /**
     * @param norms builds the q/k norms from (weights, name, size)
     */
    DecoderAttention(Weights w, String prefix, ModelConfig c, int hidden, int heads, int kvHeads, int headDim,
                     double scaling, double softcap, NormFactory norms) {
        if (heads % kvHeads != 0) {
            throw c.error("num_attention_heads " + heads + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        boolean bias = c.bool("attention_bias", false);
        this.q = Linear.load(w, prefix + "q_proj", hidden, (long) heads * headDim, bias);
        this.k = Linear.load(w, prefix + "k_proj", hidden, (long) kvHeads * headDim, bias);
        this.v = Linear.load(w, prefix + "v_proj", hidden, (long) kvHeads * headDim, bias);
        this.o = Linear.load(w, prefix + "o_proj", (long) heads * headDim, hidden, bias);
        this.qNorm = norms.load(w, prefix + "q_norm", headDim);
        this.kNorm = norms.load(w, prefix + "k_norm", headDim);
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.scaling = scaling;
        this.softcap = softcap;
        this.cast = w.cast();
    }

    /** Builds an RMSNorm of one family. */
    interface NormFactory {
        RmsNorm load(Weights w, String name, long size);
    }

    /**
     * @param x {@code [batch, width, hidden]}, already normed
     * @param bias the additive float32 mask
     * @param tables the rotary cos/sin tables for this layer type
     * @return the projected attention output
     */
    NDArray apply(NDArray x, NDArray bias, NDList tables) {
        // The head norms act on [batch, width, heads, headDim] before the heads move forward.
        NDArray qs = Rotary.apply(Attention.split(qNorm.apply(headView(q.apply(x), heads)).reshape(
                x.getShape().get(0), x.getShape().get(1), (long) heads * headDim), heads, headDim), tables);
        NDArray ks = Rotary.apply(Attention.split(kNorm.apply(headView(k.apply(x), kvHeads)).reshape(
                x.getShape().get(0), x.getShape().get(1), (long) kvHeads * headDim), kvHeads, headDim), tables);
        NDArray vs = Attention.split(v.apply(x), kvHeads, headDim);
        return o.apply(Attention.merge(Attention.attend(qs, ks, vs, bias, scaling, softcap, cast)));
    }

    private NDArray headView(NDArray projected, int n) {
        return projected.reshape(projected.getShape().get(0), projected.getShape().get(1), n, headDim);
    }
}
