package org.topicj.spi.support.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.PartialEmbeddingException;
import org.topicj.embed.RemoteCallException;
import org.topicj.matrix.DenseMatrix;

/** The shared remote engine with an in-memory client: batching, order, retries, partial results, cache. */
class RemoteEmbedderTest {
    @TempDir
    Path dir;

    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    /** Each text becomes (length, first char code, 1). */
    private float[][] vectors(List<String> texts) {
        calls.add(texts);
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[] {texts.get(i).length(), texts.get(i).charAt(0), 1};
        }
        return out;
    }

    private RemoteEmbedder embedder(BatchClient client, RemoteOptions options) {
        return new RemoteEmbedder("stub", "model", 3, false, null, "model", client, options);
    }

    private static RemoteOptions fast(int batch) {
        return RemoteOptions.defaults(batch).withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @Test
    void splitsByCountAndTokensAndKeepsOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            texts.add("text number " + i);
        }
        texts.add("x".repeat(400)); // about 101 tokens: cannot join the last 3 short texts (12 tokens) under a 110-token budget
        DenseMatrix m = embedder(this::vectors, fast(5).withTokensPerBatch(110).withMaxInFlight(3)).embed(texts).toDense();
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i).length(), m.get(i, 0), "row " + i + " is text " + i);
        }
        assertTrue(calls.stream().allMatch(c -> c.size() <= 5), "at most 5 texts a batch");
        assertTrue(calls.stream().anyMatch(c -> c.size() == 1 && c.get(0).length() == 400), "the long text goes alone");
    }

    @Test
    void emptyTextsAreSentAsASpaceAndKeepTheirPlace() {
        DenseMatrix m = embedder(this::vectors, fast(10)).embed(List.of("a", "", "  ", "bb")).toDense();
        assertEquals(List.of("a", " ", " ", "bb"), calls.get(0));
        assertArrayEquals(new float[] {1, ' ', 1}, m.row(1));
        assertArrayEquals(new float[] {2, 'b', 1}, m.row(3));
    }

    @Test
    void rateLimitWithRetryAfterIsWaitedOut() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        DenseMatrix m = embedder(texts -> {
            if (attempts.getAndIncrement() == 0) {
                throw new RemoteCallException("rate limited", 429, Duration.ofMillis(300), null);
            }
            return vectors(texts);
        }, fast(10)).embed(List.of("a", "b")).toDense();
        assertEquals(2, attempts.get());
        assertTrue(System.nanoTime() - start >= 300_000_000L, "waited as Retry-After said");
        assertEquals(2, m.rows());
    }

    @Test
    void persistentServerErrorsKeepWhatIsDone() {
        AtomicInteger failures = new AtomicInteger();
        BatchClient client = texts -> {
            if (texts.contains("poison")) {
                failures.incrementAndGet();
                throw new RemoteCallException("server error", 500, null, null);
            }
            return vectors(texts);
        };
        List<String> texts = List.of("a", "b", "c", "poison", "d", "e");
        PartialEmbeddingException e = assertThrows(PartialEmbeddingException.class,
                () -> embedder(client, fast(2).withRetries(2, Duration.ofMillis(1), Duration.ofMillis(2)).withCache(dir)).embed(texts));
        assertEquals(3, failures.get(), "a first try and 2 retries");
        assertEquals(6, e.total());
        assertEquals(java.util.Set.of(0, 1, 4, 5), e.completed().keySet(), "every batch but the poisoned one is kept");
        assertTrue(e.getMessage().contains("4 of 6 texts are done"), e.getMessage());

        // The rerun sends only the two texts of the failed batch.
        calls.clear();
        DenseMatrix m = embedder(this::vectors, fast(2).withCache(dir)).embed(texts).toDense();
        assertEquals(List.of(List.of("c", "poison")), calls);
        assertEquals(6, m.rows());
    }

    @Test
    void clientErrorsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(PartialEmbeddingException.class, () -> embedder(texts -> {
            attempts.incrementAndGet();
            throw new RemoteCallException("bad request", 400, null, null);
        }, fast(10)).embed(List.of("a")));
        assertEquals(1, attempts.get());
    }

    @Test
    void retryAfterParsing() {
        assertEquals(Duration.ofMillis(1500), RemoteCallException.parseRetryAfter("1.5"));
        assertEquals(null, RemoteCallException.parseRetryAfter("soon"));
        assertTrue(RemoteCallException.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").isZero());
    }
}
