package org.topicj.model2vec;

import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.testing.EmbedderConformanceTest;

/** The shared embedder contract on the fixture float16 model, opened by key. */
class Model2VecConformanceTest extends EmbedderConformanceTest {
    @Override
    protected Embedder createEmbedder() {
        return Embedders.open("model2vec:" + Fixtures.folder("tiny"));
    }
}
