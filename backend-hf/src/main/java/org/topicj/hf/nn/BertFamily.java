package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT ({@code bert}: MiniLM, bge, e5, gte), RoBERTa ({@code roberta}) and XLM-RoBERTa
 * ({@code xlm-roberta}: multilingual-e5, bge-m3): word + position (+ token type) embeddings, a
 * layer norm, then post-norm encoder layers. RoBERTa-style models number positions from
 * {@code pad_token_id + 1} over the real tokens (fairseq's rule), so they take
 * {@code max_position_embeddings - pad_token_id - 1} tokens (514 - 2 = 512).
 *
 * <p>Thread-safety: immutable after construction.
 */
final class BertFamily implements Architecture {
    private final String modelType;
    private final Weights weights;
    private final NDArray words;
    private final NDArray positions;
    private final NDArray tokenTypes;
    private final LayerNorm embeddingNorm;
    private final List<PostNormLayer> layers = new ArrayList<>();
    private final int hidden;
    private final int maxPositions;
    private final int positionOffset;

    BertFamily(ModelConfig c, Weights all) {
        this.modelType = c.modelType();
        this.weights = all.under("embeddings.word_embeddings.weight");
        String positionType = c.string("position_embedding_type", "absolute");
        if (!positionType.equals("absolute")) {
            throw c.error("position_embedding_type '" + positionType + "' is not supported; supported: absolute");
        }
        hidden = c.integer("hidden_size");
        int vocab = c.integer("vocab_size");
        int maxPos = c.integer("max_position_embeddings");
        boolean roberta = !modelType.equals("bert");
        // RoBERTa's positions start after the padding index; BERT's at 0.
        positionOffset = roberta ? c.integer("pad_token_id", 1) + 1 : 0;
        maxPositions = maxPos - positionOffset;
        double eps = c.number("layer_norm_eps", 1e-12);
        words = weights.get("embeddings.word_embeddings.weight", vocab, hidden);
        positions = weights.get("embeddings.position_embeddings.weight", maxPos, hidden);
        int typeVocab = c.integer("type_vocab_size", 2);
        tokenTypes = weights.has("embeddings.token_type_embeddings.weight")
                ? weights.get("embeddings.token_type_embeddings.weight", typeVocab, hidden) : null;
        embeddingNorm = LayerNorm.load(weights, "embeddings.LayerNorm", hidden, eps, true);
        Activation act = Activation.parse(c, "hidden_act", c.string("hidden_act", "gelu"));
        int heads = c.integer("num_attention_heads");
        int intermediate = c.integer("intermediate_size");
        for (int i = 0; i < c.integer("num_hidden_layers"); i++) {
            String p = "encoder.layer." + i + ".";
            layers.add(new PostNormLayer(weights, new PostNormLayer.Names(p + "attention.self.query",
                    p + "attention.self.key", p + "attention.self.value", p + "attention.output.dense",
                    p + "attention.output.LayerNorm", p + "intermediate.dense", p + "output.dense",
                    p + "output.LayerNorm"), hidden, heads, intermediate, eps, act));
        }
    }

    @Override
    public String modelType() {
        return modelType;
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
        Shape shape = new Shape(b.rows(), b.width());
        NDArray ids = m.create(b.ids(), shape);
        NDArray x = lookup(ids, words).add(lookup(m.create(positionIds(b), shape), positions));
        if (tokenTypes != null) {
            x = x.add(lookup(m.create(b.typeIds(), shape), tokenTypes));
        }
        x = embeddingNorm.apply(x);
        NDArray bias = AttentionMask.FULL.bias(m, b, 0);
        for (PostNormLayer layer : layers) {
            x = Scope.run(m, x, h -> layer.forward(h, bias));
        }
        return x.toType(DataType.FLOAT32, false);
    }

    /** BERT: 0, 1, 2, ...; RoBERTa: padding_idx + 1 + the count of real tokens so far, padding_idx on padding. */
    private long[] positionIds(TokenBatch b) {
        long[] pos = new long[b.rows() * b.width()];
        for (int r = 0; r < b.rows(); r++) {
            int seen = 0;
            for (int t = 0; t < b.width(); t++) {
                int i = r * b.width() + t;
                if (positionOffset == 0) {
                    pos[i] = t;
                } else {
                    seen += b.mask()[i] != 0 ? 1 : 0;
                    pos[i] = b.mask()[i] != 0 ? positionOffset - 1 + seen : positionOffset - 1;
                }
            }
        }
        return pos;
    }

    static NDArray lookup(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    public void close() {
        weights.close();
    }
}
