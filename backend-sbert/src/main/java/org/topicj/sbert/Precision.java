package org.topicj.sbert;

import java.util.Locale;

/**
 * The number format a model's matrix multiplications run in.
 *
 * <ul>
 *   <li>{@link #FP32}: the graph as exported; vectors identical to sentence-transformers'.
 *   <li>{@link #INT8}: the MatMul weights quantised to int8 on load (one scale per output column), the
 *       activations quantised per batch at run time by ONNX Runtime; about twice as fast on CPUs with
 *       AVX-512 VNNI or AVX-VNNI, vectors within cosine 0.99 of fp32. On x86 CPUs without VNNI, ONNX
 *       Runtime's u8s8 kernels can saturate and lose more accuracy: measure before relying on it there.
 * </ul>
 *
 * <p>bfloat16 is not offered: ONNX Runtime's CPU provider has no bfloat16 MatMul kernels on x86.
 */
public enum Precision {
    /** 32-bit floats, as exported. */
    FP32,
    /** int8 weights, uint8 activations, float accumulation of the result. */
    INT8;

    /**
     * @param text {@code fp32} or {@code int8}, any case
     * @return the precision
     * @throws IllegalArgumentException for anything else, saying what is accepted
     */
    public static Precision parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "fp32", "float32", "float" -> FP32;
            case "int8", "qint8" -> INT8;
            case "bf16", "bfloat16" -> throw new IllegalArgumentException("precision '" + text + "' is not available: "
                    + "ONNX Runtime's CPU provider has no bfloat16 MatMul kernels on x86; use int8 (about 2x faster) or fp32");
            default -> throw new IllegalArgumentException("precision must be fp32 or int8, got '" + text + "'");
        };
    }

    /** @return the option's spelling, {@code fp32} or {@code int8} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
