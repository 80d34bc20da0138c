package org.topicj.hf.nn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a rotary base (theta) and linear scaling factor from a config in either of the formats
 * transformers writes: version 5's {@code rope_parameters} (one object, or one per layer type such
 * as {@code full_attention} / {@code sliding_attention}), or the older top-level keys
 * ({@code rope_theta}, {@code rope_scaling}, and per family {@code rope_local_base_freq},
 * {@code global_rope_theta}, {@code local_rope_theta}).
 *
 * <p>Thread-safety: stateless.
 */
final class RopeSettings {
    private RopeSettings() {
    }

    /**
     * @param c the config
     * @param layerType {@code full_attention} or {@code sliding_attention}, or null for a model with one rope
     * @param legacyThetaKey the pre-v5 key of this layer type's theta
     * @param defaultTheta the config class's default
     * @param legacyScaling whether the pre-v5 {@code rope_scaling} applies to this layer type
     * @return a rotary for heads of {@code headDim}
     */
    static Rotary rotary(ModelConfig c, int headDim, String layerType, String legacyThetaKey, double defaultTheta,
                         boolean legacyScaling) {
        JsonNode params = c.node("rope_parameters");
        if (params.isObject() && layerType != null && params.has(layerType)) {
            params = params.get(layerType);
        }
        JsonNode legacy = c.node("rope_scaling");
        if (params.isObject() && params.has("rope_theta")) {
            return build(c, headDim, params.get("rope_theta").asDouble(), params);
        }
        double theta = c.number(legacyThetaKey, defaultTheta);
        return build(c, headDim, theta, legacyScaling && legacy.isObject() ? legacy : null);
    }

    private static Rotary build(ModelConfig c, int headDim, double theta, JsonNode scaling) {
        String type = scaling == null ? "default" : scaling.path("rope_type").asText(scaling.path("type").asText("default"));
        return switch (type) {
            case "default" -> new Rotary(headDim, theta, 1.0);
            case "linear" -> new Rotary(headDim, theta, scaling.path("factor").asDouble(1.0));
            default -> throw c.error("rope type '" + type + "' is not supported; supported: default, linear");
        };
    }
}
