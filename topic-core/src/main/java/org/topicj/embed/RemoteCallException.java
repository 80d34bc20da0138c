package org.topicj.embed;

import java.time.Duration;
import java.util.Optional;
import org.topicj.TopicJException;

/**
 * One failed call to a remote embedding API, as a backend reports it to {@link org.topicj.spi.support.remote.RemoteEmbedder}:
 * the HTTP status (or -1 for a network error, a timeout, or a malformed or wrong-shaped answer: all retried), and the
 * server's Retry-After, if any.
 * Messages must not contain API keys.
 */
public class RemoteCallException extends TopicJException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Duration retryAfter;

    /**
     * @param message what the server said (no secrets)
     * @param status HTTP status, or -1 for a network error, a timeout or a malformed answer
     * @param retryAfter the server's Retry-After, or null
     * @param cause the SDK's exception, or null
     */
    public RemoteCallException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** @return the HTTP status, -1 for network errors and timeouts */
    public int status() {
        return status;
    }

    /** @return how long the server asked to wait, if it did */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return true for rate limits (429), server errors (5xx), timeouts and network errors */
    public boolean retryable() {
        return status == -1 || status == 408 || status == 429 || status >= 500;
    }

    /**
     * Parses a Retry-After header value: seconds, or an HTTP date.
     *
     * @param value the header value, or null
     * @return the duration, or null
     */
    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                java.time.ZonedDateTime when = java.time.ZonedDateTime.parse(value.strip(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.ZonedDateTime.now(), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
    }
}
