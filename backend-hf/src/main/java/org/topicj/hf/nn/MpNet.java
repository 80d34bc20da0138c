package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * MPNet ({@code mpnet}: all-mpnet-base-v2): RoBERTa-style absolute positions (padding index 1) and,
 * shared by every layer, a relative position bias: T5's bidirectional buckets (32 buckets, the
 * log-spaced ones reaching 128 positions; transformers always calls it with 32, whatever
 * {@code relative_attention_num_buckets} says) looked up in {@code encoder.relative_attention_bias}
 * and added to the attention scores of each head.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class MpNet implements Architecture {
    private static final int PADDING_IDX = 1;
    private static final int BUCKETS = 32;
    private static final int MAX_DISTANCE = 128;

    private final Weights weights;
    private final NDArray words;
    private final NDArray positions;
    private final LayerNorm embeddingNorm;
    private final float[] relativeBias;
    private final List<PostNormLayer> layers = new ArrayList<>();
    private final int hidden;
    private final int heads;
    private final int maxPositions;

    MpNet(ModelConfig c, Weights all) {
        weights = all.under("embeddings.word_embeddings.weight");
        hidden = c.integer("hidden_size");
        heads = c.integer("num_attention_heads");
        int maxPos = c.integer("max_position_embeddings");
        maxPositions = maxPos - PADDING_IDX - 1;
        double eps = c.number("layer_norm_eps", 1e-12);
        words = weights.get("embeddings.word_embeddings.weight", c.integer("vocab_size"), hidden);
        positions = weights.get("embeddings.position_embeddings.weight", maxPos, hidden);
        embeddingNorm = LayerNorm.load(weights, "embeddings.LayerNorm", hidden, eps, true);
        relativeBias = weights.floats("encoder.relative_attention_bias.weight",
                c.integer("relative_attention_num_buckets", BUCKETS), heads);
        Activation act = Activation.parse(c, "hidden_act", c.string("hidden_act", "gelu"));
        for (int i = 0; i < c.integer("num_hidden_layers"); i++) {
            String p = "encoder.layer." + i + ".";
            layers.add(new PostNormLayer(weights, new PostNormLayer.Names(p + "attention.attn.q", p + "attention.attn.k",
                    p + "attention.attn.v", p + "attention.attn.o", p + "attention.LayerNorm", p + "intermediate.dense",
                    p + "output.dense", p + "output.LayerNorm"), hidden, heads, c.integer("intermediate_size"), eps, act));
        }
    }

    @Override
    public String modelType() {
        return "mpnet";
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
        long[] pos = new long[b.rows() * b.width()];
        for (int r = 0; r < b.rows(); r++) {
            int seen = 0;
            for (int t = 0; t < b.width(); t++) {
                int i = r * b.width() + t;
                seen += b.mask()[i] != 0 ? 1 : 0;
                pos[i] = b.mask()[i] != 0 ? PADDING_IDX + seen : PADDING_IDX;
            }
        }
        NDArray x = BertFamily.lookup(m.create(b.ids(), shape), words).add(BertFamily.lookup(m.create(pos, shape), positions));
        x = embeddingNorm.apply(x);
        NDArray bias = AttentionMask.FULL.bias(m, b, 0).add(positionBias(m, b.width()));
        for (PostNormLayer layer : layers) {
            x = Scope.run(m, x, h -> layer.forward(h, bias));
        }
        return x.toType(DataType.FLOAT32, false);
    }

    /** {@code [1, heads, width, width]}: the bias of key position k seen from query position q. */
    private NDArray positionBias(NDManager m, int width) {
        float[] out = new float[heads * width * width];
        for (int q = 0; q < width; q++) {
            for (int k = 0; k < width; k++) {
                int bucket = bucket(k - q);
                for (int h = 0; h < heads; h++) {
                    out[(h * width + q) * width + k] = relativeBias[bucket * heads + h];
                }
            }
        }
        return m.create(out, new Shape(1, heads, width, width));
    }

    /**
     * T5's bidirectional bucket of a relative position (key minus query), as transformers computes it
     * in float32: half the buckets per direction, exact below 8, log-spaced up to 128, then the last.
     */
    static int bucket(int relative) {
        int half = BUCKETS / 2;
        int n = -relative;
        int ret = n < 0 ? half : 0;
        n = Math.abs(n);
        int maxExact = half / 2;
        if (n < maxExact) {
            return ret + n;
        }
        float ratio = (float) n / maxExact;
        float scaled = (float) Math.log(ratio) / (float) Math.log((double) MAX_DISTANCE / maxExact) * (half - maxExact);
        int large = maxExact + (int) scaled;
        return ret + Math.min(large, half - 1);
    }

    @Override
    public void close() {
        weights.close();
    }
}
