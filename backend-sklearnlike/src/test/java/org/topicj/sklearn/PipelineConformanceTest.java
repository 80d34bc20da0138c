package org.topicj.sklearn;

import org.topicj.embed.Embedder;
import org.topicj.testing.EmbedderConformanceTest;

/** The shared embedder contract for a fitted tfidf+svd pipeline. */
class PipelineConformanceTest extends EmbedderConformanceTest {
    @Override
    protected Embedder createEmbedder() {
        PipelineEmbedder e = new PipelineEmbedder(PipelineSpec.parse("tfidf+svd(8)"), "sklearn:tfidf+svd(8)");
        java.util.List<String> training = new java.util.ArrayList<>(PipelineTest.corpus(100, 9));
        training.addAll(TEXTS);
        e.fit(training);
        return e;
    }
}
