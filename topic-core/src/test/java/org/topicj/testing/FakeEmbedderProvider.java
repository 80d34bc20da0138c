package org.topicj.testing;

import java.util.List;
import java.util.OptionalInt;
import org.topicj.embed.Embedder;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * The {@code fake:} backend of topic-core's test-jar: {@code fake:hash} (or the bare id
 * {@code fake-hash}) opens a {@link FakeEmbedder}; option {@code dimension} (default 32).
 * Listed in the test-jar's services file, so any module testing with the test-jar finds it.
 */
public final class FakeEmbedderProvider implements EmbedderProvider {
    /** Dimension when the option is not given. */
    public static final int DEFAULT_DIMENSION = 32;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public int rank() {
        return 900;
    }

    @Override
    public String artifact() {
        return "org.topicj:topic-core:test-jar";
    }

    @Override
    public boolean claims(String modelId) {
        return modelId.equals("fake-hash");
    }

    @Override
    public String claimsDescription() {
        return "fake-hash";
    }

    @Override
    public OptionalInt dimension(String modelId) {
        return OptionalInt.of(DEFAULT_DIMENSION);
    }

    @Override
    public List<BackendOption> options() {
        return List.of(BackendOption.integer("dimension", null, "vector size"),
                BackendOption.secret("api_key", "a credential the fake backend accepts and ignores, for secrecy tests"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        if (!spec.model().equals("hash") && !spec.model().equals("fake-hash")) {
            throw new IllegalArgumentException("fake backend has one model, 'hash'; got '" + spec.model() + "'");
        }
        return new FakeEmbedder(spec.intOption("dimension", DEFAULT_DIMENSION), spec.key());
    }
}
