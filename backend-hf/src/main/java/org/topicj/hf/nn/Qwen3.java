package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen3 ({@code qwen3}: Qwen3-Embedding): a causal decoder. Token embeddings, then pre-norm
 * layers {@code x + attn(norm(x))}, {@code x + mlp(norm(x))} with RMSNorm, grouped-query attention
 * with per-head q/k RMSNorm and rotary positions ({@code rope_theta}), SiLU-gated MLP, and a final
 * RMSNorm. Layers listed as {@code sliding_attention} (only with {@code use_sliding_window}) see the
 * last {@code sliding_window} tokens. Sequences are right-padded here, so with causal attention the
 * real tokens never see padding and positions count from 0 as for a lone text; a left-padded
 * batch in transformers differs only by the rotary shift, which attention does not see.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class Qwen3 implements Architecture {
    private final Weights weights;
    private final NDArray words;
    private final List<Layer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Rotary rope;
    private final int hidden;
    private final int maxPositions;
    private final int slidingWindow;

    private record Layer(RmsNorm inputNorm, DecoderAttention attention, RmsNorm postNorm, GatedMlp mlp, boolean sliding) {
    }

    Qwen3(ModelConfig c, Weights all) {
        weights = all.under("embed_tokens.weight");
        hidden = c.integer("hidden_size");
        int heads = c.integer("num_attention_heads");
        int kvHeads = c.integer("num_key_value_heads", heads);
        int headDim = c.integer("head_dim", hidden / heads);
        double eps = c.number("rms_norm_eps", 1e-6);
        maxPositions = c.integer("max_position_embeddings", 32768);
        boolean useSliding = c.bool("use_sliding_window", false);
        slidingWindow = useSliding ? c.integer("sliding_window", 4096) : 0;
        words = weights.get("embed_tokens.weight", c.integer("vocab_size"), hidden);
        Activation act = Activation.parse(c, "hidden_act", c.string("hidden_act", "silu"));
        List<String> types = layerTypes(c, useSliding);
        for (int i = 0; i < types.size(); i++) {
            String p = "layers." + i + ".";
            boolean sliding = types.get(i).equals("sliding_attention");
            if (sliding && slidingWindow <= 0) {
                throw c.error("layer " + i + " is sliding_attention but no sliding_window is set");
            }
            layers.add(new Layer(RmsNorm.qwen(weights, p + "input_layernorm", hidden, eps),
                    new DecoderAttention(weights, p + "self_attn.", c, hidden, heads, kvHeads, headDim,
                            1.0 / Math.sqrt(headDim), 0, (w, name, size) -> RmsNorm.qwen(w, name, size, eps)),
                    RmsNorm.qwen(weights, p + "post_attention_layernorm", hidden, eps),
                    new GatedMlp(weights, p + "mlp.", hidden, c.integer("intermediate_size"), act), sliding));
        }
        norm = RmsNorm.qwen(weights, "norm", hidden, eps);
        rope = RopeSettings.rotary(c, headDim, null, "rope_theta", 10_000.0, true);
    }

    private static List<String> layerTypes(ModelConfig c, boolean useSliding) {
        int maxWindowLayers = c.integer("max_window_layers", 28);
        return c.layerTypes(i -> useSliding && i >= maxWindowLayers);
    }

    @Override
    public String modelType() {
        return "qwen3";
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
        NDArray x = BertFamily.lookup(m.create(b.ids(), new Shape(b.rows(), b.width())), words);
        NDArray causal = AttentionMask.CAUSAL.bias(m, b, 0);
        NDArray sliding = slidingWindow > 0 ? AttentionMask.CAUSAL_WINDOW.bias(m, b, slidingWindow) : null;
        NDList tables = rope.tables(m, b.width(), weights.cast());
        for (Layer layer : layers) {
            NDArray bias = layer.sliding() ? sliding : causal;
            x = Scope.run(m, x, h -> {
                NDArray a = h.add(layer.attention().apply(layer.inputNorm().apply(h), bias, tables));
                return a.add(layer.mlp().apply(layer.postNorm().apply(a)));
            });
        }
        return norm.apply(x).toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        weights.close();
    }
}
