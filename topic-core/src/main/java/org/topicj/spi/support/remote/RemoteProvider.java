package org.topicj.spi.support.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * What remote embedding providers share: their name and artifact, the dimensions of the models they
 * know, the options they accept ({@link RemoteOptions#declared} plus their own), the
 * environment they read API keys from, and how a vector size is settled. They claim no bare ids,
 * so nothing reaches a paid API unless a key names the provider.
 */
public abstract class RemoteProvider implements EmbedderProvider {
    private final String name;
    private final String artifact;
    private final Map<String, Integer> knownDimensions;
    private final List<BackendOption> options;
    private final Function<String, String> env;

    /**
     * @param name provider name
     * @param artifact Maven coordinates
     * @param knownDimensions vector size of each model the provider knows
     * @param defaultBatchSize the API's limit of texts per request (the default of {@code batch_size})
     * @param ownOptions options beyond the shared ones
     * @param env where API keys and URLs are read from (System::getenv, or a map in tests)
     */
    protected RemoteProvider(String name, String artifact, Map<String, Integer> knownDimensions, int defaultBatchSize,
                             List<BackendOption> ownOptions, Function<String, String> env) {
        this.name = name;
        this.artifact = artifact;
        this.knownDimensions = Map.copyOf(knownDimensions);
        List<BackendOption> all = new ArrayList<>(RemoteOptions.declared(defaultBatchSize));
        all.addAll(ownOptions);
        this.options = List.copyOf(all);
        this.env = Objects.requireNonNull(env);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String artifact() {
        return artifact;
    }

    @Override
    public final OptionalInt dimension(String modelId) {
        Integer d = knownDimensions.get(modelId);
        return d == null ? OptionalInt.empty() : OptionalInt.of(d);
    }

    /** Remote: texts leave the process. */
    @Override
    public final boolean remote() {
        return true;
    }

    @Override
    public final List<BackendOption> options() {
        return options;
    }

    /** @param variable an environment variable @return its value, or null */
    protected final String env(String variable) {
        return env.apply(variable);
    }

    /** @param model a model id @return whether the provider knows its vector size */
    protected final boolean knows(String model) {
        return knownDimensions.containsKey(model);
    }

    /**
     * The vector size: an explicit size option wins, then a known model, then the option
     * {@code dimension}, and only then one probe request.
     *
     * @param spec the key's options
     * @param explicit a size the request itself fixes (e.g. OpenAI's dimensions), or null
     * @param client sends the probe
     * @return the vector size
     */
    protected final int settleDimension(EmbedderSpec spec, Integer explicit, BatchClient client) {
        if (explicit != null) {
            return explicit;
        }
        if (knows(spec.model())) {
            return knownDimensions.get(spec.model());
        }
        if (spec.option("dimension").isPresent()) {
            return spec.intOption("dimension", 0);
        }
        return client.embed(List.of(" "))[0].length;
    }
}
