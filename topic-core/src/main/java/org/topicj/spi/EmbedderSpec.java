package org.topicj.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a provider is asked to open: the key as the user wrote it, the model part, and options.
 * {@link #toString()} masks options that look like secrets (names containing key, token, secret
 * or password), so a spec can be logged safely.
 *
 * @param key the full key as given, e.g. {@code "sbert:BAAI/bge-small-en-v1.5"} or {@code "all-MiniLM-L6-v2"}
 * @param model the model part: the key without its {@code provider:} prefix
 * @param options backend options, never {@code null}
 */
public record EmbedderSpec(String key, String model, Map<String, String> options) {

    private static final Pattern SECRET = Pattern.compile("(?i).*(key|token|secret|password|credential).*");

    /** Copies the options and checks for nulls. */
    public EmbedderSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
    }

    /**
     * @param name option name
     * @return its value, if given
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * @param name option name
     * @param defaultValue value when not given
     * @return the option as an int
     * @throws IllegalArgumentException if the value is not an integer, quoting it
     */
    public int intOption(String name, int defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + name + "' of '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    /**
     * @param name option name
     * @param defaultValue value when not given
     * @return the option as a boolean ({@code true} or {@code false}, any case)
     * @throws IllegalArgumentException for any other value
     */
    public boolean booleanOption(String name, boolean defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v.trim());
        }
        throw new IllegalArgumentException("option '" + name + "' of '" + key + "' must be true or false, got '" + v + "'");
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        options.forEach((k, v) -> shown.put(k, SECRET.matcher(k).matches() ? "****" : v));
        return "EmbedderSpec[key='" + key + "', model='" + model + "', options=" + shown + "]";
    }
}
