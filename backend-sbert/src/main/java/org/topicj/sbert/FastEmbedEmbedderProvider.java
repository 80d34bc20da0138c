package org.topicj.sbert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * The {@code fastembed} provider (BERTopic's {@code FastEmbedBackend}): Qdrant FastEmbed's ONNX
 * text models, e.g. {@code fastembed:BAAI/bge-small-en-v1.5}, read from FastEmbed's own cache (see
 * {@link FastEmbedCache}) and run on backend-sbert's ONNX Runtime path with FastEmbed's pooling and
 * normalisation for that model ({@link FastEmbedModel}). It claims no bare id: name it.
 *
 * <p>Options: {@code cache_dir} (FastEmbed's {@code cache_dir}), {@code model_path} (FastEmbed's
 * {@code specific_model_path}: the model's folder), {@code revision}, {@code batch_size} (256,
 * FastEmbed's), {@code threads} (0 = all cores).
 *
 * <p>Thread-safety: stateless.
 */
public final class FastEmbedEmbedderProvider implements EmbedderProvider {
    /** After sbert: it claims no bare id, so the rank only orders listings. */
    public static final int RANK = 20;

    private final Function<String, String> env;

    /** A provider reading the process environment. */
    public FastEmbedEmbedderProvider() {
        this(System::getenv);
    }

    FastEmbedEmbedderProvider(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "fastembed";
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-sbert";
    }

    @Override
    public boolean claims(String modelId) {
        return false;
    }

    @Override
    public String claimsDescription() {
        return "no bare ids; fastembed:NAME for the " + FastEmbedModel.ALL.size() + " text models FastEmbed names "
                + "(e.g. BAAI/bge-small-en-v1.5), from FastEmbed's cache";
    }

    @Override
    public OptionalInt dimension(String modelId) {
        return FastEmbedModel.find(modelId).map(m -> OptionalInt.of(m.dimension())).orElse(OptionalInt.empty());
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.location("cache_dir", "FastEmbed's cache folder (default: FASTEMBED_CACHE_PATH, else "
                        + "fastembed_cache in the temporary folder)"),
                BackendOption.location("model_path", "the model's folder itself (FastEmbed's specific_model_path)"),
                BackendOption.string("revision", "main", "branch, tag or commit in the cache's Hugging Face layout"),
                BackendOption.integer("batch_size", 256, "texts per ONNX Runtime run"),
                BackendOption.integer("threads", 0, "ONNX Runtime intra-op threads; 0 = every core"),
                BackendOption.string("precision", "fp32", "fp32, or int8: MatMul weights quantised on load (about 2x faster)"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        FastEmbedModel model = FastEmbedModel.find(spec.model().trim()).orElseThrow(() -> new BackendInitializationException(
                "FastEmbed does not name a text model '" + spec.model() + "'; it names: "
                        + FastEmbedModel.ALL.stream().map(FastEmbedModel::id).collect(Collectors.joining(", "))));
        ModelSource source = spec.option("model_path")
                .map(p -> {
                    Path folder = Path.of(p);
                    if (!Files.isDirectory(folder)) {
                        throw new BackendInitializationException("model_path " + folder.toAbsolutePath() + " is not a folder");
                    }
                    return FastEmbedCache.fromFolder(model, folder, "folder " + folder.toAbsolutePath());
                })
                .orElseGet(() -> FastEmbedCache.of(spec.option("cache_dir").orElse(null), env)
                        .locate(model, spec.option("revision").orElse(null)));
        int batchSize = spec.intOption("batch_size", 256);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
        }
        int threads = spec.intOption("threads", 0);
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (all cores) or more, got " + threads);
        }
        Precision precision = Precision.parse(spec.option("precision").orElse("fp32"));
        return SentenceTransformerEmbedder.open(source, batchSize, threads, precision, spec.key());
    }
}
