package org.topicj.registry;

import java.util.Objects;

/**
 * A provider that could not be loaded during discovery: a services entry naming a missing class,
 * a constructor that threw, an SPI version mismatch, an invalid name. One broken provider never
 * hides the others; its failure is listed by {@link EmbedderRegistry#failures()} and attached to
 * any later not-found error.
 *
 * @param what which provider or entry failed
 * @param cause why
 */
public record ProviderFailure(String what, Throwable cause) {

    /** Checks for nulls. */
    public ProviderFailure {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return what + ": " + cause;
    }
}
