package org.topicj.hf.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.topicj.embed.BackendInitializationException;

/**
 * Builds the {@link Architecture} a {@code config.json}'s {@code model_type} names, with its weights.
 *
 * <p>Thread-safety: stateless.
 */
public final class Architectures {
    private static final Map<String, BiFunction<ModelConfig, Weights, Architecture>> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("bert", BertFamily::new);
        FAMILIES.put("roberta", BertFamily::new);
        FAMILIES.put("xlm-roberta", BertFamily::new);
        FAMILIES.put("distilbert", DistilBert::new);
        FAMILIES.put("mpnet", MpNet::new);
        FAMILIES.put("modernbert", ModernBert::new);
        FAMILIES.put("qwen3", Qwen3::new);
        FAMILIES.put("gemma3_text", Gemma3Text::new);
    }

    private Architectures() {
    }

    /** @return the supported {@code model_type} values, in a stable order */
    public static List<String> supported() {
        return List.copyOf(FAMILIES.keySet());
    }

    /**
     * Checks that a config names a supported architecture, before any weight is read.
     *
     * @param config the config
     * @throws BackendInitializationException for an unknown {@code model_type}, listing the supported ones
     */
    public static void check(ModelConfig config) {
        if (!FAMILIES.containsKey(config.modelType())) {
            throw config.error("model_type '" + config.modelType() + "' is not supported by the safetensors engine; "
                    + "supported: " + String.join(", ", FAMILIES.keySet())
                    + (config.modelType().equals("gemma3") ? " (for Gemma 3's text part, gemma3_text: EmbeddingGemma)" : ""));
        }
    }

    /**
     * @param config the config
     * @param weights the weights; owned by the result from here on (closed with it, or on failure)
     * @return the network
     * @throws BackendInitializationException if the model type is unknown or the weights do not fit the config
     */
    public static Architecture build(ModelConfig config, Weights weights) {
        try {
            check(config);
            Architecture a = FAMILIES.get(config.modelType()).apply(config, weights);
            weights.closeFiles();
            return a;
        } catch (RuntimeException e) {
            weights.close();
            if (e instanceof BackendInitializationException b) {
                throw b;
            }
            throw new BackendInitializationException("cannot build the " + config.modelType() + " network from "
                    + config.file().getParent() + ": " + e.getMessage(), e);
        }
    }
}
