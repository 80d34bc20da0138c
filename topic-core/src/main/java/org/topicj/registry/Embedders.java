package org.topicj.registry;

import java.util.Map;
import org.topicj.embed.Embedder;
import org.topicj.spi.EmbedderProvider;

/**
 * Opens embedders by key, from the providers on the class path. The process-wide front of an
 * {@link EmbedderRegistry}.
 *
 * <pre>{@code
 * try (Embedder embedder = Embedders.open("all-MiniLM-L6-v2")) {
 *     Matrix vectors = embedder.embed(List.of("a first document", "a second one"));
 * }
 * }</pre>
 *
 * <p>Class loaders: on first use the registry searches the thread context class loader of the
 * calling thread, then the loader of this class (a provider found by both counts once). Where that
 * is not right (plugin systems, OSGi), build an {@link EmbedderRegistry} with
 * {@link EmbedderRegistry#discovering(ClassLoader...)}.
 *
 * <p>Thread-safety: all methods are safe to call concurrently.
 */
public final class Embedders {
    /** The key used when none is given: sentence-transformers' all-MiniLM-L6-v2, BERTopic's default. */
    public static final String DEFAULT_KEY = "all-MiniLM-L6-v2";

    /** System property that replaces {@link #DEFAULT_KEY}. */
    public static final String DEFAULT_KEY_PROPERTY = "topicj.embedder.default";

    private Embedders() {
    }

    private static final class Holder {
        static final EmbedderRegistry REGISTRY = createDefault();

        private static EmbedderRegistry createDefault() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            ClassLoader own = Embedders.class.getClassLoader();
            return context == null || context == own
                    ? EmbedderRegistry.discovering(own)
                    : EmbedderRegistry.discovering(context, own);
        }
    }

    /** @return the process-wide registry */
    public static EmbedderRegistry registry() {
        return Holder.REGISTRY;
    }

    /**
     * @param key e.g. {@code "all-MiniLM-L6-v2"}, {@code "sbert:/models/bge-small"}, {@code "openai:text-embedding-3-small"}
     * @return a new embedder; the caller closes it
     * @see EmbedderRegistry#open(String, Map)
     */
    public static Embedder open(String key) {
        return registry().open(key);
    }

    /**
     * @param key the key
     * @param options backend options, checked against what the backend supports
     * @return a new embedder; the caller closes it
     * @see EmbedderRegistry#open(String, Map)
     */
    public static Embedder open(String key, Map<String, String> options) {
        return registry().open(key, options);
    }

    /** @return the default key: the {@value #DEFAULT_KEY_PROPERTY} property if set, else {@value #DEFAULT_KEY} */
    public static String defaultKey() {
        String configured = System.getProperty(DEFAULT_KEY_PROPERTY);
        return configured == null ? DEFAULT_KEY : configured;
    }

    /** @return a new embedder for {@link #defaultKey()} */
    public static Embedder openDefault() {
        return open(defaultKey());
    }

    /**
     * Registers a provider by hand.
     *
     * @param provider the provider
     * @see EmbedderRegistry#register(EmbedderProvider)
     */
    public static void register(EmbedderProvider provider) {
        registry().register(provider);
    }

    /**
     * @param name a provider name
     * @return true if a provider was removed
     */
    public static boolean unregister(String name) {
        return registry().unregister(name);
    }

    /**
     * A report for bug reports: providers, ranks, jars, load failures, the default key, and the
     * environment variables TopicJ reads, with anything secret-looking masked.
     *
     * @return the report
     */
    public static String describeEnvironment() {
        StringBuilder sb = new StringBuilder(registry().describe());
        sb.append("default key: ").append(defaultKey()).append('\n');
        sb.append("java: ").append(System.getProperty("java.version")).append(" on ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n');
        for (String name : new String[] {"HF_HOME", "HF_HUB_CACHE", "HF_ENDPOINT", "TFHUB_CACHE_DIR", "GENSIM_DATA_DIR",
                "OPENAI_API_KEY", "OPENAI_BASE_URL", "CO_API_KEY", "COHERE_API_KEY"}) {
            String value = System.getenv(name);
            if (value != null) {
                boolean secret = name.contains("KEY") || name.contains("TOKEN");
                sb.append("env ").append(name).append('=').append(secret ? "**** (set)" : value).append('\n');
            }
        }
        return sb.toString();
    }
}
