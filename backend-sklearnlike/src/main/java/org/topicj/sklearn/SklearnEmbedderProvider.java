package org.topicj.sklearn;

import java.util.OptionalInt;
import org.topicj.embed.Embedder;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * The {@code sklearn} provider: {@code sklearn:tfidf+svd(100)} and the other pipelines of
 * {@link PipelineSpec}. Pure Java. Claims no bare ids.
 */
public final class SklearnEmbedderProvider implements EmbedderProvider {
    @Override
    public String name() {
        return "sklearn";
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-sklearnlike";
    }

    @Override
    public String claimsDescription() {
        return "no bare ids (sklearn:tfidf+svd(100), sklearn:hashing, ...)";
    }

    @Override
    public OptionalInt dimension(String modelId) {
        int d = PipelineSpec.parse(modelId).knownDimension();
        return d > 0 ? OptionalInt.of(d) : OptionalInt.empty();
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        return new PipelineEmbedder(PipelineSpec.parse(spec.model()), spec.key());
    }

    @Override
    public Embedder restore(EmbedderSpec spec, java.nio.file.Path stateDir) {
        Pipeline pipeline = PipelineSpec.parse(spec.model());
        return new PipelineEmbedder(pipeline, spec.key(), PipelineState.restore(spec.key(), pipeline, stateDir));
    }
}
