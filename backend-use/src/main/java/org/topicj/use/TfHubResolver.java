package org.topicj.use;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.ModelNotFoundException;
import org.topicj.io.ModelFiles;

/**
 * Turns the model part of a {@code use:} key into a SavedModel folder, the way {@code tensorflow_hub}
 * does, so a model that Python already fetched is found offline:
 * <ol>
 *   <li>a folder path (it must hold {@code saved_model.pb});</li>
 *   <li>a handle URL ({@code https://tfhub.dev/google/universal-sentence-encoder/4}, a Kaggle model URL)
 *       or a short name ({@code universal-sentence-encoder-4}, see {@link #handleFor(String)}), looked up in
 *       the TF Hub cache: {@code cache_dir} option, else {@code TFHUB_CACHE_DIR}, else
 *       {@code java.io.tmpdir/tfhub_modules}; the folder is the SHA-1 of the handle, as tensorflow_hub names it;</li>
 *   <li>only with {@code allow_download=true}: {@code HANDLE?tf-hub-format=compressed} fetched over HTTP(S),
 *       unpacked into that cache folder (entries that would land outside it are refused), then used.</li>
 * </ol>
 *
 * <p>Thread-safety: immutable; two processes downloading the same handle each unpack into a private
 * folder and the first to finish wins.
 */
final class TfHubResolver {
    private static final Logger LOG = LoggerFactory.getLogger(TfHubResolver.class);
    private static final Pattern SHORT_NAME = Pattern.compile(
            "universal-sentence-encoder(|-large|-multilingual|-multilingual-large|-qa)[-/](\\d+)");

    private final Function<String, String> env;
    private final Path cacheDirOption;

    /**
     * @param env environment lookup ({@code System::getenv} in production)
     * @param cacheDirOption the {@code cache_dir} option, or {@code null}
     */
    TfHubResolver(Function<String, String> env, Path cacheDirOption) {
        this.env = env;
        this.cacheDirOption = cacheDirOption;
    }

    /** @return true if {@code model} is a name this backend maps to a TF Hub handle */
    static boolean isShortName(String model) {
        return SHORT_NAME.matcher(model.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * The TF Hub handle for a model part: URLs as given, short names such as
     * {@code universal-sentence-encoder-large-5} mapped to {@code https://tfhub.dev/google/universal-sentence-encoder-large/5}.
     *
     * @param model the model part of the key
     * @return the handle, or empty if the model is neither
     */
    static Optional<String> handleFor(String model) {
        if (model.startsWith("http://") || model.startsWith("https://")) {
            return Optional.of(model);
        }
        Matcher m = SHORT_NAME.matcher(model.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            return Optional.of("https://tfhub.dev/google/universal-sentence-encoder" + m.group(1) + "/" + m.group(2));
        }
        return Optional.empty();
    }

    /** @return the TF Hub cache folder this resolver reads and fills */
    Path cacheDir() {
        if (cacheDirOption != null) {
            return cacheDirOption;
        }
        String fromEnv = env.apply("TFHUB_CACHE_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip());
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tfhub_modules");
    }

    /** @return the cache folder tensorflow_hub uses for a handle: the SHA-1 hex of its UTF-8 bytes */
    Path moduleDir(String handle) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(handle.getBytes(StandardCharsets.UTF_8));
            return cacheDir().resolve(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }

    /**
     * Finds (or, when allowed, fetches) the SavedModel folder for a model part.
     *
     * @param model the model part of the key
     * @param allowDownload whether a missing handle may be fetched
     * @return a folder holding {@code saved_model.pb}
     */
    Path resolve(String model, boolean allowDownload) {
        Optional<String> handle = handleFor(model);
        if (handle.isEmpty()) {
            return checkedFolder(Path.of(model.startsWith("~/") ? System.getProperty("user.home") + model.substring(1) : model), model);
        }
        Path dir = moduleDir(handle.get());
        if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            return dir;
        }
        if (!allowDownload) {
            throw new ModelNotFoundException("SavedModel '" + model + "' is not in the TF Hub cache (looked in " + dir
                    + " for handle " + handle.get() + "). Fetch it once with Python (tensorflow_hub.load('" + handle.get()
                    + "') with TFHUB_CACHE_DIR set), set TFHUB_CACHE_DIR or the option cache_dir to where it is, give the "
                    + "SavedModel folder as use:/path/to/folder, or allow a download with the option allow_download=true");
        }
        return download(handle.get(), dir);
    }

    private static Path checkedFolder(Path folder, String model) {
        if (!Files.isDirectory(folder)) {
            throw new ModelNotFoundException("SavedModel folder '" + model + "' does not exist; give a folder "
                    + "that holds saved_model.pb, a TF Hub URL (use:https://tfhub.dev/google/universal-sentence-encoder/4) "
                    + "or a name such as universal-sentence-encoder-4");
        }
        if (!Files.isRegularFile(folder.resolve("saved_model.pb"))) {
            throw new BackendInitializationException("folder '" + model + "' holds no saved_model.pb, so it is not a "
                    + "TensorFlow SavedModel; give the folder that tf.saved_model.save or TF Hub produced");
        }
        return folder;
    }

    private Path download(String handle, Path dir) {
        URI uri = URI.create(handle + (handle.contains("?") ? "&" : "?") + "tf-hub-format=compressed");
        Path cache = dir.getParent();
        Path staging = null;
        try {
            Files.createDirectories(cache);
            staging = Files.createTempDirectory(cache, dir.getFileName() + ".download-");
            LOG.info("downloading SavedModel {} into {}", handle, dir);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new BackendInitializationException("downloading SavedModel " + handle + " failed: HTTP "
                            + response.statusCode() + " from " + uri.getHost() + "; check the handle, or fetch it with "
                            + "Python and point TFHUB_CACHE_DIR at the cache");
                }
                untar(body, staging, handle);
            }
            checkedFolder(staging, handle);
            publish(staging, dir);
            Files.writeString(cache.resolve(dir.getFileName() + ".descriptor.txt"),
                    "Module: " + handle + "\nDownloaded by: TopicJ backend-use\n", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new BackendInitializationException("downloading SavedModel " + handle + " into " + dir + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendInitializationException("downloading SavedModel " + handle + " was interrupted", e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Unpacks a .tar.gz stream into {@code target}, refusing links and entries that escape it. */
    static void untar(InputStream gzipped, Path target, String what) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(gzipped)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("archive of " + what + " has an entry outside its folder: '" + entry.getName() + "'");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new IOException("archive of " + what + " holds a link ('" + entry.getName() + "'), which a "
                            + "SavedModel never needs; refusing it");
                }
            }
        }
    }

    private static void publish(Path staging, Path dir) throws IOException {
        try {
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            // Another process finished first; its copy is as good as ours.
            LOG.debug("{} appeared while downloading; keeping it", dir);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            ModelFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }
}
