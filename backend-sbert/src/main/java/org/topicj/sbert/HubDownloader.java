package org.topicj.sbert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.BackendInitializationException;
import org.topicj.io.ModelFiles;

/**
 * Fetches a sentence-transformers model's ONNX export from the Hugging Face Hub into the local
 * Hugging Face cache, only when the caller allows it (option {@code allow_download=true}). Honours
 * {@code HF_ENDPOINT} (mirrors, private hubs) and {@code HF_TOKEN} (sent as a bearer token, never
 * logged). Files land in {@code models--ORG--NAME/snapshots/COMMIT/} with {@code refs/REVISION}
 * pointing at the commit, where {@link ModelLocator} finds them next time, offline.
 */
final class HubDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(HubDownloader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();

    HubDownloader(Function<String, String> env) {
        this.env = env;
    }

    String endpoint() {
        String e = env.apply("HF_ENDPOINT");
        return (e == null || e.isBlank() ? "https://huggingface.co" : e.strip()).replaceAll("/+$", "");
    }

    /** Downloads the files a sentence-transformers ONNX model needs; returns the snapshot folder. */
    Path download(String repoId, String revision, Path cache, String onnxFile) {
        Path repo = cache.resolve("models--" + repoId.replace("/", "--"));
        Path staging;
        try {
            Files.createDirectories(repo);
            staging = Files.createTempDirectory(repo, ".download-");
        } catch (IOException e) {
            throw new BackendInitializationException("cannot create the Hugging Face cache folder " + repo + ": " + e.getMessage(), e);
        }
        try {
            String commit = fetch(repoId, revision, "tokenizer.json", staging, true).orElseThrow();
            Optional<String> modules = fetch(repoId, revision, "modules.json", staging, false);
            fetch(repoId, revision, "sentence_bert_config.json", staging, false);
            if (modules.isPresent()) {
                for (String path : modulePaths(staging.resolve("modules.json"))) {
                    fetch(repoId, revision, path + "/config.json", staging, false);
                    if (path.contains("Dense")) {
                        fetch(repoId, revision, path + "/model.safetensors", staging, true);
                    }
                }
            }
            List<String> graphs = onnxFile != null ? List.of(onnxFile) : List.of("onnx/model.onnx", "model.onnx");
            boolean found = false;
            for (String g : graphs) {
                if (fetch(repoId, revision, g, staging, false).isPresent()) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new BackendInitializationException("Hugging Face repository '" + repoId + "' has no ONNX graph at "
                        + graphs + " (" + endpoint() + "); export one with 'optimum-cli export onnx --model " + repoId + " DIR' "
                        + "and pass the folder; or, with its safetensors weights in the Hugging Face cache ('huggingface-cli "
                        + "download " + repoId + "'), run it without ONNX: add org.topicj:backend-hf and use the key 'hf:"
                        + repoId + "'");
            }
            Path snapshot = repo.resolve("snapshots").resolve(commit);
            Files.createDirectories(snapshot.getParent());
            if (Files.exists(snapshot)) {
                ModelFiles.deleteTree(staging);
            } else {
                Files.move(staging, snapshot, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.createDirectories(repo.resolve("refs"));
            Files.writeString(repo.resolve("refs").resolve(revision), commit, StandardCharsets.UTF_8);
            LOG.info("downloaded '{}' ({}) from {} into {}", repoId, commit, endpoint(), snapshot);
            return snapshot;
        } catch (IOException e) {
            throw new BackendInitializationException("downloading '" + repoId + "' from " + endpoint() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendInitializationException("download of '" + repoId + "' interrupted", e);
        } finally {
            try {
                ModelFiles.deleteTree(staging);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** GETs one file into {@code into}; returns the repository commit, or empty on 404 when not required. */
    private Optional<String> fetch(String repoId, String revision, String path, Path into, boolean required)
            throws IOException, InterruptedException {
        URI uri = URI.create(endpoint() + "/" + repoId + "/resolve/" + revision + "/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET();
        String token = env.apply("HF_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404 && !required) {
                return Optional.empty();
            }
            if (status == 401 || status == 403) {
                throw new BackendInitializationException(uri + " answered " + status + "; the repository may be private or "
                        + "gated: set HF_TOKEN");
            }
            if (status != 200) {
                throw new BackendInitializationException(uri + " answered HTTP " + status);
            }
            Path target = into.resolve(path);
            Files.createDirectories(target.getParent());
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(response.headers().firstValue("X-Repo-Commit").orElse(revision));
    }

    private static List<String> modulePaths(Path modulesJson) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode m : JSON.readTree(modulesJson.toFile())) {
            String path = m.path("path").asText("");
            if (!path.isEmpty()) {
                out.add(path);
            }
        }
        return out;
    }

}
