package org.topicj.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

class EmbedderRegistryTest {
    private final TestProvider sbert = new TestProvider("sbert", 10, id -> true);
    private final TestProvider openai = new TestProvider("openai", 20, id -> id.startsWith("text-embedding-"));

    @Test
    void picksProviderByName() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert, openai));
        try (Embedder e = r.open("openai:text-embedding-3-small")) {
            assertEquals("openai:text-embedding-3-small", e.key().orElseThrow());
        }
        assertEquals("text-embedding-3-small", openai.lastSpec.model());
        assertEquals(null, sbert.lastSpec);
    }

    @Test
    void keyOptionsRecordWhatWasOpenedWithoutSecrets() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert, openai));
        try (Embedder e = r.open("openai:text-embedding-3-small", Map.of("batch_size", "7", "api_key", "sk-secret"))) {
            assertEquals(Map.of("batch_size", "7"), e.keyOptions());
        }
        assertEquals("sk-secret", openai.lastSpec.option("api_key").orElseThrow(), "the provider still gets the secret");
        assertEquals(Map.of("batch_size", "7"),
                r.savableOptions("openai:text-embedding-3-small", Map.of("batch_size", "7", "api_key", "sk-secret")));
        assertThrows(BackendNotFoundException.class, () -> r.savableOptions("use:large", Map.of("batch_size", "7")));
    }

    @Test
    void bareIdGoesToLowestRankedClaimant() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(openai, sbert));
        assertSame(sbert, r.resolve("text-embedding-3-small"));
        EmbedderRegistry onlyOpenai = EmbedderRegistry.of(List.of(openai));
        assertSame(openai, onlyOpenai.resolve("text-embedding-3-small"));
    }

    @Test
    void unknownProviderNamesArtifactAndInstalled() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert, openai));
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> r.open("use:universal-sentence-encoder"));
        assertTrue(e.getMessage().contains("'use:universal-sentence-encoder'"), e.getMessage());
        assertTrue(e.getMessage().contains("org.topicj:backend-use"), e.getMessage());
        assertTrue(e.getMessage().contains("installed: openai, sbert"), e.getMessage());
    }

    @Test
    void foreignProviderListsKnownBackends() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert));
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> r.open("mystery:model"));
        assertTrue(e.getMessage().contains("not a TopicJ backend"), e.getMessage());
        assertTrue(e.getMessage().contains("org.topicj:backend-cohere"), e.getMessage());
    }

    @Test
    void unclaimedBareIdSaysWhatToAdd() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(openai));
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> r.open("all-MiniLM-L6-v2"));
        assertTrue(e.getMessage().contains("'all-MiniLM-L6-v2'"), e.getMessage());
        assertTrue(e.getMessage().contains("org.topicj:backend-sbert"), e.getMessage());
        assertTrue(e.getMessage().contains("installed: openai"), e.getMessage());
    }

    @Test
    void bareProviderNameSuggestsKeySyntax() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(openai));
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> r.open("openai"));
        assertTrue(e.getMessage().contains("'openai:MODEL'"), e.getMessage());
    }

    @Test
    void emptyRegistryHintsAtShading() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of());
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> r.open("sbert:x"));
        assertTrue(e.getMessage().contains("installed: none"), e.getMessage());
        assertTrue(e.getMessage().contains("ServicesResourceTransformer"), e.getMessage());
    }

    @Test
    void twoProvidersWithOneNameAreAnError() {
        TestProvider twin = new TestProvider("sbert", 5, id -> true);
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert, twin));
        AmbiguousBackendException e = assertThrows(AmbiguousBackendException.class, () -> r.open("sbert:x"));
        assertTrue(e.getMessage().contains("2 embedding providers are named 'sbert'"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dtopicj.provider.sbert="), e.getMessage());
        assertThrows(AmbiguousBackendException.class, () -> r.open("some-bare-id"));
    }

    @Test
    void propertyChoosesAmongSameNamedProviders() {
        TestProvider twin = new TestProvider("sbert", 5, id -> true) { };
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert, twin),
                Map.of("topicj.provider.sbert", twin.getClass().getName()));
        assertSame(twin, r.resolve("sbert:x"));
        EmbedderRegistry wrong = EmbedderRegistry.of(List.of(sbert, twin), Map.of("topicj.provider.sbert", "no.such.Class"));
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> wrong.resolve("sbert:x"));
        assertTrue(e.getMessage().contains("no.such.Class"), e.getMessage());
    }

    @Test
    void equalRankClaimantsAreAnError() {
        TestProvider a = new TestProvider("alpha", 10, id -> true);
        TestProvider b = new TestProvider("beta", 10, id -> true);
        EmbedderRegistry r = EmbedderRegistry.of(List.of(a, b));
        AmbiguousBackendException e = assertThrows(AmbiguousBackendException.class, () -> r.resolve("model-x"));
        assertTrue(e.getMessage().contains("equal rank 10"), e.getMessage());
        assertTrue(e.getMessage().contains("'alpha:model-x'"), e.getMessage());
        assertSame(b, r.resolve("beta:model-x"));
    }

    @Test
    void unsupportedOptionsAreRejectedBeforeOpening() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert));
        UnsupportedOptionException e = assertThrows(UnsupportedOptionException.class,
                () -> r.open("sbert:x", Map.of("batch_sise", "8")));
        assertEquals(List.of("batch_sise"), e.unsupported());
        assertTrue(e.getMessage().contains("api_key"), e.getMessage());
        assertEquals(null, sbert.lastSpec);
        r.open("sbert:x", Map.of("batch_size", "8")).close();
        assertEquals("8", sbert.lastSpec.option("batch_size").orElseThrow());
    }

    @Test
    void specToStringMasksSecrets() {
        EmbedderSpec spec = new EmbedderSpec("openai:m", "m", Map.of("api_key", "sk-very-secret", "batch_size", "8"));
        assertFalse(spec.toString().contains("sk-very-secret"), spec.toString());
        assertTrue(spec.toString().contains("batch_size=8"), spec.toString());
    }

    @Test
    void manualRegistrationAndCollisions() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert));
        r.register(openai);
        assertSame(openai, r.resolve("openai:text-embedding-3-small"));
        TestProvider other = new TestProvider("openai", 1, id -> false);
        assertThrows(AmbiguousBackendException.class, () -> r.register(other));
        r.register(other, true);
        assertSame(other, r.provider("openai"));
        assertTrue(r.unregister("openai"));
        assertFalse(r.unregister("openai"));
        assertEquals(List.of("sbert"), r.names());
    }

    @Test
    void registrationRejectsInvalidNamesAndSpiVersions() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of());
        assertThrows(RuntimeException.class, () -> r.register(new TestProvider("Bad Name", 1, id -> true)));
        assertThrows(RuntimeException.class, () -> r.register(new DiscoveryProviders.FutureSpi()));
    }

    @Test
    void providerFailureToOpenIsWrappedWithKey() {
        EmbedderProvider failing = new TestProvider("failing", 1, id -> true) {
            @Override
            public Embedder open(EmbedderSpec spec) {
                throw new UnsatisfiedLinkError("libonnxruntime.so: cannot open shared object file");
            }
        };
        EmbedderRegistry r = EmbedderRegistry.of(List.of(failing));
        BackendInitializationException e = assertThrows(BackendInitializationException.class, () -> r.open("failing:m"));
        assertTrue(e.getMessage().contains("'failing:m'"), e.getMessage());
        assertInstanceOf(UnsatisfiedLinkError.class, e.getCause());
    }

    @Test
    void discoveryRunsOnceUnderConcurrentFirstLookup() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        EmbedderRegistry r = EmbedderRegistry.of(() -> {
            runs.incrementAndGet();
            return List.<EmbedderProvider>of(sbert).iterator();
        });
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> assertSame(sbert, r.resolve("any-model")));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, runs.get());
    }

    @Test
    void describeListsProvidersWithoutSecrets() {
        EmbedderRegistry r = EmbedderRegistry.of(List.of(sbert, openai));
        String text = r.describe();
        assertTrue(text.contains("sbert  rank 10  org.example:sbert"), text);
        assertTrue(text.contains("openai  rank 20"), text);
    }
}
