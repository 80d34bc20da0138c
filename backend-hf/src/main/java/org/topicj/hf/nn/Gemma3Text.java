package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemma 3's text model ({@code gemma3_text}: EmbeddingGemma). Token embeddings scaled by
 * {@code sqrt(hidden_size)} (rounded to the weights' type, as transformers does), then layers with
 * four {@code (1 + w)} RMSNorms: {@code x + post(attn(in(x)))}, {@code x + postFf(mlp(preFf(x)))};
 * grouped-query attention with q/k norms, scores scaled by {@code query_pre_attn_scalar^-1/2},
 * optional tanh soft-capping, and a GELU-tanh gated MLP; a final norm. Layers follow
 * {@code layer_types} (or every {@code sliding_window_pattern}-th layer global): global layers use
 * {@code rope_theta}, sliding ones {@code rope_local_base_freq} and a window of
 * {@code sliding_window} tokens. With {@code use_bidirectional_attention} (EmbeddingGemma) global
 * layers see every real token and sliding layers {@code sliding_window / 2} either side; without
 * it attention is causal.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class Gemma3Text implements Architecture {
    private final Weights weights;
    private final NDArray words;
    private final float embedScale;
    private final List<Layer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Rotary globalRope;
    private final Rotary localRope;
    private final int hidden;
    private final int maxPositions;
    private final int window;
    private final boolean bidirectional;

    private record Layer(RmsNorm inputNorm, DecoderAttention attention, RmsNorm postAttentionNorm, RmsNorm preFfNorm,
                         GatedMlp mlp, RmsNorm postFfNorm, boolean sliding) {
    }

    Gemma3Text(ModelConfig c, Weights all) {
        weights = all.under("embed_tokens.weight");
        hidden = c.integer("hidden_size");
        int heads = c.integer("num_attention_heads");
        int kvHeads = c.integer("num_key_value_heads", heads);
        int headDim = c.integer("head_dim", 256);
        double eps = c.number("rms_norm_eps", 1e-6);
        maxPositions = c.integer("max_position_embeddings", 131_072);
        bidirectional = c.bool("use_bidirectional_attention", false);
        int configWindow = c.integer("sliding_window", 4096);
        // transformers keeps (window // 2) + 1 as an exclusive bound when attention is bidirectional.
        window = bidirectional ? configWindow / 2 : configWindow;
        words = weights.get("embed_tokens.weight", c.integer("vocab_size"), hidden);
        embedScale = scale((float) Math.sqrt(hidden), weights.precision());
        double scaling = Math.pow(c.number("query_pre_attn_scalar", 256), -0.5);
        double softcap = c.number("attn_logit_softcapping", 0);
        Activation act = Activation.parse(c, "hidden_activation", c.string("hidden_activation", "gelu_pytorch_tanh"));
        DecoderAttention.NormFactory norms = (w, name, size) -> RmsNorm.gemma(w, name, size, eps);
        List<String> types = layerTypes(c);
        for (int i = 0; i < types.size(); i++) {
            String p = "layers." + i + ".";
            layers.add(new Layer(RmsNorm.gemma(weights, p + "input_layernorm", hidden, eps),
                    new DecoderAttention(weights, p + "self_attn.", c, hidden, heads, kvHeads, headDim, scaling, softcap, norms),
                    RmsNorm.gemma(weights, p + "post_attention_layernorm", hidden, eps),
                    RmsNorm.gemma(weights, p + "pre_feedforward_layernorm", hidden, eps),
                    new GatedMlp(weights, p + "mlp.", hidden, c.integer("intermediate_size"), act),
                    RmsNorm.gemma(weights, p + "post_feedforward_layernorm", hidden, eps),
                    types.get(i).equals("sliding_attention")));
        }
        norm = RmsNorm.gemma(weights, "norm", hidden, eps);
        globalRope = RopeSettings.rotary(c, headDim, "full_attention", "rope_theta", 1_000_000.0, true);
        localRope = RopeSettings.rotary(c, headDim, "sliding_attention", "rope_local_base_freq", 10_000.0, false);
    }

    /** sqrt(hidden) as the weights' type holds it: 55.4256 becomes 55.5 in bfloat16. */
    private static float scale(float value, Precision precision) {
        if (precision == Precision.BFLOAT16) {
            int bits = Float.floatToIntBits(value);
            int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
            return Float.intBitsToFloat(rounded & 0xffff0000);
        }
        return value;
    }

    private static List<String> layerTypes(ModelConfig c) {
        int pattern = c.integer("sliding_window_pattern", c.integer("_sliding_window_pattern", 6));
        return c.layerTypes(i -> (i + 1) % pattern != 0);
    }

    @Override
    public String modelType() {
        return "gemma3_text";
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
        NDArray x = BertFamily.lookup(m.create(b.ids(), new Shape(b.rows(), b.width())), words).mul(embedScale);
        NDArray global = (bidirectional ? AttentionMask.FULL : AttentionMask.CAUSAL).bias(m, b, 0);
        NDArray local = (bidirectional ? AttentionMask.BIDIRECTIONAL_WINDOW : AttentionMask.CAUSAL_WINDOW).bias(m, b, window);
        NDList globalTables = globalRope.tables(m, b.width(), weights.cast());
        NDList localTables = localRope.tables(m, b.width(), weights.cast());
        for (Layer layer : layers) {
            NDArray bias = layer.sliding() ? local : global;
            NDList tables = layer.sliding() ? localTables : globalTables;
            x = Scope.run(m, x, h -> {
                NDArray a = h.add(layer.postAttentionNorm().apply(
                        layer.attention().apply(layer.inputNorm().apply(h), bias, tables)));
                return a.add(layer.postFfNorm().apply(layer.mlp().apply(layer.preFfNorm().apply(a))));
            });
        }
        return norm.apply(x).toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        weights.close();
    }
}
