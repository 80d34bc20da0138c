package org.topicj.registry;

import java.util.Objects;
import java.util.regex.Pattern;
import org.topicj.embed.InvalidKeyException;

/**
 * A parsed embedder key: {@code provider:model}, or a bare model id whose provider is chosen by
 * rank. The text is split at the first colon only, so model parts may contain colons
 * ({@code "sbert:C:\models\minilm"}).
 *
 * <p>Rules, each broken one an {@link InvalidKeyException} that quotes the key: not empty; no
 * leading or trailing whitespace; a provider name is lower-case letters, digits, '.', '_' or '-'
 * starting with a letter; neither part empty. A bare Windows path ({@code C:\...}) is a bare id.
 *
 * @param provider the provider name, or {@code null} for a bare id
 * @param model the model part (the whole key for a bare id)
 * @param text the key as given
 */
public record EmbedderKey(String provider, String model, String text) {

    /** What a provider name looks like. */
    public static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9._-]*");
    private static final Pattern WINDOWS_PATH = Pattern.compile("[A-Za-z]:[\\\\/].*");

    /** Checks the parts. */
    public EmbedderKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
    }

    /**
     * @return true if the key names its provider
     */
    public boolean hasProvider() {
        return provider != null;
    }

    /**
     * Parses a key.
     *
     * @param key the key
     * @return its parts
     * @throws InvalidKeyException if the key breaks a rule above
     */
    public static EmbedderKey parse(String key) {
        if (key == null) {
            throw new InvalidKeyException("embedder key is null; give one such as 'all-MiniLM-L6-v2' or 'sbert:/path/to/model'");
        }
        if (key.isBlank()) {
            throw new InvalidKeyException("embedder key '" + key + "' is empty; give one such as 'all-MiniLM-L6-v2'");
        }
        if (!key.strip().equals(key)) {
            throw new InvalidKeyException("embedder key '" + key + "' has leading or trailing whitespace; remove it");
        }
        int colon = key.indexOf(':');
        if (colon < 0 || WINDOWS_PATH.matcher(key).matches()) {
            return new EmbedderKey(null, key, key);
        }
        String provider = key.substring(0, colon);
        String model = key.substring(colon + 1);
        if (provider.isEmpty()) {
            throw new InvalidKeyException("embedder key '" + key + "' has no provider before ':'; write 'provider:model' or a bare model id");
        }
        if (!PROVIDER_NAME.matcher(provider).matches()) {
            throw new InvalidKeyException("embedder key '" + key + "': provider name '" + provider
                    + "' must be lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (model.isBlank()) {
            throw new InvalidKeyException("embedder key '" + key + "' has no model after '" + provider + ":'");
        }
        if (!model.strip().equals(model)) {
            throw new InvalidKeyException("embedder key '" + key + "': model part '" + model + "' has leading or trailing whitespace");
        }
        return new EmbedderKey(provider, model, key);
    }

    @Override
    public String toString() {
        return text;
    }
}
