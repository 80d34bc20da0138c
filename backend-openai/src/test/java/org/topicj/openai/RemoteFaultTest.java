package org.topicj.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.spi.EmbedderSpec;
import org.topicj.testing.FaultyEmbeddingServer;

/**
 * 10,000 texts through an OpenAI-compatible server where 30% of requests fail (429 with and without
 * Retry-After, 500, 503, hangs past the timeout, bodies cut mid-way, wrong counts, wrong dimensions):
 * nothing is lost, no vector is wrong, and no text is sent again once its vector arrived.
 */
class RemoteFaultTest {
    private static final int DIM = 8;

    @Test
    void tenThousandTextsSurviveThirtyPercentFaults() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            texts.add("document " + i + " about topic " + (i % 37) + " and words " + Integer.toHexString(i * 7919));
        }
        run(texts.subList(0, 1000), 0.0, "warm-up");
        long clean = run(texts, 0.0, "fault-free");
        long faulty = run(texts, 0.3, "30% faults");
        System.out.printf("10,000 texts: fault-free %.1f s, with 30%% faults %.1f s (%.2fx)%n", clean / 1e9, faulty / 1e9,
                (double) faulty / clean);
    }

    private long run(List<String> texts, double rate, String what) throws Exception {
        try (FaultyEmbeddingServer server = new FaultyEmbeddingServer(DIM, rate, 20261202L, 6000, 900)) {
            Map<String, String> options = new HashMap<>(Map.of("base_url", server.baseUrl(), "dimension", Integer.toString(DIM),
                    "batch_size", "100", "max_retries", "12", "backoff_ms", "5", "max_backoff_ms", "80", "max_in_flight", "4",
                    "timeout_s", "5"));
            long start = System.nanoTime();
            DenseMatrix m;
            try (Embedder e = new OpenAiEmbedderProvider(name -> name.equals("OPENAI_API_KEY") ? "sk-fault-test" : null)
                    .open(new EmbedderSpec("openai:stub", "stub", options))) {
                m = e.embed(texts).toDense();
            }
            long took = System.nanoTime() - start;
            int maxDeliveries = 0;
            int deliveredTwice = 0;
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(FaultyEmbeddingServer.vector(texts.get(i), DIM), m.row(i), 0f, what + ": text " + i);
                int d = server.deliveries().get(texts.get(i)).get();
                AtomicInteger lost = server.lostDeliveries().get(texts.get(i));
                assertEquals(1 + (lost == null ? 0 : lost.get()), d,
                        what + ": text " + i + " is embedded once more only for each answer the server lost");
                maxDeliveries = Math.max(maxDeliveries, d);
                deliveredTwice += d > 1 ? 1 : 0;
            }
            if (rate > 0) {
                assertTrue(server.injected().size() > 5, "several kinds of fault were injected: " + server.injected());
            }
            System.out.printf("%s: %d requests, faults %s, texts re-delivered %d, most deliveries of one text %d%n", what,
                    server.requests(), server.injected(), deliveredTwice, maxDeliveries);
            return took;
        }
    }
}
