package org.topicj.use;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.topicj.embed.Embedder;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * The {@code use} provider: Universal Sentence Encoder and other string-to-vector TensorFlow
 * SavedModels. Keys: {@code use:/path/to/savedmodel}, {@code use:https://tfhub.dev/google/universal-sentence-encoder/4}
 * (a TF Hub or Kaggle handle, found in the TF Hub cache), or the bare names
 * {@code universal-sentence-encoder-4}, {@code universal-sentence-encoder-large-5},
 * {@code universal-sentence-encoder-multilingual-3}, ... which this provider claims before
 * sentence-transformers does (rank 5). USE lite is not among them: it takes SentencePiece ids, not strings.
 *
 * <p>Options: {@code batch_size} (default 64), {@code signature} (signature key; found by default),
 * {@code output} (output name, when a signature has several), {@code tags} (comma-separated; default
 * {@code serve}), {@code normalize} (default false), {@code cache_dir} (TF Hub cache; default
 * {@code TFHUB_CACHE_DIR}), {@code allow_download} (fetch a missing handle; default false).
 */
public final class UseEmbedderProvider implements EmbedderProvider {
    /** Every published Universal Sentence Encoder returns 512 columns. */
    static final int USE_DIMENSION = 512;

    @Override
    public String name() {
        return "use";
    }

    @Override
    public int rank() {
        return 5;
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-use";
    }

    @Override
    public boolean claims(String modelId) {
        return TfHubResolver.isShortName(modelId);
    }

    @Override
    public String claimsDescription() {
        return "universal-sentence-encoder-4, -large-5, -multilingual-3, -multilingual-large-3 (TF Hub cache); "
                + "use:/path/to/savedmodel; use:TFHUB_OR_KAGGLE_URL";
    }

    @Override
    public OptionalInt dimension(String modelId) {
        boolean use = TfHubResolver.isShortName(modelId) || modelId.contains("/universal-sentence-encoder");
        return use ? OptionalInt.of(USE_DIMENSION) : OptionalInt.empty();
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.integer("batch_size", 64, "texts per TensorFlow session run"),
                BackendOption.string("signature", null, "the SavedModel signature (default: serving_default, else the only one)"),
                BackendOption.string("output", null, "the signature output holding the vectors"),
                BackendOption.string("tags", "serve", "comma-separated SavedModel tags"),
                BackendOption.bool("normalize", false, "scale every vector to unit length"),
                BackendOption.location("cache_dir", "the TF Hub cache folder (default: TFHUB_CACHE_DIR, else java.io.tmpdir/tfhub_modules)"),
                BackendOption.bool("allow_download", false, "fetch a model missing from the cache from its handle URL"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        Path cacheDir = spec.option("cache_dir").map(Path::of).orElse(null);
        Path folder = new TfHubResolver(System::getenv, cacheDir).resolve(spec.model(), spec.booleanOption("allow_download", false));
        UseEmbedder.Builder b = UseEmbedder.builder()
                .folder(folder)
                .modelId(spec.model())
                .key(spec.key())
                .batchSize(spec.intOption("batch_size", 64))
                .normalize(spec.booleanOption("normalize", false));
        spec.option("signature").ifPresent(b::signature);
        spec.option("output").ifPresent(b::output);
        spec.option("tags").ifPresent(t -> b.tags(t.split("\\s*,\\s*")));
        return b.build();
    }
}
