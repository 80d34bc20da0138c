package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.testing.FakeEmbedder;
import org.topicj.testing.SyntheticCorpus;

/** Online topics, chunk by chunk, on the synthetic word pools and on the shared Debian corpus. */
class OnlineTopicModelTest {
    @TempDir
    Path dir;

    @Test
    void chunksOfThePoolsGiveThePoolsAsTopics() {
        List<String> docs = SyntheticCorpus.documents(200, 1);
        DenseMatrix e;
        try (FakeEmbedder f = new FakeEmbedder(32, null)) {
            e = f.embed(docs).toDense();
        }
        OnlineTopicModel m = OnlineTopicModel.builder().clusters(5).build();
        for (int start = 0; start < docs.size(); start += 250) {
            m.partialFit(docs.subList(start, start + 250), e.rowRange(start, start + 250));
        }
        int[] truth = new int[docs.size()];
        int[] found = new int[docs.size()];
        List<Assignment> assigned = m.transform(docs, e);
        for (int i = 0; i < docs.size(); i++) {
            truth[i] = i % 5;
            found[i] = assigned.get(i).topic();
        }
        assertTrue(Corpora.nmi(truth, found) > 0.9, "NMI " + Corpora.nmi(truth, found));
        assertEquals(5, m.topics().size());
        for (Topic t : m.topics()) {
            String top = t.words().get(0).word();
            assertTrue(SyntheticCorpus.POOLS.stream().anyMatch(p -> p.contains(top)), t.name());
        }
        assertEquals(1000, m.documentsSeen());
        m.save(dir);
        OnlineTopicModel loaded = OnlineTopicModel.load(dir);
        assertEquals(m.topics(), loaded.topics());
        assertEquals(assigned, loaded.transform(docs, e));
    }

    @Test
    void secretOptionsNeverReachTheSavedFolder() throws Exception {
        List<String> docs = SyntheticCorpus.documents(40, 3);
        DenseMatrix e;
        try (FakeEmbedder f = new FakeEmbedder(32, null)) {
            e = f.embed(docs).toDense();
        }
        OnlineTopicModel m = OnlineTopicModel.builder().clusters(5)
                .embedderKey("fake:hash", java.util.Map.of("api_key", "sk-online-secret-123", "dimension", "32")).build();
        m.partialFit(docs, e);
        assertEquals(java.util.Map.of("dimension", "32"), m.embedderOptions());
        m.save(dir.resolve("online"));
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String text = new String(java.nio.file.Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(!text.contains("sk-online-secret-123"), "the API key reached " + p);
            }
        }
        assertEquals(java.util.Map.of("dimension", "32"), OnlineTopicModel.load(dir.resolve("online")).embedderOptions());
        assertEquals(m.topics(), TopicModel.load(dir.resolve("online")).topics(), "the batch loader answers from the same folder");
    }

    @Test
    void decayForgetsOldChunksWords() {
        List<String> docs = SyntheticCorpus.documents(40, 2);
        DenseMatrix e;
        try (FakeEmbedder f = new FakeEmbedder(16, null)) {
            e = f.embed(docs).toDense();
        }
        OnlineTopicModel m = OnlineTopicModel.builder().clusters(1).decay(0.9).build();
        m.partialFit(docs.subList(0, 100), e.rowRange(0, 100));
        m.partialFit(List.of("zebra zebra zebra", "zebra"), e.rowRange(0, 2));
        m.partialFit(List.of("zebra"), e.rowRange(0, 1));
        assertEquals("zebra", m.topics().get(0).words().get(0).word(), "recent words weigh more after decay");
        var tooSmall = assertThrows(IllegalArgumentException.class,
                () -> OnlineTopicModel.builder().clusters(50).build().partialFit(docs.subList(0, 10), e.rowRange(0, 10)));
        assertTrue(tooSmall.getMessage().contains("needs at least that many"), tooSmall.getMessage());
    }

    @Test
    void debianInChunksOfAThousand() throws Exception {
        Corpora.Debian d = Corpora.debian();
        DenseMatrix e = org.topicj.matrix.Npy.readMatrix(org.topicj.testing.SharedData.reference("debian5k/minilm.npy"));
        OnlineTopicModel m = OnlineTopicModel.builder().build();
        int[] chunkLabels = new int[5000];
        for (int start = 0; start < 5000; start += 1000) {
            int[] labels = m.partialFit(d.texts().subList(start, start + 1000), e.rowRange(start, start + 1000));
            System.arraycopy(labels, 0, chunkLabels, start, labels.length);
        }
        int[] truth = d.sections().stream().mapToInt(d.sections()::indexOf).toArray();
        int[] found = m.transform(d.texts(), e).stream().mapToInt(Assignment::topic).toArray();
        double nmi = Corpora.nmi(truth, found);
        // Measured 0.302 (batch UMAP + HDBSCAN: 0.432; 50 random clusters: about 0.03).
        assertTrue(nmi > 0.25, "online topics follow the package sections: NMI " + nmi);
        assertTrue(m.topics().size() > 30, m.topics().size() + " topics");
    }
}
