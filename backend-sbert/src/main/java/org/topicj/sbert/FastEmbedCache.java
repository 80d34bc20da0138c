package org.topicj.sbert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.topicj.embed.BackendInitializationException;
import org.topicj.spi.support.HuggingFaceCache;
import org.topicj.spi.support.SentenceTransformerModules;

/**
 * Finds a FastEmbed model where FastEmbed keeps it, as {@code fastembed/common/utils.py}
 * ({@code define_cache_dir}) and {@code model_management.py} ({@code download_model}) do: the cache
 * root is {@code cache_dir}, else {@code FASTEMBED_CACHE_PATH}, else {@code fastembed_cache} in the
 * system temporary folder (Python's {@code tempfile.gettempdir()}: {@code TMPDIR}, {@code TEMP},
 * {@code TMP}, else {@code /tmp}); inside it the Hugging Face layout
 * {@code models--ORG--NAME/snapshots/REV/} of the model's source repository, else the older tar
 * layout {@code fast-NAME/}. Nothing is downloaded.
 *
 * <p>Thread-safety: immutable.
 */
final class FastEmbedCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private FastEmbedCache(Path root) {
        this.root = root;
    }

    /**
     * @param cacheDir an explicit cache folder, or null
     * @param env the environment
     * @return the cache FastEmbed would use
     */
    static FastEmbedCache of(String cacheDir, Function<String, String> env) {
        if (cacheDir != null && !cacheDir.isBlank()) {
            return new FastEmbedCache(Path.of(cacheDir));
        }
        String configured = env.apply("FASTEMBED_CACHE_PATH");
        if (configured != null && !configured.isBlank()) {
            return new FastEmbedCache(Path.of(configured));
        }
        return new FastEmbedCache(Path.of(pythonTempDir(env), "fastembed_cache"));
    }

    private static String pythonTempDir(Function<String, String> env) {
        for (String name : List.of("TMPDIR", "TEMP", "TMP")) {
            String v = env.apply(name);
            if (v != null && !v.isBlank() && Files.isDirectory(Path.of(v))) {
                return v;
            }
        }
        return System.getProperty("java.io.tmpdir");
    }

    Path root() {
        return root;
    }

    /**
     * @param model the model's description
     * @param revision a branch, tag or commit of the Hugging Face layout (null: main)
     * @return the model's ONNX graph, tokenizer and FastEmbed's pooling for it
     */
    ModelSource locate(FastEmbedModel model, String revision) {
        HuggingFaceCache hf = new HuggingFaceCache(name -> "HF_HUB_CACHE".equals(name) ? root.toString() : null);
        List<Path> looked = new ArrayList<>();
        looked.add(hf.repoFolder(model.hfSource()));
        Optional<Path> folder = hf.snapshot(model.hfSource(), revision)
                .filter(p -> Files.isRegularFile(p.resolve(model.modelFile())));
        if (folder.isEmpty() && model.legacyFolder() != null) {
            Path legacy = root.resolve(model.legacyFolder());
            looked.add(legacy);
            folder = Optional.of(legacy).filter(p -> Files.isRegularFile(p.resolve(model.modelFile())));
        }
        if (folder.isEmpty()) {
            throw new BackendInitializationException("FastEmbed model '" + model.id() + "' not found in the FastEmbed cache "
                    + root + " (looked for " + model.modelFile() + " in " + looked + "). Download it once with Python's "
                    + "FastEmbed (TextEmbedding(\"" + model.id() + "\")), set FASTEMBED_CACHE_PATH or the option cache_dir "
                    + "to the cache that holds it, or give the folder with the option model_path");
        }
        return fromFolder(model, folder.get(), "FastEmbed cache " + folder.get());
    }

    /**
     * @param model the model's description
     * @param folder a folder holding the model's files (FastEmbed's {@code specific_model_path})
     * @param origin where it came from, for messages
     * @return the model's ONNX graph, tokenizer and FastEmbed's pooling for it
     */
    static ModelSource fromFolder(FastEmbedModel model, Path folder, String origin) {
        Path graph = folder.resolve(model.modelFile());
        Path tokenizer = folder.resolve("tokenizer.json");
        for (Path required : List.of(graph, tokenizer)) {
            if (!Files.isRegularFile(required)) {
                throw new BackendInitializationException("FastEmbed model folder " + folder + " has no " + folder.relativize(required)
                        + "; FastEmbed's download of '" + model.id() + "' holds " + model.modelFile() + " and tokenizer.json");
            }
        }
        SentenceTransformerModules modules = new SentenceTransformerModules(EnumSet.of(model.pooling()), List.of(),
                model.normalize(), maxLength(folder), false, Map.of(), null, true);
        return new ModelSource(model.id(), ModelBlob.of(graph), ModelBlob.of(tokenizer), modules, origin);
    }

    /**
     * FastEmbed's {@code load_tokenizer}: truncation at the smaller of {@code model_max_length} and
     * {@code max_length} of {@code tokenizer_config.json}; a model without either is refused, as there.
     */
    static int maxLength(Path folder) {
        Path file = folder.resolve("tokenizer_config.json");
        JsonNode config;
        try {
            config = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BackendInitializationException("cannot read " + file + " (FastEmbed takes the truncation length from it): "
                    + e.getMessage(), e);
        }
        double length = Double.POSITIVE_INFINITY;
        for (String key : List.of("model_max_length", "max_length")) {
            if (config.path(key).isNumber()) {
                length = Math.min(length, config.path(key).asDouble());
            }
        }
        if (Double.isInfinite(length)) {
            throw new BackendInitializationException(file + " has neither model_max_length nor max_length; FastEmbed does not "
                    + "support such models (it needs the truncation length)");
        }
        return (int) Math.min(length, Integer.MAX_VALUE);
    }
}
