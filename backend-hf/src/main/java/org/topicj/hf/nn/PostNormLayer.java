package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;

/**
 * The original (post-norm) transformer encoder layer of BERT, RoBERTa, XLM-R, MPNet and DistilBERT:
 * {@code h = LN(x + O(attention(Q x, K x, V x)))}, {@code y = LN(h + W2 act(W1 h))}. Only the tensor
 * names differ between those families; {@link Names} carries them.
 *
 * <p>Thread-safety: immutable.
 */
final class PostNormLayer {
    /**
     * The tensor names of one layer, relative to the model's prefix.
     *
     * @param query query projection
     * @param key key projection
     * @param value value projection
     * @param output attention output projection
     * @param attentionNorm the norm after attention
     * @param intermediate the first feed-forward projection
     * @param ffOutput the second feed-forward projection
     * @param outputNorm the norm after the feed-forward block
     */
    record Names(String query, String key, String value, String output, String attentionNorm, String intermediate,
                 String ffOutput, String outputNorm) {
    }

    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final LayerNorm attentionNorm;
    private final Linear in;
    private final Linear out;
    private final LayerNorm outputNorm;
    private final Activation act;
    private final int heads;
    private final int headDim;
    private final Cast cast;

    PostNormLayer(Weights w, Names n, int hidden, int heads, int intermediate, double eps, Activation act) {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of the " + heads + " heads");
        }
        this.q = Linear.load(w, n.query(), hidden, hidden, true);
        this.k = Linear.load(w, n.key(), hidden, hidden, true);
        this.v = Linear.load(w, n.value(), hidden, hidden, true);
        this.o = Linear.load(w, n.output(), hidden, hidden, true);
        this.attentionNorm = LayerNorm.load(w, n.attentionNorm(), hidden, eps, true);
        this.in = Linear.load(w, n.intermediate(), hidden, intermediate, true);
        this.out = Linear.load(w, n.ffOutput(), intermediate, hidden, true);
        this.outputNorm = LayerNorm.load(w, n.outputNorm(), hidden, eps, true);
        this.act = act;
        this.heads = heads;
        this.headDim = hidden / heads;
        this.cast = w.cast();
    }

    /**
     * @param x {@code [batch, width, hidden]}
     * @param bias additive attention bias (mask, plus MPNet's relative position bias), float32
     * @return the layer's output
     */
    NDArray forward(NDArray x, NDArray bias) {
        NDArray context = Attention.attend(Attention.split(q.apply(x), heads, headDim),
                Attention.split(k.apply(x), heads, headDim), Attention.split(v.apply(x), heads, headDim),
                bias, 1.0 / Math.sqrt(headDim), 0, cast);
        NDArray h = attentionNorm.apply(o.apply(Attention.merge(context)).add(x));
        return outputNorm.apply(out.apply(act.apply(in.apply(h))).add(h));
    }
}
