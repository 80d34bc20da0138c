package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * DistilBERT ({@code distilbert}): word + position embeddings (learned, or the sinusoidal table
 * {@code sinusoidal_pos_embds} fills, which is saved with the weights either way), layer norms
 * with transformers' fixed epsilon 1e-12, no token types, post-norm layers named
 * {@code q_lin ... out_lin}, {@code sa_layer_norm}, {@code ffn.lin1/lin2}, {@code output_layer_norm}.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class DistilBert implements Architecture {
    /** DistilBERT's config has no epsilon; transformers hard-codes this one. */
    private static final double EPS = 1e-12;

    private final Weights weights;
    private final NDArray words;
    private final NDArray positions;
    private final LayerNorm embeddingNorm;
    private final List<PostNormLayer> layers = new ArrayList<>();
    private final int hidden;
    private final int maxPositions;

    DistilBert(ModelConfig c, Weights all) {
        weights = all.under("embeddings.word_embeddings.weight");
        hidden = c.integer("dim");
        maxPositions = c.integer("max_position_embeddings");
        words = weights.get("embeddings.word_embeddings.weight", c.integer("vocab_size"), hidden);
        positions = weights.get("embeddings.position_embeddings.weight", maxPositions, hidden);
        embeddingNorm = LayerNorm.load(weights, "embeddings.LayerNorm", hidden, EPS, true);
        Activation act = Activation.parse(c, "activation", c.string("activation", "gelu"));
        for (int i = 0; i < c.integer("n_layers"); i++) {
            String p = "transformer.layer." + i + ".";
            layers.add(new PostNormLayer(weights, new PostNormLayer.Names(p + "attention.q_lin", p + "attention.k_lin",
                    p + "attention.v_lin", p + "attention.out_lin", p + "sa_layer_norm", p + "ffn.lin1", p + "ffn.lin2",
                    p + "output_layer_norm"), hidden, c.integer("n_heads"), c.integer("hidden_dim"), EPS, act));
        }
    }

    @Override
    public String modelType() {
        return "distilbert";
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    @Override
    public int maxPositions() {
        return maxPositions;
    }

    @Override
    public NDArray forward(NDManager m, TokenBatch b) {
        NDArray ids = m.create(b.ids(), new Shape(b.rows(), b.width()));
        NDArray pos = m.arange(0, b.width(), 1, DataType.INT64).reshape(1, b.width());
        NDArray x = embeddingNorm.apply(BertFamily.lookup(ids, words).add(BertFamily.lookup(pos, positions)));
        NDArray bias = AttentionMask.FULL.bias(m, b, 0);
        for (PostNormLayer layer : layers) {
            x = Scope.run(m, x, h -> layer.forward(h, bias));
        }
        return x.toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        weights.close();
    }
}
