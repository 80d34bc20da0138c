package org.topicj.testing;

import org.topicj.embed.Embedder;

class FakeEmbedderConformanceTest extends EmbedderConformanceTest {
    @Override
    protected Embedder createEmbedder() {
        return new FakeEmbedder(16, "fake:hash");
    }
}
