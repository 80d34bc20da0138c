package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.testing.SharedData;

/** The whole pipeline on 5,000 real Debian descriptions with their all-MiniLM-L6-v2 vectors. */
class TopicModelEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void asGoodAsBertopicAndTheSameAfterSaveAndLoad() throws IOException {
        Corpora.Debian debian = Corpora.debian();
        DenseMatrix embeddings = Npy.readMatrix(SharedData.reference("debian5k/minilm.npy"));
        TopicModel model = TopicModeler.builder().seed(42).calculateProbabilities(true).build().fit(debian.texts(), embeddings);

        int[] topics = model.documentInfo().stream().mapToInt(Assignment::topic).toArray();
        TreeMap<String, Integer> ids = new TreeMap<>();
        debian.sections().forEach(s -> ids.putIfAbsent(s, ids.size()));
        int[] sections = debian.sections().stream().mapToInt(ids::get).toArray();
        double nmi = Corpora.nmi(topics, sections);
        long outliers = java.util.Arrays.stream(topics).filter(t -> t < 0).count();
        System.out.printf("debian5k: %d topics, %d outliers (%.1f%%), NMI %.3f (BERTopic: 92 topics, 23-25%%, 0.43)%n",
                model.topicCount(), outliers, 100.0 * outliers / topics.length, nmi);
        assertTrue(nmi >= 0.43, "NMI " + nmi + " below BERTopic's 0.43");
        assertTrue(model.topicCount() >= 60 && model.topicCount() <= 130, "topics " + model.topicCount());
        assertTrue(outliers >= 0.15 * topics.length && outliers <= 0.35 * topics.length, "outliers " + outliers);
        for (Topic t : model.topics()) {
            assertEquals(10, t.words().size());
            assertTrue(t.name().startsWith(t.id() + "_"));
        }

        for (TopicModel.OutlierStrategy s : TopicModel.OutlierStrategy.values()) {
            int[] after = model.reduceOutliers(debian.texts(), embeddings, s, 0.0);
            long left = java.util.Arrays.stream(after).filter(t -> t < 0).count();
            System.out.printf("reduce outliers by %s: %d -> %d%n", s, outliers, left);
            assertTrue(left < outliers, s + ": " + left + " of " + outliers + " left");
        }

        model.save(dir.resolve("model"));
        TopicModel loaded = TopicModel.load(dir.resolve("model"));
        assertEquals(model.topics(), loaded.topics());
        List<Assignment> again = loaded.transform(debian.texts(), embeddings);
        int same = 0;
        for (int i = 0; i < topics.length; i++) {
            same += again.get(i).topic() == topics[i] ? 1 : 0;
        }
        System.out.printf("transform after save/load agrees with fit on %.1f%% of documents%n", 100.0 * same / topics.length);
        assertTrue(same >= 0.95 * topics.length, same + " of " + topics.length);
    }
}
