package org.topicj.registry;

import java.util.List;
import java.util.function.Predicate;
import org.topicj.embed.Embedder;
import org.topicj.spi.BackendOption;
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
    public List<BackendOption> options() {
        return List.of(
                BackendOption.integer("batch_size", null, "texts per call"),
                BackendOption.secret("api_key", "a credential"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        lastSpec = spec;
        return new FakeEmbedder(8, spec.key());
    }
}
