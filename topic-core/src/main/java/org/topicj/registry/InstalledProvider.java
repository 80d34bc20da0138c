package org.topicj.registry;

import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;
import org.topicj.spi.EmbedderProvider;

/**
 * A provider the registry knows, with where it came from: the jar or folder of its class, or
 * "registered by hand".
 *
 * @param provider the provider
 * @param source where its class was loaded from
 */
public record InstalledProvider(EmbedderProvider provider, String source) {

    /** Checks for nulls. */
    public InstalledProvider {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(source, "source");
    }

    static InstalledProvider discovered(EmbedderProvider provider) {
        return new InstalledProvider(provider, sourceOf(provider.getClass()));
    }

    static InstalledProvider manual(EmbedderProvider provider) {
        return new InstalledProvider(provider, "registered by hand");
    }

    /** @return the provider's name */
    public String name() {
        return provider.name();
    }

    /** @return the provider's class name */
    public String className() {
        return provider.getClass().getName();
    }

    static String sourceOf(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            URL location = cs == null ? null : cs.getLocation();
            return location == null ? "unknown location" : location.toString();
        } catch (SecurityException e) {
            return "unknown location";
        }
    }
}
