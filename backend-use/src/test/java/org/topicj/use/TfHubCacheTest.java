package org.topicj.use;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;

/** Finding SavedModels where tensorflow_hub keeps them, and fetching them from a local stub when allowed. */
class TfHubCacheTest {
    static final UseFixture FIXTURE = new UseFixture(3);
    static final String USE4 = "https://tfhub.dev/google/universal-sentence-encoder/4";

    @TempDir
    static Path tmp;
    static Path exported;

    @BeforeAll
    static void export() throws IOException {
        exported = tmp.resolve("exported");
        FIXTURE.export(exported);
    }

    @Test
    void shortNamesMapToTfHubHandles() {
        assertEquals(USE4, TfHubResolver.handleFor("universal-sentence-encoder-4").orElseThrow());
        assertEquals("https://tfhub.dev/google/universal-sentence-encoder-large/5",
                TfHubResolver.handleFor("universal-sentence-encoder-large-5").orElseThrow());
        assertEquals("https://tfhub.dev/google/universal-sentence-encoder-multilingual/3",
                TfHubResolver.handleFor("universal-sentence-encoder-multilingual/3").orElseThrow());
        assertTrue(TfHubResolver.handleFor("/models/use").isEmpty());
        UseEmbedderProvider p = new UseEmbedderProvider();
        assertTrue(p.claims("universal-sentence-encoder-4"));
        assertFalse(p.claims("all-MiniLM-L6-v2"));
        assertEquals(512, p.dimension("universal-sentence-encoder-large-5").getAsInt());
    }

    @Test
    void cacheFolderIsTheSha1OfTheHandleAsTensorflowHubNamesIt() {
        TfHubResolver r = new TfHubResolver(Map.of("TFHUB_CACHE_DIR", "/data/hub")::get, null);
        // The folder Python's tensorflow_hub creates for USE v4.
        assertEquals(Path.of("/data/hub/063d866c06683311b44b4992fd46003be952409c"), r.moduleDir(USE4));
        TfHubResolver fallback = new TfHubResolver(k -> null, null);
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "tfhub_modules"), fallback.cacheDir());
    }

    @Test
    void aBareNameOpensTheModelFromTheCache() throws IOException {
        Path cache = tmp.resolve("cache-hit");
        copyTree(exported, cache.resolve("063d866c06683311b44b4992fd46003be952409c"));
        try (Embedder e = Embedders.open("universal-sentence-encoder-4", Map.of("cache_dir", cache.toString()))) {
            assertEquals("universal-sentence-encoder-4", e.modelId());
            assertArrayEquals(FIXTURE.expected("hello world"), e.embed(List.of("hello world")).toDense().row(0), 1e-6f);
        }
    }

    @Test
    void aMissingHandleFailsOfflineWithWhatToDo() {
        Path cache = tmp.resolve("cache-miss");
        var e = assertThrows(BackendInitializationException.class,
                () -> Embedders.open("use:" + USE4, Map.of("cache_dir", cache.toString())));
        assertTrue(e.getMessage().contains("not in the TF Hub cache"), e.getMessage());
        assertTrue(e.getMessage().contains("allow_download=true"), e.getMessage());
        assertFalse(Files.exists(cache), "nothing is written without allow_download");
    }

    @Test
    void downloadsTheCompressedArchiveOnceWhenAllowed() throws IOException {
        byte[] archive = tarGz(exported, false);
        List<String> requests = new CopyOnWriteArrayList<>();
        Path cache = tmp.resolve("cache-download");
        String handle;
        HttpServer server = serve(archive, requests);
        try {
            handle = "http://127.0.0.1:" + server.getAddress().getPort() + "/google/universal-sentence-encoder/4";
            try (Embedder e = Embedders.open("use:" + handle, Map.of("cache_dir", cache.toString(), "allow_download", "true"))) {
                assertArrayEquals(FIXTURE.expected("quick fox"), e.embed(List.of("quick fox")).toDense().row(0), 1e-6f);
            }
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("/google/universal-sentence-encoder/4?tf-hub-format=compressed"), requests);
        Path dir = new TfHubResolver(k -> null, cache).moduleDir(handle);
        assertTrue(Files.isRegularFile(dir.resolve("saved_model.pb")));
        assertTrue(Files.readString(cache.resolve(dir.getFileName() + ".descriptor.txt")).contains(handle));
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(2, left.count(), "only the model folder and its descriptor remain");
        }
        // Offline now: the server is gone and the cache answers.
        try (Embedder e = Embedders.open("use:" + handle, Map.of("cache_dir", cache.toString()))) {
            assertEquals(UseFixture.DIM, e.dimension());
        }
    }

    @Test
    void archivesThatEscapeTheirFolderOrAreNotFoundAreRefused() throws IOException {
        Path cache = tmp.resolve("cache-evil");
        HttpServer server = serve(tarGz(exported, true), new CopyOnWriteArrayList<>());
        try {
            String handle = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil/1";
            var e = assertThrows(BackendInitializationException.class, () -> Embedders.open("use:" + handle,
                    Map.of("cache_dir", cache.toString(), "allow_download", "true")));
            assertTrue(e.getMessage().contains("entry outside its folder"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("escaped.txt")));
            var notFound = assertThrows(BackendInitializationException.class, () -> Embedders.open("use:" + handle
                    .replace("/evil/1", "/missing/1"), Map.of("cache_dir", cache.toString(), "allow_download", "true")));
            assertTrue(notFound.getMessage().contains("HTTP 404"), notFound.getMessage());
        } finally {
            server.stop(0);
        }
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(0, left.count(), "failed downloads leave nothing behind");
        }
    }

    private static HttpServer serve(byte[] archive, List<String> requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            boolean known = !exchange.getRequestURI().getPath().startsWith("/missing");
            byte[] body = known ? archive : "not found".getBytes();
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** A .tar.gz of a folder's files, as TF Hub serves with {@code tf-hub-format=compressed}; optionally with a hostile entry. */
    private static byte[] tarGz(Path folder, boolean withEscape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
             Stream<Path> files = Files.walk(folder)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            if (withEscape) {
                byte[] evil = "gotcha".getBytes();
                TarArchiveEntry entry = new TarArchiveEntry("../escaped.txt");
                entry.setSize(evil.length);
                tar.putArchiveEntry(entry);
                tar.write(evil);
                tar.closeArchiveEntry();
            }
            for (Path p : files.sorted().toList()) {
                String name = "./" + folder.relativize(p).toString().replace('\\', '/');
                if (p.equals(folder)) {
                    continue;
                }
                TarArchiveEntry entry = new TarArchiveEntry(p.toFile(), name);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(p)) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
