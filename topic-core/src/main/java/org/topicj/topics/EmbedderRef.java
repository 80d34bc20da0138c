package org.topicj.topics;

import java.util.Map;
import java.util.Objects;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;

/**
 * What a topic model records of its embedder so that it can open it again: the registry key and
 * the non-secret options it was opened with.
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

    /**
     * Opens the embedder. The modeler that fitted the model, if it named this key, opens it with its
     * own options: those still hold the credentials (an api_key) that the saved reference drops.
     *
     * @param fitting the fitting modeler's options, or null (a loaded model)
     * @return a new embedder; the caller closes it
     */
    Embedder open(TopicModeler.Builder fitting) {
        if (fitting != null && key.equals(fitting.embedderKey)) {
            return Embedders.open(key, fitting.embedderOptions);
        }
        return Embedders.open(key, options);
    }
}
