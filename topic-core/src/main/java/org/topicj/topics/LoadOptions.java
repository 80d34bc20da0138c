package org.topicj.topics;

import java.util.Map;
import java.util.Objects;
import org.topicj.embed.Embedder;
import org.topicj.registry.EmbedderRegistry;
import org.topicj.registry.Embedders;

/**
 * How {@link TopicModel#load(java.nio.file.Path, LoadOptions)} treats what a saved model names. A
 * model folder is data: it records the key of the embedder it was fitted with, and loading opens
 * nothing by itself. New documents are embedded with, in this order:
 * <ol>
 *   <li>the {@link Builder#embedder(Embedder) embedder you give} (you own it and close it);</li>
 *   <li>else the recorded key, opened on first use through the {@link Builder#registry registry} and
 *       closed with the model, but only if opening it reaches nothing beyond installed or cached
 *       model files (no remote service, no path or URL the model names, no location option), unless
 *       you {@link Builder#trustRecordedEmbedder(boolean) trust the model's embedder};</li>
 *   <li>else none: {@code transform} needs precomputed embeddings, and says so.</li>
 * </ol>
 * A fitted stateful embedder saved inside the folder (a TF-IDF pipeline) is restored from the folder.
 *
 * <p>Thread-safety: immutable.
 */
public final class LoadOptions {
    private static final LoadOptions DEFAULTS = builder().build();

    private final Embedder embedder;
    private final EmbedderRegistry registry;
    private final boolean trustRecordedEmbedder;
    private final Map<String, String> credentials;
    private final boolean verifyChecksums;

    private LoadOptions(Builder b) {
        this.embedder = b.embedder;
        this.registry = b.registry;
        this.trustRecordedEmbedder = b.trust;
        this.credentials = Map.copyOf(b.credentials);
        this.verifyChecksums = b.verifyChecksums;
    }

    /** @return the defaults: no embedder given, the process-wide registry, nothing remote trusted, checksums verified */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    Embedder embedder() {
        return embedder;
    }

    EmbedderRegistry registry() {
        return registry != null ? registry : Embedders.registry();
    }

    boolean trustRecordedEmbedder() {
        return trustRecordedEmbedder;
    }

    Map<String, String> credentials() {
        return credentials;
    }

    boolean verifyChecksums() {
        return verifyChecksums;
    }

    /** Options for loading. Not thread-safe; build once. */
    public static final class Builder {
        private Embedder embedder;
        private EmbedderRegistry registry;
        private boolean trust;
        private Map<String, String> credentials = Map.of();
        private boolean verifyChecksums = true;

        private Builder() {
        }

        /** @param e the embedder for new documents; the caller owns and closes it @return this */
        public Builder embedder(Embedder e) {
            this.embedder = Objects.requireNonNull(e, "embedder");
            return this;
        }

        /** @param r the registry that opens the recorded key (default: {@link Embedders#registry()}) @return this */
        public Builder registry(EmbedderRegistry r) {
            this.registry = Objects.requireNonNull(r, "registry");
            return this;
        }

        /**
         * @param trust allow the recorded embedder even if it is remote or names a path: only for models you made
         *     or trust, since a model folder from elsewhere could send your documents to any server it names
         * @return this
         */
        public Builder trustRecordedEmbedder(boolean trust) {
            this.trust = trust;
            return this;
        }

        /**
         * @param secrets options added when the recorded key is opened, such as {@code api_key}; never saved
         * @return this
         */
        public Builder credentials(Map<String, String> secrets) {
            this.credentials = Map.copyOf(secrets);
            return this;
        }

        /** @param verify check every file against the checksums the model recorded (default true) @return this */
        public Builder verifyChecksums(boolean verify) {
            this.verifyChecksums = verify;
            return this;
        }

        /** @return the options */
        public LoadOptions build() {
            return new LoadOptions(this);
        }
    }
}
