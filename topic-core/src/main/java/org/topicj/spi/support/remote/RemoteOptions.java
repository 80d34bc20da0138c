package org.topicj.spi.support.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderSpec;

/**
 * How {@link RemoteEmbedder} talks to a remote API: batching, pacing, retries, concurrency and the
 * optional cache.
 *
 * @param batchSize texts per request, at most
 * @param tokensPerBatch estimated tokens per request, at most (about 4 characters a token)
 * @param delayBetweenBatches pause before each batch after the first
 * @param maxRetries retries of one batch after its first try
 * @param initialBackoff first retry delay; doubles each retry, with jitter
 * @param maxBackoff longest retry delay (a longer Retry-After is still honoured, up to 10 minutes)
 * @param maxInFlight requests running at once
 * @param cacheDir folder of the on-disk cache, or null for none
 */
public record RemoteOptions(int batchSize, int tokensPerBatch, Duration delayBetweenBatches, int maxRetries,
                            Duration initialBackoff, Duration maxBackoff, int maxInFlight, Path cacheDir) {

    /** Checks the values. */
    public RemoteOptions {
        if (batchSize < 1 || tokensPerBatch < 1 || maxRetries < 0 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch size, tokens per batch and requests in flight must be >= 1, retries >= 0");
        }
        Objects.requireNonNull(delayBetweenBatches, "delayBetweenBatches");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /**
     * @param batchSize the API's limit of texts per request
     * @return defaults: 8,000 estimated tokens a batch, no delay, 6 retries from 1 s to 60 s, 2 requests at once, no cache
     */
    public static RemoteOptions defaults(int batchSize) {
        return new RemoteOptions(batchSize, 8000, Duration.ZERO, 6, Duration.ofSeconds(1), Duration.ofSeconds(60), 2, null);
    }

    /**
     * The options every remote backend accepts, read by {@link #fromSpec}.
     *
     * @param defaultBatchSize the API's limit of texts per request
     * @return the declarations
     */
    public static java.util.List<BackendOption> declared(int defaultBatchSize) {
        RemoteOptions d = defaults(defaultBatchSize);
        return java.util.List.of(
                BackendOption.integer("batch_size", d.batchSize(), "texts per request, at most"),
                BackendOption.integer("tokens_per_batch", d.tokensPerBatch(), "estimated tokens per request, at most (about 4 characters a token)"),
                BackendOption.integer("delay_ms", 0, "pause before each request after the first, in milliseconds"),
                BackendOption.integer("max_retries", d.maxRetries(), "retries of a failed request (429, 5xx, timeouts, cut connections)"),
                BackendOption.integer("backoff_ms", (int) d.initialBackoff().toMillis(), "first retry delay; doubles each retry, with jitter"),
                BackendOption.integer("max_backoff_ms", (int) d.maxBackoff().toMillis(), "longest retry delay (a longer Retry-After is still honoured)"),
                BackendOption.integer("max_in_flight", d.maxInFlight(), "requests running at once"),
                BackendOption.location("cache_dir", "folder of the on-disk cache: an interrupted run never pays twice"));
    }

    /**
     * Reads the {@link #declared} options from a key's options.
     *
     * @param spec the options
     * @param defaultBatchSize the API's batch limit
     * @return the options, defaults where not given
     */
    public static RemoteOptions fromSpec(EmbedderSpec spec, int defaultBatchSize) {
        RemoteOptions d = defaults(defaultBatchSize);
        return new RemoteOptions(spec.intOption("batch_size", d.batchSize()), spec.intOption("tokens_per_batch", d.tokensPerBatch()),
                Duration.ofMillis(spec.intOption("delay_ms", 0)), spec.intOption("max_retries", d.maxRetries()),
                Duration.ofMillis(spec.intOption("backoff_ms", (int) d.initialBackoff().toMillis())),
                Duration.ofMillis(spec.intOption("max_backoff_ms", (int) d.maxBackoff().toMillis())),
                spec.intOption("max_in_flight", d.maxInFlight()), spec.option("cache_dir").map(Path::of).orElse(null));
    }

    /** @param size texts per request @return a copy */
    public RemoteOptions withBatchSize(int size) {
        return new RemoteOptions(size, tokensPerBatch, delayBetweenBatches, maxRetries, initialBackoff, maxBackoff, maxInFlight, cacheDir);
    }

    /** @param tokens estimated tokens per request @return a copy */
    public RemoteOptions withTokensPerBatch(int tokens) {
        return new RemoteOptions(batchSize, tokens, delayBetweenBatches, maxRetries, initialBackoff, maxBackoff, maxInFlight, cacheDir);
    }

    /** @param delay pause between batches @return a copy */
    public RemoteOptions withDelay(Duration delay) {
        return new RemoteOptions(batchSize, tokensPerBatch, delay, maxRetries, initialBackoff, maxBackoff, maxInFlight, cacheDir);
    }

    /** @param retries retries per batch @param initial first delay @param max longest delay @return a copy */
    public RemoteOptions withRetries(int retries, Duration initial, Duration max) {
        return new RemoteOptions(batchSize, tokensPerBatch, delayBetweenBatches, retries, initial, max, maxInFlight, cacheDir);
    }

    /** @param requests requests at once @return a copy */
    public RemoteOptions withMaxInFlight(int requests) {
        return new RemoteOptions(batchSize, tokensPerBatch, delayBetweenBatches, maxRetries, initialBackoff, maxBackoff, requests, cacheDir);
    }

    /** @param dir cache folder, or null for none @return a copy */
    public RemoteOptions withCache(Path dir) {
        return new RemoteOptions(batchSize, tokensPerBatch, delayBetweenBatches, maxRetries, initialBackoff, maxBackoff, maxInFlight, dir);
    }
}
