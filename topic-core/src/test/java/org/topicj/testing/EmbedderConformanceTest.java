package org.topicj.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * What every embedding backend must do, whatever its model: extend this class in the backend's
 * tests and return a (small, offline) embedder from {@link #createEmbedder()}.
 *
 * <p>Checks: metadata, one row per text in input order, batching does not change a row, empty
 * input, single words and the empty string, unit norm when claimed, determinism, concurrent
 * callers, idempotent close, refusal after close, and a close from another thread that waits for the
 * call in flight instead of freeing the model under it.
 */
public abstract class EmbedderConformanceTest {
    /** Sentences of varied length for the tests; override to suit a backend. */
    protected static final List<String> TEXTS = List.of(
            "The package provides a library for parsing XML documents.",
            "Fonts for the desktop",
            "A command-line tool to synchronise files between two machines over SSH, with resumable transfers.",
            "kernel",
            "Bibliothèque de traitement d'images — ünïcödé and emoji 🙂",
            "Documentation for the Python bindings of the GNOME desktop libraries.");

    private Embedder embedder;

    /** @return a new embedder under test; closed by the suite */
    protected abstract Embedder createEmbedder();

    /** @return tolerance for values that should be equal (batching, threads, repeats) */
    protected double tolerance() {
        return 1e-5;
    }

    @BeforeEach
    void open() {
        embedder = createEmbedder();
    }

    @AfterEach
    void closeEmbedder() {
        embedder.close();
    }

    /** @return the embedder of the current test */
    protected Embedder embedder() {
        return embedder;
    }

    @Test
    void reportsMetadata() {
        assertTrue(embedder.dimension() > 0, "dimension must be positive");
        assertFalse(embedder.modelId().isBlank(), "model id must not be blank");
    }

    @Test
    void returnsOneRowPerTextInOrder() {
        Matrix all = embedder.embed(TEXTS);
        assertEquals(TEXTS.size(), all.rows());
        assertEquals(embedder.dimension(), all.cols());
        assertTrue(all.isFinite(), "embeddings must be finite");
        for (int i = 0; i < TEXTS.size(); i++) {
            Matrix single = embedder.embed(List.of(TEXTS.get(i)));
            assertRowsClose(all.toDense(), i, single.toDense(), 0, "text " + i + " embedded alone vs in a batch");
        }
    }

    @Test
    void emptyInputGivesEmptyMatrix() {
        Matrix m = embedder.embed(List.of());
        assertEquals(0, m.rows());
        assertEquals(embedder.dimension(), m.cols());
    }

    @Test
    void copesWithSingleWordsAndEmptyString() {
        List<String> words = List.of("linux", "", " ", "x", "topic");
        Matrix m = embedder.embedWords(words);
        assertEquals(words.size(), m.rows());
        assertTrue(m.isFinite());
    }

    @Test
    void normalisedWhenItSaysSo() {
        if (!embedder.normalized()) {
            return;
        }
        DenseMatrix m = embedder.embed(TEXTS).toDense();
        for (int i = 0; i < m.rows(); i++) {
            double norm = norm(m.row(i));
            assertTrue(Math.abs(norm - 1) < 1e-3 || norm == 0, "row " + i + " has norm " + norm);
        }
    }

    @Test
    void rejectsNullText() {
        List<String> withNull = Arrays.asList("a", null);
        assertThrows(RuntimeException.class, () -> embedder.embed(withNull));
    }

    @Test
    void deterministic() {
        DenseMatrix a = embedder.embed(TEXTS).toDense();
        DenseMatrix b = embedder.embed(TEXTS).toDense();
        for (int i = 0; i < a.rows(); i++) {
            assertRowsClose(a, i, b, i, "repeat of text " + i);
        }
    }

    @Test
    void safeForConcurrentCallers() throws Exception {
        DenseMatrix expected = embedder.embed(TEXTS).toDense();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Matrix>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> embedder.embed(TEXTS)));
            }
            for (Future<Matrix> f : futures) {
                DenseMatrix got = f.get().toDense();
                for (int i = 0; i < got.rows(); i++) {
                    assertRowsClose(expected, i, got, i, "concurrent call, text " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeIsIdempotentAndFinal() {
        Embedder e = createEmbedder();
        e.close();
        e.close();
        assertThrows(IllegalStateException.class, () -> e.embed(List.of("after close")));
    }

    @Test
    void closeDuringEmbedWaitsForTheCall() throws Exception {
        Embedder e = createEmbedder();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ProgressListener holdInside = (task, done, total) -> {
            inside.countDown();
            try {
                resume.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Matrix> call = pool.submit(() -> e.embed(TEXTS, holdInside));
            if (!inside.await(20, TimeUnit.SECONDS)) {
                resume.countDown();
                call.get(60, TimeUnit.SECONDS);
                e.close();
                Assumptions.assumeTrue(false, "the embedder reports no progress inside its call, so the test cannot hold a call open");
            }
            Future<?> closing = pool.submit(e::close);
            Thread.sleep(300);
            assertFalse(closing.isDone(), "close() returned while an embedding call was still running: it must wait for it");
            resume.countDown();
            Matrix m = call.get(60, TimeUnit.SECONDS);
            assertEquals(TEXTS.size(), m.rows(), "the call in flight completes");
            assertTrue(m.isFinite(), "the call in flight completes with finite vectors");
            closing.get(60, TimeUnit.SECONDS);
            assertThrows(IllegalStateException.class, () -> e.embed(List.of("after close")));
        } finally {
            resume.countDown();
            pool.shutdownNow();
            e.close();
        }
    }

    private void assertRowsClose(DenseMatrix a, int i, DenseMatrix b, int j, String what) {
        float[] x = a.row(i);
        float[] y = b.row(j);
        double maxDiff = 0;
        for (int k = 0; k < x.length; k++) {
            maxDiff = Math.max(maxDiff, Math.abs(x[k] - y[k]));
        }
        assertTrue(maxDiff <= tolerance(), what + ": values differ by up to " + maxDiff);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
