package org.topicj.sklearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/** A fitted pipeline is saved with the topic model and restored identically. */
class PipelinePersistenceTest {
    @TempDir
    Path dir;

    @Test
    void everyStepSurvivesSaveAndRestore() {
        List<String> docs = PipelineTest.corpus(150, 7);
        for (String key : List.of("sklearn:tfidf(min_df=2,sublinear_tf=true)+svd(6)+scale+normalize", "sklearn:count+svd(4)",
                "sklearn:hashing(n_features=4096)+svd(5)")) {
            try (Embedder e = Embedders.open(key)) {
                DenseMatrix before = e.embed(docs).toDense();
                Path state = dir.resolve(Integer.toString(key.hashCode()));
                ((PipelineEmbedder) e).saveState(state);
                try (Embedder restored = Embedders.registry().restore(key, state)) {
                    assertEquals(e.dimension(), restored.dimension(), key);
                    assertArrayEquals(before.rawData(), restored.embed(docs).toDense().rawData(), 1e-5f, key);
                }
            }
        }
    }

    @Test
    void topicModelKeepsAndSavesItsFittedPipeline() {
        List<String> docs = PipelineTest.corpus(300, 8);
        TopicModel model = TopicModeler.builder().embedderKey("sklearn:tfidf+svd(10)").seed(3).build().fit(docs);
        assertTrue(model.embedderKey().isEmpty(), "a fitted pipeline is not reopened from its key");
        List<String> fresh = PipelineTest.corpus(20, 99);
        List<Assignment> expected = model.transform(fresh);
        model.save(dir.resolve("m"));
        assertTrue(Files.exists(dir.resolve("m/embedder/pipeline.json")));
        TopicModel loaded = TopicModel.load(dir.resolve("m"));
        assertEquals(expected, loaded.transform(fresh), "the restored pipeline embeds new documents as before");
    }
}
