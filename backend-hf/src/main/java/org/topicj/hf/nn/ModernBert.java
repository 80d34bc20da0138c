package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * ModernBERT ({@code modernbert}): token embeddings and a norm, then pre-norm layers (the first
 * without an attention norm) with one fused {@code Wqkv}, rotary positions, GeGLU feed-forward
 * ({@code Wi} gives input and gate halves: {@code Wo(act(input) * gate)}), and a final norm. Every
 * {@code global_attn_every_n_layers}-th layer (0, n, 2n, ...) attends globally with
 * {@code global_rope_theta}; the others see {@code local_attention / 2} tokens either side with
 * {@code local_rope_theta}. Norms and projections have no bias unless the config says so. Right
 * padding with masked keys gives what transformers' unpadded path gives.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class ModernBert implements Architecture {
    private final Weights weights;
    private final NDArray words;
    private final LayerNorm embeddingNorm;
    private final List<Layer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Rotary globalRope;
    private final Rotary localRope;
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final int halfWindow;
    private final int maxPositions;
    private final Activation act;

    private record Layer(LayerNorm attnNorm, Linear wqkv, Linear wo, LayerNorm mlpNorm, Linear wi, Linear mlpOut,
                         boolean sliding) {
    }

    ModernBert(ModelConfig c, Weights all) {
        weights = all.under("embeddings.tok_embeddings.weight");
        hidden = c.integer("hidden_size");
        heads = c.integer("num_attention_heads");
        headDim = hidden / heads;
        maxPositions = c.integer("max_position_embeddings");
        halfWindow = c.integer("local_attention", 128) / 2;
        double eps = c.number("norm_eps", 1e-5);
        boolean normBias = c.bool("norm_bias", false);
        boolean attentionBias = c.bool("attention_bias", false);
        boolean mlpBias = c.bool("mlp_bias", false);
        int intermediate = c.integer("intermediate_size");
        act = Activation.parse(c, "hidden_activation", c.string("hidden_activation", "gelu"));
        words = weights.get("embeddings.tok_embeddings.weight", c.integer("vocab_size"), hidden);
        embeddingNorm = LayerNorm.load(weights, "embeddings.norm", hidden, eps, normBias);
        List<String> types = layerTypes(c);
        for (int i = 0; i < types.size(); i++) {
            String p = "layers." + i + ".";
            layers.add(new Layer(i == 0 ? null : LayerNorm.load(weights, p + "attn_norm", hidden, eps, normBias),
                    Linear.load(weights, p + "attn.Wqkv", hidden, 3L * hidden, attentionBias),
                    Linear.load(weights, p + "attn.Wo", hidden, hidden, attentionBias),
                    LayerNorm.load(weights, p + "mlp_norm", hidden, eps, normBias),
                    Linear.load(weights, p + "mlp.Wi", hidden, 2L * intermediate, mlpBias),
                    Linear.load(weights, p + "mlp.Wo", intermediate, hidden, mlpBias),
                    types.get(i).equals("sliding_attention")));
        }
        finalNorm = LayerNorm.load(weights, "final_norm", hidden, eps, normBias);
        globalRope = RopeSettings.rotary(c, headDim, "full_attention", "global_rope_theta", 160_000.0, true);
        localRope = RopeSettings.rotary(c, headDim, "sliding_attention", "local_rope_theta", 10_000.0, true);
    }

    private static List<String> layerTypes(ModelConfig c) {
        int every = c.integer("global_attn_every_n_layers", 3);
        return c.layerTypes(i -> i % every != 0);
    }

    @Override
    public String modelType() {
        return "modernbert";
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
        NDArray x = embeddingNorm.apply(BertFamily.lookup(m.create(b.ids(), new Shape(b.rows(), b.width())), words));
        NDArray globalBias = AttentionMask.FULL.bias(m, b, 0);
        NDArray localBias = AttentionMask.BIDIRECTIONAL_WINDOW.bias(m, b, halfWindow);
        NDList globalTables = globalRope.tables(m, b.width(), null);
        NDList localTables = localRope.tables(m, b.width(), null);
        for (Layer layer : layers) {
            NDArray bias = layer.sliding() ? localBias : globalBias;
            NDList tables = layer.sliding() ? localTables : globalTables;
            x = Scope.run(m, x, h -> forward(layer, h, bias, tables));
        }
        return finalNorm.apply(x).toType(DataType.FLOAT32, false);
    }

    private NDArray forward(Layer layer, NDArray x, NDArray bias, NDList tables) {
        Cast cast = weights.cast();
        NDArray normed = layer.attnNorm() == null ? x : layer.attnNorm().apply(x);
        NDList qkv = layer.wqkv().apply(normed).split(3, 2);
        // transformers rotates in float32 and casts back.
        NDArray q = cast.model(Rotary.apply(Attention.split(qkv.get(0), heads, headDim).toType(DataType.FLOAT32, false), tables));
        NDArray k = cast.model(Rotary.apply(Attention.split(qkv.get(1), heads, headDim).toType(DataType.FLOAT32, false), tables));
        NDArray v = Attention.split(qkv.get(2), heads, headDim);
        NDArray context = Attention.attend(q, k, v, bias, 1.0 / Math.sqrt(headDim), 0, cast);
        NDArray h = x.add(layer.wo().apply(Attention.merge(context)));
        NDList inputGate = layer.wi().apply(layer.mlpNorm().apply(h)).split(2, 2);
        return h.add(layer.mlpOut().apply(act.apply(inputGate.get(0)).mul(inputGate.get(1))));
    }

    @Override
    public void close() {
        weights.close();
    }
}
