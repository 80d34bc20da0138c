package org.topicj.internal;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Lets the registry record, on an embedder it opened, the options a saved model may keep, without
 * making that setter public API and without the embedding package importing the registry (the JDK's
 * "shared secrets" pattern). {@link org.topicj.embed.AbstractEmbedder} installs the recorder when its
 * class initialises, which has always happened by the time an instance reaches {@link #record}.
 *
 * <p>Not API: this package is not exported and may change without notice. Thread-safety: safe.
 */
public final class KeyOptionsAccess {
    private static volatile BiConsumer<Object, Map<String, String>> recorder;

    private KeyOptionsAccess() {
    }

    /**
     * Installs the recorder; only the first call counts.
     *
     * @param r records options on an embedder
     */
    public static synchronized void install(BiConsumer<Object, Map<String, String>> r) {
        if (recorder == null) {
            recorder = Objects.requireNonNull(r);
        }
    }

    /**
     * @param embedder an {@code AbstractEmbedder} instance
     * @param options the options to record (no secrets)
     */
    public static void record(Object embedder, Map<String, String> options) {
        BiConsumer<Object, Map<String, String>> r = recorder;
        if (r == null) {
            throw new IllegalStateException("AbstractEmbedder has not initialised; nothing can record key options");
        }
        r.accept(embedder, options);
    }
}
