package org.topicj.hf.nn;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The number type a model's weights and activations are held in. Norms, softmax and rotary
 * angles are computed in float32 whatever it is, as transformers does.
 *
 * <p>Thread-safety: immutable.
 */
public enum Precision {
    /** 32-bit floats: the reference results. */
    FLOAT32(DataType.FLOAT32),
    /** bfloat16: half the memory; faster where the CPU has bf16 instructions (AVX512_BF16, AMX) or on a GPU. */
    BFLOAT16(DataType.BFLOAT16);

    private final DataType type;

    Precision(DataType type) {
        this.type = type;
    }

    /** @return DJL's type */
    public DataType dataType() {
        return type;
    }

    /**
     * @param name {@code float32} or {@code bfloat16} (also {@code fp32}, {@code bf16})
     * @return the precision
     * @throws IllegalArgumentException for another name
     */
    public static Precision parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "float32", "fp32", "float" -> FLOAT32;
            case "bfloat16", "bf16" -> BFLOAT16;
            default -> throw new IllegalArgumentException("dtype must be float32 or bfloat16, got '" + name + "'");
        };
    }

    /** @return the name as the dtype option spells it */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
