package org.topicj.spi.support.remote;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.RemoteCallException;

/**
 * The one retry rule of TopicJ's remote calls (embeddings and chat labels): a call that fails with
 * 429, 5xx, a timeout, a cut connection, a malformed or truncated body or an answer of the wrong
 * shape is retried with exponential backoff and jitter, honouring Retry-After (at most ten
 * minutes); what the server refuses for good (400, 401, 404, ...) is not.
 *
 * <p>Thread-safety: stateless; calls may run concurrently.
 */
public final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

    private Retries() {
    }

    /**
     * Runs {@code call} until it succeeds or fails for good.
     *
     * @param provider the backend's name, for messages
     * @param options the retry settings ({@link RemoteOptions#maxRetries()}, backoff)
     * @param call one attempt; throws {@link RemoteCallException} (or the SDK's runtime exceptions) on failure
     * @param <T> the answer
     * @return the first successful answer
     * @throws RemoteCallException the last failure, when it is not retryable or the retries are spent
     */
    public static <T> T call(String provider, RemoteOptions options, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            RemoteCallException failure;
            try {
                return call.get();
            } catch (RemoteCallException e) {
                failure = e;
            } catch (RuntimeException e) {
                // The SDK's own exceptions for a body cut mid-way, bad JSON or a reset socket: transport failures.
                failure = new RemoteCallException(provider + " request failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), -1, null, e);
            }
            if (!failure.retryable() || attempt >= options.maxRetries()) {
                throw failure;
            }
            int tried = attempt;
            Duration wait = failure.retryAfter().map(r -> r.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : r)
                    .orElseGet(() -> backoff(options, tried));
            LOG.warn("{}: {}{}; retry {} of {} in {} ms", provider, failure.getMessage(),
                    failure.status() > 0 ? " (HTTP " + failure.status() + ")" : "", attempt + 1, options.maxRetries(), wait.toMillis());
            sleep(wait);
        }
    }

    private static Duration backoff(RemoteOptions options, int attempt) {
        double base = options.initialBackoff().toMillis() * Math.pow(2, attempt);
        double capped = Math.min(base, options.maxBackoff().toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble())));
    }

    /**
     * @param d how long
     * @throws RemoteCallException if interrupted (the interrupt flag is set again)
     */
    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCallException("interrupted while waiting to retry", -1, null, e);
        }
    }
}
