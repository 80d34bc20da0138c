package org.topicj.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible embeddings server on 127.0.0.1 that fails like real ones: at a seeded rate it
 * answers 429 (with or without Retry-After), 500 or 503 before embedding anything, hangs past the
 * client's timeout, or embeds the batch and then cuts the body mid-way or answers with the wrong
 * number of vectors or the wrong dimension. Every vector is a pure function of its text
 * ({@link #vector}), so a test can check each one; it counts how often each text was embedded
 * ("delivered") and which requests failed after delivery. It stops by itself after
 * {@code lifetimeSeconds}.
 *
 * <p>Thread-safety: safe.
 */
public final class FaultyEmbeddingServer implements AutoCloseable {
    /** What the server does with one request. */
    public enum Fault {
        /** Embeds and answers correctly. */
        NONE(false),
        /** 429 with Retry-After: 0.05 (seconds). */
        RATE_LIMITED_RETRY_AFTER(false),
        /** 429 without Retry-After. */
        RATE_LIMITED(false),
        /** 500. */
        SERVER_ERROR(false),
        /** 503. */
        UNAVAILABLE(false),
        /** Waits past the client's timeout before anything. */
        HANG(false),
        /** Embeds, then sends half the body and closes the connection. */
        CUT_MID_BODY(true),
        /** Embeds, then answers one vector fewer than asked. */
        WRONG_COUNT(true),
        /** Embeds, then answers vectors one value short. */
        WRONG_DIMENSION(true);

        final boolean afterDelivery;

        Fault(boolean afterDelivery) {
            this.afterDelivery = afterDelivery;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final SplittableRandom faults;
    private final double faultRate;
    private final long hangMillis;
    private final int dimension;
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lostAfterDelivery = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread stopper;

    /**
     * @param dimension vector size
     * @param faultRate share of requests that fail, in [0, 1)
     * @param seed seeds which requests fail and how
     * @param hangMillis how long a hang lasts (more than the client's timeout)
     * @param lifetimeSeconds the server stops after this long, whatever the test does
     * @throws IOException if it cannot bind
     */
    public FaultyEmbeddingServer(int dimension, double faultRate, long seed, long hangMillis, int lifetimeSeconds) throws IOException {
        this.dimension = dimension;
        this.faultRate = faultRate;
        this.faults = new SplittableRandom(seed);
        this.hangMillis = hangMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        stopper = new Thread(() -> {
            try {
                Thread.sleep(lifetimeSeconds * 1000L);
                close();
            } catch (InterruptedException stoppedEarlier) {
                Thread.currentThread().interrupt();
            }
        }, "faulty-server-lifetime");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** @return the base URL of the OpenAI-style API, e.g. http://127.0.0.1:PORT/v1 */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /**
     * @param text a text
     * @param dimension vector size
     * @return the vector the server gives it: deterministic, from the text's hash
     */
    public static float[] vector(String text, int dimension) {
        SplittableRandom r = new SplittableRandom(text.hashCode() * 0x9E3779B97F4A7C15L + text.length());
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) r.nextGaussian();
        }
        return v;
    }

    /** @return how many times each text was embedded */
    public Map<String, AtomicInteger> deliveries() {
        return delivered;
    }

    /** @return for each text, how many of its deliveries were lost by a failure after embedding */
    public Map<String, AtomicInteger> lostDeliveries() {
        return lostAfterDelivery;
    }

    /** @return faults injected, by kind */
    public Map<Fault, AtomicInteger> injected() {
        return injected;
    }

    /** @return requests received */
    public int requests() {
        return requests.get();
    }

    private synchronized Fault next() {
        if (faults.nextDouble() >= faultRate) {
            return Fault.NONE;
        }
        Fault[] kinds = Fault.values();
        return kinds[1 + faults.nextInt(kinds.length - 1)];
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            reply(exchange, 400, "{\"error\":{\"message\":\"bad json\"}}", Map.of());
            return;
        }
        List<String> texts = new ArrayList<>();
        body.path("input").forEach(t -> texts.add(t.asText()));
        Fault fault = next();
        injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
        switch (fault) {
            case RATE_LIMITED_RETRY_AFTER -> reply(exchange, 429, error("rate limited"), Map.of("Retry-After", "0.05"));
            case RATE_LIMITED -> reply(exchange, 429, error("rate limited"), Map.of());
            case SERVER_ERROR -> reply(exchange, 500, error("internal error"), Map.of());
            case UNAVAILABLE -> reply(exchange, 503, error("unavailable"), Map.of());
            case HANG -> {
                sleep(hangMillis);
                reply(exchange, 503, error("too late"), Map.of());
            }
            default -> answer(exchange, texts, fault);
        }
    }

    private void answer(HttpExchange exchange, List<String> texts, Fault fault) throws IOException {
        for (String t : texts) {
            delivered.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
            if (fault.afterDelivery) {
                lostAfterDelivery.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
            }
        }
        int count = fault == Fault.WRONG_COUNT ? Math.max(0, texts.size() - 1) : texts.size();
        int dim = fault == Fault.WRONG_DIMENSION ? dimension - 1 : dimension;
        StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < count; i++) {
            float[] v = vector(texts.get(i), dimension);
            sb.append(i > 0 ? "," : "").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
            for (int j = 0; j < dim; j++) {
                sb.append(j > 0 ? "," : "").append(v[j]);
            }
            sb.append("]}");
        }
        sb.append("],\"model\":\"stub\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
        byte[] out = sb.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, out.length);
            OutputStream os = exchange.getResponseBody();
            if (fault == Fault.CUT_MID_BODY) {
                os.write(out, 0, out.length / 2);
                os.flush();
                exchange.close();
                return;
            }
            os.write(out);
            os.close();
        } catch (IOException clientGone) {
            // the client gave up first
        }
    }

    private static String error(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"stub\"}}";
    }

    private static void reply(HttpExchange exchange, int status, String body, Map<String, String> headers) {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        try {
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        stopper.interrupt();
    }

    /**
     * Runs the server as its own process (for CLI tests that kill the client): prints the base URL on
     * the first line, then serves until killed or its lifetime ends.
     *
     * @param args dimension, fault rate, seed, hang ms, lifetime s
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        FaultyEmbeddingServer s = new FaultyEmbeddingServer(Integer.parseInt(args[0]), Double.parseDouble(args[1]),
                Long.parseLong(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]));
        System.out.println(s.baseUrl());
        System.out.flush();
        Thread.sleep(Integer.parseInt(args[4]) * 1000L);
    }
}
