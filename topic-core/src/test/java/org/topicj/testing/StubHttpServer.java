package org.topicj.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server on 127.0.0.1 for testing remote backends against their real wire format: each
 * request's path, headers and JSON body are recorded, and a handler decides the reply.
 */
public final class StubHttpServer implements AutoCloseable {
    /** A recorded request. @param path the path @param headers lower-cased names @param body parsed JSON */
    public record Request(String path, Map<String, List<String>> headers, JsonNode body) {
    }

    /** A reply. @param status HTTP status @param headers extra headers @param body JSON text @param delayMs pause before answering */
    public record Reply(int status, Map<String, String> headers, String body, long delayMs) {
        /** @param body JSON @return a 200 reply */
        public static Reply ok(String body) {
            return new Reply(200, Map.of(), body, 0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param handler answers each request */
    public StubHttpServer(Function<Request, Reply> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            Request request = new Request(exchange.getRequestURI().getPath(), headers,
                    in.length == 0 ? null : JSON.readTree(new String(in, StandardCharsets.UTF_8)));
            requests.add(request);
            Reply reply = handler.apply(request);
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            try {
                exchange.sendResponseHeaders(reply.status(), out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (IOException clientGone) {
                // the client timed out and closed the connection
            }
        });
        server.start();
    }

    /** @return the base URL, e.g. http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the requests so far */
    public List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
