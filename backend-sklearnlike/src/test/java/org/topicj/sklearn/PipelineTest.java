package org.topicj.sklearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.embed.InvalidKeyException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;

class PipelineTest {
    static List<String> corpus(int n, long seed) {
        String[] words = {"kernel", "driver", "font", "glyph", "audio", "music", "network", "server", "python", "library",
            "editor", "text", "game", "puzzle", "image", "photo", "mail", "client", "database", "query"};
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int topic = i % 5;
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                sb.append(words[topic * 4 + rnd.nextInt(4)]).append(' ');
            }
            docs.add(sb.toString().strip());
        }
        return docs;
    }

    @Test
    void fitThenTransformEqualsFitTransform() {
        List<String> docs = corpus(200, 1);
        Pipeline p = PipelineSpec.parse("tfidf+svd(5)+normalize");
        Pipeline.Fitted f = p.fit(docs);
        DenseMatrix once = f.trainingOutput().toDense();
        DenseMatrix again = f.transform(docs).toDense();
        assertEquals(5, once.cols());
        assertArrayEquals(once.rawData(), again.rawData(), 1e-5f);
    }

    @Test
    void hashingIsStateless() {
        HashingVectorizer h = new HashingVectorizer();
        List<String> a = List.of("kernel driver", "music");
        SparseMatrix direct = h.hash(a);
        SparseMatrix afterFitOnOther = (SparseMatrix) h.fit(corpus(50, 2)).transform(a);
        assertEquals(direct, afterFitOnOther);
        assertEquals(1 << 20, direct.cols());
        // MurmurHash3 x86_32 reference vectors.
        assertEquals(0, HashingVectorizer.murmur3(new byte[0], 0));
        assertEquals(0x514E28B7, HashingVectorizer.murmur3(new byte[0], 1));
        assertEquals(0xfaf6cdb3, HashingVectorizer.murmur3("Hello, world!".getBytes(StandardCharsets.UTF_8), 1234));
        try (PipelineEmbedder e = new PipelineEmbedder(PipelineSpec.parse("hashing(n_features=1024)"), "sklearn:hashing(n_features=1024)")) {
            e.partialFit(List.of("one batch"));
            assertEquals("sklearn:hashing(n_features=1024)", e.key().orElseThrow(), "stateless pipelines keep their key");
            assertEquals(1024, e.dimension());
        }
    }

    @Test
    void theRegistryOpensPipelinesByKey() {
        List<String> docs = corpus(100, 3);
        try (Embedder e = Embedders.open("sklearn:tfidf(min_df=2,sublinear_tf=true)+svd(3)")) {
            assertEquals(3, e.dimension());
            Matrix m = e.embed(docs);
            assertEquals(100, m.rows());
            assertTrue(e.key().isEmpty(), "a fitted vocabulary and SVD cannot be reopened from the key");
        }
        try (Embedder e = Embedders.open("sklearn:tfidf")) {
            assertThrows(IllegalStateException.class, e::dimension, "vocabulary size is known after fitting");
            Matrix m = e.embed(docs);
            assertInstanceOf(SparseMatrix.class, m, "a vectorizer-only pipeline gives sparse rows");
            assertEquals(m.cols(), e.dimension());
            assertTrue(e.normalized());
        }
    }

    @Test
    void badPipelinesAndDataAreReportedClearly() {
        assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("svd(10)"));
        assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("tfidf+tfidf"));
        assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("tfidf+pca(3)"));
        InvalidKeyException typo = assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("tfidf(min_dff=2)"));
        assertTrue(typo.getMessage().contains("min_dff"), typo.getMessage());
        assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("tfidf+svd(ten)"));
        assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("tfidf+svd(10"));
        IllegalArgumentException stop = assertThrows(IllegalArgumentException.class,
                () -> PipelineSpec.parse("tfidf(stop_words=english)").fit(List.of("the and of", "it is")));
        assertTrue(stop.getMessage().contains("empty vocabulary"), stop.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> PipelineSpec.parse("tfidf+svd(50)").fit(corpus(100, 4)));
        assertTrue(wide.getMessage().contains("below the number of features"), wide.getMessage());
        try (PipelineEmbedder e = new PipelineEmbedder(PipelineSpec.parse("tfidf+svd(3)"), null)) {
            UnsupportedOperationException online = assertThrows(UnsupportedOperationException.class,
                    () -> e.partialFit(corpus(10, 5)));
            assertTrue(online.getMessage().contains("hashing"), online.getMessage());
        }
    }
}
