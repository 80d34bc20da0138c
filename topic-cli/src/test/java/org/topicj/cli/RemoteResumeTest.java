package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.testing.FaultyEmbeddingServer;

/**
 * The CLI against a flaky OpenAI-compatible server, as a user runs it: killed half-way, the output
 * is not written but what was paid for is in the default cache, and the rerun sends only what the
 * cache lacks; the API key appears in no output, log, cache or saved file.
 */
class RemoteResumeTest {
    private static final String KEY = "sk-resume-test-secret-4711";
    private static final int DIM = 8;
    private static final int TEXTS = 2000;

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesFromTheCacheAndTheKeyLeaksNowhere() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++) {
            texts.add("ticket " + i + " printer " + (i % 13) + " error code " + Integer.toHexString(i * 31337));
        }
        Path input = Files.write(dir.resolve("tickets.txt"), texts);
        Path output = dir.resolve("tickets.npy");
        try (FaultyEmbeddingServer server = new FaultyEmbeddingServer(DIM, 0.3, 7L, 4000, 600)) {
            List<String> command = command(server, input, output);
            Process first = start(command, dir.resolve("first.log"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (server.deliveries().size() < TEXTS / 2 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(first.isAlive(), "the first run is still going half-way: " + Files.readString(dir.resolve("first.log")));
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertFalse(Files.exists(output), "a killed run writes no output");
            Path cache = dir.resolve(BackendOptions.DEFAULT_CACHE);
            long cached = countFiles(cache);
            assertTrue(cached > 0 && cached < TEXTS, cached + " texts cached by the killed run");

            Map<String, Integer> before = new HashMap<>();
            server.deliveries().forEach((t, n) -> before.put(t, n.get()));
            Map<String, Integer> lostBefore = new HashMap<>();
            server.lostDeliveries().forEach((t, n) -> lostBefore.put(t, n.get()));
            Process second = start(command, dir.resolve("second.log"));
            assertTrue(second.waitFor(300, TimeUnit.SECONDS), "the rerun finishes");
            assertEquals(0, second.exitValue(), Files.readString(dir.resolve("second.log")));

            DenseMatrix vectors = Npy.readMatrix(output);
            for (int i = 0; i < TEXTS; i++) {
                assertArrayEquals(FaultyEmbeddingServer.vector(texts.get(i), DIM), vectors.row(i), 0f, "text " + i);
            }
            int requestedAgain = 0;
            for (String t : texts) {
                int now = server.deliveries().get(t).get();
                int lostNow = server.lostDeliveries().containsKey(t) ? server.lostDeliveries().get(t).get() : 0;
                // Deliveries of this text in the rerun that were answered (not lost to a fault after embedding).
                int answered = (now - before.getOrDefault(t, 0)) - (lostNow - lostBefore.getOrDefault(t, 0));
                requestedAgain += answered > 0 ? 1 : 0;
            }
            assertEquals(TEXTS - cached, requestedAgain, "the rerun asks only for the texts the cache lacks");
            System.out.printf("killed after %d of %d texts were cached; the rerun requested %d; server faults %s%n", cached, TEXTS,
                    requestedAgain, server.injected());

            List<String> fit = new ArrayList<>(command);
            int at = fit.indexOf("embed");
            fit.set(at, "fit");
            fit.set(fit.size() - 1, dir.resolve("topics").toString());
            Process third = start(fit, dir.resolve("fit.log"));
            assertTrue(third.waitFor(300, TimeUnit.SECONDS), "fit finishes");
            assertEquals(0, third.exitValue(), Files.readString(dir.resolve("fit.log")));
            assertTrue(Files.isRegularFile(dir.resolve("topics/model/topicj-model.json")), "a saved model to scan");
            for (Path p : everyFile()) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(KEY), "the API key reached " + p);
            }
        }
    }

    private List<String> command(FaultyEmbeddingServer server, Path input, Path output) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TopicjCommand.class.getName(), "--verbose", "embed",
                "--embedder", "openai:stub-model"));
        for (String o : List.of("base_url=" + server.baseUrl(), "dimension=" + DIM, "batch_size=25", "max_retries=20",
                "backoff_ms=5", "max_backoff_ms=80", "timeout_s=3", "max_in_flight=2")) {
            c.add("--option");
            c.add(o);
        }
        c.addAll(List.of("--input", input.toString(), "--output", output.toString()));
        return c;
    }

    private Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPENAI_API_KEY", KEY);
        return pb.start();
    }

    private static long countFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".f32")).count();
        }
    }

    private List<Path> everyFile() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
