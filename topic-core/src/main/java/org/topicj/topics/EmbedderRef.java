package org.topicj.topics;

import java.util.Map;
import java.util.Objects;
import org.topicj.embed.Embedder;

/**
 * What a topic model records of its embedder so that it can be opened again: the registry key and
 * the non-secret options it was opened with. Saved with the model; never holds credentials.
 */
record EmbedderRef(String key, Map<String, String> options) {

    EmbedderRef {
        Objects.requireNonNull(key, "key");
        options = Map.copyOf(options);
    }

    /** @return the reference, or null if there is no key */
    static EmbedderRef of(String key, Map<String, String> options) {
        return key == null ? null : new EmbedderRef(key, options);
    }

    /** @return the reference of an embedder object, or null if no key recreates it */
    static EmbedderRef of(Embedder embedder) {
        return embedder == null ? null : of(embedder.key().orElse(null), embedder.keyOptions());
    }
}
