package org.topicj.registry;

import org.topicj.spi.EmbedderProvider;

/** Providers listed by the services files that {@link ServiceDiscoveryTest} writes at run time. */
public final class DiscoveryProviders {
    private DiscoveryProviders() {
    }

    /** Claims "shared-model" with rank 10: the preferred claimant. */
    public static final class Preferred extends TestProvider {
        /** Needed by ServiceLoader. */
        public Preferred() {
            super("preferred", 10, id -> id.equals("shared-model") || id.equals("only-preferred"));
        }
    }

    /** Claims "shared-model" with rank 50. */
    public static final class Fallback extends TestProvider {
        /** Needed by ServiceLoader. */
        public Fallback() {
            super("fallback", 50, id -> id.equals("shared-model") || id.equals("only-fallback"));
        }
    }

    /** A second provider named "fallback". */
    public static final class FallbackTwin extends TestProvider {
        /** Needed by ServiceLoader. */
        public FallbackTwin() {
            super("fallback", 60, id -> false);
        }
    }

    /** Its constructor throws, as a provider with a broken static dependency would. */
    public static final class Broken extends TestProvider {
        /** Needed by ServiceLoader. */
        public Broken() {
            super("broken", 1, id -> true);
            throw new IllegalStateException("native library missing (simulated)");
        }
    }

    /** Built for another SPI version. */
    public static final class FutureSpi extends TestProvider {
        /** Needed by ServiceLoader. */
        public FutureSpi() {
            super("future", 1, id -> true);
        }

        @Override
        public int spiVersion() {
            return EmbedderProvider.SPI_VERSION + 1;
        }
    }
}
