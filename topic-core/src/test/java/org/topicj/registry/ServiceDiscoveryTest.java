package org.topicj.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.Embedder;
import org.topicj.matrix.Matrix;
import org.topicj.spi.EmbedderProvider;
import org.topicj.testing.FakeEmbedderProvider;

/**
 * Discovery through real {@code META-INF/services} files: the test-jar's own (the fake backend),
 * and class-path folders written here, loaded by a real class loader.
 */
class ServiceDiscoveryTest {
    @TempDir
    Path dir;

    private ClassLoader loaderWithServices(String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(EmbedderProvider.class.getName()),
                "# written by ServiceDiscoveryTest\n" + String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void findsTheFakeBackendOfTheTestClassPath() {
        EmbedderRegistry r = EmbedderRegistry.discovering(getClass().getClassLoader());
        assertTrue(r.names().contains("fake"), r.names().toString());
        assertInstanceOf(FakeEmbedderProvider.class, r.provider("fake"));
        try (Embedder e = r.open("fake:hash", java.util.Map.of("dimension", "12"))) {
            Matrix m = e.embed(List.of("hello world"));
            assertEquals(12, m.cols());
        }
        try (Embedder e = r.open("fake-hash")) {
            assertEquals(FakeEmbedderProvider.DEFAULT_DIMENSION, e.dimension());
        }
    }

    @Test
    void selectsByKeyBareIdAndRank() throws IOException {
        ClassLoader loader = loaderWithServices(DiscoveryProviders.Fallback.class.getName(),
                DiscoveryProviders.Preferred.class.getName());
        EmbedderRegistry r = EmbedderRegistry.discovering(loader);
        assertInstanceOf(DiscoveryProviders.Preferred.class, r.resolve("shared-model"), "rank 10 beats rank 50");
        assertInstanceOf(DiscoveryProviders.Fallback.class, r.resolve("fallback:shared-model"), "a key names its provider");
        assertInstanceOf(DiscoveryProviders.Fallback.class, r.resolve("only-fallback"), "the only claimant wins");
    }

    @Test
    void brokenEntriesAreReportedAndDoNotHideOthers() throws IOException {
        ClassLoader loader = loaderWithServices(
                "org.topicj.registry.NoSuchProvider",
                DiscoveryProviders.Broken.class.getName(),
                DiscoveryProviders.FutureSpi.class.getName(),
                DiscoveryProviders.Preferred.class.getName());
        EmbedderRegistry r = EmbedderRegistry.discovering(loader);
        assertInstanceOf(DiscoveryProviders.Preferred.class, r.resolve("only-preferred"));
        assertEquals(3, r.failures().size(), r.failures().toString());
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> r.open("use:x"));
        assertTrue(e.getMessage().contains("3 provider(s) failed to load"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchProvider"), e.getMessage());
        assertTrue(e.getMessage().contains("SPI version"), e.getMessage());
    }

    @Test
    void sameNameFromTwoJarsIsAmbiguous() throws IOException {
        ClassLoader loader = loaderWithServices(DiscoveryProviders.Fallback.class.getName(),
                DiscoveryProviders.FallbackTwin.class.getName());
        EmbedderRegistry r = EmbedderRegistry.discovering(loader);
        AmbiguousBackendException e = assertThrows(AmbiguousBackendException.class, () -> r.resolve("fallback:m"));
        assertTrue(e.getMessage().contains(DiscoveryProviders.FallbackTwin.class.getName()), e.getMessage());
        assertEquals(2, r.providers().stream().filter(p -> p.name().equals("fallback")).count());
    }

    @Test
    void globalFacadeUsesTheClassPath() {
        assertTrue(Embedders.registry().names().contains("fake"));
        try (Embedder e = Embedders.open("fake:hash")) {
            assertEquals("fake:hash", e.key().orElseThrow());
        }
        assertTrue(Embedders.describeEnvironment().contains("fake  rank 900"));
    }
}
