package org.topicj.spi;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.topicj.embed.Embedder;

/**
 * What an embedding backend implements to be found by key. List the implementation in
 * {@code META-INF/services/org.topicj.spi.EmbedderProvider} of the backend's jar.
 *
 * <p>A provider is cheap: {@link java.util.ServiceLoader} creates every provider on the class path,
 * so the constructor and every method but {@link #open(EmbedderSpec)} must do no I/O and load no
 * native code. Native runtimes, model files and HTTP clients are loaded in {@code open}.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads.
 */
public interface EmbedderProvider {

    /** The SPI version this topic-core implements; a provider built for another is rejected. */
    int SPI_VERSION = 1;

    /** Rank of a provider that does not say; lower ranks win. */
    int DEFAULT_RANK = 100;

    /**
     * @return the provider's name, the part of a key before the colon: lower-case letters,
     *     digits, '.', '_' or '-', starting with a letter (e.g. {@code "sbert"})
     */
    String name();

    /**
     * Orders providers that claim the same bare model id: the lowest rank wins, and two claimants
     * of equal rank are an error, never a silent pick.
     *
     * @return the rank
     */
    default int rank() {
        return DEFAULT_RANK;
    }

    /** @return the Maven coordinates users add to get this provider, e.g. {@code org.topicj:backend-sbert} */
    String artifact();

    /** @return the SPI version this provider was built against; leave as is */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /**
     * Whether a bare model id (a key without {@code provider:}) belongs to this provider. Must not
     * touch files or the network: decide from the id alone.
     *
     * @param modelId the bare id, e.g. {@code "all-MiniLM-L6-v2"}
     * @return true to claim it
     */
    default boolean claims(String modelId) {
        return false;
    }

    /** @return a short human description of the bare ids {@link #claims} accepts, for listings */
    default String claimsDescription() {
        return "no bare ids (use " + name() + ":MODEL)";
    }

    /**
     * The dimension of a model this provider knows without loading it, so callers can plan before
     * the first (possibly paid) call.
     *
     * @param modelId the model part of a key
     * @return its dimension, if declared
     */
    default OptionalInt dimension(String modelId) {
        return OptionalInt.empty();
    }

    /**
     * Whether opening an embedder of this provider sends texts to a service outside the process (an
     * API, a server). A saved topic model that names such an embedder is not reopened with it unless
     * the caller allows it, so loading a model never sends documents anywhere by itself.
     *
     * @return true for remote backends; false by default
     */
    default boolean remote() {
        return false;
    }

    /**
     * The options this provider understands, each declared once with its type, default, secrecy
     * and description. The registry rejects any other option name with an
     * {@link org.topicj.embed.UnsupportedOptionException}, and a value its type does not accept with
     * an {@link IllegalArgumentException}, before calling {@link #open}, so a misspelt or malformed
     * option never goes unnoticed.
     *
     * @return the declared options, none by default
     */
    default List<BackendOption> options() {
        return List.of();
    }

    /**
     * @return the names of {@link #options()}; override {@code options()}, not this
     */
    default Set<String> supportedOptions() {
        return options().stream().map(BackendOption::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Options that hold credentials (API keys, tokens). They are used to open the embedder but
     * never recorded in {@link org.topicj.embed.Embedder#keyOptions()}, so they never reach a
     * saved model; a reloaded model takes them from the environment again.
     *
     * @return the names of the {@link BackendOption#secret() secret} options
     */
    default Set<String> secretOptions() {
        return options().stream().filter(BackendOption::secret).map(BackendOption::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Creates an embedder: loads native code, model files and clients as needed.
     *
     * @param spec the model and options; options are already checked against {@link #supportedOptions()}
     * @return a new embedder that the caller owns and closes
     * @throws org.topicj.embed.BackendInitializationException if the model or runtime cannot be loaded
     */
    Embedder open(EmbedderSpec spec);

    /**
     * Recreates a {@link org.topicj.embed.StatefulEmbedder} from the state it saved. Providers of
     * stateless embedders keep the default, which refuses.
     *
     * @param spec the key it was opened with
     * @param stateDir the folder its {@code saveState} wrote
     * @return the restored, fitted embedder
     */
    default Embedder restore(EmbedderSpec spec, java.nio.file.Path stateDir) {
        throw new org.topicj.embed.BackendInitializationException("embedding backend '" + name()
                + "' cannot restore saved embedder state (from " + stateDir + ")");
    }
}
