package org.topicj.hf;

import org.topicj.embed.Embedder;
import org.topicj.testing.EmbedderConformanceTest;

/** The shared embedder contract (batching, empty input, 8 concurrent callers, close) on the tiny BERT. */
class HfConformanceTest extends EmbedderConformanceTest {
    @Override
    protected Embedder createEmbedder() {
        return HfEmbedder.builder().folder(TinyBert.FOLDER).batchSize(3).build();
    }
}
