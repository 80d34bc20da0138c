package org.topicj.hf;

import org.topicj.embed.Embedder;
import org.topicj.testing.EmbedderConformanceTest;

/** The shared embedder contract (batching, empty input, concurrent callers, close during embed) on the safetensors engine. */
class SafetensorsConformanceTest extends EmbedderConformanceTest {
    @Override
    protected Embedder createEmbedder() {
        return TransformerEmbedder.builder().folder(TinyModels.of("mpnet").folder()).batchSize(3).build();
    }
}
