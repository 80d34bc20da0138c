package org.topicj.hf.nn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.topicj.embed.BackendInitializationException;
import org.topicj.spi.support.HubFiles;

/**
 * A model's {@code config.json}, read with the defaults transformers' config classes apply when a
 * key is absent, and errors that name the file and the key when a required one is missing.
 *
 * <p>Thread-safety: immutable.
 */
public final class ModelConfig {
    private final Path file;
    private final JsonNode json;

    private ModelConfig(Path file, JsonNode json) {
        this.file = file;
        this.json = json;
    }

    /**
     * @param folder a model folder
     * @return its {@code config.json}
     * @throws BackendInitializationException if there is none or it is not a JSON object
     */
    public static ModelConfig read(Path folder) {
        Path file = folder.resolve("config.json");
        JsonNode json = HubFiles.json(file).orElseThrow(() -> new BackendInitializationException("model folder " + folder
                + " has no config.json; a Hugging Face model folder holds config.json, model.safetensors and tokenizer.json"));
        if (!json.isObject()) {
            throw new BackendInitializationException(file + " is not a JSON object");
        }
        return new ModelConfig(file, json);
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    /** @return {@code model_type}, or empty */
    public String modelType() {
        return json.path("model_type").asText("");
    }

    /** @param key a key @return whether it is present and not null */
    public boolean has(String key) {
        return json.hasNonNull(key);
    }

    /** @param key a required whole number @return its value */
    public int integer(String key) {
        JsonNode n = json.get(key);
        if (n == null || !n.canConvertToInt() || !n.isNumber()) {
            throw new BackendInitializationException(file + ": '" + key + "' must be a whole number"
                    + (n == null ? ", and it is missing" : ", got " + n));
        }
        return n.asInt();
    }

    /** @param key a whole number @param defaultValue when absent or null @return its value */
    public int integer(String key, int defaultValue) {
        return has(key) ? integer(key) : defaultValue;
    }

    /** @param key a number @param defaultValue when absent or null @return its value */
    public double number(String key, double defaultValue) {
        JsonNode n = json.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isNumber()) {
            throw new BackendInitializationException(file + ": '" + key + "' must be a number, got " + n);
        }
        return n.asDouble();
    }

    /** @param key an optional number @return it, if present */
    public Optional<Double> optionalNumber(String key) {
        return has(key) ? Optional.of(number(key, 0)) : Optional.empty();
    }

    /** @param key a text @param defaultValue when absent or null @return its value */
    public String string(String key, String defaultValue) {
        return has(key) ? json.get(key).asText() : defaultValue;
    }

    /** @param key a boolean @param defaultValue when absent or null @return its value */
    public boolean bool(String key, boolean defaultValue) {
        return has(key) ? json.get(key).asBoolean(defaultValue) : defaultValue;
    }

    /** @param key a list of texts @return it, or empty when absent */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        if (has(key)) {
            json.get(key).forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /**
     * The attention kind of every layer: {@code layer_types} as transformers 5 writes it, or, for
     * configs from before it, what the family's older key implies.
     *
     * @param slidingAt which layers use sliding-window attention when {@code layer_types} is absent
     * @return "sliding_attention" or "full_attention" per layer, {@code num_hidden_layers} of them
     */
    public List<String> layerTypes(IntPredicate slidingAt) {
        int n = integer("num_hidden_layers");
        List<String> types = strings("layer_types");
        if (types.isEmpty()) {
            for (int i = 0; i < n; i++) {
                types.add(slidingAt.test(i) ? "sliding_attention" : "full_attention");
            }
        }
        if (types.size() != n) {
            throw error("layer_types lists " + types.size() + " layers, num_hidden_layers is " + n);
        }
        return types;
    }

    /** @param key an object @return it, or a missing node */
    public JsonNode node(String key) {
        return json.path(key);
    }

    /**
     * @param message what is wrong
     * @return an exception naming this file
     */
    public BackendInitializationException error(String message) {
        return new BackendInitializationException(file + ": " + message);
    }
}
