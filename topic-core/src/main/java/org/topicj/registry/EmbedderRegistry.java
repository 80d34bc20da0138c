package org.topicj.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.TopicJException;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.InvalidKeyException;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.internal.KeyOptionsAccess;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * Finds embedding providers and opens embedders by key. {@link Embedders} holds the process-wide
 * instance; tests and containers build their own with {@link #of(Iterable)} or
 * {@link #discovering(ClassLoader...)}.
 *
 * <p>Discovery runs once, on first use, and reads nothing but the services files: providers are
 * cheap and load their runtimes only in {@link EmbedderProvider#open}. Each provider is loaded on
 * its own, so a broken entry is recorded as a {@link ProviderFailure} and the rest still load.
 *
 * <p>Selection: {@code provider:model} picks the provider by name; a bare id goes to the lowest
 * rank among the providers that claim it. Two providers with one name, or two claimants of equal
 * rank, raise {@link AmbiguousBackendException}; the system property {@code topicj.provider.NAME}
 * set to a class name chooses among same-named providers.
 *
 * <p>Thread-safety: safe for concurrent use; registration and lookup may interleave.
 */
public final class EmbedderRegistry {
    /** Prefix of the system property that picks one of several providers with the same name. */
    public static final String PROVIDER_PROPERTY_PREFIX = "topicj.provider.";

    private static final Logger LOG = LoggerFactory.getLogger(EmbedderRegistry.class);

    /** The backends TopicJ publishes, by provider name: named in errors when one is missing. */
    static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "sbert", "org.topicj:backend-sbert",
            "hf", "org.topicj:backend-hf",
            "use", "org.topicj:backend-use",
            "wordvec", "org.topicj:backend-wordvec",
            "sklearn", "org.topicj:backend-sklearnlike",
            "openai", "org.topicj:backend-openai",
            "cohere", "org.topicj:backend-cohere",
            "clip", "org.topicj:backend-multimodal",
            "model2vec", "org.topicj:backend-model2vec",
            "fastembed", "org.topicj:backend-sbert");

    private final Supplier<Discovery> discoverer;
    private final Function<String, String> properties;
    private final Object lock = new Object();
    private volatile Map<String, List<InstalledProvider>> byName;
    private volatile List<ProviderFailure> failures;
    private TopicJException discoveryFailure;

    private record Discovery(List<InstalledProvider> providers, List<ProviderFailure> failures) {
    }

    private EmbedderRegistry(Supplier<Discovery> discoverer, Function<String, String> properties) {
        this.discoverer = discoverer;
        this.properties = properties;
    }

    /**
     * A registry over fixed providers, for tests and for applications that wire providers themselves.
     *
     * @param providers the providers
     * @return the registry
     */
    public static EmbedderRegistry of(Iterable<? extends EmbedderProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        return new EmbedderRegistry(() -> {
            Discovery d = new Discovery(new ArrayList<>(), new ArrayList<>());
            for (EmbedderProvider p : providers) {
                accept(InstalledProvider.manual(p), d);
            }
            return d;
        }, System::getProperty);
    }

    /**
     * A registry that discovers providers with {@link ServiceLoader} on first use, searching each
     * class loader in turn; a provider class found by two loaders counts once.
     *
     * @param loaders the class loaders to search, in order
     * @return the registry
     */
    public static EmbedderRegistry discovering(ClassLoader... loaders) {
        List<ClassLoader> list = List.of(loaders);
        return new EmbedderRegistry(() -> discover(list), System::getProperty);
    }

    /** Same as {@link #of(Iterable)} but reading properties from {@code properties}; for tests. */
    static EmbedderRegistry of(Iterable<? extends EmbedderProvider> providers, Map<String, String> properties) {
        EmbedderRegistry base = of(providers);
        return new EmbedderRegistry(base.discoverer, properties::get);
    }

    private static Discovery discover(List<ClassLoader> loaders) {
        Discovery d = new Discovery(new ArrayList<>(), new ArrayList<>());
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (ClassLoader loader : loaders) {
            Iterator<EmbedderProvider> it = ServiceLoader.load(EmbedderProvider.class, loader).iterator();
            // A broken entry throws from hasNext() or next(); the loader moves past it, so keep going.
            for (int guard = 0; guard < 10_000; guard++) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    EmbedderProvider p = it.next();
                    if (seen.add(p.getClass())) {
                        accept(InstalledProvider.discovered(p), d);
                    }
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    LOG.warn("an embedding provider failed to load: {}", e.toString());
                    d.failures().add(new ProviderFailure("services entry of " + EmbedderProvider.class.getName(), e));
                }
            }
        }
        return d;
    }

    private static void accept(InstalledProvider ip, Discovery d) {
        String problem = validate(ip.provider());
        if (problem != null) {
            d.failures().add(new ProviderFailure(ip.className() + " (" + ip.source() + ")", new TopicJException(problem)));
            LOG.warn("ignoring embedding provider {}: {}", ip.className(), problem);
            return;
        }
        LOG.debug("found embedding provider '{}' ({}, rank {}) in {}", ip.name(), ip.className(), ip.provider().rank(), ip.source());
        d.providers().add(ip);
    }

    private static String validate(EmbedderProvider p) {
        try {
            if (p.spiVersion() != EmbedderProvider.SPI_VERSION) {
                return "built for SPI version " + p.spiVersion() + ", but this topic-core implements version "
                        + EmbedderProvider.SPI_VERSION + "; use matching versions (import org.topicj:topicj-bom)";
            }
            String name = p.name();
            if (name == null || !EmbedderKey.PROVIDER_NAME.matcher(name).matches()) {
                return "invalid provider name '" + name + "': use lower-case letters, digits, '.', '_' or '-', starting with a letter";
            }
            if (p.artifact() == null || p.artifact().isBlank()) {
                return "provider '" + name + "' does not say which artifact it comes from";
            }
            return null;
        } catch (RuntimeException e) {
            return "its metadata methods threw " + e;
        }
    }

    private Map<String, List<InstalledProvider>> providersByName() {
        Map<String, List<InstalledProvider>> current = byName;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (byName == null) {
                if (discoveryFailure != null) {
                    throw new TopicJException("embedding provider discovery failed earlier: " + discoveryFailure.getMessage(),
                            discoveryFailure);
                }
                try {
                    Discovery d = discoverer.get();
                    Map<String, List<InstalledProvider>> map = new TreeMap<>();
                    for (InstalledProvider ip : d.providers()) {
                        map.computeIfAbsent(ip.name(), n -> new ArrayList<>()).add(ip);
                    }
                    failures = List.copyOf(d.failures());
                    byName = freeze(map);
                } catch (RuntimeException | Error e) {
                    discoveryFailure = new TopicJException("embedding provider discovery failed: " + e, e);
                    throw discoveryFailure;
                }
            }
            return byName;
        }
    }

    private static Map<String, List<InstalledProvider>> freeze(Map<String, List<InstalledProvider>> map) {
        Map<String, List<InstalledProvider>> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Every provider found or registered, sorted by name; same-named providers all appear.
     *
     * @return the providers
     */
    public List<InstalledProvider> providers() {
        return providersByName().values().stream().flatMap(List::stream).toList();
    }

    /** @return the sorted names of the installed providers */
    public List<String> names() {
        return List.copyOf(providersByName().keySet());
    }

    /** @return providers that failed to load during discovery */
    public List<ProviderFailure> failures() {
        providersByName();
        return failures;
    }

    /**
     * Registers a provider by hand (shaded jars, tests, application wiring).
     *
     * @param provider the provider
     * @throws AmbiguousBackendException if a provider with that name is already installed
     * @throws TopicJException if the provider's metadata is invalid
     */
    public void register(EmbedderProvider provider) {
        register(provider, false);
    }

    /**
     * Registers a provider by hand.
     *
     * @param provider the provider
     * @param replace if true, the provider replaces any installed provider of the same name
     * @throws AmbiguousBackendException if {@code replace} is false and the name is taken
     */
    public void register(EmbedderProvider provider, boolean replace) {
        Objects.requireNonNull(provider, "provider");
        String problem = validate(provider);
        if (problem != null) {
            throw new TopicJException("cannot register " + provider.getClass().getName() + ": " + problem);
        }
        synchronized (lock) {
            Map<String, List<InstalledProvider>> map = new TreeMap<>(providersByName());
            List<InstalledProvider> existing = map.get(provider.name());
            if (existing != null && !replace) {
                throw new AmbiguousBackendException("an embedding provider named '" + provider.name() + "' is already installed ("
                        + describeAll(existing) + "); register with replace=true to replace it, or unregister it first");
            }
            map.put(provider.name(), List.of(InstalledProvider.manual(provider)));
            byName = freeze(map);
        }
    }

    /**
     * Removes every provider of a name. Embedders already opened stay open; their callers own them.
     *
     * @param name the provider name
     * @return true if something was removed
     */
    public boolean unregister(String name) {
        synchronized (lock) {
            Map<String, List<InstalledProvider>> map = new TreeMap<>(providersByName());
            boolean removed = map.remove(name) != null;
            byName = freeze(map);
            return removed;
        }
    }

    /**
     * The one provider with a name.
     *
     * @param name the provider name
     * @return the provider
     * @throws BackendNotFoundException if none has that name
     * @throws AmbiguousBackendException if several do and {@code topicj.provider.NAME} does not choose
     */
    public EmbedderProvider provider(String name) {
        List<InstalledProvider> group = providersByName().get(name);
        if (group == null) {
            throw notFound(EmbedderKey.parse(name + ":MODEL"), "no embedding backend named '" + name + "'");
        }
        return choose(name, group).provider();
    }

    /**
     * Finds the provider that serves a key, without opening anything.
     *
     * @param key the key
     * @return the provider
     * @throws InvalidKeyException if the key is malformed
     * @throws BackendNotFoundException if no installed provider serves it
     * @throws AmbiguousBackendException if the choice is not unique
     */
    public EmbedderProvider resolve(String key) {
        return resolve(EmbedderKey.parse(key));
    }

    private EmbedderProvider resolve(EmbedderKey key) {
        Map<String, List<InstalledProvider>> map = providersByName();
        if (key.hasProvider()) {
            List<InstalledProvider> group = map.get(key.provider());
            if (group == null) {
                throw notFound(key, "no embedding backend for key '" + key.text() + "'");
            }
            return choose(key.provider(), group).provider();
        }
        List<InstalledProvider> claimants = new ArrayList<>();
        for (Map.Entry<String, List<InstalledProvider>> e : map.entrySet()) {
            List<InstalledProvider> claiming = e.getValue().stream().filter(ip -> claims(ip, key.model())).toList();
            if (!claiming.isEmpty()) {
                claimants.add(choose(e.getKey(), e.getValue()));
            }
        }
        if (claimants.isEmpty()) {
            throw notFound(key, "no installed embedding backend claims the model id '" + key.text() + "'");
        }
        claimants.sort(Comparator.comparingInt(ip -> ip.provider().rank()));
        if (claimants.size() > 1 && claimants.get(0).provider().rank() == claimants.get(1).provider().rank()) {
            int rank = claimants.get(0).provider().rank();
            List<InstalledProvider> tied = claimants.stream().filter(ip -> ip.provider().rank() == rank).toList();
            throw new AmbiguousBackendException("model id '" + key.text() + "' is claimed by " + tied.size()
                    + " providers of equal rank " + rank + ": " + describeAll(tied) + "; choose one with a key such as '"
                    + tied.get(0).name() + ":" + key.model() + "'");
        }
        return claimants.get(0).provider();
    }

    private static boolean claims(InstalledProvider ip, String model) {
        try {
            return ip.provider().claims(model);
        } catch (RuntimeException e) {
            LOG.warn("provider '{}' threw from claims('{}'); treating it as not claiming: {}", ip.name(), model, e.toString());
            return false;
        }
    }

    private InstalledProvider choose(String name, List<InstalledProvider> group) {
        String property = PROVIDER_PROPERTY_PREFIX + name;
        String wanted = properties.apply(property);
        if (wanted != null) {
            return group.stream().filter(ip -> ip.className().equals(wanted.strip())).findFirst()
                    .orElseThrow(() -> new BackendNotFoundException("system property " + property + "='" + wanted
                            + "' names no installed provider; providers named '" + name + "': " + describeAll(group)));
        }
        if (group.size() > 1) {
            throw new AmbiguousBackendException(group.size() + " embedding providers are named '" + name + "': "
                    + describeAll(group) + "; remove all but one jar, or choose one with -D" + property + "=<class name>");
        }
        return group.get(0);
    }

    private static String describeAll(List<InstalledProvider> group) {
        return group.stream().map(ip -> ip.className() + " from " + ip.source()).collect(Collectors.joining(", "));
    }

    private BackendNotFoundException notFound(EmbedderKey key, String what) {
        StringBuilder sb = new StringBuilder(what).append("; ");
        String artifact = key.hasProvider() ? KNOWN_ARTIFACTS.get(key.provider()) : KNOWN_ARTIFACTS.get("sbert");
        if (key.hasProvider() && artifact != null) {
            sb.append("add ").append(artifact).append(" to your dependencies; ");
        } else if (key.hasProvider()) {
            sb.append("'").append(key.provider()).append("' is not a TopicJ backend; known backends: ")
                    .append(new TreeMap<>(KNOWN_ARTIFACTS)).append("; ");
        } else if (KNOWN_ARTIFACTS.containsKey(key.model()) || providersByName().containsKey(key.model())) {
            sb.append("to use that backend write '").append(key.model()).append(":MODEL'; ");
        } else {
            sb.append("add ").append(artifact).append(" (claims any sentence-transformers model id), or name the backend as 'provider:model'; ");
        }
        sb.append("installed: ").append(names().isEmpty() ? "none" : String.join(", ", names()));
        if (names().isEmpty()) {
            sb.append(" (if you repackaged into one jar, merge META-INF/services with the shade plugin's ServicesResourceTransformer)");
        }
        List<ProviderFailure> failed = failures();
        if (!failed.isEmpty()) {
            sb.append("; ").append(failed.size()).append(" provider(s) failed to load: ")
                    .append(failed.stream().map(ProviderFailure::toString).collect(Collectors.joining("; ")));
        }
        return new BackendNotFoundException(sb.toString());
    }

    /**
     * Opens the embedder for a key with default options.
     *
     * @param key e.g. {@code "all-MiniLM-L6-v2"} or {@code "sbert:/models/bge"}
     * @return a new embedder; the caller closes it
     */
    public Embedder open(String key) {
        return open(key, Map.of());
    }

    /**
     * Opens the embedder for a key.
     *
     * @param key the key
     * @param options backend options; each must be one the provider supports
     * @return a new embedder; the caller closes it
     * @throws InvalidKeyException if the key is malformed
     * @throws BackendNotFoundException if no installed provider serves it
     * @throws AmbiguousBackendException if the choice of provider is not unique
     * @throws UnsupportedOptionException if an option is not supported
     * @throws BackendInitializationException if the provider fails to open the model
     */
    public Embedder open(String key, Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        EmbedderKey parsed = EmbedderKey.parse(key);
        EmbedderProvider provider = resolve(parsed);
        checkOptions(key, provider, options);
        EmbedderSpec spec = new EmbedderSpec(key, parsed.model(), options);
        LOG.debug("opening {} with provider '{}'", spec, provider.name());
        Embedder embedder;
        try {
            embedder = provider.open(spec);
        } catch (TopicJException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendInitializationException("embedding backend '" + provider.name() + "' failed to open '" + key
                    + "': " + e, e);
        }
        if (embedder == null) {
            throw new BackendInitializationException("embedding backend '" + provider.name() + "' returned no embedder for '" + key + "'");
        }
        if (embedder instanceof AbstractEmbedder recorded) {
            KeyOptionsAccess.record(recorded, withoutSecrets(provider, options));
        }
        return embedder;
    }

    /** Unknown names, then malformed values of declared options, fail before the provider runs. */
    private static void checkOptions(String key, EmbedderProvider provider, Map<String, String> options) {
        UnsupportedOptionException.check("embedding backend '" + provider.name() + "'", options.keySet(), provider.supportedOptions());
        for (BackendOption declared : provider.options()) {
            if (options.containsKey(declared.name())) {
                declared.check(options.get(declared.name()), key);
            }
        }
    }

    /**
     * What opening a key would reach outside the installed model files: a remote service, a path or
     * URL named by the key, or an option of type {@link BackendOption.Type#LOCATION}. A saved topic
     * model that names such a key is only reopened with it when the caller allows it.
     *
     * @param key the key
     * @param options its options
     * @return a description of what it reaches ("sends texts to the remote backend 'openai'", ...), or
     *     empty for a bundled or cached model opened by id
     * @throws BackendNotFoundException if no installed provider serves the key
     */
    public Optional<String> reach(String key, Map<String, String> options) {
        EmbedderKey parsed = EmbedderKey.parse(key);
        EmbedderProvider provider = resolve(parsed);
        if (provider.remote()) {
            return Optional.of("sends texts to the remote backend '" + provider.name() + "'");
        }
        if (namesLocation(parsed.model())) {
            return Optional.of("opens the path or URL '" + parsed.model() + "'");
        }
        for (BackendOption o : provider.options()) {
            if (o.type() == BackendOption.Type.LOCATION && options.containsKey(o.name())) {
                return Optional.of("opens the location given by its option " + o.name() + "='" + options.get(o.name()) + "'");
            }
        }
        return Optional.empty();
    }

    /** Paths ("/x", "./x", "~/x", "C:\x") and URLs or nested schemes ("spacy:/x", "https://..."), not hub ids ("org/name"). */
    static boolean namesLocation(String model) {
        String m = model.trim();
        return m.startsWith("/") || m.startsWith("./") || m.startsWith("../") || m.startsWith("~") || m.startsWith("\\")
                || m.matches("(?s)^[A-Za-z]:[\\/].*") || m.contains(":/") || m.startsWith("file:");
    }

    /**
     * The options of a key that may be stored: all but those its provider declares secret.
     *
     * @param key the key
     * @param options options for it
     * @return the options without credentials
     * @throws BackendNotFoundException if no installed provider serves the key, so none can say
     *         which options are secret
     */
    public Map<String, String> savableOptions(String key, Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        return withoutSecrets(resolve(EmbedderKey.parse(key)), options);
    }

    private static Map<String, String> withoutSecrets(EmbedderProvider provider, Map<String, String> options) {
        Set<String> secret = provider.secretOptions();
        Map<String, String> kept = new TreeMap<>();
        options.forEach((name, value) -> {
            if (!secret.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /**
     * Restores a stateful embedder saved with a model.
     *
     * @param key the key it was opened with
     * @param stateDir the folder its state was saved in
     * @return the fitted embedder
     */
    public Embedder restore(String key, java.nio.file.Path stateDir) {
        EmbedderKey parsed = EmbedderKey.parse(key);
        EmbedderProvider provider = resolve(parsed);
        return provider.restore(new EmbedderSpec(key, parsed.model(), Map.of()), stateDir);
    }

    /**
     * A diagnostic report: installed providers with rank, artifact, class and jar, load failures,
     * and the default key. Contains no option values, so no secrets.
     *
     * @return the report, several lines
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("TopicJ embedding providers (SPI version ")
                .append(EmbedderProvider.SPI_VERSION).append("):\n");
        List<InstalledProvider> all = providers();
        if (all.isEmpty()) {
            sb.append("  none installed\n");
        }
        for (InstalledProvider ip : all) {
            EmbedderProvider p = ip.provider();
            sb.append("  ").append(p.name()).append("  rank ").append(p.rank()).append("  ").append(p.artifact())
                    .append("  claims: ").append(p.claimsDescription()).append("\n    ").append(ip.className())
                    .append(" from ").append(ip.source()).append('\n');
        }
        for (ProviderFailure f : failures()) {
            sb.append("  FAILED ").append(f).append('\n');
        }
        return sb.toString();
    }
}
