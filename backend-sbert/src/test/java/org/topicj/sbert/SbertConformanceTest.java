package org.topicj.sbert;

import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.testing.EmbedderConformanceTest;

class SbertConformanceTest extends EmbedderConformanceTest {
    @Override
    protected Embedder createEmbedder() {
        return Embedders.open("all-MiniLM-L6-v2");
    }
}
