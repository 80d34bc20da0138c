package org.topicj.embed;

import java.util.Set;
import java.util.function.Predicate;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;
import org.topicj.testing.FakeEmbedder;

/** A configurable provider for registry tests; opens a {@link FakeEmbedder} recording its spec. */
class TestProvider implements EmbedderProvider {
    final String name;
    final int rank;
    final Predicate<String> claims;
    volatile EmbedderSpec lastSpec;

    TestProvider(String name, int rank, Predicate<String> claims) {
        this.name = name;
        this.rank = rank;
        this.claims = claims;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public String artifact() {
        return "org.example:" + name;
    }

    @Override
    public boolean claims(String modelId) {
        return claims.test(modelId);
    }

    @Override
    public Set<String> supportedOptions() {
        return Set.of("batch_size", "api_key");
    }

    @Override
    public Set<String> secretOptions() {
        return Set.of("api_key");
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        lastSpec = spec;
        return new FakeEmbedder(8, spec.key());
    }
}
