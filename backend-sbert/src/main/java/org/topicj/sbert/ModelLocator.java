package org.topicj.sbert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.ModelNotFoundException;
import org.topicj.spi.support.HuggingFaceCache;
import org.topicj.spi.support.SentenceTransformerModules;

/**
 * Finds a model where users already keep it, in this order: a folder path; a model bundled in a
 * jar on the class path; the Hugging Face cache ({@code HF_HUB_CACHE}, else {@code HF_HOME/hub},
 * else {@code XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}), in the
 * layout {@code models--ORG--NAME/snapshots/REVISION/}. Nothing is downloaded.
 *
 * <p>Thread-safety: immutable.
 */
final class ModelLocator {
    private final Function<String, String> env;
    private final ClassLoader loader;
    private final HuggingFaceCache cache;

    ModelLocator(Function<String, String> env, ClassLoader loader) {
        this.env = env;
        this.loader = loader;
        this.cache = new HuggingFaceCache(env);
    }

    ModelSource locate(String model, String revision, String onnxFile) {
        return locate(model, revision, onnxFile, false);
    }

    ModelSource locate(String model, String revision, String onnxFile, boolean allowDownload) {
        Optional<Path> folder = asFolder(model);
        if (folder.isPresent()) {
            return fromFolder(model, folder.get(), onnxFile, "folder " + folder.get());
        }
        Optional<BundledModel> bundled = BundledModel.find(model);
        if (bundled.isPresent() && bundled.get().graph(loader).exists() && onnxFile == null) {
            BundledModel b = bundled.get();
            return new ModelSource(b.id, b.graph(loader), b.tokenizer(loader), b.config(), "bundled in " + b.artifact);
        }
        List<Path> looked = new ArrayList<>();
        for (String repoId : cacheIds(model)) {
            looked.add(cache.repoFolder(repoId));
            Optional<Path> snapshot = cache.snapshot(repoId, revision);
            if (snapshot.isPresent()) {
                return fromFolder(repoId, snapshot.get(), onnxFile, "Hugging Face cache " + snapshot.get());
            }
        }
        if (allowDownload) {
            BackendInitializationException last = null;
            for (String repoId : cacheIds(model)) {
                try {
                    Path snapshot = new HubDownloader(env).download(repoId, revision == null ? "main" : revision, hubCache(), onnxFile);
                    return fromFolder(repoId, snapshot, onnxFile, "Hugging Face cache " + snapshot + " (downloaded)");
                } catch (BackendInitializationException e) {
                    last = e;
                }
            }
            throw last;
        }
        StringBuilder sb = new StringBuilder("sentence-transformers model '").append(model).append("' not found: ");
        bundled.ifPresent(b -> sb.append("it ships in ").append(b.artifact).append(", which is not on the class path (add it to ")
                .append("your dependencies); "));
        sb.append("not a folder, and not in the Hugging Face cache (looked for ").append(looked).append("). ")
                .append("Give a folder with tokenizer.json and model.onnx or onnx/model.onnx (e.g. from "
                        + "'optimum-cli export onnx --model ").append(model).append(" DIR'), set HF_HOME / HF_HUB_CACHE, "
                        + "or allow a download from the Hugging Face Hub (" + new HubDownloader(env).endpoint()
                        + ") with the option allow_download=true.");
        throw new ModelNotFoundException(sb.toString());
    }

    private static Optional<Path> asFolder(String model) {
        boolean pathLike = model.startsWith("/") || model.startsWith("./") || model.startsWith("../")
                || model.startsWith("~/") || model.startsWith(".\\") || model.matches("[A-Za-z]:[\\\\/].*");
        Path p = Path.of(model.startsWith("~/") ? System.getProperty("user.home") + model.substring(1) : model);
        if (Files.isDirectory(p)) {
            return Optional.of(p.toAbsolutePath().normalize());
        }
        if (pathLike) {
            throw new ModelNotFoundException("model folder " + p.toAbsolutePath() + " does not exist"
                    + (Files.isRegularFile(p) ? " (it is a file; give the folder that holds it with tokenizer.json)" : ""));
        }
        return Optional.empty();
    }

    /** Bare sentence-transformers ids live under the sentence-transformers organisation on the Hub. */
    private static List<String> cacheIds(String model) {
        return model.contains("/") ? List.of(model) : List.of("sentence-transformers/" + model, model);
    }

    /**
     * Models published without an ONNX export (most new ones) still have their safetensors
     * weights, which backend-hf runs without Python; say so, with the key to use.
     */
    static String safetensorsHint(String id, Path folder) {
        boolean safetensors = Files.isRegularFile(folder.resolve("model.safetensors"))
                || Files.isRegularFile(folder.resolve("model.safetensors.index.json"));
        return safetensors ? "; or run its safetensors weights without ONNX: add org.topicj:backend-hf to your "
                + "dependencies and use the key 'hf:" + id + "'" : "";
    }

    Path hubCache() {
        return cache.root();
    }

    private static ModelSource fromFolder(String id, Path folder, String onnxFile, String origin) {
        Path tokenizer = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new BackendInitializationException("model folder " + folder + " has no tokenizer.json; expected the "
                    + "Hugging Face fast-tokenizer file beside the ONNX graph (save it with tokenizer.save_pretrained)");
        }
        Path graph = onnxFile != null ? folder.resolve(onnxFile)
                : Files.isRegularFile(folder.resolve("model.onnx")) ? folder.resolve("model.onnx") : folder.resolve("onnx/model.onnx");
        if (!Files.isRegularFile(graph)) {
            throw new BackendInitializationException("model folder " + folder + " has no ONNX graph at "
                    + (onnxFile != null ? onnxFile : "model.onnx or onnx/model.onnx")
                    + "; export one with 'optimum-cli export onnx --model MODEL " + folder + "'"
                    + safetensorsHint(id, folder));
        }
        return new ModelSource(id, ModelBlob.of(graph), ModelBlob.of(tokenizer), SentenceTransformerModules.read(folder, 512), origin);
    }
}
